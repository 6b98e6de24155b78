import type { Router } from "express";
import type { Registry } from "prom-client";
import { createBot } from "../../bot/bot.ts";
import { createBotMetrics } from "../../bot/bot-metrics.ts";
import type { CatalogCache } from "../../bot/dialogue/catalog-cache.ts";
import { createTransport } from "../../bot/transports/create-transport.ts";
import { getTranscript } from "../../core/app/get-transcript.ts";
import { deliveriesOfNotification } from "../../core/app/record-delivery-statuses.ts";
import type { Identity } from "../../core/identity/identity.ts";
import type { FileStore } from "../../sheets/storage/file-store.ts";
import type { Runtime } from "../runtime.ts";

export interface StartedBot {
  /** The transport's routes (simulator, webhooks). */
  routers: Router[];
}

/**
 * How fast each transport may send when not configured: the Cloud API's default throughput is 80 messages/s per
 * number; WhatsApp Web is a person's phone, so it goes slower and spaces messages to one person; the simulator
 * talks to nobody's phone and is not held back.
 */
const SEND_PACE = {
  // Meta's pair rate: about one message every 6 s to one person, after a short burst (error 131056 past it).
  "cloud-api": { globalPerSecond: 80, perRecipientIntervalMs: 6000, perRecipientBurst: 5 },
  "whatsapp-web": { globalPerSecond: 10, perRecipientIntervalMs: 1000, perRecipientBurst: 1 },
  simulator: { globalPerSecond: Number.POSITIVE_INFINITY, perRecipientIntervalMs: 0, perRecipientBurst: 1 },
} as const;

/** Tries of a message before it is given up when the platform gives no reason (an outage). */
export const BOT_SEND_ATTEMPTS = 14;

/** Wires the conversation role: dialogue, outbox sender and the configured transport. */
export async function startBot(
  runtime: Runtime,
  identity: Identity,
  catalog: CatalogCache,
  registry: Registry,
  store: FileStore | null,
): Promise<StartedBot> {
  const { config, context, businessId, logger, lifecycle, events } = runtime;
  const metrics = createBotMetrics(registry, config.BOT_TRANSPORT);
  const bot = createBot({
    context,
    catalog,
    businessId,
    identity,
    logger: logger.child({ part: "bot" }),
    defaultLocale: config.LOCALE,
    pendingTtlMs: config.pendingTtlMs,
    week: {
      closeSchedule: config.BATCH_CLOSE_SCHEDULE,
      reminderHours: config.BATCH_REMINDER_HOURS,
      timeZone: config.TZ,
    },
    deliveryFees: config.DELIVERY_FEES,
    pix: config.pix,
    messagesPerMinute: config.BOT_MESSAGES_PER_MINUTE,
    metrics,
    businessName: config.BUSINESS_NAME,
    publicUrl: config.PUBLIC_URL,
    // Its localhost default opens on no customer's phone: a long catalog is then told in chat, in pages.
    priceListInBrief: config.publicUrlGiven,
    ...(store
      ? {
          sheetLink: (storageKey: string, filename: string) =>
            store.downloadUrl(storageKey, filename, config.SHEET_LINK_TTL_HOURS * 3600),
        }
      : {}),
    sender: {
      perRecipientIntervalMs: config.BOT_SEND_INTERVAL_MS ?? SEND_PACE[config.BOT_TRANSPORT].perRecipientIntervalMs,
      globalPerSecond: config.BOT_SEND_PER_SECOND ?? SEND_PACE[config.BOT_TRANSPORT].globalPerSecond,
      perRecipientBurst: config.BOT_SEND_BURST ?? SEND_PACE[config.BOT_TRANSPORT].perRecipientBurst,
      // With waits doubling up to 15 minutes (retryDelayMs), 14 tries span more than an hour of the platform away.
      maxAttempts: BOT_SEND_ATTEMPTS,
      pollMs: 500,
      businessName: config.BUSINESS_NAME,
    },
  });
  const transport = createTransport({
    config,
    identity,
    logger: logger.child({ part: "transport" }),
    whenSent: (phone) => bot.whenSent(phone),
    transcript: (phone) => getTranscript(context, businessId, phone),
    entrepreneurPhones: () => identity.entrepreneurPhones(businessId),
    stopping: lifecycle.stoppingSignal,
    onRefused: (code, reason) => metrics.refused(reason, code),
    deliveriesOf: (outboxEntryId) => deliveriesOfNotification(context, businessId, outboxEntryId),
  });
  await bot.start(transport);
  const poke = () => bot.poke();
  events.on("notifications_queued", poke);
  lifecycle.onStop("bot", async () => {
    events.off("notifications_queued", poke);
    await bot.stop();
  });
  return { routers: transport.routers() };
}
