import { timingSafeEqual } from "node:crypto";
import express, { type RequestHandler, Router } from "express";
import type { Logger } from "pino";
import { z } from "zod";
import { AppError, invalidInput } from "../../../core/app/errors.ts";
import { parseInput } from "../../../core/app/validation.ts";
import { isBusinessUserId } from "../../../core/domain/user-id.ts";
import { splitMessage } from "../../../core/domain/whatsapp-text.ts";
import { InboundDispatcher } from "../inbound-dispatcher.ts";
import {
  type DeliveryCheck,
  DOCUMENT_LIMIT_BYTES,
  type InboundHandler,
  type InboundMessage,
  mediaTypeOf,
  type OutboundImage,
  type OutboundMessage,
  type SendContext,
  type SendReceipt,
  SendRefused,
  type StatusHandler,
  type Transport,
  type UnconfirmedSend,
} from "../transport.ts";
import { readGraphError, refusalFor } from "./graph-error.ts";
import { type MessageTemplates, templateParameter } from "./message-templates.ts";
import { type DocumentReference, outboxReference, readNotification, readStatuses } from "./webhook-payload.ts";
import { hasValidSignature } from "./webhook-signature.ts";

export interface CloudApiOptions {
  /** What Meta echoes in `hub.verify_token` when the webhook is registered. */
  verifyToken: string;
  /** Signs every notification (`X-Hub-Signature-256`). */
  appSecret: string;
  accessToken: string;
  phoneNumberId: string;
  /** `https://graph.facebook.com/v23.0`, or a stand-in. */
  graphUrl: string;
  logger: Logger;
  /** How long one Graph API call may take before it counts as failed (and the outbox retries). */
  timeoutMs?: number;
  /** The approved templates, in WHATSAPP_CLOUD_TEMPLATE_LANGUAGE. */
  templates: MessageTemplates;
  /** Counts what the platform refused, by code (template errors above all: they need a person to fix them). */
  onRefused?: (code: number | undefined, reason: SendRefused["reason"]) => void;
  /** The clock the 24-hour window is measured with. */
  now?: () => Date;
  /**
   * What the statuses recorded so far say of the messages sent for an outbox entry (joined by the id each send
   * carries in `biz_opaque_callback_data`). Without it an unconfirmed send is sent again.
   */
  deliveriesOf?: (outboxEntryId: number) => Promise<{ status: string; at: Date }[]>;
}

/**
 * How long after an unconfirmed send's span a status carrying its id is waited for before it is sent again: Meta
 * reports `sent` within seconds of taking a message; a minute leaves room for a slow webhook.
 */
const STATUS_GRACE_MS = 60_000;
/** A failure reported this long before an unconfirmed span began belongs to an earlier try (Meta's clock, in seconds). */
const STATUS_CLOCK_SLACK_MS = 5_000;

/**
 * WhatsApp's customer service window: free-form messages only within 24 hours of the person's last message. A few
 * minutes are kept back, for the time a message spends in the outbox and for clocks that disagree.
 */
export const SERVICE_WINDOW_MS = 24 * 3_600_000 - 5 * 60_000;

/** Meta's limits on reply buttons. */
const MOST_BUTTONS = 3;
const BUTTON_TITLE_LIMIT = 20;
/** An interactive message's body is shorter than a text's. */
const INTERACTIVE_BODY_LIMIT = 1024;
/** Meta's limits on list messages. */
const MOST_LIST_ROWS = 10;
const LIST_ROW_TITLE_LIMIT = 24;

/**
 * Why a message `coveredByTemplate` is not sent outside the 24-hour window: WhatsApp takes only templates there, and
 * no template is approved for a picture or a bare Pix code; the final total's template, sent before them, carries
 * the code with the amount, which pays just the same (copied, or typed into the bank's app).
 */
const LEFT_OUT_OF_WINDOW = "outside the 24-hour window; the final total's template carries the Pix code";

/** Meta's limit on a document caption; a text body's is WhatsApp's. */
const CAPTION_LIMIT = 1024;
const WEBHOOK_PATH = "/webhooks/whatsapp";

/** Meta's notifications weigh at most 3 MB; this bounds what an unsigned caller can make us read. */
const NOTIFICATION_LIMIT = "5mb";

/** A repeated parameter (an array in express's query) is not Meta's handshake: refused with a 400. */
const verificationQuery = z.object({
  "hub.mode": z.string().optional(),
  "hub.verify_token": z.string().optional(),
  "hub.challenge": z.string().optional(),
});

const acceptedBody = z.object({ messages: z.array(z.object({ id: z.string() })).optional() });
const uploadedBody = z.object({ id: z.string().min(1) });

type GraphMessage =
  | { type: "text"; text: { body: string; preview_url: boolean } }
  | { type: "document"; document: { id: string; filename: string; caption?: string } }
  | { type: "image"; image: { id: string; caption?: string } }
  | {
      type: "interactive";
      interactive: {
        type: "button";
        body: { text: string };
        action: { buttons: { type: "reply"; reply: { id: string; title: string } }[] };
      };
    }
  | {
      type: "interactive";
      interactive: {
        type: "list";
        body: { text: string };
        action: { button: string; sections: { title: string; rows: { id: string; title: string }[] }[] };
      };
    }
  | {
      type: "template";
      template: {
        name: string;
        language: { code: string };
        components: { type: "body"; parameters: { type: "text"; text: string }[] }[];
      };
    };

/**
 * The official WhatsApp Business Cloud API: Meta posts signed notifications to our webhook and we answer through
 * the Graph API. The webhook answers 200 before the bot handles anything, because Meta redelivers what is not
 * acknowledged within seconds; redeliveries carry the same message id, which the bot handles once.
 */
export class CloudApiTransport implements Transport {
  readonly name = "cloud-api";
  private handler: InboundHandler | null = null;
  private statusHandler: StatusHandler | null = null;
  private readonly inbound: InboundDispatcher;
  private readonly messagesUrl: string;
  private readonly mediaUrl: string;
  private readonly graphBase: string;
  private readonly timeoutMs: number;
  private readonly now: () => Date;

  constructor(private readonly options: CloudApiOptions) {
    const base = `${options.graphUrl.replace(/\/+$/, "")}/${encodeURIComponent(options.phoneNumberId)}`;
    this.messagesUrl = `${base}/messages`;
    this.mediaUrl = `${base}/media`;
    this.graphBase = options.graphUrl.replace(/\/+$/, "");
    this.timeoutMs = options.timeoutMs ?? 15_000;
    this.now = options.now ?? (() => new Date());
    this.inbound = new InboundDispatcher(options.logger);
  }

  async start(handler: InboundHandler, statuses?: StatusHandler): Promise<void> {
    this.handler = handler;
    this.statusHandler = statuses ?? null;
  }

  /** Stops taking notifications and waits for the ones already acknowledged to be handled. */
  async stop(): Promise<void> {
    this.handler = null;
    await this.inbound.idle();
  }

  /** Each send is a request of its own to the Graph API: there is no connection to let go. */
  async close(): Promise<void> {}

  routers(): Router[] {
    const router = Router();
    router.get(WEBHOOK_PATH, (request, response) => {
      const query = parseInput(verificationQuery, request.query);
      const token = query["hub.verify_token"];
      if (query["hub.mode"] !== "subscribe" || !token || !sameText(token, this.options.verifyToken)) {
        throw new AppError("forbidden", "verification_failed", "the verify token does not match");
      }
      response.type("text/plain").send(query["hub.challenge"] ?? "");
    });
    // The signature covers the exact bytes received, so they are read as they came, whatever encoding they claim,
    // and checked before anything decodes or parses them.
    const asReceived: RequestHandler = (request, response, next) => {
      // Without the header nothing can be signed: refused before a byte of the body is read.
      if (!request.get("x-hub-signature-256")) {
        throw new AppError("unauthorized", "bad_signature", "the X-Hub-Signature-256 header is missing or wrong");
      }
      response.locals.contentEncoding = request.headers["content-encoding"];
      delete request.headers["content-encoding"];
      next();
    };
    const rawBody = express.raw({ type: () => true, limit: NOTIFICATION_LIMIT });
    router.post(WEBHOOK_PATH, asReceived, rawBody, async (request, response) => {
      const body: unknown = request.body;
      const bytes = Buffer.isBuffer(body) ? body : undefined;
      if (!hasValidSignature(bytes, request.get("x-hub-signature-256"), this.options.appSecret)) {
        throw new AppError("unauthorized", "bad_signature", "the X-Hub-Signature-256 header is missing or wrong");
      }
      const encoding: unknown = response.locals.contentEncoding;
      if (typeof encoding === "string" && encoding.toLowerCase() !== "identity") {
        // Meta never compresses its notifications: a signed compressed body is someone else's tool.
        response.status(415).json({ error: "the body's Content-Encoding is not supported" });
        return;
      }
      const payload = readJson(bytes);
      if (!this.handler) {
        // Not acknowledged: Meta delivers it again, to this process once it is back or to another one.
        response.status(503).json({ error: "the bot is stopping" });
        return;
      }
      const { messages, documents, skipped } = readNotification(payload, this.options.phoneNumberId);
      const statuses = readStatuses(payload, this.options.phoneNumberId);
      if (skipped > 0) this.options.logger.debug({ skipped }, "webhook items left out");
      for (const message of messages) {
        void this.acknowledge(message);
        const document = documents.get(message.id);
        const handler = this.handler;
        // Downloaded in the sender's turn, so their messages are still handled in the order they wrote them.
        this.inbound.dispatch(
          message,
          document ? async (inbound) => handler(await this.withDocument(inbound, document)) : handler,
        );
      }
      if (statuses.length > 0 && this.statusHandler) {
        // Recorded before the answer (one statement): Meta never sends a status again once answered 200, and a status
        // may be the only proof that a send the outbox could not record went. Not recorded: Meta sends it again, and
        // the messages beside it, which are handled once by their ids.
        try {
          await this.statusHandler(statuses);
        } catch (error) {
          this.options.logger.error({ err: error, statuses: statuses.length }, "delivery statuses not recorded");
          response.status(503).json({ error: "the delivery statuses could not be recorded; send them again" });
          return;
        }
      }
      response.sendStatus(200);
    });
    return [router];
  }

  /**
   * Marks the message read (blue ticks) and shows "typing…" while the reply is made: WhatsApp hides the indicator
   * when the reply arrives, or after 25 seconds. Politeness only: a failure is logged, never retried.
   */
  private async acknowledge(message: InboundMessage): Promise<void> {
    try {
      await this.call(this.messagesUrl, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({
          messaging_product: "whatsapp",
          status: "read",
          message_id: message.id,
          typing_indicator: { type: "text" },
        }),
      });
    } catch (error) {
      this.options.logger.debug({ err: error, messageId: message.id }, "message not marked as read");
    }
  }

  /**
   * Free-form inside the 24-hour window the person's last message opened; outside it, or when Meta answers 131047,
   * the message's approved template (a message without one, a reply, is tried free-form and refused if so).
   */
  async send(to: string, message: OutboundMessage, context?: SendContext): Promise<SendReceipt> {
    // Every message sent for an outbox entry carries its id, which Meta echoes in that message's statuses.
    const reference = context?.outboxEntryId === undefined ? undefined : outboxReference(context.outboxEntryId);
    if (context && !this.windowOpen(context)) {
      if (message.template) return this.sendTemplate(to, message.template, reference);
      if (message.coveredByTemplate) return { messageIds: [], leftOut: LEFT_OUT_OF_WINDOW };
    }
    try {
      return await this.sendFreeForm(to, message, reference);
    } catch (error) {
      if (!(error instanceof SendRefused) || error.reason !== "window_closed") throw error;
      if (message.coveredByTemplate) return { messageIds: [], leftOut: LEFT_OUT_OF_WINDOW };
      if (!message.template) throw error;
      this.options.logger.info({ to: mask(to), kind: message.template.kind }, "window closed: sending the template");
      return this.sendTemplate(to, message.template, reference);
    }
  }

  /**
   * A status carrying the entry's id (`biz_opaque_callback_data`) says it went: sent, delivered or read. A failure
   * reported since the span began says it did not. None yet: Meta may still report it, so the answer waits until
   * `STATUS_GRACE_MS` after the span; then it is sent again. The risk left: a status later than that (Meta's webhooks
   * delayed, or one answered 200 by a process killed before recording it) means a second copy.
   */
  async wasDelivered(send: UnconfirmedSend): Promise<DeliveryCheck> {
    if (!this.options.deliveriesOf) return { kind: "not_delivered" };
    const deliveries = await this.options.deliveriesOf(send.outboxEntryId);
    if (deliveries.some((delivery) => delivery.status !== "failed")) return { kind: "delivered" };
    const failedSince = deliveries.some(
      (delivery) => delivery.at.getTime() >= send.from.getTime() - STATUS_CLOCK_SLACK_MS,
    );
    if (failedSince) return { kind: "not_delivered" };
    const askAgainAt = send.until.getTime() + STATUS_GRACE_MS;
    if (this.now().getTime() < askAgainAt) return { kind: "unknown", askAgainAt: new Date(askAgainAt) };
    return { kind: "not_delivered" };
  }

  private windowOpen(context: SendContext): boolean {
    if (context.templateRequired || !context.lastInboundAt) return false;
    return this.now().getTime() - context.lastInboundAt.getTime() < SERVICE_WINDOW_MS;
  }

  private async sendFreeForm(to: string, message: OutboundMessage, reference?: string): Promise<SendReceipt> {
    if (message.image) return this.sendImage(to, message.text, message.image, reference);
    const post = (content: GraphMessage) => this.post(to, content, reference);
    const document = message.document;
    const ids: string[] = [];
    const buttons = document ? null : replyButtons(message);
    const list = listOf(message.choices);
    if (buttons) {
      ids.push(await post(buttons));
      if (list) ids.push(await post(list));
      return { messageIds: ids };
    }
    const textGoesAlone = !document || message.text.length > CAPTION_LIMIT;
    if (textGoesAlone) {
      for (const body of splitMessage(message.text)) {
        ids.push(await post({ type: "text", text: { body, preview_url: true } }));
      }
    }
    if (document) {
      const mediaId = await this.upload(document);
      ids.push(
        await post({
          type: "document",
          document: {
            id: mediaId,
            filename: document.filename,
            ...(!textGoesAlone && message.text ? { caption: message.text } : {}),
          },
        }),
      );
    }
    if (list) ids.push(await post(list));
    return { messageIds: ids };
  }

  /** A picture uploaded to `/media` and sent by id, with the text as its caption (or before it, when too long). */
  private async sendImage(to: string, text: string, image: OutboundImage, reference?: string): Promise<SendReceipt> {
    const ids: string[] = [];
    const captioned = text.length <= CAPTION_LIMIT;
    if (!captioned) {
      for (const body of splitMessage(text))
        ids.push(await this.post(to, { type: "text", text: { body, preview_url: false } }, reference));
    }
    const mediaId = await this.uploadFile(
      new Blob([Uint8Array.from(image.png)], { type: "image/png" }),
      image.filename,
    );
    ids.push(
      await this.post(
        to,
        { type: "image", image: { id: mediaId, ...(captioned && text ? { caption: text } : {}) } },
        reference,
      ),
    );
    return { messageIds: ids };
  }

  private async sendTemplate(
    to: string,
    template: NonNullable<OutboundMessage["template"]>,
    reference?: string,
  ): Promise<SendReceipt> {
    const definition = this.options.templates.of(template.kind);
    const id = await this.post(
      to,
      {
        type: "template",
        template: {
          name: definition.name,
          language: { code: this.options.templates.language },
          components: [
            {
              type: "body",
              parameters: template.parameters.map((text) => ({ type: "text", text: templateParameter(text) })),
            },
          ],
        },
      },
      reference,
    );
    return { messageIds: [id] };
  }

  /**
   * Uploads a document to the number's media (`/media`) and answers its id: WhatsApp then needs no access to the
   * link, which may be a local address or expire before the person opens the message.
   */
  private async upload(document: { url: string; filename: string }): Promise<string> {
    let file: Response;
    try {
      file = await fetch(document.url, { signal: AbortSignal.timeout(this.timeoutMs) });
    } catch (error) {
      throw new Error(`document ${document.filename} could not be fetched: ${String(error)}`);
    }
    if (!file.ok) throw new Error(`document ${document.filename} could not be fetched: ${file.status}`);
    const type = file.headers.get("content-type")?.split(";")[0]?.trim() || "application/octet-stream";
    return this.uploadFile(new Blob([await file.arrayBuffer()], { type }), document.filename);
  }

  /** Uploads a file to the number's media and answers its media id. */
  private async uploadFile(file: Blob, filename: string): Promise<string> {
    const form = new FormData();
    form.set("messaging_product", "whatsapp");
    form.set("type", file.type);
    form.set("file", file, filename);
    const answer = uploadedBody.safeParse(await this.call(this.mediaUrl, { method: "POST", body: form }));
    if (!answer.success) throw new Error("the WhatsApp Cloud API answered an upload without a media id");
    return answer.data.id;
  }

  /**
   * The message with its document's bytes: the media id gives a short-lived URL (`GET /{media-id}`), downloaded with
   * the access token. A document over DOCUMENT_LIMIT_BYTES (by its stated size, and again while reading) or one that
   * cannot be downloaded arrives as media without a document, and the dialogue answers as it does to media.
   */
  private async withDocument(message: InboundMessage, reference: DocumentReference): Promise<InboundMessage> {
    try {
      const meta = mediaBody.safeParse(
        await this.call(`${this.graphBase}/${encodeURIComponent(reference.mediaId)}`, {}),
      );
      if (!meta.success) throw new Error("the Graph API answered a media id without its URL");
      if ((meta.data.file_size ?? 0) > DOCUMENT_LIMIT_BYTES) throw new Error("the document is over the size limit");
      const response = await fetch(meta.data.url, {
        headers: { authorization: `Bearer ${this.options.accessToken}` },
        signal: AbortSignal.timeout(this.timeoutMs),
      });
      if (!response.ok || !response.body) throw new Error(`the document could not be downloaded: ${response.status}`);
      const bytes = await readLimited(response.body, DOCUMENT_LIMIT_BYTES);
      const mediaType = reference.mimeType ?? meta.data.mime_type ?? mediaTypeOf(reference.filename);
      return { ...message, document: { filename: reference.filename, mediaType, bytes } };
    } catch (error) {
      this.options.logger.warn({ err: error, messageId: message.id }, "inbound document not downloaded");
      return message;
    }
  }

  /** Sends one message and answers Meta's id for it; a phone goes in `to`, a business-scoped id in `recipient`. */
  private async post(to: string, content: GraphMessage, reference?: string): Promise<string> {
    const address = isBusinessUserId(to) ? { recipient: to } : { to };
    const tracked = reference === undefined ? {} : { biz_opaque_callback_data: reference };
    const answer = acceptedBody.safeParse(
      await this.call(this.messagesUrl, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({
          messaging_product: "whatsapp",
          recipient_type: "individual",
          ...address,
          ...content,
          ...tracked,
        }),
      }),
    );
    const id = answer.success ? answer.data.messages?.[0]?.id : undefined;
    if (!id) throw new Error("the WhatsApp Cloud API accepted a message without giving its id");
    return id;
  }

  /** One Graph API call: its JSON answer, or a SendRefused saying what Meta refused and why. */
  private async call(url: string, init: RequestInit): Promise<unknown> {
    let response: Response;
    try {
      response = await fetch(url, {
        ...init,
        headers: { ...(init.headers as Record<string, string>), authorization: `Bearer ${this.options.accessToken}` },
        signal: AbortSignal.timeout(this.timeoutMs),
      });
    } catch (error) {
      if (error instanceof Error && error.name === "TimeoutError") {
        throw new Error(`the WhatsApp Cloud API did not answer within ${this.timeoutMs} ms`);
      }
      throw new Error(`the WhatsApp Cloud API could not be reached: ${String(error)}`);
    }
    const text = await response.text().catch(() => "");
    if (!response.ok) {
      const { code, description } = readGraphError(text);
      const reason = response.status >= 500 ? "temporary" : refusalFor(code);
      this.options.onRefused?.(code, reason);
      throw new SendRefused(`the WhatsApp Cloud API answered ${response.status}: ${description}`, reason, code);
    }
    try {
      return JSON.parse(text) as unknown;
    } catch {
      return {};
    }
  }
}

/** A signed body that is not JSON is Meta's mistake or a replay of garbage: a 400, nothing handled. */
function readJson(bytes: Buffer | undefined): unknown {
  try {
    return JSON.parse(bytes?.toString("utf8") ?? "");
  } catch {
    throw invalidInput("invalid_json", "the body is not valid JSON");
  }
}

/**
 * The message as reply buttons, when it has some that fit Meta's limits (3 buttons, 20-character titles, distinct,
 * a body of 1024 characters); otherwise null, and it goes as text, which says how to answer by typing.
 */
function replyButtons(message: OutboundMessage): GraphMessage | null {
  const titles = message.buttons ?? [];
  const fits =
    titles.length > 0 &&
    titles.length <= MOST_BUTTONS &&
    new Set(titles.map((title) => title.toLowerCase())).size === titles.length &&
    titles.every((title) => title.length > 0 && title.length <= BUTTON_TITLE_LIMIT) &&
    message.text.length <= INTERACTIVE_BODY_LIMIT;
  if (!fits) return null;
  return {
    type: "interactive",
    interactive: {
      type: "button",
      body: { text: message.text },
      action: {
        buttons: titles.map((title, index) => ({ type: "reply", reply: { id: `button-${index + 1}`, title } })),
      },
    },
  };
}

/** The choices as a list message, when they fit Meta's limits (10 rows of 24 characters, distinct); else null. */
function listOf(choices: OutboundMessage["choices"]): GraphMessage | null {
  if (!choices) return null;
  const options = choices.options;
  const fits =
    options.length > 0 &&
    options.length <= MOST_LIST_ROWS &&
    new Set(options.map((option) => option.toLowerCase())).size === options.length &&
    options.every((option) => option.length > 0 && option.length <= LIST_ROW_TITLE_LIMIT) &&
    choices.button.length > 0 &&
    choices.button.length <= BUTTON_TITLE_LIMIT &&
    choices.body.length <= INTERACTIVE_BODY_LIMIT;
  if (!fits) return null;
  return {
    type: "interactive",
    interactive: {
      type: "list",
      body: { text: choices.body },
      action: {
        button: choices.button,
        sections: [
          {
            title: choices.button.slice(0, LIST_ROW_TITLE_LIMIT),
            rows: options.map((option, index) => ({ id: `row-${index + 1}`, title: option })),
          },
        ],
      },
    },
  };
}

/** The last four characters of an address, for logs. */
function mask(address: string): string {
  return `…${address.slice(-4)}`;
}

function sameText(left: string, right: string): boolean {
  const a = Buffer.from(left);
  const b = Buffer.from(right);
  return a.length === b.length && timingSafeEqual(a, b);
}

const mediaBody = z.object({
  url: z.string().url(),
  mime_type: z.string().optional(),
  file_size: z.number().optional(),
});

/** The whole body, refused as soon as it passes `limit` bytes (a stated size may be wrong or absent). */
async function readLimited(body: ReadableStream<Uint8Array>, limit: number): Promise<Uint8Array> {
  const chunks: Uint8Array[] = [];
  let size = 0;
  const reader = body.getReader();
  for (let read = await reader.read(); !read.done; read = await reader.read()) {
    size += read.value.byteLength;
    if (size > limit) {
      await reader.cancel();
      throw new Error("the document is over the size limit");
    }
    chunks.push(read.value);
  }
  return Buffer.concat(chunks);
}
