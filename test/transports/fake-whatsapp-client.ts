import { createHash } from "node:crypto";
import { EventEmitter } from "node:events";
import { createRequire } from "node:module";
import type { Message, MessageMedia, MessageSendOptions } from "whatsapp-web.js";
import type { WhatsappClient } from "../../bot/transports/whatsapp-web/whatsapp-web-transport.ts";

/*
 * whatsapp-web.js's `Client` (node_modules/whatsapp-web.js/src/Client.js) drives WhatsApp Web in Chromium, which
 * cannot reach WhatsApp from here. This stands in for it the way the library behaves: `initialize` shows a QR code
 * until the phone links the session (`authenticated`, then `ready`); every new message becomes the library's own
 * `Message` built from WhatsApp Web's serialized model, emitted as `message_create`, and as `message` too unless the
 * bot sent it; `sendMessage` answers the sent `Message` (its model has `fromMe`), which comes back as `message_create`;
 * `getContactLidAndPhone` answers `{ lid, pn }` serialized ids, `pn` undefined where WhatsApp maps none.
 */

const require = createRequire(import.meta.url);
const MessageClass: new (
  client: unknown,
  data: unknown,
) => Message = require("whatsapp-web.js/src/structures/Message.js");

/** The linked phone: the bot's own number. */
const BOT_CHAT = "5584988887777@c.us";

/** A message as a person sends it: `key` names the WhatsApp message, so the same key is the same message again. */
interface PersonMessage {
  from: string;
  body: string;
  key: string;
  notifyName?: string;
}

/** WhatsApp Web's message ids: 20 hex digits after "3EB0" for messages sent from WhatsApp Web, others for phones. */
function messageId(key: string): string {
  return `3A${createHash("sha256").update(key).digest("hex").slice(0, 18).toUpperCase()}`;
}

/** The flags WhatsApp Web's model gives a plain new message: not starred, forwarded, reacted to or mentioning. */
export const NEW_MESSAGE_FLAGS = {
  isNewMsg: true,
  star: false,
  isForwarded: false,
  hasReaction: false,
  broadcast: false,
  mentionedJidList: [],
  groupMentions: [],
  links: [],
};

/** A text message's model as `window.WWebJS.getMessageModel` serializes it. */
function textModel(options: { from: string; to: string; fromMe: boolean; body: string; id: string }) {
  const remote = options.fromMe ? options.to : options.from;
  return {
    id: { fromMe: options.fromMe, remote, id: options.id, _serialized: `${options.fromMe}_${remote}_${options.id}` },
    body: options.body,
    type: "chat",
    t: Math.floor(Date.now() / 1000),
    from: options.from,
    to: options.to,
    self: options.fromMe ? "out" : "in",
    ack: options.fromMe ? 0 : 1,
    ...NEW_MESSAGE_FLAGS,
  };
}

export class FakeWhatsappClient extends EventEmitter implements WhatsappClient {
  initialized = false;
  destroyed = false;
  private linked = false;
  /** What the bot sent, in order. */
  readonly sent: Array<{ chatId: string; content: string | MessageMedia; options: MessageSendOptions | undefined }> =
    [];
  /** The messages of every chat the bot wrote in, with the second each was sent. */
  private readonly chats: Array<{ chatId: string; fromMe: boolean; body: string; timestamp: number }> = [];
  /** WhatsApp's lid-to-phone mapping (`…@lid` → `…@c.us`). */
  readonly lidPhones: Record<string, string> = {};

  async initialize(): Promise<void> {
    this.initialized = true;
    this.emit("qr", "2@AbCdEfGhIjKlMnOp,QrStUvWxYz0123456789=,AbCdEfGh==,1234567890");
  }

  /** The phone scanned the QR code: the session is up. */
  link(): void {
    this.linked = true;
    this.emit("authenticated", undefined);
    this.emit("ready");
  }

  async destroy(): Promise<void> {
    this.destroyed = true;
  }

  /** A person's message reaches WhatsApp Web (again, after a reconnection, when the key was seen before). */
  receive(message: PersonMessage): void {
    const model = {
      ...textModel({ from: message.from, to: BOT_CHAT, fromMe: false, body: message.body, id: messageId(message.key) }),
      notifyName: message.notifyName ?? "Ana Souza",
    };
    const received = new MessageClass(this, model);
    this.emit("message_create", received);
    this.emit("message", received);
  }

  async sendMessage(chatId: string, content: string | MessageMedia, options?: MessageSendOptions): Promise<Message> {
    if (!this.linked || this.destroyed) throw new Error("Evaluation failed: the page is not ready");
    this.sent.push({ chatId, content, options });
    const body = typeof content === "string" ? content : (options?.caption ?? "");
    this.chats.push({ chatId, fromMe: true, body, timestamp: Math.floor(Date.now() / 1000) });
    const model = textModel({ from: BOT_CHAT, to: chatId, fromMe: true, body, id: `3EB0${this.sent.length}` });
    const message = new MessageClass(this, model);
    this.emit("message_create", message);
    return message;
  }

  /** A chat's latest messages, as the page keeps them: where a send the outbox did not record is looked for. */
  async getChatById(chatId: string) {
    if (!this.linked || this.destroyed) throw new Error("Evaluation failed: the page is not ready");
    const chat = this.chats.filter((message) => message.chatId === chatId);
    return {
      fetchMessages: async (options: { limit?: number; fromMe?: boolean }) =>
        chat
          .filter((message) => options.fromMe === undefined || message.fromMe === options.fromMe)
          .slice(-(options.limit ?? chat.length)),
    };
  }

  async getContactLidAndPhone(userIds: string[]): Promise<{ lid: string; pn: string }[]> {
    // The library's own typing says strings; WhatsApp leaves `pn` out where it maps none.
    return userIds.map((lid) => ({ lid, pn: this.lidPhones[lid] as string }));
  }

  async getContactById(): Promise<never> {
    throw new Error("Evaluation failed: contact not found");
  }
}
