import pino from "pino";
import { Registry } from "prom-client";
import type { BotOptions } from "../../bot/bot.ts";
import { createBotMetrics } from "../../bot/bot-metrics.ts";
import { CatalogCache } from "../../bot/dialogue/catalog-cache.ts";
import type { TransportName } from "../../bot/transports/transport.ts";
import type { CoreContext } from "../../core/app/context.ts";
import type { Identity } from "../../core/identity/identity.ts";

/** A bot's options as the tests run one beside a database: pt-BR, unpaced sends, silent unless given a logger. */
export function testBotOptions(input: {
  context: CoreContext;
  businessId: number;
  identity: Identity;
  transport: TransportName;
  maxAttempts?: number;
  logger?: BotOptions["logger"];
}): BotOptions {
  return {
    context: input.context,
    catalog: new CatalogCache(input.context, input.businessId),
    businessId: input.businessId,
    identity: input.identity,
    logger: input.logger ?? pino({ level: "silent" }),
    defaultLocale: "pt-BR",
    publicUrl: "http://localhost:3000",
    pendingTtlMs: 60_000,
    week: { closeSchedule: null, reminderHours: 6, timeZone: "America/Fortaleza" },
    messagesPerMinute: 30,
    sender: {
      perRecipientIntervalMs: 0,
      globalPerSecond: Number.POSITIVE_INFINITY,
      maxAttempts: input.maxAttempts ?? 3,
      pollMs: 60_000,
    },
    metrics: createBotMetrics(new Registry(), input.transport),
    businessName: "SISCONF",
  };
}
