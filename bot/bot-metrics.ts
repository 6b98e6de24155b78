import { Counter, type Registry } from "prom-client";
import type { HandleOutcome } from "./dialogue/handle-inbound.ts";

export type UnderstandingResult = "understood" | "clarify" | "not_understood";

/** What the conversation role counts. */
export interface BotMetrics {
  received(transport: string, outcome: HandleOutcome["kind"]): void;
  sent(transport: string, outcome: "sent" | "retry" | "failed"): void;
  understood(result: UnderstandingResult): void;
}

/**
 * Every series starts at 0 for the transport in use, so that `rate()` and `increase()` see the first event too
 * (a series born at its first event has no earlier sample to count from).
 */
export function createBotMetrics(registry: Registry, transport: string): BotMetrics {
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
  for (const outcome of ["handled", "duplicate", "ignored", "failed"]) received.inc({ transport, outcome }, 0);
  for (const outcome of ["sent", "retry", "failed"]) sent.inc({ transport, outcome }, 0);
  for (const result of ["understood", "clarify", "not_understood"]) understood.inc({ result }, 0);
  return {
    received: (transport, outcome) => received.inc({ transport, outcome }),
    sent: (transport, outcome) => sent.inc({ transport, outcome }),
    understood: (result) => understood.inc({ result }),
  };
}
