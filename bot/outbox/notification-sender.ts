import type { Logger } from "pino";
import type { CoreContext } from "../../core/app/context.ts";
import {
  type ClaimedNotification,
  claimDueNotifications,
  hasDueNotifications,
  markNotificationFailed,
  markNotificationSent,
} from "../../core/app/send-notifications.ts";
import { PollingLoop } from "../../core/background/polling-loop.ts";
import type { BotMetrics } from "../bot-metrics.ts";
import { renderNotification } from "../dialogue/render-notification.ts";
import type { Transport } from "../transports/transport.ts";

export interface SenderOptions {
  /** Least time between two messages to the same person (WhatsApp frowns on bursts). */
  perRecipientIntervalMs: number;
  /** Most messages per second over all recipients. */
  globalPerSecond: number;
  /** Tries before a message is given up as failed. */
  maxAttempts: number;
  /** How often the outbox is looked at when nothing wakes the sender. */
  pollMs: number;
}

/**
 * Drains the notification outbox through the transport: claims due messages, words them, sends them paced per
 * recipient and under a global rate, records each as sent, and retries failures with exponential backoff.
 * A message is sent again only if the process dies between the transport accepting it and the record, which is
 * the one gap no outbox can close without the platform's help.
 */
export class NotificationSender {
  private readonly loop: PollingLoop;
  private readonly lastSentTo = new Map<string, number>();
  /** Recipients whose messages this process is sending now, and when that ends. */
  private readonly inFlight = new Map<string, Promise<void>>();
  private readonly sentTimes: number[] = [];

  constructor(
    private readonly context: CoreContext,
    private readonly businessId: number,
    private readonly transport: Transport,
    private readonly logger: Logger,
    private readonly options: SenderOptions,
    private readonly metrics: BotMetrics,
  ) {
    this.loop = new PollingLoop(
      () => this.sendBatch(),
      options.pollMs,
      (error) => logger.error({ err: error }, "outbox could not be read"),
    );
  }

  start(): void {
    this.loop.start();
  }

  /** Something was queued: look now instead of at the next poll. */
  poke(): void {
    this.loop.poke();
  }

  async stop(): Promise<void> {
    await this.loop.stop();
  }

  /** Sends what is due for one phone right away, and returns when nothing due is left (or after `timeoutMs`). */
  async flush(phone: string, timeoutMs = 10_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    try {
      while (Date.now() < deadline) {
        await this.sendBatch(phone);
        // The background loop may hold this phone's messages: wait for it rather than ask the database again.
        const inFlight = this.inFlight.get(phone);
        if (inFlight) {
          await inFlight;
          continue;
        }
        if (!(await hasDueNotifications(this.context, this.businessId, phone))) return;
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
    } catch (error) {
      // The store is away: what is queued goes out with the background loop once it is back.
      this.logger.warn({ err: (error as Error).message }, "outbox not flushed");
    }
  }

  /**
   * Claims a batch and sends it: each recipient's messages in order, different recipients at the same time, so one
   * slow recipient or a burst of notifications does not hold everyone's replies back.
   */
  private async sendBatch(phone?: string): Promise<number> {
    const claimed = await claimDueNotifications(this.context, {
      businessId: this.businessId,
      limit: 100,
      leaseMs: 60_000,
      ...(phone ? { phone } : {}),
    });
    const byRecipient = new Map<string, ClaimedNotification[]>();
    for (const notification of claimed) {
      const list = byRecipient.get(notification.phone) ?? [];
      list.push(notification);
      byRecipient.set(notification.phone, list);
    }
    await Promise.all(
      [...byRecipient].map(async ([recipient, notifications]) => {
        const done = (async () => {
          for (const notification of notifications) await this.sendOne(notification);
        })();
        this.inFlight.set(recipient, done);
        try {
          await done;
        } finally {
          if (this.inFlight.get(recipient) === done) this.inFlight.delete(recipient);
        }
      }),
    );
    return claimed.length;
  }

  private async sendOne(notification: ClaimedNotification): Promise<void> {
    await this.pace(notification.phone);
    const message = renderNotification(notification.payload, notification.locale);
    try {
      await this.transport.send(notification.phone, message);
      await markNotificationSent(this.context, notification, message);
      this.metrics.sent(this.transport.name, "sent");
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      const final = notification.attempts >= this.options.maxAttempts;
      const retryAt = final ? null : new Date(this.context.now().getTime() + 1000 * 2 ** notification.attempts);
      this.logger.warn(
        { err: reason, phone: notification.phone, attempts: notification.attempts, final },
        "send failed",
      );
      await markNotificationFailed(this.context, notification, reason, retryAt);
      this.metrics.sent(this.transport.name, final ? "failed" : "retry");
    }
  }

  private async pace(phone: string): Promise<void> {
    const now = Date.now();
    const recipientWait = (this.lastSentTo.get(phone) ?? 0) + this.options.perRecipientIntervalMs - now;
    while (this.sentTimes.length > 0 && now - (this.sentTimes[0] ?? 0) >= 1000) this.sentTimes.shift();
    const globalWait =
      this.sentTimes.length >= this.options.globalPerSecond ? (this.sentTimes[0] ?? now) + 1000 - now : 0;
    const wait = Math.max(recipientWait, globalWait, 0);
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    const sentAt = Date.now();
    this.lastSentTo.set(phone, sentAt);
    this.sentTimes.push(sentAt);
    if (this.lastSentTo.size > 10_000) this.lastSentTo.clear();
  }
}
