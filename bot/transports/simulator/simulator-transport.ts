import { randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import { type Request, type Response, Router } from "express";
import { z } from "zod";
import { AppError } from "../../../core/app/errors.ts";
import { parseInput } from "../../../core/app/validation.ts";
import { requireLocalOrEntrepreneur } from "../../../core/http/auth.ts";
import { jsonBody } from "../../../core/http/json-body.ts";
import type { Identity } from "../../../core/identity/identity.ts";
import {
  type DeliveryCheck,
  type InboundHandler,
  type InboundMessage,
  type InboundResult,
  mediaTypeOf,
  type OutboundMessage,
  type SendContext,
  type SendReceipt,
  shownMessage,
  type Transport,
  type UnconfirmedSend,
} from "../transport.ts";
import { DeliveredRecord } from "./delivered-record.ts";
import {
  SIMULATOR_PATHS,
  type SimulatorAnswer,
  type SimulatorClosing,
  type SimulatorEvent,
  type SimulatorImage,
  type SimulatorReply,
  type SimulatorTranscript,
  simulatorPhone,
  simulatorPost,
} from "./simulator-wire.ts";

/** Base64's 4 characters per 3 bytes, less the padding: 10 MB is about 13.4 million characters. */
const SIM_BODY_LIMIT = "14mb";
const phoneQuery = z.object({ phone: simulatorPhone });

export interface TranscriptLine {
  direction: "in" | "out";
  text: string;
  document?: { url: string; filename: string };
  /** A picture the bot sent, as a `data:` URL. */
  image?: SimulatorImage;
  at: Date;
}

export interface SimulatorOptions {
  identity: Identity;
  /** Returns once the bot's messages to a phone are sent, so a POST can answer with the bot's replies. */
  whenSent: (phone: string) => Promise<void>;
  /** The whole conversation with a phone, from the store. */
  transcript: (phone: string) => Promise<TranscriptLine[]>;
  /** The phones that may run the entrepreneur's commands: the page marks them. */
  entrepreneurPhones: () => Promise<string[]>;
  /** Aborted when the process begins to stop: event streams end then, saying so, and no new one opens. */
  stopping?: AbortSignal | undefined;
  /** Where the simulator writes down what it delivered (`DATA_DIR/simulator/delivered.tsv`); memory only without. */
  deliveredFile?: string | undefined;
}

type Listener = (event: SimulatorEvent) => void;

const page = readFileSync(new URL("./page/index.html", import.meta.url), "utf8");

/**
 * A chat over HTTP that stands in for WhatsApp: anyone may speak as any phone, which is what makes conversations
 * testable end to end. From loopback it needs no token; from elsewhere, the entrepreneur's bearer token.
 */
export class SimulatorTransport implements Transport {
  readonly name = "simulator";
  private handler: InboundHandler | null = null;
  private readonly collectors = new Map<string, Set<SimulatorReply[]>>();
  private readonly listeners = new Map<string, Set<Listener>>();
  private readonly streams = new Set<Response>();
  /**
   * Per phone, the handling of its latest message: the next one waits for it, so that a phone's messages are handled
   * one at a time in the order they arrived (the page does not wait for an answer before sending again).
   */
  private readonly turns = new Map<string, Promise<unknown>>();
  /** Messages taken and not yet handled: stopping waits for them. */
  private readonly handling = new Set<Promise<unknown>>();
  /**
   * Per phone, the bot's messages held back while a message of that phone is being handled: its replies go out
   * during the handling, and a live page must show the message before them, as the transcript does after a reload.
   */
  private readonly heldOutgoing = new Map<string, { holders: number; events: Array<Parameters<Listener>[0]> }>();

  /** What it delivered, by outbox entry: on disk when given a file, so that a restart still knows. */
  private readonly deliveredRecord: DeliveredRecord;

  constructor(private readonly options: SimulatorOptions) {
    this.deliveredRecord = new DeliveredRecord(options.deliveredFile ?? null);
    options.stopping?.addEventListener("abort", () => this.endStreams(), { once: true });
  }

  async start(handler: InboundHandler): Promise<void> {
    this.handler = handler;
  }

  async stop(): Promise<void> {
    this.handler = null;
    await Promise.allSettled([...this.handling]);
  }

  async close(): Promise<void> {
    this.deliveredRecord.close();
    this.endStreams();
    this.listeners.clear();
  }

  /** Open event streams would keep the HTTP server from closing: each is told the server is going away, and ends. */
  private endStreams(): void {
    const closing: SimulatorClosing = { closing: true };
    for (const stream of this.streams) stream.end(`event: closing\ndata: ${JSON.stringify(closing)}\n\n`);
    this.streams.clear();
  }

  /** The simulator has no message ids and no statuses: what it takes, it shows, and writes down. */
  async send(to: string, message: OutboundMessage, context?: SendContext): Promise<SendReceipt> {
    const entry = context?.outboxEntryId;
    if (entry !== undefined) this.deliveredRecord.add(entry, to, new Date());
    const shown = shownMessage(message);
    for (const collector of this.collectors.get(to) ?? []) collector.push(shown);
    const event: SimulatorEvent = { direction: "out", ...shown, at: new Date().toISOString() };
    const held = this.heldOutgoing.get(to);
    if (held) held.events.push(event);
    else this.emit(to, event);
    return { messageIds: [] };
  }

  /**
   * Exact where it has its file: the record is written before a send returns. Without one (tests) it knows only what
   * this process delivered.
   */
  async wasDelivered(send: UnconfirmedSend): Promise<DeliveryCheck> {
    const delivered = this.deliveredRecord.has(send.outboxEntryId, send.to, send.from, send.until);
    return { kind: delivered ? "delivered" : "not_delivered" };
  }

  routers(): Router[] {
    const router = Router();
    router.use("/sim", (request, _response, next) => {
      void this.authorize(request).then(next, next);
    });
    router.get("/sim", (_request, response) => {
      response.type("html").send(page);
    });
    // Like WhatsApp, the simulator delivers whatever a person sends, NUL included: the bot reads it without.
    // The body may carry a 10 MB document in base64: express refuses a longer Content-Length before reading it.
    router.post(
      SIMULATOR_PATHS.messages,
      ...jsonBody({ refuseNul: false, limit: SIM_BODY_LIMIT }),
      async (request, response) => {
        const body = parseInput(simulatorPost, request.body);
        const answer: SimulatorAnswer = { replies: await this.receive(body) };
        response.json(answer);
      },
    );
    router.get(SIMULATOR_PATHS.messages, async (request, response) => {
      const { phone: who } = parseInput(phoneQuery, request.query);
      const lines = await this.options.transcript(who);
      const transcript: SimulatorTranscript = {
        messages: lines.map((line) => ({
          direction: line.direction,
          text: line.text,
          ...(line.document ? { document: line.document } : {}),
          ...(line.image ? { image: line.image } : {}),
          at: line.at.toISOString(),
        })),
      };
      response.json(transcript);
    });
    router.get(SIMULATOR_PATHS.events, (request, response) => this.stream(request, response));
    router.get("/sim/entrepreneurs", async (_request, response) => {
      let phones: string[];
      try {
        phones = await this.options.entrepreneurPhones();
      } catch {
        // Keycloak away: the page marks no one until it asks again.
        response.status(503).json({ error: "the identity provider is unavailable" });
        return;
      }
      response.json({ phones });
    });
    return [router];
  }

  private authorize(request: Request): Promise<void> {
    return requireLocalOrEntrepreneur(request, this.options.identity, "the simulator");
  }

  /** Hands the message to the bot and answers with what the bot sent to that phone meanwhile. */
  private async receive(body: z.output<typeof simulatorPost>): Promise<SimulatorReply[]> {
    const handler = this.handler;
    if (!handler) throw new AppError("conflict", "stopping", "the bot is stopping");
    const collected: SimulatorReply[] = [];
    const collectors = this.collectors.get(body.from) ?? new Set();
    collectors.add(collected);
    this.collectors.set(body.from, collectors);
    try {
      const at = new Date();
      const id = body.id ?? randomUUID();
      const handled = this.inTurn(body.from, () => this.handleShown(handler, body, id, at));
      this.handling.add(handled);
      const result = await handled.finally(() => this.handling.delete(handled));
      // A repeated id had no effect: what the first delivery's handling sends is its answer, not this one's.
      if (result === "duplicate") return [];
      await this.options.whenSent(body.from);
      return collected;
    } finally {
      collectors.delete(collected);
      if (collectors.size === 0) this.collectors.delete(body.from);
    }
  }

  /**
   * Handles the message with the bot's messages to its phone held back until it is shown on a live page: shown once
   * handled, so a repeated id does not appear twice, and before its replies, as the transcript shows it after a reload.
   */
  private async handleShown(
    handler: InboundHandler,
    body: z.output<typeof simulatorPost>,
    id: string,
    at: Date,
  ): Promise<InboundResult> {
    const release = this.holdOutgoing(body.from);
    try {
      const result = await handler(inboundOf(body, id, at));
      if (result !== "duplicate")
        this.emit(body.from, { direction: "in", text: shownText(body), at: at.toISOString() });
      return result;
    } finally {
      release();
    }
  }

  /** Runs `work` once the phone's earlier messages are handled. */
  private inTurn<T>(phone: string, work: () => Promise<T>): Promise<T> {
    const turn = (this.turns.get(phone) ?? Promise.resolve()).then(work);
    const settled = turn.then(
      () => {},
      () => {},
    );
    this.turns.set(phone, settled);
    void settled.then(() => {
      if (this.turns.get(phone) === settled) this.turns.delete(phone);
    });
    return turn;
  }

  /** Holds the bot's messages to a phone back until the returned function is called (by every holder). */
  private holdOutgoing(phone: string): () => void {
    const held = this.heldOutgoing.get(phone) ?? { holders: 0, events: [] };
    held.holders++;
    this.heldOutgoing.set(phone, held);
    let released = false;
    return () => {
      if (released) return;
      released = true;
      held.holders--;
      if (held.holders > 0) return;
      this.heldOutgoing.delete(phone);
      for (const event of held.events) this.emit(phone, event);
    };
  }

  /** Server-sent events: every message to or from the phone, as it happens, for the chat page. */
  private stream(request: Request, response: Response): void {
    const { phone: who } = parseInput(phoneQuery, request.query);
    if (this.options.stopping?.aborted) {
      response.status(503).json({ error: "SISCONF is stopping" });
      return;
    }
    response.writeHead(200, {
      "content-type": "text/event-stream",
      "cache-control": "no-cache",
      connection: "keep-alive",
    });
    // A page whose stream dropped (a restart) tries again after 2 s rather than the browser's default.
    response.write("retry: 2000\n: connected\n\n");
    const listener: Listener = (event) => response.write(`data: ${JSON.stringify(event)}\n\n`);
    const listeners = this.listeners.get(who) ?? new Set();
    listeners.add(listener);
    this.listeners.set(who, listeners);
    const keepAlive = setInterval(() => response.write(": ping\n\n"), 25_000);
    this.streams.add(response);
    request.on("close", () => {
      clearInterval(keepAlive);
      this.streams.delete(response);
      listeners.delete(listener);
      if (listeners.size === 0) this.listeners.delete(who);
    });
  }

  private emit(to: string, event: Parameters<Listener>[0]): void {
    for (const listener of this.listeners.get(to) ?? []) listener(event);
  }
}

function inboundOf(body: z.output<typeof simulatorPost>, id: string, at: Date): InboundMessage {
  const message: InboundMessage = {
    transport: "simulator",
    id,
    from: body.from,
    name: body.name,
    text: body.text ?? "",
    at,
  };
  if (body.media) return { ...message, media: true, mediaKind: body.media };
  if (!body.document) return message;
  const { filename, content } = body.document;
  return {
    ...message,
    media: true,
    mediaKind: "other",
    document: { filename, mediaType: mediaTypeOf(filename), bytes: Buffer.from(content, "base64") },
  };
}

/** What the live page shows of a message in: its text, or what was sent instead. */
function shownText(body: z.output<typeof simulatorPost>): string {
  const caption = body.text ?? "";
  if (body.document) return `📎 ${body.document.filename}${caption ? `\n${caption}` : ""}`;
  if (body.media) return `${body.media === "audio" ? "🎤" : "🖼️"}${caption ? ` ${caption}` : ""}`;
  return caption;
}
