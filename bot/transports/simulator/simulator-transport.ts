import { randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import { type Request, type Response, Router } from "express";
import { z } from "zod";
import { AppError } from "../../../core/app/errors.ts";
import { parseInput } from "../../../core/app/validation.ts";
import { PHONE_DIGITS } from "../../../core/domain/phone.ts";
import { WHATSAPP_TEXT_LIMIT } from "../../../core/domain/whatsapp-text.ts";
import { requireLocalOrEntrepreneur } from "../../../core/http/auth.ts";
import type { Identity } from "../../../core/identity/identity.ts";
import type { InboundHandler, OutboundMessage, SendReceipt, Transport } from "../transport.ts";

const phone = z.string().regex(PHONE_DIGITS, "must be 10 to 15 digits");
const postBody = z.object({
  from: phone,
  text: z
    .string()
    .refine((text) => text.trim().length > 0, "must not be empty")
    .pipe(z.string().max(WHATSAPP_TEXT_LIMIT, `must be at most ${WHATSAPP_TEXT_LIMIT} characters`)),
  name: z.string().max(200).optional(),
  id: z.string().min(1).max(200).optional(),
});
const phoneQuery = z.object({ phone });

export interface TranscriptLine {
  direction: "in" | "out";
  text: string;
  document?: { url: string; filename: string };
  at: Date;
}

export interface SimulatorOptions {
  identity: Identity;
  /** Returns once the bot's messages to a phone are sent, so a POST can answer with the bot's replies. */
  whenSent: (phone: string) => Promise<void>;
  /** The whole conversation with a phone, from the store. */
  transcript: (phone: string) => Promise<TranscriptLine[]>;
}

type Listener = (event: {
  direction: "in" | "out";
  text: string;
  document?: OutboundMessage["document"];
  at: string;
}) => void;

const page = readFileSync(new URL("./page/index.html", import.meta.url), "utf8");

/**
 * A chat over HTTP that stands in for WhatsApp: anyone may speak as any phone, which is what makes conversations
 * testable end to end. From loopback it needs no token; from elsewhere, the entrepreneur's bearer token.
 */
export class SimulatorTransport implements Transport {
  readonly name = "simulator";
  private handler: InboundHandler | null = null;
  private readonly collectors = new Map<string, Set<OutboundMessage[]>>();
  private readonly listeners = new Map<string, Set<Listener>>();
  private readonly streams = new Set<Response>();
  /** Messages taken and not yet handled: stopping waits for them. */
  private readonly handling = new Set<Promise<unknown>>();

  constructor(private readonly options: SimulatorOptions) {}

  async start(handler: InboundHandler): Promise<void> {
    this.handler = handler;
  }

  async stop(): Promise<void> {
    this.handler = null;
    await Promise.allSettled([...this.handling]);
  }

  async close(): Promise<void> {
    // Open event streams would keep the HTTP server from closing.
    for (const stream of this.streams) stream.end();
    this.streams.clear();
    this.listeners.clear();
  }

  /** The simulator has no message ids and no statuses: what it takes, it shows. */
  async send(to: string, message: OutboundMessage): Promise<SendReceipt> {
    for (const collector of this.collectors.get(to) ?? []) collector.push(message);
    this.emit(to, {
      direction: "out",
      text: message.text,
      ...(message.document ? { document: message.document } : {}),
      at: new Date().toISOString(),
    });
    return { messageIds: [] };
  }

  routers(): Router[] {
    const router = Router();
    router.use("/sim", (request, _response, next) => {
      void this.authorize(request).then(next, next);
    });
    router.get("/sim", (_request, response) => {
      response.type("html").send(page);
    });
    router.post("/sim/messages", async (request, response) => {
      const body = parseInput(postBody, request.body);
      response.json({ replies: await this.receive(body) });
    });
    router.get("/sim/messages", async (request, response) => {
      const { phone: who } = parseInput(phoneQuery, request.query);
      const lines = await this.options.transcript(who);
      response.json({
        messages: lines.map((line) => ({
          direction: line.direction,
          text: line.text,
          ...(line.document ? { document: line.document } : {}),
          at: line.at.toISOString(),
        })),
      });
    });
    router.get("/sim/events", (request, response) => this.stream(request, response));
    return [router];
  }

  private authorize(request: Request): Promise<void> {
    return requireLocalOrEntrepreneur(request, this.options.identity, "the simulator");
  }

  /** Hands the message to the bot and answers with what the bot sent to that phone meanwhile. */
  private async receive(body: z.output<typeof postBody>): Promise<OutboundMessage[]> {
    const handler = this.handler;
    if (!handler) throw new AppError("conflict", "stopping", "the bot is stopping");
    const collected: OutboundMessage[] = [];
    const collectors = this.collectors.get(body.from) ?? new Set();
    collectors.add(collected);
    this.collectors.set(body.from, collectors);
    try {
      const at = new Date();
      const id = body.id ?? randomUUID();
      const handled = handler({ transport: "simulator", id, from: body.from, name: body.name, text: body.text, at });
      this.handling.add(handled);
      const result = await handled.finally(() => this.handling.delete(handled));
      // A repeated id had no effect: what the first delivery's handling sends is its answer, not this one's.
      if (result === "duplicate") return [];
      // Shown once handled, so a repeated id does not appear twice on a live page.
      this.emit(body.from, { direction: "in", text: body.text, at: at.toISOString() });
      await this.options.whenSent(body.from);
      return collected.map((message) => ({
        text: message.text,
        ...(message.document ? { document: message.document } : {}),
      }));
    } finally {
      collectors.delete(collected);
      if (collectors.size === 0) this.collectors.delete(body.from);
    }
  }

  /** Server-sent events: every message to or from the phone, as it happens, for the chat page. */
  private stream(request: Request, response: Response): void {
    const { phone: who } = parseInput(phoneQuery, request.query);
    response.writeHead(200, {
      "content-type": "text/event-stream",
      "cache-control": "no-cache",
      connection: "keep-alive",
    });
    response.write(": connected\n\n");
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
