import type { Logger } from "pino";
import type { Message } from "whatsapp-web.js";
import type { SessionLoss } from "../transport.ts";
import { type SessionTrouble, troubleForLog, troubleOf } from "./session-trouble.ts";

/** The part of whatsapp-web.js's `Client` the supervisor and the transport drive: its events and its lifecycle. */
export interface SupervisedClient {
  on(event: "qr" | "auth_failure" | "disconnected", listener: (text: string) => void): unknown;
  on(event: "ready" | "authenticated", listener: () => void): unknown;
  on(event: "message", listener: (message: Message) => void): unknown;
  removeAllListeners(): unknown;
  initialize(): Promise<void>;
  destroy(): Promise<void>;
}

export type SessionState =
  /** A client is starting; after a failed try, `previous` says why that one failed (the page keeps showing it). */
  | { kind: "starting"; previous?: { attempt: number; cause: SessionTrouble } }
  /** Waiting for the phone to scan this code. */
  | { kind: "qr"; qr: string }
  | { kind: "connected" }
  /** The session was up in this process and dropped: a new client starts at `nextTryAt` (epoch ms). */
  | { kind: "reconnecting"; attempt: number; delayMs: number; nextTryAt: number; cause: SessionTrouble }
  /** No session has come up in this process yet and the last try failed: the next starts at `nextTryAt`. */
  | { kind: "retrying"; attempt: number; delayMs: number; nextTryAt: number; cause: SessionTrouble }
  | { kind: "stopped" };

export interface SupervisorOptions<Client extends SupervisedClient> {
  /** A new client each time: a destroyed whatsapp-web.js client is not started again. */
  createClient: () => Promise<Client>;
  /** Deletes the saved session, so that the next client shows a new QR code. */
  wipeSession: () => Promise<void>;
  /** Called for every new client before it starts, to attach the message listener. */
  attach: (client: Client) => void;
  onQr?: (qr: string) => void;
  /** Told after the state or the last loss changed (the transport records the session where every role reads it). */
  onChange?: () => void;
  logger: Logger;
  /** First wait before reconnecting; doubled on each failure up to `maxDelayMs`, reset once connected. */
  initialDelayMs?: number;
  maxDelayMs?: number;
}

/**
 * Keeps one WhatsApp Web session alive. After `disconnected` it starts a new client after an exponential
 * backoff (a flapping network or a WhatsApp outage does not become a restart loop); after `LOGOUT` (the phone
 * unlinked the bot) or a session that cannot be restored, it deletes the saved session and starts at once, which
 * shows a new QR code. Events of a client it replaced are ignored. Each failed try is one log line with its cause
 * and the next try; a session that never came up is retried, not "reconnected".
 */
export class SessionSupervisor<Client extends SupervisedClient> {
  private current: Client | null = null;
  private currentState: SessionState = { kind: "starting" };
  private failures = 0;
  private everConnected = false;
  private timer: NodeJS.Timeout | null = null;
  private stopped = false;
  private loss: SessionLoss | null = null;
  /** Sends waiting for the session to come up: woken when it does, or when stopping. */
  private readonly waiters = new Set<() => void>();
  private readonly initialDelayMs: number;
  private readonly maxDelayMs: number;

  constructor(private readonly options: SupervisorOptions<Client>) {
    this.initialDelayMs = options.initialDelayMs ?? 2_000;
    this.maxDelayMs = options.maxDelayMs ?? 300_000;
  }

  get state(): SessionState {
    return this.currentState;
  }

  /** The client, once WhatsApp accepted the session; null while connecting. */
  get connectedClient(): Client | null {
    return this.currentState.kind === "connected" ? this.current : null;
  }

  /** The last time WhatsApp dropped, unlinked or refused the session in this process; null when it never did. */
  get lastLoss(): SessionLoss | null {
    return this.loss;
  }

  /**
   * The client once the session is up, waiting at most `timeoutMs` for it (a reconnection, a QR code being scanned);
   * null when it is not up by then.
   */
  async whenConnected(timeoutMs: number): Promise<Client | null> {
    if (this.connectedClient || this.stopped || timeoutMs <= 0) return this.connectedClient;
    await new Promise<void>((resolve) => {
      const wake = () => {
        clearTimeout(timer);
        this.waiters.delete(wake);
        resolve();
      };
      const timer = setTimeout(wake, timeoutMs);
      this.waiters.add(wake);
    });
    return this.connectedClient;
  }

  /** Starts the first client; returns without waiting for the QR code to be scanned. */
  start(): void {
    this.stopped = false;
    void this.launch();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.currentState = { kind: "stopped" };
    this.changed();
    for (const wake of [...this.waiters]) wake();
    await this.retire();
  }

  private async launch(): Promise<void> {
    if (this.stopped) return;
    const failed = this.currentState;
    this.currentState =
      failed.kind === "retrying" || failed.kind === "reconnecting"
        ? { kind: "starting", previous: { attempt: failed.attempt, cause: failed.cause } }
        : { kind: "starting" };
    this.changed();
    let client: Client;
    try {
      client = await this.options.createClient();
    } catch (error) {
      this.options.logger.debug({ err: error }, "WhatsApp client could not be created");
      await this.restart(troubleOf(error), { wipe: false, delayed: true });
      return;
    }
    if (this.stopped) {
      await client.destroy().catch(() => {});
      return;
    }
    this.current = client;
    const mine = () => client === this.current && !this.stopped;
    client.on("qr", (qr: string) => {
      if (!mine()) return;
      this.currentState = { kind: "qr", qr };
      this.changed();
      this.options.onQr?.(qr);
    });
    client.on("authenticated", () => {
      if (mine()) this.options.logger.info("WhatsApp session authenticated");
    });
    client.on("ready", () => {
      if (!mine()) return;
      this.failures = 0;
      this.everConnected = true;
      this.currentState = { kind: "connected" };
      if (this.loss && !this.loss.backAt) this.loss = { ...this.loss, backAt: new Date() };
      this.changed();
      this.options.logger.info("WhatsApp connected");
      for (const wake of [...this.waiters]) wake();
    });
    client.on("auth_failure", (message: string) => {
      if (!mine()) return;
      // The saved session no longer opens (unlinked while this process was down): a new QR code must be scanned.
      this.loss = { at: new Date(), kind: "refused", backAt: null };
      this.changed();
      void this.restart({ kind: "refused", detail: String(message) }, { wipe: true, delayed: true });
    });
    client.on("disconnected", (reason: string) => {
      if (!mine()) return;
      if (reason === "LOGOUT") {
        this.loss = { at: new Date(), kind: "logged_out", backAt: null };
        this.changed();
        this.options.logger.warn(
          "WhatsApp logged out (the bot was unlinked on the phone): scan the new QR code at /whatsapp; messages wait in the outbox",
        );
        void this.restart({ kind: "disconnected", detail: reason }, { wipe: true, delayed: false });
      } else {
        if (this.currentState.kind === "connected") {
          this.loss = { at: new Date(), kind: "dropped", backAt: null };
          this.changed();
        }
        void this.restart({ kind: "disconnected", detail: String(reason) }, { wipe: false, delayed: true });
      }
    });
    this.options.attach(client);
    client.initialize().catch((error: unknown) => {
      if (!mine()) return;
      this.options.logger.debug({ err: error }, "WhatsApp client could not start");
      void this.restart(troubleOf(error), { wipe: false, delayed: true });
    });
  }

  private async restart(cause: SessionTrouble, how: { wipe: boolean; delayed: boolean }): Promise<void> {
    await this.retire();
    if (this.stopped) return;
    if (how.wipe) {
      await this.options.wipeSession().catch((error: unknown) => {
        this.options.logger.error({ err: error }, "saved WhatsApp session could not be deleted");
      });
    }
    if (!how.delayed) {
      this.failures = 0;
      await this.launch();
      return;
    }
    const delayMs = Math.min(this.maxDelayMs, this.initialDelayMs * 2 ** this.failures);
    this.failures++;
    const attempt = this.failures;
    const kind = this.everConnected ? "reconnecting" : "retrying";
    this.currentState = { kind, attempt, delayMs, nextTryAt: Date.now() + delayMs, cause };
    this.changed();
    const next = `${Math.ceil(delayMs / 1000)} s (attempt ${attempt + 1})`;
    this.options.logger.warn(
      { delayMs, attempt, cause: cause.kind },
      this.everConnected
        ? `WhatsApp connection lost (${troubleForLog(cause)}); reconnecting in ${next}`
        : `WhatsApp did not start (${troubleForLog(cause)}); next try in ${next}`,
    );
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.launch();
    }, delayMs);
  }

  private changed(): void {
    this.options.onChange?.();
  }

  /** Forgets the current client and closes its browser. */
  private async retire(): Promise<void> {
    const client = this.current;
    this.current = null;
    if (!client) return;
    client.removeAllListeners();
    await client.destroy().catch((error: unknown) => {
      this.options.logger.debug({ err: error }, "old WhatsApp client did not close cleanly");
    });
  }
}
