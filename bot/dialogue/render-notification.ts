import type { NotificationPayload } from "../../core/db/notification-queries.ts";
import type { OutboundMessage } from "../transports/transport.ts";
import { messagesFor } from "./locale.ts";

/** Words a queued notification in the recipient's language; replies were worded when queued. */
export function renderNotification(payload: NotificationPayload, locale: string | null): OutboundMessage {
  const messages = messagesFor(locale);
  switch (payload.kind) {
    case "reply":
      return { text: payload.text, ...(payload.document ? { document: payload.document } : {}) };
    case "order_status":
      return { text: messages.orderStatusNotification(payload.orderNumber, payload.status) };
    case "sheet_ready":
      return {
        text: messages.sheetReady(payload.providerName, payload.batchNumber, payload.url),
        document: { url: payload.url, filename: payload.filename },
      };
    case "sheet_failed":
      return { text: messages.sheetFailed(payload.providerName, payload.batchNumber, payload.error) };
    case "sheets_done":
      return { text: messages.sheetsDone(payload.batchNumber, payload.ready, payload.failed) };
    case "handoff":
      return { text: messages.handoffReceived(payload) };
    case "handoff_answer":
      return { text: messages.handoffAnswer(payload.text) };
    case "announcement":
      return { text: messages.announcement(payload.text) };
    case "close_reminder":
      return {
        text: messages.closeReminder(
          payload.batchNumber,
          messages.formatMoment(new Date(payload.closesAt), payload.timeZone),
        ),
      };
    case "scheduled_close":
      return { text: messages.scheduledClose(payload.batchNumber, payload.outcome) };
  }
}
