import { setTimeout as sleep } from "node:timers/promises";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type {
  InboundHandler,
  InboundMessage,
  InboundResult,
  StatusHandler,
  Transport,
} from "../../bot/transports/transport.ts";

/** One message a person sends; the same `key` again is the platform delivering that message again. */
export interface Delivery {
  from: string;
  text: string;
  key: string;
}

/** What the transport told the platform: taken, or refused so that the platform delivers it again later. */
export type Acceptance = "accepted" | "refused";

/** A transport started on its platform (or a faithful stand-in for it), and that platform's side of the chat. */
export interface TransportHarness {
  transport: Transport;
  /**
   * Delivers messages as the platform does: one person's one after the other in the order given (`atOnce`: all
   * together, as a platform may when it batches them), different people's at the same time. Resolves once the
   * platform is done delivering, with what the transport answered to each.
   */
  deliver(messages: Delivery[], options?: { atOnce?: boolean }): Promise<Acceptance[]>;
  /** The texts the platform took from the bot for this person so far, in the order it took them. */
  sentTo(person: string): string[];
  /** Where the platform's delivery statuses go, for a transport that reports them. */
  statuses?: StatusHandler;
  close(): Promise<void>;
}

export interface TransportContractOptions {
  /**
   * A message arriving while the transport stops is refused, so the platform delivers it again (a webhook's 503, the
   * simulator's 409). WhatsApp Web cannot refuse what the page already received: there it is only left unhandled.
   */
  refusesWhileStopping: boolean;
}

/** Resolves once `condition` holds, polling; fails the test after `timeoutMs`. */
async function eventually(condition: () => boolean, what: string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`${what}: not so after ${timeoutMs} ms`);
    await sleep(10);
  }
}

function deferred() {
  let release = () => {};
  const promise = new Promise<void>((resolve) => {
    release = resolve;
  });
  return { promise, release };
}

const ANA = "5584977710001";
const BIA = "5584977710002";

/**
 * What the transport port (bot/transports/transport.ts) promises, run against each adapter: a person's messages reach
 * the bot one at a time in the order they came while different people's are handled at once; a redelivered message
 * comes with its first id, so the bot handles it once, and a repeated text is a message of its own; stopping takes no
 * new message, waits for those taken, and leaves sending working for the replies to them; a send made for an outbox
 * entry is told from one never made (`wasDelivered`).
 */
export function describeTransportContract(
  name: string,
  open: () => Promise<TransportHarness>,
  options: TransportContractOptions,
): void {
  describe(`the transport: ${name}`, () => {
    let harness: TransportHarness;
    let handle: InboundHandler;
    /** Every message handed to the bot, as it was handed. */
    let handed: InboundMessage[];

    beforeEach(async () => {
      handed = [];
      handle = async () => "handled";
      harness = await open();
      await harness.transport.start(async (message) => {
        handed.push(message);
        return handle(message);
      }, harness.statuses);
    });

    afterEach(async () => {
      await harness.transport.stop();
      await harness.close();
    });

    const texts = (from: string) => handed.filter((message) => message.from === from).map((message) => message.text);

    it("says a message it sent for an outbox entry went, and never says so of one it did not send", async () => {
      // The person wrote first: the session is up, and their window open.
      await harness.deliver([{ from: ANA, text: "oi", key: "outbox-contract" }]);
      const from = new Date(Date.now() - 1000);
      await harness.transport.send(
        ANA,
        { text: "Chegaram as mangas!" },
        { lastInboundAt: new Date(), templateRequired: false, outboxEntryId: 901 },
      );
      const until = new Date(Date.now() + 1000);
      const ask = (outboxEntryId: number, text: string) =>
        harness.transport.wasDelivered({ outboxEntryId, to: ANA, message: { text }, from, until });
      // A platform that reports later (the Cloud API's statuses) does not know yet until it has.
      let sent = await ask(901, "Chegaram as mangas!");
      for (const deadline = Date.now() + 10_000; sent.kind === "unknown" && Date.now() < deadline; ) {
        await sleep(50);
        sent = await ask(901, "Chegaram as mangas!");
      }
      expect(sent).toEqual({ kind: "delivered" });
      expect((await ask(902, "Chegou o abacaxi!")).kind).not.toBe("delivered");
    });

    it("hands a person's messages on in the order they came, each once the one before is handled", async () => {
      const biaHandled = deferred();
      const handling = new Set<string>();
      const overlaps: string[] = [];
      handle = async (message) => {
        if (handling.has(message.from)) overlaps.push(message.text);
        handling.add(message.from);
        try {
          // Ana's first message is handled until Bia's is: Bia is not held behind Ana.
          if (message.text === "2kg de tomate") {
            await Promise.race([biaHandled.promise, sleep(5_000).then(() => overlaps.push("Bia waited for Ana"))]);
          }
          await sleep(20);
          if (message.from === BIA) biaHandled.release();
          return "handled";
        } finally {
          handling.delete(message.from);
        }
      };
      await harness.deliver([
        { from: ANA, text: "2kg de tomate", key: "a1" },
        { from: ANA, text: "1 alface", key: "a2" },
        { from: BIA, text: "oi", key: "b1" },
        { from: ANA, text: "sim", key: "a3" },
      ]);
      await eventually(() => handed.length === 4, "all four messages handed on");
      expect(texts(ANA)).toEqual(["2kg de tomate", "1 alface", "sim"]);
      expect(texts(BIA)).toEqual(["oi"]);
      expect(overlaps).toEqual([]);
    });

    it("handles a person's messages one at a time even when the platform delivers them together", async () => {
      let handling = 0;
      let most = 0;
      handle = async () => {
        handling++;
        most = Math.max(most, handling);
        await sleep(30);
        handling--;
        return "handled";
      };
      const sent = ["1kg de cebola", "2 alfaces", "e 1 maço de coentro"];
      await harness.deliver(
        sent.map((text, index) => ({ from: ANA, text, key: `together-${index}` })),
        { atOnce: true },
      );
      await eventually(() => handed.length === 3, "the three messages handed on");
      expect([...texts(ANA)].sort()).toEqual([...sent].sort());
      expect(most).toBe(1);
    });

    it("hands a redelivered message on with its first id, and the same words sent again as a new message", async () => {
      const seen = new Set<string>();
      handle = async (message): Promise<InboundResult> => {
        // What the bot does (handleInbound): keyed by the transport's id, a redelivery has no effect.
        if (seen.has(message.id)) return "duplicate";
        seen.add(message.id);
        await harness.transport.send(message.from, { text: `recebido: ${message.text}` });
        return "handled";
      };
      await harness.deliver([
        { from: ANA, text: "sim", key: "first" },
        { from: ANA, text: "sim", key: "first" },
        { from: ANA, text: "sim", key: "second" },
      ]);
      await eventually(() => handed.length === 3, "the three deliveries handed on");
      const [first, redelivered, second] = handed.map((message) => message.id);
      expect(redelivered).toBe(first);
      expect(second).not.toBe(first);
      await eventually(() => harness.sentTo(ANA).length >= 2, "a reply to each message");
      await sleep(100);
      expect(harness.sentTo(ANA)).toEqual(["recebido: sim", "recebido: sim"]);
      // The bot's own replies never come back to it as messages.
      expect(handed).toHaveLength(3);
    });

    it("stops taking messages, waits for the ones it took, and still sends the replies to them", async () => {
      const gate = deferred();
      handle = async (message) => {
        if (message.text === "2kg de tomate") await gate.promise;
        return "handled";
      };
      const delivered = harness.deliver([{ from: ANA, text: "2kg de tomate", key: "taken" }]);
      await eventually(() => handed.length === 1, "the first message handed on");

      let stopped = false;
      const stopping = harness.transport.stop().then(() => {
        stopped = true;
      });
      const [late] = await harness.deliver([{ from: BIA, text: "oi", key: "late" }]);
      expect(late).toBe(options.refusesWhileStopping ? "refused" : "accepted");
      await sleep(100);
      expect(stopped).toBe(false);

      gate.release();
      await stopping;
      expect(await delivered).toEqual(["accepted"]);
      expect(handed.map((message) => message.text)).toEqual(["2kg de tomate"]);
      await harness.transport.send(ANA, { text: "Pedido anotado" });
      await eventually(() => harness.sentTo(ANA).includes("Pedido anotado"), "the reply sent after stopping");
    });
  });
}
