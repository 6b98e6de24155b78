import type { Router } from "express";
import { adminsRouter } from "../../core/http/admins-router.ts";
import { batchesRouter } from "../../core/http/batches-router.ts";
import { catalogRouter } from "../../core/http/catalog-router.ts";
import { handoffsRouter } from "../../core/http/handoffs-router.ts";
import { ordersRouter } from "../../core/http/orders-router.ts";
import type { Identity } from "../../core/identity/identity.ts";
import type { Runtime } from "../runtime.ts";

/** The order service's API routes. */
export function coreApiRouters(runtime: Runtime, identity: Identity, catalogChanged: () => void): Router[] {
  const { context, businessId } = runtime;
  return [
    ordersRouter(context, businessId, runtime.config.pix),
    batchesRouter(context, businessId, identity, runtime.config.pix),
    catalogRouter(context, businessId, catalogChanged),
    adminsRouter(identity, businessId),
    handoffsRouter(context, businessId),
  ];
}
