import { Counter, type Registry } from "prom-client";
import type { HandleOutcome } from "./dialogue/handle-inbound.ts";

export type UnderstandingResult = "understood" | "clarify" | "not_understood";

/** What the conversation role counts. */
export interface BotMetrics {
  received(transport: string, outcome: HandleOutcome["kind"]): void;
  sent(transport: string, outcome: "sent" | "retry" | "failed"): void;
  understood(result: UnderstandingResult): void;
}

export function createBotMetrics(registry: Registry): BotMetrics {
  const received = new Counter({
    name: "sisconf_messages_received_total",
    help: "Messages received, by transport and what became of them",
    labelNames: ["transport", "outcome"],
    registers: [registry],
  });
  const sent = new Counter({
    name: "sisconf_messages_sent_total",
    help: "Messages sent, by transport and outcome",
    labelNames: ["transport", "outcome"],
    registers: [registry],
  });
  const understood = new Counter({
    name: "sisconf_messages_understanding_total",
    help: "Messages read: understood, needing clarification, or not understood",
    labelNames: ["result"],
    registers: [registry],
  });
  return {
    received: (transport, outcome) => received.inc({ transport, outcome }),
    sent: (transport, outcome) => sent.inc({ transport, outcome }),
    understood: (result) => understood.inc({ result }),
  };
}

/** Metrics that count nothing, for a bot built without a registry. */
export const NO_BOT_METRICS: BotMetrics = { received: () => {}, sent: () => {}, understood: () => {} };
