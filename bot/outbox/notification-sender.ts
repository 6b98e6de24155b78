import type { Logger } from "pino";
import type { CoreContext } from "../../core/app/context.ts";
import { markCustomerUnreachable } from "../../core/app/mark-customer-unreachable.ts";
import { attemptsOf, recordDeliveryStatuses, reopenFailedDelivery } from "../../core/app/record-delivery-statuses.ts";
import {
  type ClaimedNotification,
  claimDueNotifications,
  type FailedSend,
  markNotificationFailed,
  markNotificationsSent,
  releaseNotification,
  SEND_LEASE_MS,
} from "../../core/app/send-notifications.ts";
import { PollingLoop } from "../../core/background/polling-loop.ts";
import { maskPhone } from "../../core/domain/phone.ts";
import type { BotMetrics } from "../bot-metrics.ts";
import { renderNotification, withPicture } from "../dialogue/render-notification.ts";
import {
  type DeliveryCheck,
  type DeliveryStatus,
  type OutboundMessage,
  type RefusalReason,
  type SendReceipt,
  SendRefused,
  shownMessage,
  type Transport,
} from "../transports/transport.ts";
import { SendPacer } from "./send-pacer.ts";
import { SentRecorder } from "./sent-recorder.ts";

export interface SenderOptions {
  /** Least time between two messages to the same person once a burst is spent (WhatsApp's pair rate). */
  perRecipientIntervalMs: number;
  /** Messages one person may get at once before the interval applies (1 when not given). */
  perRecipientBurst?: number;
  /** Most messages per second over all recipients. */
  globalPerSecond: number;
  /** Tries before a message is given up as failed. */
  maxAttempts: number;
  /** How often the outbox is looked at when nothing wakes the sender. */
  pollMs: number;
  /** BUSINESS_NAME: who an announcement is from, in its template outside the 24-hour window. */
  businessName?: string;
  /** The entrepreneur's phones: told when a customer turns out not to be on WhatsApp. */
  entrepreneurPhones?: () => Promise<string[]>;
}

/** The longest wait between two tries of a message the platform could not take. */
const MOST_BACKOFF_MS = 15 * 60_000;

/**
 * How long a message waits after its `attempts`-th try failed for no reason the platform gave (5xx, a timeout):
 * doubling from 2 s up to 15 minutes, so that 14 tries span more than an hour of the platform being away.
 */
export function retryDelayMs(attempts: number): number {
  return Math.min(MOST_BACKOFF_MS, 1000 * 2 ** attempts);
}
/** How long a message refused by WhatsApp's spam or per-user limits waits before its next (counted) try. */
const POLICY_LIMIT_PAUSE_MS = 6 * 3_600_000;
/** How long a message whose template has a problem waits; `sisconf whatsapp templates` frees it sooner. */
const TEMPLATE_PROBLEM_PAUSE_MS = 3_600_000;
/**
 * How long a message waits while the platform connection is down (the transport already waited a while for it):
 * short, since a re-paired session should get its backlog at once.
 */
const NOT_CONNECTED_PAUSE_MS = 15_000;

/** How long a message is given back when the transport cannot say now whether it went (WhatsApp Web away). */
const UNASKABLE_PAUSE_MS = 30_000;

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
 * A message the transport may have accepted without its send being recorded (the process died, the store was away,
 * the platform did not answer) is not sent blind: once its claim lapses, the next sender asks the transport whether
 * it went (`Transport.wasDelivered`) and sends it only if it did not.
 */
export class NotificationSender {
  private readonly loop: PollingLoop;
  /** Recipients whose messages this process is sending now, and when that ends. */
  private readonly inFlight = new Map<string, Promise<void>>();
  private readonly pacer: SendPacer;
  private readonly recorder: SentRecorder;
  private readonly claimLimit: number;
  /** How long a recipient is left alone after the platform said "too fast": long enough to refill a burst. */
  private readonly rateLimitPauseMs: number;
  /** Messages the loop claimed that are not sent (or given back) yet: its window. */
  private windowed = 0;
  private windowWaiters: (() => void)[] = [];
  /**
   * The loop's claim on its way: what it takes is in `inFlight` only once it answers, so `whenSent` waits for it (a
   * message's own news, queued after its commit, may be taken by the loop rather than by `sendReplies`).
   */
  private claiming: Promise<unknown> | null = null;

  constructor(
    private readonly context: CoreContext,
    private readonly businessId: number,
    private readonly transport: Transport,
    private readonly logger: Logger,
    private readonly options: SenderOptions,
    private readonly metrics: BotMetrics,
  ) {
    this.pacer = new SendPacer(options.perRecipientIntervalMs, options.globalPerSecond, options.perRecipientBurst ?? 1);
    this.claimLimit = claimLimit(options.globalPerSecond);
    this.rateLimitPauseMs = Math.max(1000, options.perRecipientIntervalMs * (options.perRecipientBurst ?? 1));
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
    // Not awaited: each send logs its own failure (`after`), and `drain` and `whenSent` wait for what is in flight.
    this.dispatchGroups(replies);
    if (othersQueued) {
      void this.after(phone, async () => {
        const due = await claimDueNotifications(this.context, { businessId: this.businessId, limit: this.claimLimit });
        // More than a claim's worth (news to every customer of a batch): the loop takes the rest now.
        if (due.length === this.claimLimit) this.loop.poke();
        this.dispatchGroups(due.filter((notification) => notification.phone !== phone));
        for (const notification of due) if (notification.phone === phone) await this.sendOne(notification);
      });
    }
  }

  /** Returns once this process has sent everything it holds for the phone (the simulator answers with it). */
  async whenSent(phone: string): Promise<void> {
    for (;;) {
      const sending = this.inFlight.get(phone);
      if (sending !== undefined) await sending;
      else if (this.claiming !== null) await this.claiming;
      else return;
    }
  }

  /**
   * One turn of the loop: a sliding window of claims. Once half of what the loop claimed is sent, it claims as much
   * again, so the pacer always holds the next moments reserved; waiting for a round's last message instead left the
   * rate unused between rounds.
   */
  private async sendBatch(): Promise<number> {
    while (this.windowed > this.claimLimit / 2) await new Promise<void>((resolve) => this.windowWaiters.push(resolve));
    const claim = claimDueNotifications(this.context, {
      businessId: this.businessId,
      limit: this.claimLimit - this.windowed,
    });
    // Settled either way for whoever waits on it; this turn's own failure is the loop's to report.
    const settled = claim.then(
      () => undefined,
      () => undefined,
    );
    this.claiming = settled;
    let claimed: Awaited<typeof claim>;
    try {
      claimed = await claim;
    } finally {
      if (this.claiming === settled) this.claiming = null;
    }
    for (const group of this.dispatchGroups(claimed)) {
      this.windowed += group.size;
      void group.sent.finally(() => {
        this.windowed -= group.size;
        for (const resolve of this.windowWaiters.splice(0)) resolve();
      });
    }
    return claimed.length;
  }

  /**
   * Each recipient's messages in order; different recipients at the same time, so one slow recipient or a burst of
   * notifications does not hold everyone's replies back.
   */
  private dispatchGroups(claimed: readonly ClaimedNotification[]): { size: number; sent: Promise<void> }[] {
    const byRecipient = new Map<string, ClaimedNotification[]>();
    for (const notification of claimed) {
      const list = byRecipient.get(notification.phone) ?? [];
      list.push(notification);
      byRecipient.set(notification.phone, list);
    }
    return [...byRecipient].map(([recipient, notifications]) => ({
      size: notifications.length,
      sent: this.after(recipient, async () => {
        for (const notification of notifications) await this.sendOne(notification);
      }),
    }));
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
    if (notification.unreachable && notification.payload.kind !== "reply") {
      // WhatsApp said this person has none, and they have not written since: sending again changes nothing.
      await markNotificationFailed(this.context, notification, {
        error: "not on WhatsApp",
        code: 131026,
        retryAt: null,
      });
      this.metrics.sent(this.transport.name, "failed");
      return;
    }
    // Its claim ran out already: another sender may hold it now, or will; it goes out under that claim, not twice.
    if (notification.claimedUntil.getTime() - Date.now() < CLAIM_MARGIN_MS) return;
    // The text alone until it is sent: a picture (the Pix QR code) is drawn only for a message that goes.
    const text = renderNotification(notification.payload, notification.locale, {
      businessName: this.options.businessName ?? "SISCONF",
    });
    if (notification.unconfirmed && (await this.settledBefore(notification, notification.unconfirmed, text))) return;
    const start = Date.now();
    // A reply someone waits for does not queue behind an announcement's bulk.
    const urgent = notification.payload.kind === "reply";
    const due = start + this.pacer.waitFor(notification.phone, start, urgent);
    if (notification.claimedUntil.getTime() - due < CLAIM_MARGIN_MS) {
      // Its turn comes after its claim ends (21 sheet links at WhatsApp's pair rate take longer than a claim): it is
      // given back, due at its turn, rather than left to lapse and wait for a whole lease.
      await releaseNotification(this.context, notification, new Date(this.context.now().getTime() + (due - start)));
      return;
    }
    const wait = this.pacer.reserve(notification.phone, start, urgent);
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    // Waited past its claim all the same (a slow clock, a long pause): left to the claim that holds it now.
    if (notification.claimedUntil.getTime() - Date.now() < CLAIM_MARGIN_MS) return;
    const message = await withPicture(notification.payload, text);
    let receipt: SendReceipt;
    const sendingFrom = this.context.now();
    try {
      receipt = await this.transport.send(notification.address ?? notification.phone, message, {
        lastInboundAt: notification.lastInboundAt,
        templateRequired: notification.templateRequired,
        sendBy: new Date(notification.claimedUntil.getTime() - CLAIM_MARGIN_MS),
        outboxEntryId: notification.id,
      });
    } catch (error) {
      await this.failed(notification, error, { from: sendingFrom, until: this.context.now() });
      return;
    }
    if (receipt.leftOut) {
      // Nothing was sent and nothing is missing (the template that went before carries it): done, not retried.
      this.logger.debug({ kind: notification.payload.kind, why: receipt.leftOut }, "message left out");
      await markNotificationFailed(this.context, notification, {
        error: `left out: ${receipt.leftOut}`,
        retryAt: null,
      });
      this.metrics.sent(this.transport.name, "left_out");
      return;
    }
    // Sent: a failure to record it is not a failed send. The message stays claimed, and if its claim lapses
    // unrecorded the next sender asks the transport whether it went.
    await this.recorder.record({
      claim: notification,
      message: shownMessage(message),
      sentAt: this.context.now(),
      platformMessageIds: receipt.messageIds,
    });
    this.metrics.sent(this.transport.name, "sent");
  }

  /**
   * A message whose earlier claim lapsed while it was being sent (its sender died between the platform taking it and
   * the record): the transport says whether it went. Gone: recorded as sent, and not sent again. Not gone: false, and
   * it is sent. Not known yet (the platform may still report it) or not askable now: given back until then.
   */
  private async settledBefore(
    notification: ClaimedNotification,
    unconfirmed: NonNullable<ClaimedNotification["unconfirmed"]>,
    message: OutboundMessage,
  ): Promise<boolean> {
    let check: DeliveryCheck;
    try {
      check = await this.transport.wasDelivered({
        outboxEntryId: notification.id,
        to: notification.address ?? notification.phone,
        message,
        ...unconfirmed,
      });
    } catch (error) {
      this.logger.warn({ err: error, notificationId: notification.id }, "could not ask whether a message went");
      check = { kind: "unknown", askAgainAt: new Date(this.context.now().getTime() + UNASKABLE_PAUSE_MS) };
    }
    const log = { notificationId: notification.id, phone: maskPhone(notification.phone), check: check.kind };
    if (check.kind === "not_delivered") {
      this.logger.info(log, "a message its sender may have sent had not gone: sending it");
      return false;
    }
    if (check.kind === "unknown") {
      await releaseNotification(this.context, notification, check.askAgainAt);
      return true;
    }
    this.logger.info(log, "a message its sender sent without recording it had gone: recorded, not sent again");
    await this.recorder.record({
      claim: notification,
      message: shownMessage(await withPicture(notification.payload, message)),
      sentAt: unconfirmed.until,
    });
    this.metrics.sent(this.transport.name, "sent");
    return true;
  }

  /**
   * A send the platform refused: tried again, or given up, as the refusal says. A send that got no answer at all
   * (`mayHaveGone`) may have been taken: the next try asks the transport first.
   */
  private async failed(
    notification: ClaimedNotification,
    error: unknown,
    mayHaveGone?: { from: Date; until: Date },
  ): Promise<void> {
    const reason = error instanceof SendRefused ? error.reason : "temporary";
    const code = error instanceof SendRefused ? error.code : undefined;
    const text = error instanceof Error ? error.message : String(error);
    // Refused for the window at send time: the transport tried the template already, or the message has none.
    const plan =
      reason === "window_closed" ? { retryAt: null } : this.planFor(reason, notification.phone, notification.attempts);
    const log = { err: text, code, reason, phone: maskPhone(notification.phone), attempts: notification.attempts };
    if (reason === "not_connected") {
      // The transport said so once, where the operator looks (log, /whatsapp): one line per message would be noise.
      this.logger.debug(log, "not connected: the message waits");
    } else if (reason === "template_problem") {
      this.logger.error(
        { ...log, kind: notification.payload.kind },
        "WhatsApp refused the message template: fix it (deploy/whatsapp/templates.json, `sisconf whatsapp templates`); the message waits",
      );
    } else {
      this.logger.warn({ ...log, final: plan.retryAt === null }, "send failed");
    }
    const unanswered = !(error instanceof SendRefused) && mayHaveGone && plan.retryAt !== null;
    await markNotificationFailed(this.context, notification, {
      error: text,
      code,
      ...plan,
      ...(unanswered ? { mayHaveGone } : {}),
    });
    if (reason === "not_on_whatsapp") await this.unreachable(notification.phone);
    this.metrics.sent(this.transport.name, plan.retryAt === null ? "failed" : "retry");
  }

  /**
   * What a refusal means for a message: when it is tried again and whether that counts, or that it never goes.
   * Too fast: wait and pace the person, uncounted. A template problem: wait for a person to fix it, uncounted.
   * Not connected (WhatsApp Web's session lost): wait for it to come back, uncounted, never given up.
   * Spam and per-user limits: one try every few hours at most, never a storm. Free-form outside the window, reported
   * after acceptance: its template next. Not on WhatsApp, or opted out: never again. Anything else: doubling waits,
   * up to 15 minutes, then given up.
   */
  private planFor(reason: RefusalReason, phone: string, attempts: number): Omit<FailedSend, "error" | "code"> {
    const now = this.context.now().getTime();
    const exhausted = attempts >= this.options.maxAttempts;
    switch (reason) {
      case "rate_limited":
        this.pacer.holdUntil(phone, Date.now() + this.rateLimitPauseMs);
        return { retryAt: new Date(now + this.rateLimitPauseMs), uncounted: true };
      case "template_problem":
        return { retryAt: new Date(now + TEMPLATE_PROBLEM_PAUSE_MS), uncounted: true };
      case "not_connected":
        return { retryAt: new Date(now + NOT_CONNECTED_PAUSE_MS), uncounted: true };
      case "policy_limited":
        return { retryAt: exhausted ? null : new Date(now + POLICY_LIMIT_PAUSE_MS) };
      case "window_closed":
        return { retryAt: exhausted ? null : new Date(now), templateRequired: true };
      case "not_on_whatsapp":
      case "opted_out":
        return { retryAt: null };
      case "temporary":
        return { retryAt: exhausted ? null : new Date(now + retryDelayMs(attempts)) };
    }
  }

  /**
   * Statuses the platform reported later: recorded per message and counted; a message that failed after it was
   * accepted is handled as the same refusal at send time would be (131047: its template; 131026: the customer is
   * marked and the entrepreneur told; pair rate: later).
   */
  async statusesReported(statuses: readonly DeliveryStatus[]): Promise<void> {
    const recorded = await recordDeliveryStatuses(this.context, this.businessId, statuses);
    for (const status of statuses) this.metrics.deliveryStatus(this.transport.name, status.status);
    for (let index = 0; index < recorded.unknown; index++) this.metrics.deliveryStatus(this.transport.name, "unknown");
    if (recorded.unknown > 0)
      this.logger.info({ unknown: recorded.unknown }, "statuses of messages not sent by this system (yet)");
    const reasons = new Map(
      statuses.flatMap((status) => (status.error ? [[status.error.code, status.error.refusal]] : [])),
    );
    let reopened = false;
    for (const failure of recorded.failures) {
      const reason = reasons.get(failure.code) ?? "temporary";
      this.metrics.refused(reason, failure.code);
      this.logger.warn(
        { code: failure.code, reason, phone: maskPhone(failure.phone), notificationId: failure.notificationId },
        "message failed after the platform accepted it",
      );
      if (reason === "not_on_whatsapp") await this.unreachable(failure.phone);
      if (!failure.wasSent) continue;
      const attempts = await attemptsOf(this.context, failure.notificationId);
      const plan = this.planFor(reason, failure.phone, attempts);
      await reopenFailedDelivery(this.context, {
        notificationId: failure.notificationId,
        code: failure.code,
        error: `reported failed by the platform (code ${failure.code})`,
        retryAt: plan.retryAt,
        templateRequired: plan.templateRequired ?? false,
      });
      reopened ||= plan.retryAt !== null;
    }
    if (reopened) this.loop.poke();
  }

  /** Marks the customer as not on WhatsApp and tells the entrepreneur, once per customer. */
  async unreachable(phone: string): Promise<void> {
    const entrepreneurs = (await this.options.entrepreneurPhones?.()) ?? [];
    const queued = await markCustomerUnreachable(this.context, {
      businessId: this.businessId,
      phone,
      entrepreneurs: entrepreneurs.filter((entrepreneur) => entrepreneur !== phone),
    });
    if (queued) this.loop.poke();
  }
}
