import { Counter, type Registry } from "prom-client";
import type { DeliveryStatus, InboundResult, RefusalReason } from "./transports/transport.ts";

export type UnderstandingResult = "understood" | "clarify" | "not_understood";

/** What the conversation role counts. */
export interface BotMetrics {
  received(transport: string, outcome: InboundResult): void;
  /** `left_out`: not sent and not needed, where only the template that went before could go. */
  sent(transport: string, outcome: "sent" | "retry" | "failed" | "left_out"): void;
  understood(result: UnderstandingResult): void;
  /** The platform refused a send: by what it means and its code (template errors need a person). */
  refused(reason: RefusalReason, code: number | undefined): void;
  /** A delivery status the platform reported; `unknown` when it named a message this system has no send of. */
  deliveryStatus(transport: string, status: DeliveryStatus["status"] | "unknown"): void;
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
  const refused = new Counter({
    name: "sisconf_whatsapp_refusals_total",
    help: "Sends the WhatsApp platform refused, by what the refusal means and its error code",
    labelNames: ["reason", "code"],
    registers: [registry],
  });
  const templateErrors = new Counter({
    name: "sisconf_whatsapp_template_errors_total",
    help: "Template sends refused for the template itself (132000-132016): the messages wait until it is fixed",
    labelNames: ["code"],
    registers: [registry],
  });
  const statuses = new Counter({
    name: "sisconf_message_statuses_total",
    help: "Delivery statuses the platform reported, by status (unknown: for a message this system has no send of)",
    labelNames: ["transport", "status"],
    registers: [registry],
  });
  templateErrors.inc({ code: "132001" }, 0);
  for (const status of ["sent", "delivered", "read", "failed", "unknown"]) statuses.inc({ transport, status }, 0);
  for (const outcome of ["handled", "duplicate", "ignored", "failed"]) received.inc({ transport, outcome }, 0);
  for (const outcome of ["sent", "retry", "failed", "left_out"]) sent.inc({ transport, outcome }, 0);
  for (const result of ["understood", "clarify", "not_understood"]) understood.inc({ result }, 0);
  return {
    received: (transport, outcome) => received.inc({ transport, outcome }),
    sent: (transport, outcome) => sent.inc({ transport, outcome }),
    understood: (result) => understood.inc({ result }),
    refused(reason, code) {
      refused.inc({ reason, code: String(code ?? "none") });
      if (reason === "template_problem") templateErrors.inc({ code: String(code ?? "none") });
    },
    deliveryStatus: (transport, status) => statuses.inc({ transport, status }),
  };
}
