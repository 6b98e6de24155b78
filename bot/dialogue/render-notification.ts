import type { NotificationPayload } from "../../core/app/send-notifications.ts";
import type { OutboundMessage } from "../transports/transport.ts";
import { roleChangeText } from "./admin-commands.ts";
import { messagesFor } from "./locale.ts";

/**
 * Words a queued notification in the recipient's language; replies were worded when queued. News carries its
 * template form too (deploy/whatsapp/templates.json): what the Cloud API sends once the 24-hour window is closed.
 */
export function renderNotification(
  payload: NotificationPayload,
  locale: string | null,
  business: { businessName: string } = { businessName: "SISCONF" },
): OutboundMessage {
  const messages = messagesFor(locale);
  switch (payload.kind) {
    case "reply":
      return {
        text: payload.text,
        ...(payload.document ? { document: payload.document } : {}),
        ...(payload.buttons ? { buttons: payload.buttons } : {}),
        ...(payload.choices ? { choices: payload.choices } : {}),
      };
    case "order_status":
      return {
        text: messages.orderStatusNotification(payload.orderNumber, payload.status),
        template: {
          kind: "order_status",
          parameters: [String(payload.orderNumber), messages.statusWords(payload.status)],
        },
      };
    case "sheet_ready":
      return {
        text: messages.sheetReady(payload.providerName, payload.batchNumber, payload.url),
        document: { url: payload.url, filename: payload.filename },
        template: {
          kind: "sheet_ready",
          parameters: [messages.sheetLabel(payload.providerName), String(payload.batchNumber), payload.url],
        },
      };
    case "sheet_failed":
      return notice(messages.sheetFailed(payload.providerName, payload.batchNumber, payload.error));
    case "sheets_done":
      return notice(messages.sheetsDone(payload.batchNumber, payload.ready, payload.failed));
    case "handoff":
      return notice(messages.handoffReceived(payload));
    case "handoff_answer":
      return { text: messages.handoffAnswer(payload.text) };
    case "provider_sheet":
      return {
        text: messages.providerSheet(payload.businessName, payload.providerName, payload.batchNumber),
        document: { url: payload.url, filename: payload.filename },
        template: {
          kind: "sheet_ready",
          parameters: [messages.sheetLabel(payload.providerName), String(payload.batchNumber), payload.url],
        },
      };
    case "product_sold_out":
      // No approved template fits it: outside the 24-hour window the Cloud API refuses it, as it does a reply.
      return { text: messages.productSoldOut(payload.productName, payload.orderNumber) };
    case "recipient_unreachable":
      return notice(messages.recipientUnreachable(payload.phone, payload.name));
    case "announcement":
      return {
        text: messages.announcement(payload.text),
        template: { kind: "announcement", parameters: [business.businessName, payload.text] },
      };
    case "close_reminder": {
      const closesAt = messages.formatMoment(new Date(payload.closesAt), payload.timeZone);
      return {
        text: messages.closeReminder(payload.batchNumber, closesAt),
        template: { kind: "reminder", parameters: [String(payload.batchNumber), closesAt] },
      };
    }
    case "scheduled_close":
      return notice(messages.scheduledClose(payload.batchNumber, payload.outcome));
    case "final_total":
      return {
        text: messages.finalTotal({ ...payload, pix: payload.pixCode !== null }),
        template: {
          kind: "final_total",
          parameters: [
            String(payload.orderNumber),
            messages.formatMoney(payload.finalTotalCents),
            payload.pixCode ?? "—",
          ],
        },
      };
    case "pix_code":
      // Nothing but the code: a long press copies it whole into the bank's app.
      return { text: payload.code };
    case "role_change":
      // The answer to the entrepreneur's admin command, in the command's language.
      return notice(roleChangeText(messagesFor(payload.language), payload.phone, payload.outcome));
  }
}

/** A message to the entrepreneur that goes, outside the window, inside the general notice template. */
function notice(text: string): OutboundMessage {
  return { text, template: { kind: "entrepreneur_notice", parameters: [text] } };
}
