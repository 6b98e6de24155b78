import type { RequestHandler, Router } from "express";
import { adminsRouter } from "../../core/http/admins-router.ts";
import { batchesRouter } from "../../core/http/batches-router.ts";
import { catalogRouter } from "../../core/http/catalog-router.ts";
import { customersRouter } from "../../core/http/customers-router.ts";
import { dashboardRouter } from "../../core/http/dashboard-router.ts";
import { handoffsRouter } from "../../core/http/handoffs-router.ts";
import { ordersRouter } from "../../core/http/orders-router.ts";
import { priceListRouter } from "../../core/http/price-list-router.ts";
import { sessionLossWarning } from "../../core/http/session-loss-warning.ts";
import { whatsappRouter } from "../../core/http/whatsapp-router.ts";
import type { Identity } from "../../core/identity/identity.ts";
import type { Runtime } from "../runtime.ts";

/** The order service's API routes. */
export function coreApiRouters(runtime: Runtime, identity: Identity, catalogChanged: () => void): Router[] {
  const { context, businessId } = runtime;
  return [
    ordersRouter(context, businessId, runtime.config.pix),
    batchesRouter(
      context,
      businessId,
      identity,
      runtime.config.pix,
      {
        closeSchedule: runtime.config.BATCH_CLOSE_SCHEDULE,
        reminderHours: runtime.config.BATCH_REMINDER_HOURS,
        timeZone: runtime.config.TZ,
      },
      runtime.config.pendingTtlMs,
    ),
    catalogRouter(context, businessId, catalogChanged),
    adminsRouter(identity, businessId),
    handoffsRouter(context, businessId),
    customersRouter(context, businessId, identity),
    whatsappRouter(context, businessId),
  ];
}

/** What runs before every API route: the notice of a lost WhatsApp session on the entrepreneur's next write. */
export function coreApiMiddleware(runtime: Runtime): RequestHandler[] {
  return [sessionLossWarning(runtime.context, runtime.businessId, runtime.logger)];
}

/** The order service's pages: the public price list and the entrepreneur's dashboard (which logs in to the API). */
export function corePageRouters(runtime: Runtime): Router[] {
  const { config } = runtime;
  return [
    priceListRouter(runtime.context, runtime.businessId, { businessName: config.BUSINESS_NAME, locale: config.LOCALE }),
    dashboardRouter({
      locale: config.LOCALE,
      businessName: config.BUSINESS_NAME,
      keycloak: config.KEYCLOAK_URL
        ? { url: config.KEYCLOAK_URL, realm: config.KEYCLOAK_REALM, clientId: config.KEYCLOAK_DASHBOARD_CLIENT_ID }
        : null,
    }),
  ];
}
