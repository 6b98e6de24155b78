import pino from "pino";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { SessionRecorder } from "../../bot/session-recorder.ts";
import { getWhatsappSession } from "../../core/app/get-whatsapp-session.ts";
import { createTestDatabase, DATABASE_KINDS, type TestDatabase } from "../support/test-database.ts";

describe.each(DATABASE_KINDS)("the bot's record of its WhatsApp session on %s", (kind) => {
  let test: TestDatabase;

  beforeAll(async () => {
    test = await createTestDatabase(kind);
  });
  afterAll(async () => {
    await test?.close();
  });

  const seenAt = async () =>
    (await getWhatsappSession(test.context, { businessId: test.businessId }))?.seenAt.getTime() ?? 0;

  it("vouches for the session between changes, and no more once stopped", async () => {
    const recorder = new SessionRecorder(test.context, test.businessId, pino({ level: "silent" }), 50);
    recorder.record({ state: "connected", loss: null });
    await vi.waitFor(async () => expect(await seenAt()).toBeGreaterThan(0));
    const recorded = await getWhatsappSession(test.context, { businessId: test.businessId });
    // Nothing changed, yet the bot says so again: the state's time stays, the time it was vouched for moves on.
    await vi.waitFor(async () => expect(await seenAt()).toBeGreaterThan(recorded?.seenAt.getTime() ?? 0));
    expect((await getWhatsappSession(test.context, { businessId: test.businessId }))?.since).toEqual(recorded?.since);

    await recorder.stop();
    const last = await seenAt();
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(await seenAt()).toBe(last);
  });
});
