import type { Unit } from "../domain/units.ts";
import type { Executor } from "./database.ts";
import { notifications } from "./schema.ts";

/** What a notification says, as data; the bot words it in the recipient's language. */
export type NotificationPayload =
  | {
      kind: "reply";
      text: string;
      document?: { url: string; filename: string };
      buttons?: string[];
      choices?: { body: string; button: string; options: string[] };
    }
  | { kind: "order_status"; orderNumber: number; status: string; batchNumber: number }
  | {
      kind: "sheet_ready";
      batchNumber: number;
      sheetId: number;
      filename: string;
      url: string;
      providerName: string | null;
    }
  | { kind: "sheet_failed"; batchNumber: number; sheetId: number; providerName: string | null; error: string }
  | { kind: "sheets_done"; batchNumber: number; ready: number; failed: number }
  /** A customer's question passed on to an entrepreneur. */
  | { kind: "handoff"; number: number; phone: string; name: string | null; text: string }
  /** The entrepreneur's answer, to the customer who asked. */
  | { kind: "handoff_answer"; number: number; text: string }
  /** A provider's own sheet of a closed batch, to the provider's phone ("enviar aos fornecedores"). */
  | {
      kind: "provider_sheet";
      businessName: string;
      providerName: string;
      batchNumber: number;
      url: string;
      filename: string;
    }
  /** To a customer whose open order holds a product that just ran out. */
  | { kind: "product_sold_out"; orderNumber: number; productName: string }
  /** To the entrepreneur, once per customer: WhatsApp said this customer has no WhatsApp (131026). */
  | { kind: "recipient_unreachable"; phone: string; name: string | null }
  /** "avisar clientes": the entrepreneur's text, to each customer who has not said "parar". */
  | { kind: "announcement"; announcementId: number; text: string }
  /** A list not yet confirmed, before a scheduled close (`closesAt` ISO-8601, worded in `timeZone`). */
  | { kind: "close_reminder"; batchNumber: number; closesAt: string; timeZone: string }
  /** The entrepreneur is told the batch closed on schedule (or why it did not). */
  | { kind: "scheduled_close"; batchNumber: number; outcome: "closed" | "empty" }
  /** To the customer once its order is weighed: what differs from the order, the fee and the final amount. */
  | {
      kind: "final_total";
      orderNumber: number;
      batchNumber: number;
      changes: { name: string; unit: Unit; beforeMilli: number; afterMilli: number }[];
      feeCents: number;
      finalTotalCents: number;
      /** The Pix "copia e cola", sent after in a pix_code of its own; null without PIX_KEY or for a zero total. */
      pixCode: string | null;
    }
  /** The Pix "copia e cola" alone, so that it can be copied from the chat as it is. */
  | { kind: "pix_code"; orderNumber: number; code: string }
  /** The same Pix code as a QR image, after it, where the transport sends pictures (drawn when sent). */
  | { kind: "pix_qr"; orderNumber: number; code: string }
  /** To the entrepreneur who said "adicionar admin …" or "remover admin …": what became of it, in `language`. */
  | { kind: "role_change"; phone: string; outcome: RoleChangeOutcome; language: string };

/** What the identity did with a role change (RoleChange's kinds in core/identity/identity.ts). */
export type RoleChangeOutcome =
  | "granted"
  | "already_entrepreneur"
  | "revoked"
  | "not_entrepreneur"
  | "fixed_by_configuration"
  | "unavailable";

export interface NewNotification {
  businessId: number;
  phone: string;
  payload: NotificationPayload;
  /** A second notification with the same key is dropped: a retried effect does not message twice. */
  dedupeKey: string;
}

/** Replies go first: someone is waiting. */
export const REPLY_PRIORITY = 0;

/** Announcements wait behind everything else: thousands of them must not hold up a reply or an order's news. */
export const ANNOUNCEMENT_PRIORITY = 3;

/** Replies first, then the entrepreneur's sheets, then status news and reminders, then announcements. */
function priorityOf(payload: NotificationPayload): number {
  if (
    payload.kind === "reply" ||
    payload.kind === "handoff" ||
    payload.kind === "handoff_answer" ||
    payload.kind === "role_change"
  )
    return REPLY_PRIORITY;
  if (
    payload.kind === "order_status" ||
    payload.kind === "close_reminder" ||
    payload.kind === "final_total" ||
    payload.kind === "pix_code" ||
    payload.kind === "pix_qr"
  )
    return 2;
  if (payload.kind === "announcement") return ANNOUNCEMENT_PRIORITY;
  return 1;
}

export async function queueNotifications(executor: Executor, entries: readonly NewNotification[]): Promise<void> {
  for (let start = 0; start < entries.length; start += 500) {
    const chunk = entries.slice(start, start + 500);
    await executor
      .insert(notifications)
      .values(
        chunk.map((entry) => ({
          businessId: entry.businessId,
          phone: entry.phone,
          payload: entry.payload,
          dedupeKey: entry.dedupeKey,
          priority: priorityOf(entry.payload),
        })),
      )
      .onConflictDoNothing();
  }
}
