import { mkdtempSync, rmSync } from "node:fs";
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
const phoneOf = (index: number) => `55849770${String(index).padStart(5, "0")}`;

/**
 * The whole system is killed (SIGKILL: no chance to finish what it holds) in the middle of an announcement going
 * out at the Cloud API's pace, then in the middle of a scheduled close, and started again. The Graph API stand-in
 * sees every message on the wire.
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
    const current = server;
    if (!current) throw new Error("no server");
    const exited = new Promise((resolve) => current.child.once("exit", resolve));
    current.child.kill("SIGKILL");
    await exited;
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
    graph = await startGraphApiStandIn();
    server = await start();
    const response = await fetch(`${server.url}/api/v1/catalog`, {
      method: "PUT",
      headers: { "content-type": "application/json", authorization: `Bearer ${TOKEN}` },
      body: JSON.stringify(exampleCatalog()),
    });
    expect(response.status).toBe(200);
    store = await openDatabase({ url: database.url, dataDir: "", poolSize: 2 });
    context = { db: store.db, now: () => new Date(), emit: () => {} };
    const [business] = await selectRows<{ id: number }>(store.db, sql`select id from businesses order by id limit 1`);
    businessId = business?.id ?? 0;
  });
  afterAll(async () => {
    await server?.stop();
    await store?.close();
    await graph?.close();
    await database?.drop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it("sends the announcement to every customer but the one who said parar across a SIGKILL, twice only if in flight", {
    timeout: SEND_LEASE_MS + 90_000,
  }, async () => {
    await store.db.execute(
      sql`insert into customers (business_id, phone)
        select ${businessId}, '55849770' || lpad(n::text, 5, '0') from generate_series(0, ${CUSTOMERS - 1}) n`,
    );
    await setAnnouncementConsent(context, { businessId, phone: phoneOf(7), listening: false, locale: "pt-BR" });
    const { recipients } = await announceToCustomers(context, {
      businessId,
      text: "Chegaram as mangas!",
      sentBy: ADMIN,
      entrepreneurPhones: [ADMIN],
    });
    expect(recipients).toBe(CUSTOMERS - 1);

    // At 80 a second, the announcement is about a third of the way out.
    for (let waited = 0; graph.requests.length < CUSTOMERS / 3 && waited < 20_000; waited += 50) await sleep(50);
    await crash();
    const beforeCrash = graph.requests.length;
    expect(beforeCrash).toBeLessThan(CUSTOMERS - 1);

    server = await start();
    // What the dead process had claimed waits for its claims to lapse; the rest goes at once.
    const deadline = Date.now() + SEND_LEASE_MS + 60_000;
    while (graph.requests.filter((request) => request.status === 200).length < CUSTOMERS - 1 && Date.now() < deadline) {
      await sleep(200);
    }
    await sleep(2000);
    const counts = Array.from({ length: CUSTOMERS }, (_, index) => deliveredTexts(phoneOf(index), "mangas").length);
    expect(counts[7]).toBe(0);
    // Nobody is skipped, and nobody gets it three times.
    expect(counts.filter((count, index) => index !== 7 && (count < 1 || count > 2))).toEqual([]);
    // A message the platform took whose sending was not yet recorded when the process was killed is sent again:
    // no platform takes a key that would make a resend harmless. That can only be a message of the last moment
    // before the kill (the sender records its sends as it goes), never one sent earlier.
    const IN_FLIGHT = 80;
    const twice = counts.flatMap((count, index) => (count === 2 ? [phoneOf(index)] : []));
    expect(twice.length).toBeLessThanOrEqual(IN_FLIGHT);
    for (const phone of twice) {
      const first = graph.requests.findIndex(
        (request) => request.body.to === phone && request.status === 200 && !request.body.status,
      );
      expect(first).toBeGreaterThanOrEqual(beforeCrash - IN_FLIGHT);
    }
    expect(graph.delivered(ADMIN)).toEqual([]);
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
