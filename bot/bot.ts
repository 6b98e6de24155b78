import type { Logger } from "pino";
import { applyRoleChanges } from "../core/app/apply-role-changes.ts";
import type { CoreContext } from "../core/app/context.ts";
import { PollingLoop } from "../core/background/polling-loop.ts";
import { type DeliveryFees, NO_DELIVERY_FEES } from "../core/domain/delivery-fees.ts";
import type { PixSettings } from "../core/domain/pix.ts";
import type { Identity } from "../core/identity/identity.ts";
import type { BotMetrics } from "./bot-metrics.ts";
import type { CatalogCache } from "./dialogue/catalog-cache.ts";
import { handleInbound } from "./dialogue/handle-inbound.ts";
import type { Locale } from "./dialogue/locale.ts";
import { RateLimiter } from "./dialogue/rate-limiter.ts";
import { SessionLossNotices } from "./dialogue/session-loss-notices.ts";
import type { SheetLink, WeekSettings } from "./dialogue/turn.ts";
import { NotificationSender, type SenderOptions } from "./outbox/notification-sender.ts";
import { SessionRecorder } from "./session-recorder.ts";
import type { InboundMessage, InboundResult, SessionLoss, Transport } from "./transports/transport.ts";

export interface BotOptions {
  context: CoreContext;
  catalog: CatalogCache;
  businessId: number;
  identity: Identity;
  logger: Logger;
  defaultLocale: Locale;
  pendingTtlMs: number;
  week: WeekSettings;
  /** DELIVERY_FEES and the Pix settings; none when not given. */
  deliveryFees?: DeliveryFees | undefined;
  pix?: PixSettings | null | undefined;
  messagesPerMinute: number;
  sender: SenderOptions;
  metrics: BotMetrics;
  /** BUSINESS_NAME, for the texts providers get with their sheets. */
  businessName: string;
  /** PUBLIC_URL, the base of the price list's link in the catalog answer. */
  publicUrl: string;
  /** PUBLIC_URL was set: a catalog too long for one message is answered in brief with the link, not in pages. */
  priceListInBrief?: boolean | undefined;
  /** Fresh links to stored sheets ("planilhas lote 3", "enviar aos fornecedores"). */
  sheetLink?: SheetLink | undefined;
}

export interface Bot {
  /** Returns once the replies and messages this process is sending to a phone are sent (the simulator answers a POST with them). */
  whenSent(phone: string): Promise<void>;
  /** Wakes the sender: something was queued in this process. */
  poke(): void;
  start(transport: Transport): Promise<void>;
  stop(): Promise<void>;
}

/**
 * How often role changes left behind are looked for: those whose process died between a message's commit and
 * carrying them out, taken over once their claim lapsed (ROLE_CHANGE_LEASE_MS).
 */
const ROLE_CHANGE_POLL_MS = 30_000;

/** The conversation role: a transport in, the dialogue, the outbox out. */
export function createBot(options: BotOptions): Bot {
  const { catalog } = options;
  const rateLimiter = new RateLimiter(options.messagesPerMinute);
  let transport: Transport | null = null;
  let sender: NotificationSender | null = null;
  let sessionLoss: SessionLossNotices | undefined;
  let sessionRecorder: SessionRecorder | null = null;
  const sweep = setInterval(() => rateLimiter.sweep(), 60_000);
  sweep.unref();
  const roleChanges = new PollingLoop(
    async () => {
      const done = await applyRoleChanges(options.context, options.identity, { businessId: options.businessId });
      if (done > 0) sender?.poke();
      return done;
    },
    ROLE_CHANGE_POLL_MS,
    (error) => options.logger.warn({ err: error }, "role changes left behind not carried out yet; will retry"),
  );

  const onMessage = async (message: InboundMessage): Promise<InboundResult> => {
    const outcome = await handleInbound(
      {
        context: options.context,
        businessId: options.businessId,
        identity: options.identity,
        catalog,
        rateLimiter,
        logger: options.logger,
        defaultLocale: options.defaultLocale,
        pendingTtlMs: options.pendingTtlMs,
        week: options.week,
        deliveryFees: options.deliveryFees ?? NO_DELIVERY_FEES,
        pix: options.pix ?? null,
        metrics: options.metrics,
        businessName: options.businessName,
        publicUrl: options.publicUrl,
        priceListInBrief: options.priceListInBrief ?? false,
        sheetLink: options.sheetLink,
        sessionLoss,
      },
      message,
    );
    options.metrics.received(message.transport, outcome.kind);
    if (outcome.kind === "handled") {
      // Answered where the person wrote from (a business-scoped id when they hide their phone).
      const replies =
        message.from === outcome.phone
          ? outcome.replies
          : outcome.replies.map((reply) => ({ ...reply, address: message.from }));
      sender?.sendReplies(outcome.phone, replies, outcome.othersQueued);
    }
    if (outcome.kind === "failed" && transport) {
      // The store is away, so the outbox is too: say so directly, best effort.
      await transport.send(message.from, outcome.reply).catch(() => {});
    }
    return outcome.kind;
  };

  return {
    async whenSent(phone) {
      await sender?.whenSent(phone);
    },
    poke() {
      sender?.poke();
    },
    async start(chosen) {
      transport = chosen;
      if (chosen.watchSession) {
        // The chat's notice reads the last loss the transport reported; the API's role reads the session from the
        // database (the page, the dashboard, the next API write's notice).
        const recorder = new SessionRecorder(options.context, options.businessId, options.logger);
        sessionRecorder = recorder;
        let lastLoss: SessionLoss | null = null;
        sessionLoss = new SessionLossNotices(() => lastLoss);
        chosen.watchSession((session) => {
          lastLoss = session.loss;
          recorder.record(session);
        });
      }
      sender = new NotificationSender(
        options.context,
        options.businessId,
        chosen,
        options.logger,
        { entrepreneurPhones: () => options.identity.entrepreneurPhones(options.businessId), ...options.sender },
        options.metrics,
      );
      const started = sender;
      await chosen.start(onMessage, (statuses) => started.statusesReported(statuses));
      sender.start();
      roleChanges.start();
    },
    async stop() {
      clearInterval(sweep);
      await roleChanges.stop();
      // The outbox stops first, while messages still come in and are answered (a platform would not deliver again one
      // that arrived once intake stopped); then intake stops, and the replies to the last messages go out before the
      // transport lets its connection go, which it does even when stopping failed (WhatsApp Web's is a browser).
      try {
        await sender?.stop();
        await transport?.stop();
        await sender?.drain();
      } finally {
        await transport?.close();
        await sessionRecorder?.stop();
      }
    },
  };
}
