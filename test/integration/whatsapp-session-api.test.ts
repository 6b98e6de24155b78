import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { sql } from "drizzle-orm";
import pino from "pino";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { type Bot, createBot } from "../../bot/bot.ts";
import { WhatsappWebTransport } from "../../bot/transports/whatsapp-web/whatsapp-web-transport.ts";
import { recordWhatsappSession } from "../../core/app/record-whatsapp-session.ts";
import { createBuiltInIdentity } from "../../core/identity/built-in-identity.ts";
import { exampleCatalog } from "../support/example-catalog.ts";
import { testBotOptions } from "../support/test-bot-options.ts";
import { DATABASE_KINDS } from "../support/test-database.ts";
import { startTestSystem, TEST_API_TOKEN, type TestSystem } from "../support/test-system.ts";
import { FakeWhatsappClient } from "../transports/fake-whatsapp-client.ts";

const ADMIN = "5584988886666";
const WARNING =
  /^299 sisconf "WhatsApp session was unlinked on the phone at \S+Z; (back at \S+Z|not back yet[^;]*); see GET \/api\/v1\/whatsapp"$/;

/*
 * The API role alone, as `sisconf core` runs it, and a bot with WhatsApp Web beside it on the same database (as
 * `sisconf bot` would be, in another process): what the API knows of the session comes through the database only.
 */
describe.each(DATABASE_KINDS)("the WhatsApp session over the API on %s", (kind) => {
  let system: TestSystem;
  let bot: Bot;
  let dataDir: string;
  const clients: FakeWhatsappClient[] = [];
  const latest = () => {
    const client = clients.at(-1);
    if (!client) throw new Error("no client yet");
    return client;
  };
  const call = async (method: string, urlPath: string, body?: unknown, token = TEST_API_TOKEN) => {
    const response = await fetch(`${system.url}${urlPath}`, {
      method,
      headers: {
        authorization: `Bearer ${token}`,
        ...(body === undefined ? {} : { "content-type": "application/json" }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: response.status, warning: response.headers.get("warning"), body: await response.json() };
  };
  const session = async () => (await call("GET", "/api/v1/whatsapp")).body.session;

  beforeAll(async () => {
    system = await startTestSystem(kind, { ADMIN_PHONES: ADMIN }, ["api"]);
    dataDir = mkdtempSync(path.join(tmpdir(), "sisconf-wa-"));
    const { context, businessId } = system.runtime;
    const logger = pino({ level: process.env.TEST_LOG ?? "silent" });
    const identity = createBuiltInIdentity({ apiToken: "another-token-of-enough-length", adminPhones: [ADMIN] });
    bot = createBot(testBotOptions({ context, businessId, identity, logger, transport: "whatsapp-web" }));
    const transport = new WhatsappWebTransport({
      dataDir,
      chromiumPath: "/usr/bin/chromium",
      identity,
      logger,
      printQr: () => {},
      createClient: async () => {
        const client = new FakeWhatsappClient();
        clients.push(client);
        return client;
      },
      reconnect: { initialDelayMs: 20 },
      readyWaitMs: 200,
    });
    await bot.start(transport);
    await vi.waitFor(() => expect(latest().initialized).toBe(true));
  });
  afterAll(async () => {
    await bot?.stop();
    await system?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it("answers the session as the bot recorded it", async () => {
    await vi.waitFor(async () => expect(await session()).toMatchObject({ state: "qr", lastLoss: null }));
    latest().link();
    await vi.waitFor(async () => expect(await session()).toMatchObject({ state: "connected", lastLoss: null }));
    // Nothing lost yet: a write carries no notice.
    const imported = await call("PUT", "/api/v1/catalog", exampleCatalog());
    expect(imported).toMatchObject({ status: 200, warning: null });
  });

  it("shows a loss, tells the entrepreneur's next write once, and says when the session came back", async () => {
    const before = latest();
    before.emit("disconnected", "LOGOUT");
    await vi.waitFor(() => expect(clients.at(-1)).not.toBe(before));
    const lost = await vi.waitFor(async () => {
      const now = await session();
      expect(now.lastLoss).toMatchObject({ kind: "logged_out", backAt: null });
      return now;
    });
    expect(Date.parse(lost.lastLoss.at)).toBeLessThanOrEqual(Date.now());

    // Reads are not told (the dashboard polls them); the next write is, whatever it answers, its body unchanged.
    expect((await call("GET", "/api/v1/orders")).warning).toBeNull();
    const refused = await call("POST", "/api/v1/orders", { phone: "5584999990001", items: [] });
    expect(refused.status).toBe(400);
    expect(refused.warning).toMatch(WARNING);
    expect(refused.warning).toContain(lost.lastLoss.at);
    expect(refused.warning).toContain("not back yet");
    expect(refused.body).toEqual({ error: expect.any(String), reason: expect.any(String) });
    const placed = await call("POST", "/api/v1/orders", {
      phone: "5584999990001",
      items: [{ sku: "tomate", quantity: 1 }],
    });
    expect(placed).toMatchObject({ status: 201, warning: null });

    await vi.waitFor(() => expect(latest().initialized).toBe(true));
    latest().link();
    await vi.waitFor(async () => {
      const now = await session();
      expect(now.state).toBe("connected");
      expect(Date.parse(now.lastLoss.backAt)).toBeGreaterThanOrEqual(Date.parse(lost.lastLoss.at));
    });
    // The same loss, come back: not told again.
    expect((await call("PATCH", "/api/v1/catalog", { products: [] })).warning).toBeNull();
  });

  it("tells the entrepreneur in chat too, once, and never a customer", async () => {
    latest().receive({ from: `${ADMIN}@c.us`, body: "ajuda", key: "admin-1" });
    const textsTo = (phone: string) =>
      latest()
        .sent.filter((message) => message.chatId === `${phone}@c.us`)
        .map((message) => String(message.content));
    await vi.waitFor(() => expect(textsTo(ADMIN).length).toBeGreaterThanOrEqual(2), { timeout: 5_000 });
    expect(textsTo(ADMIN)[0]).toMatch(/^⚠️ O WhatsApp do bot foi desconectado no celular/);
    const told = textsTo(ADMIN).length;
    latest().receive({ from: `${ADMIN}@c.us`, body: "ajuda", key: "admin-2" });
    await vi.waitFor(() => expect(textsTo(ADMIN).length).toBeGreaterThan(told), { timeout: 5_000 });
    expect(textsTo(ADMIN).filter((text) => text.startsWith("⚠️"))).toHaveLength(1);
    latest().receive({ from: "5584999990002@c.us", body: "ajuda", key: "customer-1" });
    await vi.waitFor(() => expect(textsTo("5584999990002").length).toBeGreaterThan(0), { timeout: 5_000 });
    expect(textsTo("5584999990002").some((text) => text.includes("WhatsApp do bot"))).toBe(false);
  });

  it("tells a new loss to one of two writes made at once", async () => {
    const before = latest();
    const known = (await session()).lastLoss.at;
    before.emit("disconnected", "LOGOUT");
    await vi.waitFor(async () => expect((await session()).lastLoss.at).not.toBe(known));
    const writes = await Promise.all([1, 2].map(() => call("PATCH", "/api/v1/catalog", { products: [] })));
    // The same answer to both, with or without the notice.
    expect(writes[0]?.body).toEqual(writes[1]?.body);
    expect(writes.filter((write) => write.warning !== null)).toHaveLength(1);
    await vi.waitFor(() => expect(latest()).not.toBe(before));
    await vi.waitFor(() => expect(latest().initialized).toBe(true));
    latest().link();
    await vi.waitFor(async () => expect((await session()).state).toBe("connected"));
  });

  it("records the session stopped when the bot stops", async () => {
    await bot.stop();
    await vi.waitFor(async () => expect((await session()).state).toBe("stopped"));
  });

  it("does not tell a connection that fell for less than a minute and came back", async () => {
    const at = new Date(Date.now() - 30_000);
    await recordWhatsappSession(system.runtime.context, {
      businessId: system.runtime.businessId,
      state: "connected",
      loss: { kind: "dropped", at, backAt: new Date(at.getTime() + 20_000) },
    });
    expect((await session()).lastLoss).toMatchObject({ kind: "dropped" });
    expect((await call("PATCH", "/api/v1/catalog", { products: [] })).warning).toBeNull();
  });

  it("says the bot went silent when a running session was not vouched for in 90 seconds, never a stopped one", async () => {
    const { context, businessId } = system.runtime;
    const lastHeard = async (at: Date) =>
      context.db.execute(sql`update whatsapp_sessions set seen_at = ${at.toISOString()}::timestamptz`);
    await recordWhatsappSession(context, { businessId, state: "connected", loss: null });
    expect(await session()).toMatchObject({ state: "connected", silent: false });
    const killedAt = new Date(Date.now() - 91_000);
    await lastHeard(killedAt);
    expect(await session()).toMatchObject({ state: "connected", seenAt: killedAt.toISOString(), silent: true });
    await lastHeard(new Date(Date.now() - 60_000));
    expect(await session()).toMatchObject({ silent: false });

    await recordWhatsappSession(context, { businessId, state: "stopped", loss: null });
    await lastHeard(killedAt);
    expect(await session()).toMatchObject({ state: "stopped", silent: false });
  });
});
