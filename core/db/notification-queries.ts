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
  | { kind: "recipient_unreachable"; phone: string; name: string | null };

export interface NewNotification {
  businessId: number;
  phone: string;
  payload: NotificationPayload;
  /** A second notification with the same key is dropped: a retried effect does not message twice. */
  dedupeKey: string;
}

/** Replies go first: someone is waiting. */
export const REPLY_PRIORITY = 0;

/** Replies first, then the entrepreneur's sheets, then bulk status news. */
function priorityOf(payload: NotificationPayload): number {
  if (payload.kind === "reply" || payload.kind === "handoff" || payload.kind === "handoff_answer")
    return REPLY_PRIORITY;
  if (payload.kind === "order_status") return 2;
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
