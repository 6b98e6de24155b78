import { pixQrImage } from "../../core/app/pix-qr-image.ts";
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
      // The customer asked days ago, perhaps: outside the window the answer goes inside the answer template.
      return {
        text: messages.handoffAnswer(payload.text),
        template: { kind: "question_answer", parameters: [payload.text] },
      };
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
      return {
        text: messages.productSoldOut(payload.productName, payload.orderNumber),
        template: { kind: "sold_out", parameters: [payload.productName, String(payload.orderNumber)] },
      };
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
      // Nothing but the code: a long press copies it whole into the bank's app. Outside the window the final
      // total's template carries it, so it is left out there.
      return { text: payload.code, coveredByTemplate: true };
    case "pix_qr":
      // The picture is drawn when sent (withPicture): the outbox keeps the code, not its bytes. Outside the window a
      // picture cannot go free-form and the final total's template already carries the code: left out there.
      return { text: messages.pixQrCaption(payload.orderNumber), coveredByTemplate: true };
    case "role_change":
      // The answer to the entrepreneur's admin command, in the command's language.
      return notice(roleChangeText(messagesFor(payload.language), payload.phone, payload.outcome));
  }
}

/** The message with the picture its notification shows (the Pix QR code), drawn now; others as they are. */
export async function withPicture(payload: NotificationPayload, message: OutboundMessage): Promise<OutboundMessage> {
  if (payload.kind !== "pix_qr") return message;
  return { ...message, image: { png: await pixQrImage(payload.code), filename: `pix-${payload.orderNumber}.png` } };
}

/** A message to the entrepreneur that goes, outside the window, inside the general notice template. */
function notice(text: string): OutboundMessage {
  return { text, template: { kind: "entrepreneur_notice", parameters: [text] } };
}
