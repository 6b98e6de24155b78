import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createBot } from "../../bot/bot.ts";
import type { InboundHandler, OutboundMessage, Transport } from "../../bot/transports/transport.ts";
import { createBuiltInIdentity } from "../../core/identity/built-in-identity.ts";
import { testBotOptions } from "../support/test-bot-options.ts";
import { createTestDatabase, type TestDatabase } from "../support/test-database.ts";

describe("stopping the bot", () => {
  let test: TestDatabase;
  beforeAll(async () => {
    test = await createTestDatabase("pglite");
  });
  afterAll(async () => {
    await test?.close();
  });

  it("answers what arrives while the outbox drains, and sends the last replies before closing the transport", async () => {
    const events: string[] = [];
    let handler: InboundHandler | null = null;
    const transport: Transport = {
      name: "simulator",
      async start(taken) {
        handler = taken;
      },
      async stop() {
        events.push("stop");
      },
      async close() {
        events.push("close");
      },
      routers: () => [],
      wasDelivered: async () => ({ kind: "not_delivered" }),
      async send(phone: string, _message: OutboundMessage) {
        // A slow platform: the reply is still on its way when the process is told to stop.
        await new Promise((resolve) => setTimeout(resolve, 200));
        events.push(`sent to ${phone}`);
        return { messageIds: [] };
      },
    };
    const bot = createBot(
      testBotOptions({
        context: test.context,
        businessId: test.businessId,
        identity: createBuiltInIdentity({ apiToken: "a-token-of-enough-length", adminPhones: [] }),
        transport: "simulator",
        maxAttempts: 5,
      }),
    );
    await bot.start(transport);
    const deliver = (from: string, id: string) =>
      (handler as InboundHandler | null)?.({ transport: "simulator", id, from, text: "oi", at: new Date() });

    expect(await deliver("5584966700001", "m1")).toBe("handled");
    const stopping = bot.stop();
    // Arrives while the first reply is still on its way: intake is still open, so it is answered too.
    expect(await deliver("5584966700002", "m2")).toBe("handled");
    await stopping;
    expect(events).toEqual(["sent to 5584966700001", "sent to 5584966700002", "stop", "close"]);
  });
});
