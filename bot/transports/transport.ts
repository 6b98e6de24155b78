import type { Router } from "express";

/** One message from a person, as every transport hands it to the bot. */
export interface InboundMessage {
  transport: TransportName;
  /** The transport's own id for the message: a redelivery carries the same one. */
  id: string;
  /** Digits only, country code first. */
  from: string;
  name?: string | undefined;
  text: string;
  /** A photo, audio or other media came with it (its text, if any, is the caption). */
  media?: boolean;
  at: Date;
}

export interface OutboundMessage {
  text: string;
  /** A file to send as a document where the transport can; the text (with its link) goes along either way. */
  document?: { url: string; filename: string };
}

export type TransportName = "simulator" | "whatsapp-web" | "cloud-api";

/** What became of a message: "duplicate" when its id was already handled, so it had no new effect. */
export type InboundResult = "handled" | "duplicate" | "ignored" | "failed";

export type InboundHandler = (message: InboundMessage) => Promise<InboundResult>;

/**
 * The transport port. Guarantees: `start` hands every person-to-bot text message to the handler once per delivery
 * (groups, broadcasts and the bot's own messages never reach it; redeliveries may, with the same id); `send`
 * resolves only once the platform accepted the message and throws when it did not, so the outbox retries.
 * Leaves out: read receipts, typing indicators, media other than documents.
 */
export interface Transport {
  readonly name: TransportName;
  start(handler: InboundHandler): Promise<void>;
  send(phone: string, message: OutboundMessage): Promise<void>;
  /** Stops taking messages and waits for those already taken to be handled; sending still works. */
  stop(): Promise<void>;
  /** Lets the platform connection go, once nothing more is to be sent (the replies to the last messages included). */
  close(): Promise<void>;
  /** HTTP routes the transport needs (the simulator, a webhook); mounted without the API's bearer check. */
  routers(): Router[];
}
