import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type SpawnedSisconf, spawnSisconf } from "../../bench/support/spawn-sisconf.ts";
import { announceToCustomers } from "../../core/app/announce-to-customers.ts";
import type { CoreContext } from "../../core/app/context.ts";
import { placeOrder } from "../../core/app/place-order.ts";
import { SEND_LEASE_MS } from "../../core/app/send-notifications.ts";
import { setAnnouncementConsent } from "../../core/app/set-announcement-consent.ts";
import { type Database, openDatabase, selectRows } from "../../core/db/database.ts";
import { exampleCatalog } from "../support/example-catalog.ts";
import { freePort } from "../support/free-port.ts";
import { createPostgresDatabase } from "../support/test-database.ts";
import { type GraphApiStandIn, startGraphApiStandIn } from "../transports/graph-api-stand-in.ts";

const TOKEN = "announce-crash-token-0123456789";
const ADMIN = "5584999990000";
const CUSTOMERS = 400;
/** The customer who said "parar". */
const STOPPED = 7;
const phoneOf = (index: number) => `55849770${String(index).padStart(5, "0")}`;

interface Drill {
  store: Database;
  context: CoreContext;
  businessId: number;
  /** Starts the system again on the same database and data. */
  restart: () => Promise<void>;
  crash: () => Promise<void>;
  /** How many messages the platform has taken so far. */
  taken: () => number;
  /** How many copies of the announcement reached each customer, by customer index. */
  copies: () => number[];
  /** What reached the entrepreneur. */
  toEntrepreneur: () => number;
}

/**
 * Queues an announcement to CUSTOMERS customers (one said "parar"), kills the system with SIGKILL about a third of
 * the way through while messages the platform took are not yet recorded as sent, starts it again, and checks that
 * every customer but that one got it exactly once. The sender's claims lapse after SEND_LEASE_MS; what was in flight
 * is then asked about (`Transport.wasDelivered`) before it goes.
 */
async function announceAcrossACrash(drill: Drill, settleMs: number): Promise<void> {
  const { store, context, businessId } = drill;
  await store.db.execute(
    sql`insert into customers (business_id, phone)
      select ${businessId}, '55849770' || lpad(n::text, 5, '0') from generate_series(0, ${CUSTOMERS - 1}) n`,
  );
  await setAnnouncementConsent(context, { businessId, phone: phoneOf(STOPPED), listening: false, locale: "pt-BR" });
  const { recipients } = await announceToCustomers(context, {
    businessId,
    text: "Chegaram as mangas!",
    sentBy: ADMIN,
    entrepreneurPhones: [ADMIN],
  });
  expect(recipients).toBe(CUSTOMERS - 1);

  const sent = async () => {
    const [row] = await selectRows<{ sent: number }>(
      store.db,
      sql`select count(*)::integer as sent from notifications
        where payload ->> 'kind' = 'announcement' and status = 'sent'`,
    );
    return row?.sent ?? 0;
  };
  // At 80 a second, the announcement is about a third of the way out.
  for (let waited = 0; drill.taken() < CUSTOMERS / 3 && waited < 20_000; waited += 20) await sleep(20);
  // The store is slow just then (the outbox is locked): the platform takes messages whose sends cannot be recorded,
  // and the process is killed with them in flight (as many as 10 if they come within 10 s).
  await store.db.transaction(async (tx) => {
    await tx.execute(sql`lock table notifications in share mode`);
    for (let waited = 0; drill.taken() - (await sent()) < 10 && waited < 10_000; waited += 50) await sleep(50);
    await drill.crash();
  });
  const taken = drill.taken();
  expect(taken).toBeLessThan(CUSTOMERS - 1);
  expect(taken - (await sent()), "sends the platform took, not recorded at the kill").toBeGreaterThan(0);

  await drill.restart();
  const deadline = Date.now() + settleMs;
  while ((await sent()) < CUSTOMERS - 1 && Date.now() < deadline) await sleep(250);
  expect(await sent()).toBe(CUSTOMERS - 1);
  // Anything still on its way would show now.
  await sleep(2000);
  const copies = drill.copies();
  expect(copies[STOPPED]).toBe(0);
  // Nobody is skipped and nobody gets it twice, the messages the platform took just before the kill included.
  expect(copies.flatMap((count, index) => (index !== STOPPED && count !== 1 ? [[phoneOf(index), count]] : []))).toEqual(
    [],
  );
  expect(drill.toEntrepreneur()).toBe(0);
}

async function openStore(url: string): Promise<{ store: Database; context: CoreContext; businessId: number }> {
  const store = await openDatabase({ url, dataDir: "", poolSize: 2 });
  const context: CoreContext = { db: store.db, now: () => new Date(), emit: () => {} };
  const [business] = await selectRows<{ id: number }>(store.db, sql`select id from businesses order by id limit 1`);
  return { store, context, businessId: business?.id ?? 0 };
}

async function kill(server: SpawnedSisconf | null): Promise<void> {
  if (!server) throw new Error("no server");
  const exited = new Promise((resolve) => server.child.once("exit", resolve));
  server.child.kill("SIGKILL");
  await exited;
}

/** Through the simulator: its own record of what it delivered (DATA_DIR/simulator/delivered.tsv) is the witness. */
describe("drill: a crash in the middle of an announcement through the simulator", () => {
  let database: { url: string; drop: () => Promise<void> };
  let opened: Awaited<ReturnType<typeof openStore>>;
  let dataDir: string;
  let port: number;
  let server: SpawnedSisconf | null = null;

  const start = () =>
    spawnSisconf("start", port, {
      DATABASE_URL: database.url,
      DATA_DIR: dataDir,
      API_TOKEN: TOKEN,
      ADMIN_PHONES: ADMIN,
      BOT_SEND_PER_SECOND: "80",
    });
  const delivered = () => {
    const file = path.join(dataDir, "simulator", "delivered.tsv");
    if (!existsSync(file)) return [];
    return readFileSync(file, "utf8")
      .split("\n")
      .filter(Boolean)
      .map((line) => line.split("\t")[1] ?? "");
  };

  beforeAll(async () => {
    database = await createPostgresDatabase();
    dataDir = mkdtempSync(path.join(tmpdir(), "sisconf-announce-sim-crash-"));
    port = await freePort();
    server = await start();
    opened = await openStore(database.url);
  });
  afterAll(async () => {
    await server?.stop();
    await opened?.store.close();
    await database?.drop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it("sends the announcement to every customer but the one who said parar exactly once across a SIGKILL", {
    timeout: SEND_LEASE_MS + 60_000,
  }, async () => {
    await announceAcrossACrash(
      {
        ...opened,
        restart: async () => {
          server = await start();
        },
        crash: async () => {
          await kill(server);
          server = null;
        },
        taken: () => delivered().length,
        copies: () => {
          const to = delivered();
          return Array.from({ length: CUSTOMERS }, (_, index) => to.filter((phone) => phone === phoneOf(index)).length);
        },
        toEntrepreneur: () => delivered().filter((phone) => phone === ADMIN).length,
      },
      SEND_LEASE_MS + 30_000,
    );
  });
});

/**
 * Through the Cloud API: the Graph API stand-in sees every message on the wire and reports statuses (echoing
 * `biz_opaque_callback_data`, posted again until the webhook takes them, as Meta does). Then a scheduled close.
 */
describe("drill: a crash in the middle of an announcement or a scheduled close", () => {
  let database: { url: string; drop: () => Promise<void> };
  let store: Database;
  let context: CoreContext;
  let dataDir: string;
  let port: number;
  let graph: GraphApiStandIn;
  let server: SpawnedSisconf | null = null;
  let businessId: number;

  const start = async (extra: Record<string, string> = {}) =>
    spawnSisconf("start", port, {
      DATABASE_URL: database.url,
      DATA_DIR: dataDir,
      API_TOKEN: TOKEN,
      ADMIN_PHONES: ADMIN,
      BOT_TRANSPORT: "cloud-api",
      WHATSAPP_CLOUD_VERIFY_TOKEN: "verify",
      WHATSAPP_CLOUD_APP_SECRET: "secret",
      WHATSAPP_CLOUD_ACCESS_TOKEN: "access",
      WHATSAPP_CLOUD_PHONE_NUMBER_ID: "100200300",
      WHATSAPP_CLOUD_GRAPH_URL: graph.url,
      BOT_SEND_PER_SECOND: "80",
      BATCH_SCHEDULE_CHECK_SECONDS: "1",
      ...extra,
    });
  const crash = async () => {
    await kill(server);
    server = null;
  };
  /** What reached `to` saying `containing`: free-form, or as a template's parameter (outside the 24-hour window). */
  const deliveredTexts = (to: string, containing: string) =>
    graph.delivered(to).filter((request) => {
      const parameters = (request.body.template?.components ?? []).flatMap((component) =>
        (component.parameters ?? []).map((parameter) => parameter.text ?? ""),
      );
      return [request.body.text?.body ?? "", ...parameters].some((text) => text.includes(containing));
    });

  beforeAll(async () => {
    database = await createPostgresDatabase();
    dataDir = mkdtempSync(path.join(tmpdir(), "sisconf-announce-crash-"));
    port = await freePort();
    graph = await startGraphApiStandIn({ statuses: true });
    server = await start();
    graph.connect({ url: `${server.url}/webhooks/whatsapp`, appSecret: "secret", phoneNumberId: "100200300" });
    const response = await fetch(`${server.url}/api/v1/catalog`, {
      method: "PUT",
      headers: { "content-type": "application/json", authorization: `Bearer ${TOKEN}` },
      body: JSON.stringify(exampleCatalog()),
    });
    expect(response.status).toBe(200);
    ({ store, context, businessId } = await openStore(database.url));
  });
  afterAll(async () => {
    await server?.stop();
    await store?.close();
    await graph?.close();
    await database?.drop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it("sends the announcement to every customer but the one who said parar exactly once across a SIGKILL", {
    // Claims lapse after a lease; a send in flight then waits for its status for up to a minute more.
    timeout: SEND_LEASE_MS + 150_000,
  }, async () => {
    await announceAcrossACrash(
      {
        store,
        context,
        businessId,
        restart: async () => {
          server = await start();
        },
        crash,
        taken: () => graph.requests.filter((request) => request.status === 200).length,
        copies: () => Array.from({ length: CUSTOMERS }, (_, index) => deliveredTexts(phoneOf(index), "mangas").length),
        toEntrepreneur: () => graph.delivered(ADMIN).length,
      },
      SEND_LEASE_MS + 120_000,
    );
  });

  it("closes the batch once when the system is killed as the scheduled moment comes, and tells each once", {
    timeout: 60_000,
  }, async () => {
    const customer = phoneOf(1);
    await placeOrder(context, { businessId, phone: customer, items: [{ sku: "tomate", quantityMilli: 2000 }] });
    await crash();
    // The schedule's last moment was a minute ago; it was set, and the batch opened, a week before that.
    const now = new Date();
    const local = new Intl.DateTimeFormat("en-US", {
      timeZone: "America/Fortaleza",
      weekday: "short",
      hour: "2-digit",
      minute: "2-digit",
      hourCycle: "h23",
    }).formatToParts(new Date(now.getTime() - 60_000));
    const part = (type: string) => local.find((entry) => entry.type === type)?.value ?? "";
    const schedule = `${part("weekday").toLowerCase()} ${part("hour")}:${part("minute")}`;
    await store.db.execute(sql`update batches set opened_at = opened_at - interval '8 days' where status = 'open'`);
    await store.db.execute(
      sql`insert into batch_close_schedules (business_id, schedule, source, since)
        values (${businessId}, ${schedule}, 'chat', now() - interval '8 days')
        on conflict (business_id) do update set schedule = excluded.schedule, source = 'chat', since = excluded.since`,
    );
    const sentBefore = graph.requests.length;
    // Killed at once, then again a moment later, wherever the close had got to.
    for (const after of [0, 300, 700]) {
      server = await start();
      await sleep(after);
      await crash();
    }
    server = await start();
    for (let waited = 0; deliveredTexts(ADMIN, "horário marcado").length === 0 && waited < 20_000; waited += 100) {
      await sleep(100);
    }
    await sleep(2000);
    const closed = await selectRows<{ number: number }>(
      store.db,
      sql`select number from batches where status = 'closed'`,
    );
    expect(closed).toEqual([{ number: 1 }]);
    expect(deliveredTexts(ADMIN, "horário marcado")).toHaveLength(1);
    const news = graph.requests
      .slice(sentBefore)
      .filter((request) => request.body.to === customer && request.status === 200);
    expect(news).toHaveLength(1);
  });
});
