import { timingSafeEqual } from "node:crypto";
import express, { type RequestHandler, Router } from "express";
import type { Logger } from "pino";
import { z } from "zod";
import { AppError, invalidInput } from "../../../core/app/errors.ts";
import { parseInput } from "../../../core/app/validation.ts";
import { splitMessage } from "../../../core/domain/whatsapp-text.ts";
import { InboundDispatcher } from "../inbound-dispatcher.ts";
import type { InboundHandler, OutboundMessage, Transport } from "../transport.ts";
import { readNotification } from "./webhook-payload.ts";
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
}

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

const graphError = z.object({
  error: z.object({ message: z.string().optional(), code: z.number().optional() }).optional(),
});

type GraphMessage =
  | { type: "text"; text: { body: string; preview_url: boolean } }
  | { type: "document"; document: { link: string; filename: string; caption?: string } };

/**
 * The official WhatsApp Business Cloud API: Meta posts signed notifications to our webhook and we answer through
 * the Graph API. The webhook answers 200 before the bot handles anything, because Meta redelivers what is not
 * acknowledged within seconds; redeliveries carry the same message id, which the bot handles once.
 */
export class CloudApiTransport implements Transport {
  readonly name = "cloud-api";
  private handler: InboundHandler | null = null;
  private readonly inbound: InboundDispatcher;
  private readonly messagesUrl: string;
  private readonly timeoutMs: number;

  constructor(private readonly options: CloudApiOptions) {
    this.messagesUrl = `${options.graphUrl.replace(/\/+$/, "")}/${encodeURIComponent(options.phoneNumberId)}/messages`;
    this.timeoutMs = options.timeoutMs ?? 15_000;
    this.inbound = new InboundDispatcher(options.logger);
  }

  async start(handler: InboundHandler): Promise<void> {
    this.handler = handler;
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
    router.post(WEBHOOK_PATH, asReceived, rawBody, (request, response) => {
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
      const { messages, skipped } = readNotification(payload, this.options.phoneNumberId);
      response.sendStatus(200);
      if (skipped > 0) this.options.logger.debug({ skipped }, "webhook items left out");
      for (const message of messages) this.inbound.dispatch(message, this.handler);
    });
    return [router];
  }

  async send(phone: string, message: OutboundMessage): Promise<void> {
    const document = message.document;
    const textGoesAlone = !document || message.text.length > CAPTION_LIMIT;
    if (textGoesAlone) {
      for (const body of splitMessage(message.text)) {
        await this.post(phone, { type: "text", text: { body, preview_url: true } });
      }
    }
    if (document) {
      await this.post(phone, {
        type: "document",
        document: {
          link: document.url,
          filename: document.filename,
          ...(!textGoesAlone && message.text ? { caption: message.text } : {}),
        },
      });
    }
  }

  private async post(to: string, content: GraphMessage): Promise<void> {
    let response: Response;
    try {
      response = await fetch(this.messagesUrl, {
        method: "POST",
        headers: {
          authorization: `Bearer ${this.options.accessToken}`,
          "content-type": "application/json",
        },
        body: JSON.stringify({ messaging_product: "whatsapp", recipient_type: "individual", to, ...content }),
        signal: AbortSignal.timeout(this.timeoutMs),
      });
    } catch (error) {
      if (error instanceof Error && error.name === "TimeoutError") {
        throw new Error(`the WhatsApp Cloud API did not answer within ${this.timeoutMs} ms`);
      }
      throw new Error(`the WhatsApp Cloud API could not be reached: ${String(error)}`);
    }
    const text = await response.text().catch(() => "");
    if (!response.ok) throw new Error(`the WhatsApp Cloud API answered ${response.status}: ${describeError(text)}`);
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

/** Meta's `{"error": {"message", "code"}}`, or the start of whatever else came back. */
function describeError(body: string): string {
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    return body.slice(0, 200) || "no details";
  }
  const parsed = graphError.safeParse(json);
  const error = parsed.success ? parsed.data.error : undefined;
  if (!error?.message) return body.slice(0, 200) || "no details";
  return error.code === undefined ? error.message : `${error.message} (code ${error.code})`;
}

function sameText(left: string, right: string): boolean {
  const a = Buffer.from(left);
  const b = Buffer.from(right);
  return a.length === b.length && timingSafeEqual(a, b);
}
