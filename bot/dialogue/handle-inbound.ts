import type { Logger } from "pino";
import { answerMessage, type Reply } from "../../core/app/answer-message.ts";
import type { CoreContext, CoreEvent } from "../../core/app/context.ts";
import { receiveMessage } from "../../core/app/receive-message.ts";
import { resolveCustomerKey } from "../../core/app/resolve-customer-key.ts";
import type { ClaimedNotification } from "../../core/app/send-notifications.ts";
import { AfterCommit, transactionEndingWith } from "../../core/db/database.ts";
import type { DeliveryFees } from "../../core/domain/delivery-fees.ts";
import { normalizePhone } from "../../core/domain/phone.ts";
import type { PixSettings } from "../../core/domain/pix.ts";
import { isPlatformUserId } from "../../core/domain/user-id.ts";
import { withoutNul } from "../../core/domain/whatsapp-text.ts";
import type { Identity } from "../../core/identity/identity.ts";
import type { BotMetrics } from "../bot-metrics.ts";
import type { InboundMessage, SessionLoss } from "../transports/transport.ts";
import type { CatalogCache } from "./catalog-cache.ts";
import { readConversation } from "./conversation.ts";
import { converse } from "./converse.ts";
import { type Locale, messagesFor } from "./locale.ts";
import type { RateLimiter } from "./rate-limiter.ts";
import type { SessionLossNotices } from "./session-loss-notices.ts";
import type { SheetLink, WeekSettings } from "./turn.ts";

export interface DialogueDependencies {
  context: CoreContext;
  businessId: number;
  identity: Identity;
  catalog: CatalogCache;
  rateLimiter: RateLimiter;
  logger: Logger;
  defaultLocale: Locale;
  pendingTtlMs: number;
  week: WeekSettings;
  deliveryFees: DeliveryFees;
  pix: PixSettings | null;
  metrics: BotMetrics;
  businessName: string;
  sheetLink?: SheetLink | undefined;
  /** What entrepreneurs have still to hear about a lost WhatsApp session (transports that hold one). */
  sessionLoss?: SessionLossNotices | undefined;
}

export type HandleOutcome =
  /**
   * `replies` are queued claimed for this process, to send now (NotificationSender.sendReplies); `othersQueued`, when
   * handling queued other notifications too.
   */
  | { kind: "handled"; phone: string; replies: ClaimedNotification[]; othersQueued: boolean }
  | { kind: "duplicate" }
  | { kind: "ignored"; reason: string }
  /** The store could not be reached: nothing was recorded; `reply` is to be sent straight away, if it can be. */
  | { kind: "failed"; reply: Reply };

/**
 * Handles one inbound message exactly once: recording it by its transport id, the dialogue's effects, the new
 * conversation state and the queued replies all commit in one transaction, so a redelivery (even a simultaneous
 * one) finds the id taken and does nothing, and a crash before the commit leaves nothing half done.
 */
export async function handleInbound(
  dependencies: DialogueDependencies,
  inbound: InboundMessage,
): Promise<HandleOutcome> {
  const { context, businessId, logger } = dependencies;
  const message = storable(inbound);
  const phone = await customerKey(dependencies, message);
  if (!phone) return { kind: "ignored", reason: "sender is not a phone number" };
  const log = logger.child({ transport: message.transport, messageId: message.id, phone });
  // Events of the transaction are told only once it committed.
  const written: CoreEvent[] = [];
  let limit: ReturnType<RateLimiter["check"]> | null = null;
  let lossTold: SessionLoss | null = null;
  let outcome: HandleOutcome;
  try {
    const [entrepreneur, catalog] = await Promise.all([
      dependencies.identity.isEntrepreneur(businessId, phone),
      dependencies.catalog.get(),
    ]);
    outcome = await transactionEndingWith(context.db, async (tx): Promise<AfterCommit<HandleOutcome>> => {
      const txContext: CoreContext = { db: tx, now: context.now, emit: (event) => written.push(event) };
      const received = await receiveMessage(txContext, {
        businessId,
        transport: message.transport,
        messageId: message.id,
        phone,
        name: message.name,
        // A document is kept as its name and caption only: its bytes are read in this turn and dropped.
        text: message.document ? documentLine(message.document.filename, message.text) : message.text,
        receivedAt: message.at,
      });
      if (!received) return AfterCommit.of({ kind: "duplicate" });
      const { inboundId, state: storedState, editableOrder } = received;
      const conversation = readConversation(storedState);
      limit = dependencies.rateLimiter.check(phone);
      let replies: Reply[] = [];
      if (limit === "warn") {
        replies = [{ text: messagesFor(conversation.locale ?? dependencies.defaultLocale).slowDown() }];
      } else if (limit === "ok") {
        replies = await converse({
          context: txContext,
          businessId,
          phone,
          name: message.name,
          text: message.text,
          media: message.media ?? false,
          mediaKind: message.mediaKind,
          document: message.document,
          businessName: dependencies.businessName,
          sheetLink: dependencies.sheetLink,
          entrepreneur,
          identity: dependencies.identity,
          catalog,
          conversation,
          editableOrder,
          defaultLocale: dependencies.defaultLocale,
          pendingTtlMs: dependencies.pendingTtlMs,
          week: dependencies.week,
          deliveryFees: dependencies.deliveryFees,
          pix: dependencies.pix,
          understood: dependencies.metrics.understood,
        });
      }
      // A summary waiting for "sim" gets reply buttons where the transport has them; its text still says "SIM".
      const last = replies.at(-1);
      if (limit === "ok" && conversation.pending?.kind === "order" && last) {
        const buttons = messagesFor(conversation.locale ?? dependencies.defaultLocale).summaryButtons();
        replies = [...replies.slice(0, -1), { ...last, buttons }];
      }
      lossTold = entrepreneur && limit === "ok" ? (dependencies.sessionLoss?.pending(phone) ?? null) : null;
      if (lossTold) {
        const messages = messagesFor(conversation.locale ?? dependencies.defaultLocale);
        const when = (moment: Date) => messages.formatMoment(moment, dependencies.week.timeZone);
        const text = messages.sessionLost({
          kind: lossTold.kind,
          at: when(lossTold.at),
          backAt: lossTold.backAt ? when(lossTold.backAt) : null,
        });
        replies = [{ text }, ...replies];
      }
      const answered = await answerMessage(txContext, {
        businessId,
        phone,
        inboundId,
        state: limit === "ok" ? conversation : null,
        replies,
      });
      return answered.map((claimed) => ({
        kind: "handled",
        phone,
        replies: claimed,
        othersQueued: written.includes("notifications_queued"),
      }));
    });
  } catch (error) {
    if (limit) dependencies.rateLimiter.undo(phone, limit);
    log.error({ err: error }, "message could not be handled");
    return { kind: "failed", reply: { text: messagesFor(dependencies.defaultLocale).tryAgainSoon() } };
  }
  // Committed: nothing below may turn the message into a failure.
  // What the message queued is sent by the bot straight away (`othersQueued`), not by a sender woken for it.
  for (const event of written) if (event !== "notifications_queued") context.emit(event);
  if (written.includes("catalog_changed")) dependencies.catalog.invalidate();
  if (outcome.kind === "handled") dependencies.identity.customerContacted(businessId, phone);
  if (outcome.kind === "handled" && lossTold) dependencies.sessionLoss?.markTold(phone, lossTold);
  log.debug({ outcome: outcome.kind }, "message handled");
  return outcome;
}

/**
 * The message without NUL characters, which no person types but a platform may pass on (and PostgreSQL cannot
 * store): a platform that already acknowledged the message will not deliver it again, so it is read without them
 * rather than lost.
 */
function storable(message: InboundMessage): InboundMessage {
  return {
    ...message,
    id: withoutNul(message.id),
    text: withoutNul(message.text),
    name: message.name === undefined ? undefined : withoutNul(message.name),
  };
}

/** How a document shows in the conversation's record: its name, then its caption. */
function documentLine(filename: string, caption: string): string {
  return caption ? `📎 ${filename}\n${caption}` : `📎 ${filename}`;
}

/**
 * Who the message is from, as the store keys customers: the phone, or for a sender whose phone is not known, the
 * platform's id for them (resolveCustomerKey links the two when the phone shows up later).
 */
async function customerKey(dependencies: DialogueDependencies, message: InboundMessage): Promise<string | null> {
  const phone = isPlatformUserId(message.from) ? null : normalizePhone(message.from);
  if (!message.platformUserId) return phone;
  return resolveCustomerKey(dependencies.context, {
    businessId: dependencies.businessId,
    platformUserId: message.platformUserId,
    phone,
  });
}
