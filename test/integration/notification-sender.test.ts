import { eq } from "drizzle-orm";
import pino from "pino";
import { Registry } from "prom-client";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createBotMetrics } from "../../bot/bot-metrics.ts";
import { NotificationSender } from "../../bot/outbox/notification-sender.ts";
import { SentRecorder } from "../../bot/outbox/sent-recorder.ts";
import type { DeliveryCheck, OutboundMessage, Transport, UnconfirmedSend } from "../../bot/transports/transport.ts";
import { answerMessage } from "../../core/app/answer-message.ts";
import type { CoreContext } from "../../core/app/context.ts";
import { markNotificationsSent, SEND_LEASE_MS } from "../../core/app/send-notifications.ts";
import { notifications } from "../../core/db/schema.ts";
import { createTestDatabase, type TestDatabase } from "../support/test-database.ts";

/** A transport that reaches nobody: `send` and `wasDelivered` say what each test needs. */
function transportOf(parts: Pick<Transport, "send" | "wasDelivered">): Transport {
  return { name: "simulator", async start() {}, async stop() {}, async close() {}, routers: () => [], ...parts };
}

/** A sender for tests: silent, polling only when poked, with no pacing unless `perRecipientIntervalMs` says. */
function senderFor(test: TestDatabase, transport: Transport, perRecipientIntervalMs = 0): NotificationSender {
  return new NotificationSender(
    test.context,
    test.businessId,
    transport,
    pino({ level: "silent" }),
    { perRecipientIntervalMs, globalPerSecond: Number.POSITIVE_INFINITY, maxAttempts: 5, pollMs: 60_000 },
    createBotMetrics(new Registry(), "simulator"),
  );
}

/**
 * The test's database, with the outbox's claims held back until `release`: the loop's claim stays on its way for as
 * long as a test needs. A claim is the one statement that locks the messages it takes (`for update skip locked`).
 */
function holdingClaims(context: CoreContext) {
  let started = () => {};
  const claimStarted = new Promise<void>((resolve) => {
    started = resolve;
  });
  let release = () => {};
  const released = new Promise<void>((resolve) => {
    release = resolve;
  });
  type Session = CoreContext["db"]["_"]["session"];
  const session = context.db._.session;
  const held = new Proxy(session, {
    get(target, key) {
      if (key !== "prepareQuery") return Reflect.get(target, key);
      return (...[query, ...rest]: Parameters<Session["prepareQuery"]>) => {
        const prepared = target.prepareQuery(query, ...rest);
        if (!query.sql.includes("for update skip locked")) return prepared;
        return new Proxy(prepared, {
          get(preparedTarget, preparedKey) {
            if (preparedKey !== "execute") return Reflect.get(preparedTarget, preparedKey);
            return async (...args: Parameters<typeof preparedTarget.execute>) => {
              started();
              await released;
              return preparedTarget.execute(...args);
            };
          },
        });
      };
    },
  });
  const db = new Proxy(context.db, {
    get(target, key) {
      return key === "_" ? { ...target._, session: held } : Reflect.get(target, key);
    },
  });
  return { context: { ...context, db }, claimStarted, release };
}

describe("the notification sender", () => {
  let test: TestDatabase;
  const sent: { phone: string; text: string }[] = [];
  const transport = transportOf({
    wasDelivered: async () => ({ kind: "not_delivered" }),
    async send(phone: string, message: OutboundMessage) {
      sent.push({ phone, text: message.text });
      return { messageIds: [] };
    },
  });
  const newSender = (through: Transport) => senderFor(test, through);
  let sender: NotificationSender;
  beforeAll(async () => {
    test = await createTestDatabase("pglite");
    sender = newSender(transport);
  });
  afterAll(async () => {
    await sender?.stop();
    await test?.close();
  });

  const queueReply = async (phone: string, inboundId: number, text: string) => {
    const [reply] = await (
      await answerMessage(test.context, {
        businessId: test.businessId,
        phone,
        inboundId,
        state: null,
        replies: [{ text }],
      })
    ).result;
    if (!reply) throw new Error("reply not queued");
    return reply;
  };
  const statusOf = async (id: number) =>
    (await test.context.db.select().from(notifications).where(eq(notifications.id, id)))[0]?.status;

  it("sends the replies it holds the claim of, and records them sent", async () => {
    const reply = await queueReply("5584966600001", 1, "olá");
    sender.sendReplies("5584966600001", [reply], false);
    await sender.whenSent("5584966600001");
    expect(sent).toContainEqual({ phone: "5584966600001", text: "olá" });
    expect(await statusOf(reply.id)).toBe("sent");
  });

  it("waits in whenSent for the loop's claim on its way, so news the loop takes is sent before it returns", async () => {
    // A message's own news (an admin command's answer) queued after its commit, taken by the loop, not by the reply.
    const [news] = await test.context.db
      .insert(notifications)
      .values({ businessId: test.businessId, phone: "5584966600009", payload: { kind: "reply", text: "admin" } })
      .returning();
    const held = holdingClaims(test.context);
    const looping = senderFor({ ...test, context: held.context }, transport);
    looping.start();
    await held.claimStarted;
    let returned = false;
    const waiting = looping.whenSent("5584966600009").then(() => {
      returned = true;
    });
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(returned).toBe(false);
    held.release();
    await waiting;
    expect(sent).toContainEqual({ phone: "5584966600009", text: "admin" });
    expect(await statusOf(news?.id ?? 0)).toBe("sent");
    await looping.stop();
  });

  it("leaves a reply whose claim has run out to the claim that holds it now, instead of sending it twice", async () => {
    const reply = await queueReply("5584966600002", 2, "atrasada");
    sender.sendReplies("5584966600002", [{ ...reply, claimedUntil: new Date(Date.now() - 1000) }], false);
    await sender.whenSent("5584966600002");
    expect(sent.filter((message) => message.phone === "5584966600002")).toEqual([]);
    expect(await statusOf(reply.id)).toBe("sending");
  });

  it("gives back, due at its turn and uncounted, a message whose turn under the pacing comes after its claim", async () => {
    const paced = senderFor(test, transport, 2000);
    const phone = "5584966600041";
    const replies = [
      await queueReply(phone, 41, "primeira"),
      await queueReply(phone, 42, "segunda"),
      await queueReply(phone, 43, "terceira"),
    ];
    // A claim of 8 s: the third message's turn (at 4 s) leaves less than the sender's margin of it.
    const claimedUntil = new Date(Date.now() + 8000);
    paced.sendReplies(
      phone,
      replies.map((reply) => ({ ...reply, claimedUntil })),
      false,
    );
    await paced.whenSent(phone);
    expect(sent.filter((message) => message.phone === phone).map((message) => message.text)).toEqual([
      "primeira",
      "segunda",
    ]);
    const [third] = await test.context.db
      .select()
      .from(notifications)
      .where(eq(notifications.id, replies[2]?.id ?? 0));
    expect(third).toMatchObject({ status: "pending", attempts: 0, claimedUntil: null });
    const dueIn = (third?.nextAttemptAt.getTime() ?? 0) - Date.now();
    expect(dueIn).toBeGreaterThan(-1000);
    expect(dueIn).toBeLessThan(4000);
  });

  it("records replies sent to many people at the same moment, each with its own text", async () => {
    const phones = Array.from({ length: 40 }, (_, index) => `55849666001${String(index).padStart(2, "0")}`);
    const replies = await Promise.all(phones.map((phone, index) => queueReply(phone, 100 + index, `oi ${index}`)));
    phones.forEach((phone, index) => {
      sender.sendReplies(phone, [replies[index] as (typeof replies)[number]], false);
    });
    await Promise.all(phones.map((phone) => sender.whenSent(phone)));
    const rows = await Promise.all(
      replies.map(
        async (reply) => (await test.context.db.select().from(notifications).where(eq(notifications.id, reply.id)))[0],
      ),
    );
    expect(rows.map((row) => [row?.status, row?.sentMessage])).toEqual(
      phones.map((_, index) => ["sent", { text: `oi ${index}` }]),
    );
  });

  it("fails the messages of a record that could not be written, which stay claimed", async () => {
    const reply = await queueReply("5584966600003", 3, "sem registro");
    const away = await createTestDatabase("pglite");
    await away.close();
    const context = { ...test.context, db: away.context.db };
    const recorder = new SentRecorder((sent) => markNotificationsSent(context, sent));
    await expect(
      recorder.record({ claim: reply, message: { text: "sem registro" }, sentAt: new Date() }),
    ).rejects.toThrow();
    expect(await statusOf(reply.id)).toBe("sending");
    // The store is back: the same recorder is not stuck, and records the next message.
    context.db = test.context.db;
    await recorder.record({ claim: reply, message: { text: "sem registro" }, sentAt: new Date() });
    expect(await statusOf(reply.id)).toBe("sent");
  });

  it("when stopped, first sends what the messages in hand queued for other people", async () => {
    // The customer's platform is slow: its send is still on its way when the entrepreneur's reply is done.
    const slowForOthers: Transport = {
      ...transport,
      async send(phone: string, message: OutboundMessage) {
        if (phone === "5584966600005") await new Promise((resolve) => setTimeout(resolve, 300));
        sent.push({ phone, text: message.text });
        return { messageIds: [] };
      },
    };
    const stopping = newSender(slowForOthers);
    const reply = await queueReply("5584966600004", 4, "lote fechado");
    // News the entrepreneur's message queued for a customer, due now.
    const [news] = await test.context.db
      .insert(notifications)
      .values({ businessId: test.businessId, phone: "5584966600005", payload: { kind: "reply", text: "seu pedido" } })
      .returning();
    stopping.sendReplies("5584966600004", [reply], true);
    await stopping.stop();
    expect(sent).toContainEqual({ phone: "5584966600005", text: "seu pedido" });
    expect(await statusOf(news?.id ?? 0)).toBe("sent");
  });
});

describe("the notification sender, with a message whose sender died while sending it", () => {
  let test: TestDatabase;
  beforeAll(async () => {
    test = await createTestDatabase("pglite");
  });
  afterAll(async () => {
    await test?.close();
  });

  const startedSender = (parts: Pick<Transport, "send" | "wasDelivered">) => {
    const sender = senderFor(test, transportOf(parts));
    sender.start();
    return sender;
  };
  const rowOf = async (id: number) =>
    (await test.context.db.select().from(notifications).where(eq(notifications.id, id)))[0];

  /** A message claimed by a sender that died: its claim ended a second ago, nothing recorded. */
  const leftInFlight = async (phone: string) => {
    const claimedUntil = new Date(Date.now() - 1000);
    const [row] = await test.context.db
      .insert(notifications)
      .values({
        businessId: test.businessId,
        phone,
        payload: { kind: "announcement", announcementId: 1, text: "Chegaram as mangas!" },
        status: "sending",
        attempts: 1,
        claimedUntil,
      })
      .returning();
    if (!row) throw new Error("not queued");
    return { id: row.id, claimedUntil };
  };

  const answers: { answer: string; check: () => Promise<DeliveryCheck>; sends: number; status: string }[] = [
    { answer: "it went", check: async () => ({ kind: "delivered" }), sends: 0, status: "sent" },
    { answer: "it did not go", check: async () => ({ kind: "not_delivered" }), sends: 1, status: "sent" },
    {
      answer: "the platform may still tell",
      check: async () => ({ kind: "unknown", askAgainAt: new Date(Date.now() + 3_600_000) }),
      sends: 0,
      status: "pending",
    },
    {
      answer: "it cannot be asked now",
      check: async () => {
        throw new Error("WhatsApp is not connected");
      },
      sends: 0,
      status: "pending",
    },
  ];

  it.each(answers)(
    "asks the transport before sending again, and acts on '$answer'",
    async ({ check, sends, status }) => {
      const phone = `55849777${String(answers.findIndex((entry) => entry.check === check)).padStart(5, "0")}`;
      const { id, claimedUntil } = await leftInFlight(phone);
      const asked: UnconfirmedSend[] = [];
      const sent: string[] = [];
      const sender = startedSender({
        async wasDelivered(send) {
          asked.push(send);
          return check();
        },
        async send(to: string) {
          sent.push(to);
          return { messageIds: [] };
        },
      });
      await vi.waitFor(async () => expect((await rowOf(id))?.status).toBe(status), { timeout: 5000 });
      await sender.stop();
      expect(asked).toEqual([
        expect.objectContaining({
          outboxEntryId: id,
          to: phone,
          message: expect.objectContaining({ text: expect.stringContaining("Chegaram as mangas!") }),
          from: new Date(claimedUntil.getTime() - SEND_LEASE_MS),
          until: claimedUntil,
        }),
      ]);
      expect(sent).toHaveLength(sends);
      const row = await rowOf(id);
      if (status === "sent") {
        expect(row).toMatchObject({ unconfirmedFrom: null, unconfirmedUntil: null });
      } else {
        // Given back uncounted, with the span kept: it is asked about again, never sent blind.
        expect(row).toMatchObject({ attempts: 1, unconfirmedUntil: claimedUntil });
        expect(row?.nextAttemptAt.getTime()).toBeGreaterThan(Date.now() + 10_000);
      }
    },
  );

  it("asks before trying again a send that got no answer, since the platform may have taken it", async () => {
    const [row] = await test.context.db
      .insert(notifications)
      .values({ businessId: test.businessId, phone: "5584977700100", payload: { kind: "reply", text: "sem resposta" } })
      .returning();
    const id = row?.id ?? 0;
    const sender = startedSender({
      wasDelivered: async () => ({ kind: "not_delivered" }),
      async send() {
        throw new Error("the WhatsApp Cloud API did not answer within 15000 ms");
      },
    });
    await vi.waitFor(async () => expect((await rowOf(id))?.status).toBe("pending"), { timeout: 5000 });
    await sender.stop();
    expect(await rowOf(id)).toMatchObject({ unconfirmedFrom: expect.any(Date), unconfirmedUntil: expect.any(Date) });
  });
});
