import { EventEmitter } from "node:events";
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import { createRequire } from "node:module";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { eq } from "drizzle-orm";
import express from "express";
import pino from "pino";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import type { ClientOptions, Contact, Message, MessageMedia, MessageSendOptions } from "whatsapp-web.js";
import { type Bot, createBot } from "../../bot/bot.ts";
import {
  DOCUMENT_LIMIT_BYTES,
  type InboundMessage,
  SendRefused,
  type SessionReport,
} from "../../bot/transports/transport.ts";
import { withDownloadedDocument } from "../../bot/transports/whatsapp-web/download-document.ts";
import { resolveLidPhone, toInboundMessage } from "../../bot/transports/whatsapp-web/to-inbound-message.ts";
import { statePage } from "../../bot/transports/whatsapp-web/whatsapp-page.ts";
import {
  libraryClientOptions,
  PINNED_WHATSAPP_WEB_VERSION,
  type WhatsappClient,
  WhatsappWebTransport,
} from "../../bot/transports/whatsapp-web/whatsapp-web-transport.ts";
import { ConfigError } from "../../core/config/config.ts";
import { queueNotifications } from "../../core/db/notification-queries.ts";
import { notifications } from "../../core/db/schema.ts";
import { createBuiltInIdentity } from "../../core/identity/built-in-identity.ts";
import type { Identity } from "../../core/identity/identity.ts";
import { testBotOptions } from "../support/test-bot-options.ts";
import { createTestDatabase, type TestDatabase } from "../support/test-database.ts";
import { NEW_MESSAGE_FLAGS } from "./fake-whatsapp-client.ts";

/*
 * WhatsApp cannot be reached from here (no phone, no WhatsApp servers), so these tests build the library's own
 * `Message` objects from data shaped like WhatsApp Web's serialized message model (what whatsapp-web.js's
 * `getMessageModel` hands to `new Message(client, data)`), and drive the transport with a fake client that
 * emits the library's events.
 */

const require = createRequire(import.meta.url);
const MessageClass: new (
  client: unknown,
  data: unknown,
) => Message = require("whatsapp-web.js/src/structures/Message.js");
const ContactClass: new (
  client: unknown,
  data: unknown,
) => Contact = require("whatsapp-web.js/src/structures/Contact.js");

const BOT = "5584988887777@c.us";
const ANA = "5584999990001";

interface ModelOptions {
  from?: string;
  to?: string;
  fromMe?: boolean;
  body?: string;
  type?: string;
  author?: string;
  extra?: Record<string, unknown>;
}

let sequence = 0;

/** A message model as WhatsApp Web serializes it. */
function model(options: ModelOptions = {}): Record<string, unknown> {
  const fromMe = options.fromMe ?? false;
  const from = options.from ?? `${ANA}@c.us`;
  const to = options.to ?? BOT;
  const remote = fromMe ? to : from;
  const id = `3EB0${(++sequence).toString(16).toUpperCase().padStart(16, "0")}`;
  return {
    id: {
      fromMe,
      remote,
      id,
      _serialized: `${fromMe}_${remote}_${id}${options.author ? `_${options.author}` : ""}`,
      ...(options.author ? { participant: options.author } : {}),
    },
    body: options.body ?? "2kg de tomate",
    type: options.type ?? "chat",
    t: 1_717_000_000,
    notifyName: "Ana Souza",
    from,
    to,
    ...(options.author ? { author: options.author } : {}),
    self: fromMe ? "out" : "in",
    ack: 1,
    ...NEW_MESSAGE_FLAGS,
    ...options.extra,
  };
}

/** The lookups a `Message` makes through its client, answered from tables. */
function directoryClient(phones: Record<string, string> = {}, contacts: Record<string, Record<string, unknown>> = {}) {
  return {
    async getContactLidAndPhone(ids: string[]) {
      return ids.map((lid) => ({ lid, pn: phones[lid] ?? "" }));
    },
    async getContactById(id: string) {
      const data = contacts[id];
      if (!data) throw new Error("contact not found");
      return new ContactClass(this, data);
    },
  };
}

const message = (options: ModelOptions = {}, client: unknown = directoryClient()) =>
  new MessageClass(client, model(options));

describe("whatsapp-web message mapping", () => {
  it("maps a person's text message to an inbound message", () => {
    const received = message({ body: "2kg de tomate" });
    expect(toInboundMessage(received)).toEqual({
      transport: "whatsapp-web",
      id: received.id._serialized,
      from: ANA,
      name: "Ana Souza",
      text: "2kg de tomate",
      at: new Date(1_717_000_000 * 1000),
    });
  });

  it("reads the sender when WhatsApp gives it as a wid object", () => {
    const wid = { server: "c.us", user: ANA, _serialized: `${ANA}@c.us` };
    const received = new MessageClass(directoryClient(), { ...model(), from: wid, to: { _serialized: BOT } });
    expect(toInboundMessage(received)?.from).toBe(ANA);
  });

  it.each([
    ["a group message", { from: "120363025246125486@g.us", author: `${ANA}@c.us` }],
    ["a status update", { from: "status@broadcast", author: `${ANA}@c.us`, extra: { isStatusV3: true } }],
    ["a channel post", { from: "120363144038483540@newsletter" }],
    ["a broadcast list message", { from: "1717000000@broadcast" }],
    ["the bot's own message", { fromMe: true, from: BOT, to: `${ANA}@c.us` }],
    ["a deleted message", { type: "revoked", body: "" }],
    ["an end-to-end encryption notice", { type: "e2e_notification", body: "" }],
    ["a call log", { type: "call_log", body: "" }],
    ["a reaction", { type: "reaction", body: "👍" }],
    ["a message still being decrypted", { type: "ciphertext", body: "" }],
    ["a sender that is not a phone", { from: "123@c.us" }],
  ] satisfies Array<[string, ModelOptions]>)("drops %s", (_label, options) => {
    expect(toInboundMessage(message(options))).toBeNull();
  });

  it.each([
    ["a voice note", "ptt", { mimetype: "audio/ogg; codecs=opus", duration: "4" }],
    ["an audio file", "audio", { mimetype: "audio/mpeg" }],
    ["a sticker", "sticker", { mimetype: "image/webp" }],
    ["a photo without caption", "image", { mimetype: "image/jpeg" }],
  ])("maps %s without text to media with empty text", (_label, type, extra) => {
    const received = message({
      type,
      body: "/9j/4AAQSkZJRgABAQAAAQABAAD",
      extra: { directPath: "/v/t62.7117-24/1", ...extra },
    });
    expect(received.hasMedia).toBe(true);
    expect(toInboundMessage(received)).toMatchObject({ from: ANA, text: "", media: true });
  });

  it("reads a photo's caption as its text", () => {
    const received = message({
      type: "image",
      body: "/9j/4AAQSkZJRgABAQAAAQABAAD",
      extra: { directPath: "/v/t62.7118-24/2", caption: "1kg de tomate", mimetype: "image/jpeg" },
    });
    expect(toInboundMessage(received)).toMatchObject({ text: "1kg de tomate", media: true });
  });

  it("reads the caption, not the thumbnail, of a photo whose media is gone", () => {
    const received = message({ type: "image", body: "/9j/4AAQSkZJRgABAQ", extra: { caption: "uma dúzia de ovos" } });
    expect(received.hasMedia).toBe(false);
    expect(toInboundMessage(received)).toMatchObject({ text: "uma dúzia de ovos", media: true });
  });

  it("maps a location or contact card to media with empty text", () => {
    const location = message({ type: "location", body: "/9j/thumbnail", extra: { lat: -5.79, lng: -35.2 } });
    expect(toInboundMessage(location)).toMatchObject({ text: "", media: true });
    const card = message({ type: "vcard", body: "BEGIN:VCARD\nFN:Zé\nEND:VCARD" });
    expect(toInboundMessage(card)).toMatchObject({ text: "", media: true });
  });

  it("reads an @lid sender as its phone when given, else as its privacy id, keeping the id either way", () => {
    const received = message({ from: "214000000000001@lid" });
    expect(toInboundMessage(received)).toMatchObject({
      from: "214000000000001@lid",
      platformUserId: "214000000000001@lid",
      text: "2kg de tomate",
    });
    expect(toInboundMessage(received, "5584999990002")).toMatchObject({
      from: "5584999990002",
      platformUserId: "214000000000001@lid",
      text: "2kg de tomate",
    });
  });
});

describe("whatsapp-web documents in", () => {
  /** A document message whose media the page hands over as `downloadMedia` does (base64). */
  function documentMessage(bytes: Buffer, extra: Record<string, unknown> = {}) {
    const evaluate = vi.fn(async () => ({
      data: bytes.toString("base64"),
      mimetype: "text/csv",
      filename: "precos.csv",
      filesize: bytes.length,
    }));
    const received = new MessageClass(
      { pupPage: { evaluate } },
      model({
        type: "document",
        body: "",
        extra: { directPath: "/v/t62.7119-24/3", mimetype: "text/csv", filename: "precos.csv", ...extra },
      }),
    );
    return { received, evaluate };
  }

  it("downloads a document's bytes with its name and media type", async () => {
    const bytes = Buffer.from("sku,name,unit,price,provider\n");
    const { received } = documentMessage(bytes, { size: bytes.length });
    const inbound = toInboundMessage(received);
    if (!inbound) throw new Error("the document was not read");
    const complete = await withDownloadedDocument(received, inbound);
    expect(complete.document).toMatchObject({ filename: "precos.csv", mediaType: "text/csv" });
    expect(Buffer.from(complete.document?.bytes ?? []).equals(bytes)).toBe(true);
  });

  it("leaves a document over 10 MB out without downloading it when WhatsApp states its size", async () => {
    const { received, evaluate } = documentMessage(Buffer.from("x"), { size: DOCUMENT_LIMIT_BYTES + 1 });
    const inbound = toInboundMessage(received);
    if (!inbound) throw new Error("the document was not read");
    expect((await withDownloadedDocument(received, inbound)).document).toBeUndefined();
    expect(evaluate).not.toHaveBeenCalled();
  });

  it("leaves a document over 10 MB out before decoding it when its size was not stated", async () => {
    const { received } = documentMessage(Buffer.alloc(DOCUMENT_LIMIT_BYTES + 3));
    const inbound = toInboundMessage(received);
    if (!inbound) throw new Error("the document was not read");
    const complete = await withDownloadedDocument(received, inbound);
    expect(complete.document).toBeUndefined();
    expect(complete.media).toBe(true);
  });

  it.each([
    ["ptt", "audio"],
    ["audio", "audio"],
    ["image", "image"],
    ["sticker", "other"],
  ])("says a %s is %s media", (type, kind) => {
    const received = message({ type, body: "/9j/4AAQ", extra: { directPath: "/v/t62.7117-24/1", mimetype: "x/y" } });
    expect(toInboundMessage(received)?.mediaKind).toBe(kind);
  });
});

describe("whatsapp-web @lid resolution", () => {
  const LID = "214000000000001@lid";

  it("finds the phone through WhatsApp Web's lid mapping", async () => {
    const client = directoryClient({ [LID]: "5584999990002@c.us" });
    expect(await resolveLidPhone(message({ from: LID }, client), client)).toBe("5584999990002");
  });

  it("falls back to the contact, whose id whatsapp-web.js replaces with the phone", async () => {
    const contact = {
      id: { server: "c.us", user: "5584999990003", _serialized: "5584999990003@c.us" },
      userid: "5584999990003",
      pushname: "Bia",
    };
    const client = directoryClient({}, { [LID]: contact });
    expect(await resolveLidPhone(message({ from: LID }, client), client)).toBe("5584999990003");
  });

  it("does not take a privacy id's digits for a phone", async () => {
    const contact = { id: { server: "lid", user: "214000000000001", _serialized: LID }, userid: "214000000000001" };
    const client = directoryClient({}, { [LID]: contact });
    expect(await resolveLidPhone(message({ from: LID }, client), client)).toBeNull();
  });

  it("answers null when every lookup fails", async () => {
    const failing = {
      getContactLidAndPhone: async () => {
        throw new Error("page closed");
      },
      getContactById: async () => {
        throw new Error("page closed");
      },
    };
    expect(await resolveLidPhone(message({ from: LID }, failing), failing)).toBeNull();
  });
});

/**
 * Stands in for whatsapp-web.js's `Client`: emits its events on demand and records what is sent. The helpers replay
 * the sequences the library's own code emits (src/Client.js): a code scanned is `qr`, `authenticated`, `ready`; a
 * saved session restored is `authenticated`, `ready`; a connection that falls is `change_state` with the new state,
 * then `disconnected` with it, and the library destroys its browser itself; an unlink on the phone is `disconnected`
 * with "LOGOUT", after which the same client shows a new `qr`; a saved session refused is `auth_failure`.
 */
class FakeClient extends EventEmitter implements WhatsappClient {
  initialized = false;
  destroyed = false;

  pairByQr(code = "2@scanned"): void {
    this.emit("qr", code);
    this.emit("authenticated", undefined);
    this.emit("ready");
  }
  restoreSession(): void {
    this.emit("authenticated", undefined);
    this.emit("ready");
  }
  loseConnection(
    state: "CONFLICT" | "UNLAUNCHED" | "PROXYBLOCK" | "TOS_BLOCK" | "SMB_TOS_BLOCK" | "DEPRECATED_VERSION",
  ): void {
    this.emit("change_state", state);
    this.emit("disconnected", state);
    void this.destroy();
  }
  unlinkOnPhone(): void {
    this.emit("disconnected", "LOGOUT");
    this.emit("qr", "2@after-logout");
  }
  refuseSavedSession(): void {
    this.emit("auth_failure", "Unable to log in. Are the session details valid?");
  }
  sent: Array<{ chatId: string; content: string | MessageMedia; options: MessageSendOptions | undefined }> = [];
  lidPhones: Record<string, string> = {};

  async initialize(): Promise<void> {
    this.initialized = true;
  }
  async destroy(): Promise<void> {
    this.destroyed = true;
  }
  /** The chats as WhatsApp Web keeps them: what was sent, with the second it was sent in. */
  chats = new Map<string, { fromMe: boolean; body: string; timestamp: number }[]>();

  async sendMessage(chatId: string, content: string | MessageMedia, options?: MessageSendOptions): Promise<unknown> {
    this.sent.push({ chatId, content, options });
    const body = typeof content === "string" ? content : (options?.caption ?? "");
    const chat = this.chats.get(chatId) ?? [];
    chat.push({ fromMe: true, body, timestamp: Math.floor(Date.now() / 1000) });
    this.chats.set(chatId, chat);
    return {};
  }
  async getChatById(chatId: string) {
    const chat = this.chats.get(chatId) ?? [];
    return {
      fetchMessages: async (options: { limit?: number; fromMe?: boolean }) =>
        chat
          .filter((message) => options.fromMe === undefined || message.fromMe === options.fromMe)
          .slice(-(options.limit ?? chat.length)),
    };
  }
  async getContactLidAndPhone(ids: string[]) {
    return ids.map((lid) => ({ lid, pn: this.lidPhones[lid] ?? "" }));
  }
  async getContactById(): Promise<Contact> {
    throw new Error("unknown contact");
  }
  /** What the library emits for a new message from someone else. */
  receive(options: ModelOptions): void {
    this.emit("message", new MessageClass(this, model(options)));
  }
}

/** No token is valid: the page is reached from loopback only, as in these tests. */
const noIdentity: Identity = {
  kind: "built-in",
  authenticate: async () => null,
  entrepreneurPhones: async () => [],
  isEntrepreneur: async () => false,
  grantEntrepreneur: async () => ({ kind: "fixed_by_configuration" }),
  revokeEntrepreneur: async () => ({ kind: "fixed_by_configuration" }),
  customerContacted: () => {},
  close: async () => {},
};

/** The transport's `/whatsapp` page, served on a free loopback port. */
async function servePage(transport: WhatsappWebTransport): Promise<{ url: string; server: Server }> {
  const app = express();
  for (const router of transport.routers()) app.use(router);
  const server: Server = await new Promise((resolve) => {
    const listening = createServer(app).listen(0, "127.0.0.1", () => resolve(listening));
  });
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/whatsapp`, server };
}

describe("whatsapp-web transport with a fake client", () => {
  let dataDir: string;
  let clients: FakeClient[];
  let printed: string[];
  let received: InboundMessage[];
  let transport: WhatsappWebTransport;
  /** The session as the transport last reported it to its watcher (the bot's chat notice reads the same). */
  let reported: SessionReport | null = null;
  const lastLoss = () => reported?.loss ?? null;

  const latest = () => {
    const client = clients.at(-1);
    if (!client) throw new Error("no client yet");
    return client;
  };

  beforeEach(async () => {
    dataDir = mkdtempSync(path.join(tmpdir(), "sisconf-wa-"));
    clients = [];
    printed = [];
    received = [];
    transport = new WhatsappWebTransport({
      dataDir,
      chromiumPath: "/usr/bin/chromium",
      identity: noIdentity,
      logger: pino({ level: "silent" }),
      printQr: (drawing) => printed.push(drawing),
      createClient: async () => {
        const client = new FakeClient();
        clients.push(client);
        return client;
      },
      reconnect: { initialDelayMs: 1_000, maxDelayMs: 8_000 },
      readyWaitMs: 300,
    });
    reported = null;
    transport.watchSession((session) => {
      reported = session;
    });
    await transport.start(async (message) => {
      received.push(message);
      return "handled";
    });
    await vi.waitFor(() => expect(latest().initialized).toBe(true));
  });

  afterEach(async () => {
    vi.useRealTimers();
    await transport.stop();
    await transport.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it("prints the QR code in the terminal and shows it on /whatsapp, then 'conectado'", async () => {
    latest().emit("qr", "2@AbCdEfGhIjKlMnOp,QrStUvWxYz0123456789=,AbCdEfGh==,1234567890");
    expect(transport.state.kind).toBe("qr");
    expect(printed).toHaveLength(1);
    expect(printed[0]).toMatch(/[█▀▄]/);

    const { url, server } = await servePage(transport);
    try {
      const page = await (await fetch(url)).text();
      expect(page).toContain("<svg");
      expect(page).toContain('data-state="qr"');
      latest().emit("ready");
      expect(await (await fetch(url)).text()).toContain("conectado");
    } finally {
      server.close();
    }
  });

  it("hands person messages to the bot and leaves out groups, status, channels and its own", async () => {
    const client = latest();
    client.emit("ready");
    client.receive({ from: "120363025246125486@g.us", author: `${ANA}@c.us` });
    client.receive({ from: "status@broadcast", author: `${ANA}@c.us` });
    client.receive({ from: "120363144038483540@newsletter" });
    client.receive({ fromMe: true, from: BOT, to: `${ANA}@c.us` });
    client.receive({ body: "2kg de tomate" });
    client.receive({ body: "sim" });
    await vi.waitFor(() => expect(received).toHaveLength(2));
    expect(received.map((message) => [message.from, message.text])).toEqual([
      [ANA, "2kg de tomate"],
      [ANA, "sim"],
    ]);
  });

  it("answers an @lid sender on its phone, and one whose phone is unknown on its privacy id", async () => {
    const client = latest();
    client.lidPhones["214000000000001@lid"] = "5584999990002@c.us";
    client.emit("ready");
    client.receive({ from: "214000000000009@lid", body: "sem telefone" });
    client.receive({ from: "214000000000001@lid", body: "1kg de cebola" });
    await vi.waitFor(() => expect(received).toHaveLength(2));
    expect(received).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ from: "214000000000009@lid", text: "sem telefone" }),
        expect.objectContaining({ from: "5584999990002", text: "1kg de cebola" }),
      ]),
    );
    await transport.send("214000000000009@lid", { text: "Seu pedido" });
    expect(client.sent).toEqual([{ chatId: "214000000000009@lid", content: "Seu pedido", options: undefined }]);
  });

  it("sends text to the phone's chat, and refuses to send while not connected", async () => {
    await expect(transport.send(ANA, { text: "oi" })).rejects.toThrow(/not connected/);
    latest().emit("ready");
    await transport.send(ANA, { text: "Pedido #1 confirmado" });
    expect(latest().sent).toEqual([{ chatId: `${ANA}@c.us`, content: "Pedido #1 confirmado", options: undefined }]);
  });

  it("tells an unconfirmed send it finds in the chat since its claim from one it does not, and cannot tell while not connected", async () => {
    const unconfirmed = (text: string, from: Date) => ({
      outboxEntryId: 7,
      to: ANA,
      message: { text },
      from,
      until: new Date(from.getTime() + 60_000),
    });
    await expect(transport.wasDelivered(unconfirmed("Chegaram as mangas!", new Date()))).rejects.toThrow(
      /not connected/,
    );
    latest().emit("ready");
    const claimed = new Date(Date.now() - 1000);
    await transport.send(ANA, { text: "Chegaram as mangas!" });
    const cases = [
      { text: "Chegaram as mangas!", from: claimed, expected: "delivered" },
      { text: "Chegou o abacaxi!", from: claimed, expected: "not_delivered" },
      // The same text, sent before this claim began: an earlier message, not this one.
      { text: "Chegaram as mangas!", from: new Date(Date.now() + 10_000), expected: "not_delivered" },
    ];
    for (const { text, from, expected } of cases) {
      expect(await transport.wasDelivered(unconfirmed(text, from)), text).toEqual({ kind: expected });
    }
  });

  it("sends a document fetched from its link as a document with the text as caption", async () => {
    const bytes = Buffer.from("PK\u0003\u0004 fake workbook");
    const files = createServer((request, response) => {
      if (request.url === "/missing.xlsx") {
        response.writeHead(404).end("not found");
        return;
      }
      response.writeHead(200, { "content-type": "application/octet-stream" }).end(bytes);
    });
    await new Promise<void>((resolve) => files.listen(0, "127.0.0.1", resolve));
    const base = `http://127.0.0.1:${(files.address() as AddressInfo).port}`;
    try {
      latest().emit("ready");
      await transport.send(ANA, {
        text: "Planilha do lote #1",
        document: { url: `${base}/lote-1.xlsx`, filename: "consolidado-1.xlsx" },
      });
      const [sent] = latest().sent;
      expect(sent?.chatId).toBe(`${ANA}@c.us`);
      expect(sent?.options).toEqual({ sendMediaAsDocument: true, caption: "Planilha do lote #1" });
      const media = sent?.content as MessageMedia;
      expect(media.filename).toBe("consolidado-1.xlsx");
      expect(media.mimetype).toBe("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
      expect(Buffer.from(media.data, "base64")).toEqual(bytes);

      await expect(
        transport.send(ANA, { text: "x", document: { url: `${base}/missing.xlsx`, filename: "x.xlsx" } }),
      ).rejects.toThrow(/404/);
    } finally {
      files.close();
    }
  });

  it("reconnects after a disconnection with an exponential backoff, reset once connected", async () => {
    vi.useFakeTimers();
    const first = latest();
    first.emit("ready");
    first.emit("disconnected", "NAVIGATION");
    await vi.advanceTimersByTimeAsync(0);
    expect(first.destroyed).toBe(true);
    expect(transport.state).toMatchObject({ kind: "reconnecting", attempt: 1, delayMs: 1_000 });

    await vi.advanceTimersByTimeAsync(999);
    expect(clients).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(clients).toHaveLength(2);
    expect(latest().initialized).toBe(true);

    // It fails again before connecting: the wait doubles, up to the ceiling.
    const delays: number[] = [];
    for (let failure = 0; failure < 4; failure++) {
      latest().emit("disconnected", "TIMEOUT");
      await vi.advanceTimersByTimeAsync(0);
      const state = transport.state;
      if (state.kind !== "reconnecting") throw new Error(`expected reconnecting, got ${state.kind}`);
      delays.push(state.delayMs);
      await vi.advanceTimersByTimeAsync(state.delayMs);
    }
    expect(delays).toEqual([2_000, 4_000, 8_000, 8_000]);

    // Connected again: the next disconnection starts from the first wait.
    latest().emit("ready");
    expect(transport.state.kind).toBe("connected");
    latest().emit("disconnected", "CONFLICT");
    await vi.advanceTimersByTimeAsync(0);
    expect(transport.state).toMatchObject({ kind: "reconnecting", delayMs: 1_000 });
  });

  it("ignores events from a client it has replaced", async () => {
    vi.useFakeTimers();
    const first = latest();
    first.emit("disconnected", "NAVIGATION");
    await vi.advanceTimersByTimeAsync(1_000);
    expect(clients).toHaveLength(2);
    first.emit("ready");
    first.emit("message", new MessageClass(first, model({ body: "velho" })));
    expect(transport.state.kind).toBe("starting");
    expect(received).toEqual([]);
  });

  it("starts a fresh session after LOGOUT: deletes the saved one and shows a new QR code", async () => {
    const sessionDir = path.join(dataDir, "whatsapp", "session");
    mkdirSync(sessionDir, { recursive: true });
    writeFileSync(path.join(sessionDir, "Cookies"), "old");
    const first = latest();
    first.emit("ready");
    first.emit("disconnected", "LOGOUT");
    await vi.waitFor(() => expect(clients).toHaveLength(2));
    expect(first.destroyed).toBe(true);
    expect(existsSync(path.join(dataDir, "whatsapp"))).toBe(false);
    await vi.waitFor(() => expect(latest().initialized).toBe(true));
    latest().emit("qr", "2@new-code");
    expect(transport.state).toEqual({ kind: "qr", qr: "2@new-code" });
  });

  it("waits for the session before sending, and sends once it is up", async () => {
    const sending = transport.send(ANA, { text: "Pedido #2 confirmado" });
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(latest().sent).toEqual([]);
    latest().restoreSession();
    await sending;
    expect(latest().sent.map((message) => message.content)).toEqual(["Pedido #2 confirmado"]);
  });

  it("hands a send back as not connected when the session stays down, so that the outbox keeps it", async () => {
    const started = Date.now();
    const refused = await transport.send(ANA, { text: "oi" }).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(SendRefused);
    expect(refused).toMatchObject({ reason: "not_connected", message: "WhatsApp is not connected" });
    expect(Date.now() - started).toBeGreaterThanOrEqual(250);
    // Never past the outbox's claim on the message: another sender may take it then.
    const hurried = Date.now();
    const context = { lastInboundAt: null, templateRequired: false, sendBy: new Date(hurried + 60) };
    await expect(transport.send(ANA, { text: "oi" }, context)).rejects.toThrow(SendRefused);
    expect(Date.now() - hurried).toBeLessThan(250);
    expect(latest().sent).toEqual([]);
  });

  it("sends a picture as an image with its caption", async () => {
    latest().pairByQr();
    const png = Buffer.from("\x89PNG\r\n\x1a\n a QR code");
    await transport.send(ANA, { text: "QR Code do Pix do pedido #3", image: { png, filename: "pix-3.png" } });
    const [sent] = latest().sent;
    expect(sent?.options).toEqual({ caption: "QR Code do Pix do pedido #3" });
    const media = sent?.content as MessageMedia;
    expect([media.mimetype, media.filename]).toEqual(["image/png", "pix-3.png"]);
    expect(Buffer.from(media.data, "base64")).toEqual(png);
  });

  it("says on /whatsapp when the session was unlinked, with the new code, and that it came back once scanned", async () => {
    const { url, server } = await servePage(transport);
    try {
      latest().restoreSession();
      expect(await (await fetch(url)).text()).not.toContain("data-loss");
      const before = latest();
      before.unlinkOnPhone();
      await vi.waitFor(() => expect(clients.at(-1)).not.toBe(before));
      await vi.waitFor(() => expect(latest().initialized).toBe(true));
      latest().emit("qr", "2@new-code");
      const page = await (await fetch(url)).text();
      expect(page).toContain('data-state="qr"');
      expect(page).toContain('data-loss="logged_out"');
      expect(page).toContain("O WhatsApp do bot foi desconectado no celular em");
      expect(page).toContain("fica guardado");
      expect(lastLoss()).toMatchObject({ kind: "logged_out", backAt: null });
      latest().pairByQr("2@new-code");
      expect(lastLoss()?.backAt).toBeInstanceOf(Date);
      expect(await (await fetch(url)).text()).toMatch(/data-loss="logged_out".*e voltou em/s);
    } finally {
      server.close();
    }
  });

  it("counts a connection that fell while up as a loss, and a saved session refused at start as one too", async () => {
    latest().restoreSession();
    expect(lastLoss()).toBeNull();
    latest().loseConnection("CONFLICT");
    await vi.waitFor(() => expect(transport.state.kind).toBe("reconnecting"));
    expect(lastLoss()).toMatchObject({ kind: "dropped", backAt: null });
    await vi.waitFor(() => expect(clients).toHaveLength(2), { timeout: 3_000 });
    await vi.waitFor(() => expect(latest().initialized).toBe(true));
    latest().refuseSavedSession();
    await vi.waitFor(() => expect(lastLoss()?.kind).toBe("refused"));
  });

  it("takes no more messages once stopped, still sends the last replies, and lets the client go when closed", async () => {
    const client = latest();
    client.emit("ready");
    await transport.stop();
    client.receive({ body: "depois" });
    expect(received).toEqual([]);
    await transport.send(ANA, { text: "a última resposta" });
    expect(client.sent.map((message) => message.content)).toEqual(["a última resposta"]);
    expect(client.destroyed).toBe(false);
    await transport.close();
    expect(client.destroyed).toBe(true);
    await expect(transport.send(ANA, { text: "oi" })).rejects.toThrow(/not connected/);
  });
});

describe("whatsapp-web's pinned WhatsApp Web version", () => {
  it("runs the pinned version from the local cache only, kept outside the session a logout deletes", async () => {
    const { default: whatsappWeb } = await import("whatsapp-web.js");
    const settings = {
      sessionPath: "/data/whatsapp",
      chromiumPath: "/usr/bin/chromium",
      webVersion: PINNED_WHATSAPP_WEB_VERSION,
      webCachePath: "/data/whatsapp-web-cache",
    };
    // The library's own Client, built (not started) with these options: what it would do at initialize().
    // whatsapp-web.js keeps what it will use, its defaults merged in, as `options` (not in its typings).
    const client = new whatsappWeb.Client(libraryClientOptions(settings, new whatsappWeb.NoAuth())) as unknown as {
      options: ClientOptions;
    };
    expect(client.options.webVersion).toBe("2.3000.1017054665");
    expect(client.options.webVersionCache).toEqual({ type: "local", path: "/data/whatsapp-web-cache", strict: false });
  });

  it("says at start whether the pinned version is in the cache, and takes WHATSAPP_WEB_VERSION over the pin", async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), "sisconf-wa-"));
    try {
      mkdirSync(path.join(dataDir, "whatsapp-web-cache"));
      writeFileSync(path.join(dataDir, "whatsapp-web-cache", "2.3000.1020000000.html"), "<html></html>");
      const lines: string[] = [];
      const versions: string[] = [];
      const transport = new WhatsappWebTransport({
        dataDir,
        chromiumPath: "/usr/bin/chromium",
        identity: noIdentity,
        logger: pino({ level: "info" }, { write: (line: string) => lines.push(JSON.parse(line).msg) }),
        webVersion: "2.3000.1020000000",
        createClient: async (settings) => {
          versions.push(settings.webVersion);
          return new FakeClient();
        },
      });
      await transport.start(async () => "handled");
      await vi.waitFor(() => expect(versions).toEqual(["2.3000.1020000000"]));
      expect(lines[0]).toBe("WhatsApp Web 2.3000.1020000000, pinned, from the local cache");
      await transport.close();
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});

describe("whatsapp-web without a reachable WhatsApp", () => {
  let dataDir: string;
  beforeEach(() => {
    dataDir = mkdtempSync(path.join(tmpdir(), "sisconf-wa-"));
  });
  afterEach(() => {
    vi.useRealTimers();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it("stops start-up with one line naming CHROMIUM_PATH when there is no browser there", async () => {
    const transport = new WhatsappWebTransport({
      dataDir,
      chromiumPath: path.join(dataDir, "no-chromium-here"),
      identity: noIdentity,
      logger: pino({ level: "silent" }),
    });
    const started = transport.start(async () => "handled");
    await expect(started).rejects.toThrow(ConfigError);
    await expect(started).rejects.toThrow(/^CHROMIUM_PATH: no browser to run at .*no-chromium-here; install Chromium/);
    expect(transport.state.kind).toBe("starting");
  });

  it("logs one line per failed try with its cause and the next try, and never says 'reconnecting' before a first connection", async () => {
    vi.useFakeTimers({ now: new Date("2026-01-05T12:00:00Z") });
    const lines: Array<{ level: number; msg: string }> = [];
    const logger = pino({ level: "info" }, { write: (line: string) => lines.push(JSON.parse(line)) });
    let tries = 0;
    const transport = new WhatsappWebTransport({
      dataDir,
      chromiumPath: "/usr/bin/chromium",
      identity: noIdentity,
      logger,
      createClient: async () => {
        tries++;
        const client = new FakeClient();
        client.initialize = async () => {
          throw new Error("net::ERR_NAME_NOT_RESOLVED at https://web.whatsapp.com/\n    at navigate (Frame.ts:211:13)");
        };
        return client;
      },
      reconnect: { initialDelayMs: 2_000, maxDelayMs: 8_000 },
    });
    await transport.start(async () => "handled");
    await vi.advanceTimersByTimeAsync(0);
    await vi.advanceTimersByTimeAsync(2_000);
    await vi.advanceTimersByTimeAsync(4_000);
    expect(tries).toBe(3);
    expect(lines.map((line) => line.msg)).toEqual([
      "WhatsApp Web 2.3000.1017054665 is not in the local cache: the version web.whatsapp.com serves runs and is cached under its number (set WHATSAPP_WEB_VERSION to it to keep it)",
      "WhatsApp did not start (WhatsApp Web cannot be reached from this machine: net::ERR_NAME_NOT_RESOLVED at https://web.whatsapp.com/); next try in 2 s (attempt 2)",
      "WhatsApp did not start (WhatsApp Web cannot be reached from this machine: net::ERR_NAME_NOT_RESOLVED at https://web.whatsapp.com/); next try in 4 s (attempt 3)",
      "WhatsApp did not start (WhatsApp Web cannot be reached from this machine: net::ERR_NAME_NOT_RESOLVED at https://web.whatsapp.com/); next try in 8 s (attempt 4)",
    ]);
    expect(transport.state).toMatchObject({ kind: "retrying", attempt: 3, delayMs: 8_000 });

    const page = statePage(transport.state, Date.now() + 3_000);
    expect(page).toContain('data-state="retrying"');
    expect(page).toContain("Esta máquina não consegue acessar o WhatsApp Web");
    expect(page).toContain("net::ERR_NAME_NOT_RESOLVED");
    expect(page).toContain("Nova tentativa em 5 s (tentativa 4)");
    expect(page).toMatch(/O que fazer:.*conexão desta máquina com a internet/);
    expect(page).not.toMatch(/reconect/i);
    // While the next try starts, the page still says why the last one failed.
    await vi.advanceTimersByTimeAsync(8_000);
    expect(tries).toBe(4);
    expect(
      statePage({ kind: "starting", previous: { attempt: 3, cause: { kind: "unreachable", detail: "x" } } }),
    ).toMatch(/não consegue acessar o WhatsApp Web.*Tentando de novo agora \(tentativa 4\)/s);
    expect(lines.map((line) => line.msg).join("\n")).not.toMatch(/reconnect|\n\s+at /);
    await transport.stop();
    await transport.close();
  });

  it.each([
    [
      new Error("Browser was not found at the configured executablePath (/opt/chrome)"),
      "browser",
      /Instale o Chromium/,
    ],
    [new Error("Navigation timeout of 30000 ms exceeded"), "unreachable", /proxy ou firewall/],
    [new Error("Protocol error (Runtime.callFunctionOn): Target closed"), "other", /log do servidor/],
  ])("tells the operator what to do when starting fails with %s", async (error, kind, advice) => {
    vi.useFakeTimers();
    const transport = new WhatsappWebTransport({
      dataDir,
      chromiumPath: "/usr/bin/chromium",
      identity: noIdentity,
      logger: pino({ level: "silent" }),
      createClient: async () => {
        throw error;
      },
    });
    await transport.start(async () => "handled");
    await vi.advanceTimersByTimeAsync(0);
    expect(transport.state).toMatchObject({ kind: "retrying", cause: { kind } });
    expect(statePage(transport.state)).toMatch(advice);
    await transport.close();
  });
});

describe("whatsapp-web with the bot and its outbox, through a session lost and paired again", () => {
  const ADMIN = "5584988886666";
  let test: TestDatabase;
  let dataDir: string;
  let clients: FakeClient[];
  let transport: WhatsappWebTransport;
  let bot: Bot;

  const latest = () => {
    const client = clients.at(-1);
    if (!client) throw new Error("no client yet");
    return client;
  };
  const textsTo = (client: FakeClient, phone: string) =>
    client.sent.filter((message) => message.chatId === `${phone}@c.us`).map((message) => String(message.content));

  beforeAll(async () => {
    test = await createTestDatabase("pglite");
    dataDir = mkdtempSync(path.join(tmpdir(), "sisconf-wa-"));
    clients = [];
    transport = new WhatsappWebTransport({
      dataDir,
      chromiumPath: "/usr/bin/chromium",
      identity: noIdentity,
      logger: pino({ level: "silent" }),
      printQr: () => {},
      createClient: async () => {
        const client = new FakeClient();
        clients.push(client);
        return client;
      },
      readyWaitMs: 200,
    });
    bot = createBot(
      testBotOptions({
        context: test.context,
        businessId: test.businessId,
        identity: createBuiltInIdentity({ apiToken: "a-token-of-enough-length", adminPhones: [ADMIN] }),
        transport: "whatsapp-web",
      }),
    );
    await bot.start(transport);
    await vi.waitFor(() => expect(latest().initialized).toBe(true));
  });
  afterAll(async () => {
    await bot?.stop();
    await test?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it("keeps news while unlinked, uncounted, sends it once paired again, and tells the entrepreneur once", async () => {
    latest().restoreSession();
    const first = latest();
    first.unlinkOnPhone();
    await vi.waitFor(() => expect(clients.at(-1)).not.toBe(first));
    await vi.waitFor(() => expect(latest().initialized).toBe(true));

    // News for a customer while nobody can scan the code: tried, handed back, never counted as a failed try.
    await queueNotifications(test.context.db, [
      {
        businessId: test.businessId,
        phone: ANA,
        payload: { kind: "order_status", orderNumber: 7, status: "arrived", batchNumber: 1 },
        dedupeKey: "test-news-while-unlinked",
      },
    ]);
    bot.poke();
    const waiting = await vi.waitFor(
      async () => {
        const [row] = await test.context.db
          .select()
          .from(notifications)
          .where(eq(notifications.dedupeKey, "test-news-while-unlinked"));
        expect(row).toMatchObject({ status: "pending", attempts: 0, lastError: "WhatsApp is not connected" });
        return row;
      },
      { timeout: 5_000 },
    );
    expect(waiting?.nextAttemptAt.getTime()).toBeGreaterThan(Date.now());

    latest().pairByQr("2@after-logout");
    // Its next try comes: it goes once, to the new session.
    await test.context.db
      .update(notifications)
      .set({ nextAttemptAt: new Date(0) })
      .where(eq(notifications.dedupeKey, "test-news-while-unlinked"));
    bot.poke();
    await vi.waitFor(() => expect(textsTo(latest(), ANA)).toHaveLength(1), { timeout: 5_000 });
    expect(textsTo(latest(), ANA)[0]).toContain("#7");

    // The entrepreneur's next message: the notice first, then the answer; the one after, the answer alone.
    latest().receive({ from: `${ADMIN}@c.us`, body: "ajuda" });
    await vi.waitFor(() => expect(textsTo(latest(), ADMIN).length).toBeGreaterThanOrEqual(2), { timeout: 5_000 });
    const [notice] = textsTo(latest(), ADMIN);
    expect(notice).toMatch(/^⚠️ O WhatsApp do bot foi desconectado no celular .* e voltou .*ficou guardado/);
    const answered = textsTo(latest(), ADMIN).length;
    latest().receive({ from: `${ADMIN}@c.us`, body: "ajuda" });
    await vi.waitFor(() => expect(textsTo(latest(), ADMIN).length).toBeGreaterThan(answered), { timeout: 5_000 });
    expect(textsTo(latest(), ADMIN).filter((text) => text.startsWith("⚠️ O WhatsApp do bot"))).toHaveLength(1);
    // A customer is never told.
    latest().receive({ from: `${ANA}@c.us`, body: "ajuda" });
    await vi.waitFor(() => expect(textsTo(latest(), ANA).length).toBeGreaterThan(1), { timeout: 5_000 });
    expect(textsTo(latest(), ANA).some((text) => text.includes("WhatsApp do bot"))).toBe(false);
  });
});
