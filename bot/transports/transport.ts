import type { Router } from "express";
import type { SessionLoss, WhatsappSessionState } from "../../core/domain/whatsapp-session.ts";

/** One message from a person, as every transport hands it to the bot. */
export interface InboundMessage {
  transport: TransportName;
  /** The transport's own id for the message: a redelivery carries the same one. */
  id: string;
  /**
   * Who wrote, as the transport addresses them, and where the replies go: a phone (digits only, country code first)
   * or, when the person's phone is not known, the platform's id for them: a Cloud API business-scoped user id
   * (`BR.1502576394655843`) or a WhatsApp Web privacy id (`214000000000001@lid`).
   */
  from: string;
  /** The platform's stable id for the sender (BSUID, LID), when it has one: with or without a phone in `from`. */
  platformUserId?: string | undefined;
  name?: string | undefined;
  text: string;
  /** A photo, audio or other media came with it (its text, if any, is the caption). */
  media?: boolean;
  /** What the media was, where the platform says: a voice note is answered as one. */
  mediaKind?: MediaKind | undefined;
  /** A document sent (a spreadsheet): its bytes, downloaded by the transport; `text` is its caption. */
  document?: InboundDocument | undefined;
  at: Date;
}

export type MediaKind = "audio" | "image" | "other";

export interface InboundDocument {
  filename: string;
  /** As the platform gives it (`application/vnd.openxmlformats-officedocument.spreadsheetml.sheet`, `text/csv`). */
  mediaType: string;
  bytes: Uint8Array;
}

/** The largest document a transport takes in (PRODUCT.md): a bigger one arrives as media without a document. */
export const DOCUMENT_LIMIT_BYTES = 10 * 1024 * 1024;

/** The media type of a document by its name's extension, for platforms that give none. */
export function mediaTypeOf(filename: string): string {
  const extension = filename.split(".").pop()?.toLowerCase() ?? "";
  return MEDIA_TYPES[extension] ?? "application/octet-stream";
}

const MEDIA_TYPES: Record<string, string> = {
  xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
  csv: "text/csv",
  json: "application/json",
  pdf: "application/pdf",
};

/** The approved templates a business-initiated message can go as (deploy/whatsapp/templates.json). */
export type TemplateKind =
  | "order_status"
  | "final_total"
  | "sheet_ready"
  | "entrepreneur_notice"
  | "reminder"
  | "sold_out"
  | "question_answer"
  | "announcement";

export interface OutboundMessage {
  text: string;
  /** A file to send as a document where the transport can; the text (with its link) goes along either way. */
  document?: { url: string; filename: string };
  /** A picture sent as a message of its own with the text as its caption (a Pix QR code), where pictures go. */
  image?: OutboundImage;
  /**
   * What the message says is in its news's template already (the Pix code, in the final total's): where only a
   * template may go (the Cloud API outside the 24-hour window) it is left out, not refused (`SendReceipt.leftOut`).
   */
  coveredByTemplate?: boolean;
  /**
   * The same news as an approved template, for platforms that refuse free-form messages outside the 24-hour window
   * the person's last message opened (the Cloud API); replies have none, they answer inside the window.
   */
  template?: { kind: TemplateKind; parameters: string[] };
  /**
   * Quick answers a platform may show as reply buttons (at most 3). The text always says how to answer by typing,
   * so a platform without buttons loses nothing; a tap arrives as a message with the button's title.
   */
  buttons?: string[];
  /**
   * A menu a platform may show as a list (at most 10 options), sent after the text; a chosen option arrives as a
   * message with its title. Where the platform has no lists it is left out: the text stands on its own.
   */
  choices?: Choices;
}

export interface OutboundImage {
  png: Uint8Array;
  filename: string;
}

/** A picture as a `data:` URL: how the transcript keeps it and the simulator's page shows it. */
export function imageDataUrl(image: OutboundImage): string {
  return `data:image/png;base64,${Buffer.from(image.png).toString("base64")}`;
}

/**
 * A sent message as it is shown again: kept in the outbox for the conversation's transcript, and answered by the
 * simulator. A picture is a few kilobytes (a QR code).
 */
export function shownMessage(message: OutboundMessage): {
  text: string;
  document?: { url: string; filename: string };
  image?: { url: string; filename: string };
} {
  return {
    text: message.text,
    ...(message.document ? { document: message.document } : {}),
    ...(message.image ? { image: { url: imageDataUrl(message.image), filename: message.image.filename } } : {}),
  };
}

export interface Choices {
  /** What the list message says. */
  body: string;
  /** The title of the button that opens the list. */
  button: string;
  options: string[];
}

/** What the bot knows of the recipient when it sends. */
export interface SendContext {
  /** When the recipient last wrote (null: never): a message 24 hours later goes as its template on the Cloud API. */
  lastInboundAt: Date | null;
  /** The platform already refused this message free-form: send its template. */
  templateRequired: boolean;
  /**
   * The last moment the message may go out (the outbox's claim on it ends soon after, and another sender may take
   * it): a transport that waits for its session waits no longer than this.
   */
  sendBy?: Date;
  /**
   * The outbox entry this send delivers: a transport that can carries it along (the Cloud API's
   * `biz_opaque_callback_data`, the simulator's record), so that `wasDelivered` can find it later.
   */
  outboxEntryId?: number;
}

/** An outbox entry whose send may have been taken by the platform and never recorded (its sender died). */
export interface UnconfirmedSend {
  outboxEntryId: number;
  to: string;
  message: OutboundMessage;
  /** The span in which the send may have happened: the claims under which it was being sent. */
  from: Date;
  until: Date;
}

/**
 * What a transport can say of an unconfirmed send: it went (record it, send nothing), it did not (send it), or the
 * platform may still tell (ask again at `askAgainAt`).
 */
export type DeliveryCheck = { kind: "delivered" } | { kind: "not_delivered" } | { kind: "unknown"; askAgainAt: Date };

/** What the platform accepted: its ids for the messages it will report statuses of (none where it reports none). */
export interface SendReceipt {
  messageIds: string[];
  /** Why nothing was sent and nothing need be: a message `coveredByTemplate` where only its template could go. */
  leftOut?: string;
}

/** What a platform reported later about a message it accepted (Cloud API `statuses[]`). */
export interface DeliveryStatus {
  messageId: string;
  /** The outbox entry the message was sent for, where the platform echoes it (Cloud API `biz_opaque_callback_data`). */
  outboxEntryId?: number | undefined;
  status: "sent" | "delivered" | "read" | "failed";
  at: Date;
  /** For `failed`: the platform's code and what the transport makes of it. */
  error?: { code: number; title: string; refusal: RefusalReason };
}

export type TransportName = "simulator" | "whatsapp-web" | "cloud-api";

/** The platform session was lost (a `SessionReport`'s `loss`): core/domain says it, for every role. */
export type { SessionLoss };

/** A platform session as it is now: what it is doing and its last loss in this process (see `Transport.watchSession`). */
export interface SessionReport {
  state: WhatsappSessionState;
  loss: SessionLoss | null;
}

/** What became of a message: "duplicate" when its id was already handled, so it had no new effect. */
export type InboundResult = "handled" | "duplicate" | "ignored" | "failed";

export type InboundHandler = (message: InboundMessage) => Promise<InboundResult>;

export type StatusHandler = (statuses: DeliveryStatus[]) => Promise<void>;

/**
 * Why a platform refused a message, in the terms the outbox acts on:
 * - `window_closed`: free-form outside the 24-hour window (send the template instead);
 * - `template_problem`: the template is missing, paused or does not fit (keep the message until it is fixed);
 * - `not_on_whatsapp`: the recipient has no WhatsApp (stop; tell the entrepreneur);
 * - `rate_limited`: too fast, for the number or this recipient (wait, then again, without counting it);
 * - `policy_limited`: spam or per-user limits (wait long; never a storm of retries);
 * - `opted_out`: the person stopped these messages (give up);
 * - `not_connected`: the platform connection is down (WhatsApp Web's session lost or not paired yet): nothing is
 *   wrong with the message; wait and try again, without counting it, for as long as it takes;
 * - `temporary`: anything else (retry with backoff).
 */
export type RefusalReason =
  | "window_closed"
  | "template_problem"
  | "not_on_whatsapp"
  | "rate_limited"
  | "policy_limited"
  | "opted_out"
  | "not_connected"
  | "temporary";

/** A send the platform refused, with its reason; any other error thrown by `send` counts as `temporary`. */
export class SendRefused extends Error {
  override name = "SendRefused";
  constructor(
    message: string,
    readonly reason: RefusalReason,
    readonly code: number | undefined,
  ) {
    super(message);
  }
}

/**
 * The transport port. Guarantees: `start` hands every person-to-bot text message to the handler once per delivery
 * (groups, broadcasts and the bot's own messages never reach it; redeliveries may, with the same id), a person's
 * messages one at a time in the order they arrived (different people's at the same time), and the
 * platform's delivery statuses to `statuses` where it reports them; `send` resolves only once the platform accepted
 * the message, with the platform's ids for it, and throws when it did not (a `SendRefused` says why), so the outbox
 * retries or gives up as the reason says. Inbound documents come with their bytes (at most DOCUMENT_LIMIT_BYTES);
 * other media only as `media` and its kind. Outbound, documents and PNG images. A transport whose session can be
 * lost waits a little for it when sending, then refuses with `not_connected`, so the message waits in the outbox.
 * `wasDelivered` answers, as honestly as the platform allows, whether an outbox entry sent with its id in
 * `SendContext` went out; it throws when it cannot ask now (not connected), and each adapter's residual risk is in
 * ARCHITECTURE.md. Leaves out: sending other media.
 */
export interface Transport {
  readonly name: TransportName;
  start(handler: InboundHandler, statuses?: StatusHandler): Promise<void>;
  send(to: string, message: OutboundMessage, context?: SendContext): Promise<SendReceipt>;
  /** Whether an outbox entry whose send was never recorded reached the platform, so it is sent once. */
  wasDelivered(send: UnconfirmedSend): Promise<DeliveryCheck>;
  /** Stops taking messages and waits for those already taken to be handled; sending still works. */
  stop(): Promise<void>;
  /** Lets the platform connection go, once nothing more is to be sent (the replies to the last messages included). */
  close(): Promise<void>;
  /** HTTP routes the transport needs (the simulator, a webhook); mounted without the API's bearer check. */
  routers(): Router[];
  /** Tells `listener` the session now and whenever its state or last loss changes (transports that hold one). */
  watchSession?(listener: (session: SessionReport) => void): void;
}
