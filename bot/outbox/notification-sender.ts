import type { Logger } from "pino";
import type { CoreContext } from "../../core/app/context.ts";
import {
  type ClaimedNotification,
  claimDueNotifications,
  markNotificationFailed,
  markNotificationsSent,
  SEND_LEASE_MS,
} from "../../core/app/send-notifications.ts";
import { PollingLoop } from "../../core/background/polling-loop.ts";
import type { BotMetrics } from "../bot-metrics.ts";
import { renderNotification } from "../dialogue/render-notification.ts";
import type { Transport } from "../transports/transport.ts";
import { SendPacer } from "./send-pacer.ts";
import { SentRecorder } from "./sent-recorder.ts";

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

/** Most messages claimed at once. */
const BATCH = 100;

/**
 * How many messages to claim at once under a global rate: what it sends in half a lease, at most BATCH. A message
 * claimed beyond that would wait past its claim, be skipped, and waste its turn under the rate.
 */
export function claimLimit(globalPerSecond: number): number {
  return Math.max(1, Math.min(BATCH, Math.floor((globalPerSecond * SEND_LEASE_MS) / 2000)));
}

/** A claim this close to its end is left to lapse: clocks differ a little, and sending takes a while. */
const CLAIM_MARGIN_MS = 5_000;

/**
 * Drains the notification outbox through the transport: claims due messages, words them, sends them paced per
 * recipient and under a global rate, records each as sent, and retries failures with exponential backoff.
 * A message is sent again only if, once the transport accepted it, it cannot be recorded before its claim lapses
 * (the process dies, the store is away): the one gap no outbox can close without the platform's help.
 */
export class NotificationSender {
  private readonly loop: PollingLoop;
  /** Recipients whose messages this process is sending now, and when that ends. */
  private readonly inFlight = new Map<string, Promise<void>>();
  private readonly pacer: SendPacer;
  private readonly recorder: SentRecorder;
  private readonly claimLimit: number;

  constructor(
    private readonly context: CoreContext,
    private readonly businessId: number,
    private readonly transport: Transport,
    private readonly logger: Logger,
    private readonly options: SenderOptions,
    private readonly metrics: BotMetrics,
  ) {
    this.pacer = new SendPacer(options.perRecipientIntervalMs, options.globalPerSecond);
    this.claimLimit = claimLimit(options.globalPerSecond);
    this.recorder = new SentRecorder((sent) => markNotificationsSent(context, sent));
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

  /** Stops polling the outbox, then lets what is on its way be sent and recorded. Replies are still sent. */
  async stop(): Promise<void> {
    await this.loop.stop();
    await this.drain();
  }

  /** Returns once nothing is on its way, including what went on its way meanwhile. */
  async drain(): Promise<void> {
    // What is on its way can queue more (the news a message caused goes out after its replies): wait for that too.
    while (this.inFlight.size > 0) await Promise.all(this.inFlight.values());
  }

  /**
   * Sends the replies to a message this process handled (queued claimed for it, so the outbox need not be asked for
   * them), after whatever it is sending to the same phone; then, when handling the message queued other
   * notifications (a status change it caused, the news of a batch closed by the entrepreneur), what is due, the
   * sender's own phone's in the same line so that its answer holds them.
   */
  sendReplies(phone: string, replies: readonly ClaimedNotification[], othersQueued: boolean): void {
    this.dispatch(replies);
    if (othersQueued) {
      this.after(phone, async () => {
        const due = await claimDueNotifications(this.context, { businessId: this.businessId, limit: this.claimLimit });
        // More than a claim's worth (news to every customer of a batch): the loop takes the rest now.
        if (due.length === this.claimLimit) this.loop.poke();
        this.dispatch(due.filter((notification) => notification.phone !== phone));
        for (const notification of due) if (notification.phone === phone) await this.sendOne(notification);
      });
    }
  }

  /** Returns once this process has sent everything it holds for the phone (the simulator answers with it). */
  async whenSent(phone: string): Promise<void> {
    for (let sending = this.inFlight.get(phone); sending; sending = this.inFlight.get(phone)) await sending;
  }

  private async sendBatch(): Promise<number> {
    const claimed = await claimDueNotifications(this.context, { businessId: this.businessId, limit: this.claimLimit });
    await Promise.all(this.dispatch(claimed));
    return claimed.length;
  }

  /**
   * Each recipient's messages in order; different recipients at the same time, so one slow recipient or a burst of
   * notifications does not hold everyone's replies back.
   */
  private dispatch(claimed: readonly ClaimedNotification[]): Promise<void>[] {
    const byRecipient = new Map<string, ClaimedNotification[]>();
    for (const notification of claimed) {
      const list = byRecipient.get(notification.phone) ?? [];
      list.push(notification);
      byRecipient.set(notification.phone, list);
    }
    return [...byRecipient].map(([recipient, notifications]) =>
      this.after(recipient, async () => {
        for (const notification of notifications) await this.sendOne(notification);
      }),
    );
  }

  /** Runs `work` for a recipient once what is already on its way to it is done, keeping its messages in order. */
  private after(recipient: string, work: () => Promise<void>): Promise<void> {
    const before = this.inFlight.get(recipient);
    const done = (async () => {
      await before;
      await work();
    })().catch((error: unknown) => {
      // The store is away: the claims lapse and the messages are tried again.
      this.logger.error({ err: error, phone: recipient }, "messages not sent");
    });
    this.inFlight.set(recipient, done);
    return done.finally(() => {
      if (this.inFlight.get(recipient) === done) this.inFlight.delete(recipient);
    });
  }

  private async sendOne(notification: ClaimedNotification): Promise<void> {
    const wait = this.pacer.reserve(notification.phone, Date.now(), notification.payload.kind === "reply");
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    // Paced to past its claim (a long backlog at a slow pace): another sender may hold it now, or will; it goes out
    // under that claim, not twice.
    if (notification.claimedUntil.getTime() - Date.now() < CLAIM_MARGIN_MS) return;
    const message = renderNotification(notification.payload, notification.locale);
    try {
      await this.transport.send(notification.phone, message);
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
      return;
    }
    // Sent: a failure to record it is not a failed send. The message stays claimed, and only if its claim lapses
    // unrecorded is it sent again.
    await this.recorder.record({ claim: notification, message, sentAt: this.context.now() });
    this.metrics.sent(this.transport.name, "sent");
  }
}
