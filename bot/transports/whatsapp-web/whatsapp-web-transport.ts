import { constants, existsSync } from "node:fs";
import { access, rm, stat } from "node:fs/promises";
import path from "node:path";
import { type Request, Router } from "express";
import type { Logger } from "pino";
import type { Client, ClientOptions, Message, MessageMedia, MessageSendOptions } from "whatsapp-web.js";
import { ConfigError } from "../../../core/config/config.ts";
import { isLid } from "../../../core/domain/user-id.ts";
import { requireLocalOrEntrepreneur } from "../../../core/http/auth.ts";
import type { Identity } from "../../../core/identity/identity.ts";
import { InboundDispatcher } from "../inbound-dispatcher.ts";
import {
  type DeliveryCheck,
  type InboundHandler,
  type OutboundMessage,
  type SendContext,
  type SendReceipt,
  SendRefused,
  type SessionReport,
  type Transport,
  type UnconfirmedSend,
} from "../transport.ts";
import { withDownloadedDocument } from "./download-document.ts";
import { qrForTerminal } from "./qr-code.ts";
import { type SessionState, SessionSupervisor, type SupervisedClient } from "./session-supervisor.ts";
import { type LidDirectory, resolveLidPhone, senderOf, toInboundMessage } from "./to-inbound-message.ts";
import { statePage } from "./whatsapp-page.ts";

/** What the transport uses of whatsapp-web.js's `Client`: a fake stands in for it in tests. */
export interface WhatsappClient extends SupervisedClient, LidDirectory {
  sendMessage(chatId: string, content: string | MessageMedia, options?: MessageSendOptions): Promise<unknown>;
  /** The chat's recent messages: where a send the outbox did not record is looked for. */
  getChatById(chatId: string): Promise<{
    fetchMessages(options: { limit?: number; fromMe?: boolean }): Promise<SentMessage[]>;
  }>;
}

/** What the transport reads of a message in the chat. */
export interface SentMessage {
  fromMe: boolean;
  /** The text, or a document's caption. */
  body: string;
  /** Seconds since the epoch. */
  timestamp: number;
}

/** How many of our latest messages in a chat are looked through for an unconfirmed send. */
const LOOKED_BACK = 50;

export interface WhatsappWebOptions {
  /** DATA_DIR: the session is kept in `<dataDir>/whatsapp`. */
  dataDir: string;
  chromiumPath: string;
  identity: Identity;
  logger: Logger;
  /** Prints the QR code where the operator sees it (the terminal by default). */
  printQr?: (drawing: string) => void;
  /** WHATSAPP_WEB_VERSION: the WhatsApp Web version to run; PINNED_WHATSAPP_WEB_VERSION when not given. */
  webVersion?: string | undefined;
  /** Tests pass a fake; by default a real whatsapp-web.js client driving Chromium. */
  createClient?: (settings: LibraryClientSettings) => Promise<WhatsappClient>;
  /** Backoff of reconnections (see SessionSupervisor). */
  reconnect?: { initialDelayMs?: number; maxDelayMs?: number };
  /**
   * How long a send waits for the session to be up before it is handed back to the outbox (`not_connected`): long
   * enough for a reconnection, short enough for the outbox's claim on the message (SEND_LEASE_MS) to hold.
   */
  readyWaitMs?: number;
}

/** A customer whose phone WhatsApp hides is keyed, and answered, by their privacy id (`…@lid`). */
function chatIdOf(address: string): string {
  return isLid(address) ? address : `${address}@c.us`;
}

/**
 * The WhatsApp Web version run when WHATSAPP_WEB_VERSION is not set: the one the installed whatsapp-web.js (1.34.7)
 * was released against (its `DefaultOptions.webVersion`), whose page its code is known to read. To move on: update
 * whatsapp-web.js, run it once (the page WhatsApp serves is cached in `DATA_DIR/whatsapp-web-cache` under its
 * version), check that messages come and go, and put that version here or in WHATSAPP_WEB_VERSION.
 */
export const PINNED_WHATSAPP_WEB_VERSION = "2.3000.1017054665";

/** See `WhatsappWebOptions.readyWaitMs`. */
const DEFAULT_READY_WAIT_MS = 10_000;

/** What a library client is made from: where the session and the cached WhatsApp Web pages live, which version. */
export interface LibraryClientSettings {
  sessionPath: string;
  chromiumPath: string;
  /** WhatsApp Web's version to run (WHATSAPP_WEB_VERSION, or PINNED_WHATSAPP_WEB_VERSION). */
  webVersion: string;
  /** Where WhatsApp Web's pages are kept by version (`<version>.html`), outside the session a logout deletes. */
  webCachePath: string;
}

/**
 * The whatsapp-web.js client's options. WhatsApp Web is read from the local cache only (never the library's remote
 * cache, which fetches pages from GitHub at start): the pinned version runs when its page is there; when it is not,
 * the page web.whatsapp.com serves runs and is saved there under its own version, which WHATSAPP_WEB_VERSION can
 * then pin.
 */
export function libraryClientOptions(
  settings: LibraryClientSettings,
  auth: ClientOptions["authStrategy"],
): ClientOptions {
  return {
    authStrategy: auth,
    webVersion: settings.webVersion,
    webVersionCache: { type: "local", path: settings.webCachePath, strict: false },
    puppeteer: {
      executablePath: settings.chromiumPath,
      headless: true,
      args: ["--no-sandbox", "--disable-setuid-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-zygote"],
    },
  };
}

/** The library and its puppeteer are loaded only by the process that uses this transport. */
async function createLibraryClient(settings: LibraryClientSettings): Promise<WhatsappClient> {
  const { default: whatsappWeb } = await import("whatsapp-web.js");
  const auth = new whatsappWeb.LocalAuth({ dataPath: settings.sessionPath });
  const client: Client = new whatsappWeb.Client(libraryClientOptions(settings, auth));
  return client;
}

async function requireBrowser(chromiumPath: string): Promise<void> {
  try {
    await access(chromiumPath, constants.X_OK);
    if ((await stat(chromiumPath)).isFile()) return;
  } catch {
    // Reported below, the same way whatever the reason.
  }
  throw new ConfigError(
    `CHROMIUM_PATH: no browser to run at ${chromiumPath}; install Chromium (apt-get install chromium) or set CHROMIUM_PATH to it`,
  );
}

const MIME_BY_EXTENSION: Record<string, string> = {
  xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
  pdf: "application/pdf",
  csv: "text/csv",
};

/**
 * The document's bytes as a `MessageMedia`. Fetched here rather than with `MessageMedia.fromUrl`, which sends
 * whatever came back, an error page included: a link that does not answer 2xx makes the send fail (and retry).
 */
async function documentMedia(document: { url: string; filename: string }, timeoutMs: number): Promise<MessageMedia> {
  const response = await fetch(document.url, { signal: AbortSignal.timeout(timeoutMs) });
  if (!response.ok) throw new Error(`document ${document.filename} could not be fetched: ${response.status}`);
  const bytes = Buffer.from(await response.arrayBuffer());
  const extension = document.filename.split(".").pop()?.toLowerCase() ?? "";
  const declared = response.headers.get("content-type")?.split(";")[0]?.trim();
  const mimetype =
    declared && declared !== "application/octet-stream"
      ? declared
      : (MIME_BY_EXTENSION[extension] ?? "application/octet-stream");
  const { default: whatsappWeb } = await import("whatsapp-web.js");
  return new whatsappWeb.MessageMedia(mimetype, bytes.toString("base64"), document.filename, bytes.length);
}

/**
 * WhatsApp Web driven through whatsapp-web.js: the bot is a linked device of the entrepreneur's phone. Only
 * `message` events reach the bot (never `message_create`, which includes what the bot itself sends), and only
 * from person chats; senders hidden behind an `@lid` privacy id are answered on the phone WhatsApp maps them to, or on
 * the privacy id when it maps them to none.
 */
export class WhatsappWebTransport implements Transport {
  readonly name = "whatsapp-web";
  private handler: InboundHandler | null = null;
  private readonly supervisor: SessionSupervisor<WhatsappClient>;
  private readonly inbound: InboundDispatcher;
  private readonly sessionPath: string;
  private readonly clientSettings: LibraryClientSettings;
  private readonly sessionWatchers: Array<(session: SessionReport) => void> = [];
  /** The session last told to the watchers: a new QR code is no change worth telling. */
  private reported: SessionReport | null = null;

  constructor(private readonly options: WhatsappWebOptions) {
    this.sessionPath = path.join(options.dataDir, "whatsapp");
    this.clientSettings = {
      sessionPath: this.sessionPath,
      chromiumPath: options.chromiumPath,
      webVersion: options.webVersion ?? PINNED_WHATSAPP_WEB_VERSION,
      webCachePath: path.join(options.dataDir, "whatsapp-web-cache"),
    };
    this.inbound = new InboundDispatcher(options.logger);
    const printQr = options.printQr ?? ((drawing: string) => process.stdout.write(`${drawing}\n`));
    this.supervisor = new SessionSupervisor<WhatsappClient>({
      createClient: () => this.buildClient(),
      wipeSession: () => rm(this.sessionPath, { recursive: true, force: true }),
      attach: (client) =>
        client.on("message", (message: Message) => {
          void this.receive(client, message);
        }),
      onQr: (qr) => {
        options.logger.info("scan this QR code with WhatsApp (Linked devices), or open /whatsapp");
        printQr(qrForTerminal(qr));
      },
      onChange: () => this.reportSession(),
      logger: options.logger,
      ...options.reconnect,
    });
  }

  get state(): SessionState {
    return this.supervisor.state;
  }

  async start(handler: InboundHandler): Promise<void> {
    // A missing browser is not an outage to retry: start-up stops, saying which variable to fix.
    if (!this.options.createClient) await requireBrowser(this.options.chromiumPath);
    const { webVersion, webCachePath } = this.clientSettings;
    const cached = existsSync(path.join(webCachePath, `${webVersion}.html`));
    this.options.logger.info(
      { webVersion, webCachePath },
      cached
        ? `WhatsApp Web ${webVersion}, pinned, from the local cache`
        : `WhatsApp Web ${webVersion} is not in the local cache: the version web.whatsapp.com serves runs and is cached under its number (set WHATSAPP_WEB_VERSION to it to keep it)`,
    );
    this.handler = handler;
    this.supervisor.start();
  }

  async stop(): Promise<void> {
    this.handler = null;
    await this.inbound.idle();
  }

  /** Closes the client without logging out: the linked session stays for the next start. */
  async close(): Promise<void> {
    await this.supervisor.stop();
  }

  watchSession(listener: (session: SessionReport) => void): void {
    this.sessionWatchers.push(listener);
    listener(this.sessionNow());
  }

  private sessionNow(): SessionReport {
    return { state: this.supervisor.state.kind, loss: this.supervisor.lastLoss };
  }

  private reportSession(): void {
    const session = this.sessionNow();
    const last = this.reported;
    if (last && last.state === session.state && last.loss === session.loss) return;
    this.reported = session;
    for (const listener of this.sessionWatchers) listener(session);
  }

  /**
   * Sends once the session is up, waiting for it a while; a session still down is a `not_connected` refusal, and the
   * message waits in the outbox for the next try, never counted as failed. WhatsApp Web's statuses are not followed
   * (acks would need the page's events): no ids to report.
   */
  async send(phone: string, message: OutboundMessage, context?: SendContext): Promise<SendReceipt> {
    const readyWaitMs = this.options.readyWaitMs ?? DEFAULT_READY_WAIT_MS;
    const claimLeftMs = context?.sendBy ? context.sendBy.getTime() - Date.now() : readyWaitMs;
    const client = await this.supervisor.whenConnected(Math.min(readyWaitMs, claimLeftMs));
    if (!client) throw new SendRefused("WhatsApp is not connected", "not_connected", undefined);
    const chatId = chatIdOf(phone);
    if (message.image) {
      const { default: whatsappWeb } = await import("whatsapp-web.js");
      const { png, filename } = message.image;
      const media = new whatsappWeb.MessageMedia(
        "image/png",
        Buffer.from(png).toString("base64"),
        filename,
        png.length,
      );
      await client.sendMessage(chatId, media, message.text ? { caption: message.text } : {});
      return { messageIds: [] };
    }
    if (message.document) {
      const media = await documentMedia(message.document, 30_000);
      await client.sendMessage(chatId, media, {
        sendMediaAsDocument: true,
        ...(message.text ? { caption: message.text } : {}),
      });
      return { messageIds: [] };
    }
    await client.sendMessage(chatId, message.text);
    return { messageIds: [] };
  }

  /**
   * Looks in the chat for a message of ours with the same text (a document's caption), sent since the claim began:
   * a message the library took is in the chat even before it reaches the phone, and is sent from there. Throws when
   * WhatsApp is not connected, so the question waits. The risk left: the same text sent to the same person twice in
   * that span (an identical reply) reads as this one delivered.
   */
  async wasDelivered(send: UnconfirmedSend): Promise<DeliveryCheck> {
    const client = this.supervisor.connectedClient;
    if (!client) throw new Error("WhatsApp is not connected");
    const chat = await client.getChatById(chatIdOf(send.to));
    const since = Math.floor(send.from.getTime() / 1000) - 1;
    const ours = await chat.fetchMessages({ limit: LOOKED_BACK, fromMe: true });
    const found = ours.some(
      (message) => message.fromMe && message.timestamp >= since && message.body === send.message.text,
    );
    return { kind: found ? "delivered" : "not_delivered" };
  }

  routers(): Router[] {
    const router = Router();
    router.get("/whatsapp", async (request, response) => {
      // Whoever scans this QR code links their WhatsApp as the bot: only the entrepreneur may see it.
      await this.authorize(request);
      response
        .type("html")
        .set("cache-control", "no-store")
        .send(statePage(this.supervisor.state, Date.now(), this.supervisor.lastLoss));
    });
    return [router];
  }

  private buildClient(): Promise<WhatsappClient> {
    const create = this.options.createClient ?? createLibraryClient;
    return create(this.clientSettings);
  }

  private authorize(request: Request): Promise<void> {
    return requireLocalOrEntrepreneur(request, this.options.identity, "the WhatsApp page");
  }

  private async receive(client: WhatsappClient, message: Message): Promise<void> {
    const log = this.options.logger;
    try {
      const sender = senderOf(message);
      if (sender.kind === "skip") {
        log.debug({ reason: sender.reason }, "WhatsApp message left out");
        return;
      }
      const resolved = sender.kind === "lid" ? await resolveLidPhone(message, client) : null;
      if (sender.kind === "lid" && !resolved) {
        log.info({ messageId: message.id._serialized }, "sender's phone is hidden (@lid): answered on the privacy id");
      }
      const inbound = toInboundMessage(message, resolved);
      const handler = this.handler;
      if (!inbound || !handler) {
        if (inbound) this.inbound.dispatch(inbound, handler);
        return;
      }
      // Downloaded in the sender's turn, so their messages are still handled in the order they wrote them.
      this.inbound.dispatch(inbound, async (taken) => {
        const complete = await withDownloadedDocument(message, taken).catch((error: unknown) => {
          log.warn({ err: error }, "document not downloaded: handled as media");
          return taken;
        });
        return handler(complete);
      });
    } catch (error) {
      log.error({ err: error }, "WhatsApp message could not be read");
    }
  }
}
