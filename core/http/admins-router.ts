import { type Response, Router } from "express";
import { conflict } from "../app/errors.ts";
import { requirePhone } from "../app/validation.ts";
import type { Identity, RoleChange } from "../identity/identity.ts";
import { principalOf, requireEntrepreneur } from "./auth.ts";

/**
 * The entrepreneurs, by API: `GET /api/v1/admins`, `PUT /api/v1/admins/{phone}` grants the role,
 * `DELETE /api/v1/admins/{phone}` revokes it. Entrepreneurs only. With the built-in identity the list is
 * ADMIN_PHONES and changing it is a 409; with Keycloak away nothing changes and the answer is 503.
 */
export function adminsRouter(identity: Identity, businessId: number): Router {
  const router = Router();
  router.use("/api/v1/admins", requireEntrepreneur);

  router.get("/api/v1/admins", async (_request, response) => {
    response.json({ admins: await identity.entrepreneurPhones(businessId) });
  });

  router.put("/api/v1/admins/:phone", async (request, response) => {
    const phone = phoneParam(request.params.phone);
    answer(response, phone, await identity.grantEntrepreneur(businessId, phone));
  });

  router.delete("/api/v1/admins/:phone", async (request, response) => {
    const phone = phoneParam(request.params.phone);
    const principal = principalOf(response);
    if (principal.phone === phone) throw conflict("cannot_revoke_self", "an entrepreneur cannot revoke its own role");
    answer(response, phone, await identity.revokeEntrepreneur(businessId, phone));
  });

  return router;
}

function phoneParam(value: string | undefined): string {
  return requirePhone(value ?? "");
}

function answer(response: Response, phone: string, change: RoleChange): void {
  switch (change.kind) {
    case "granted":
    case "already_entrepreneur":
      response.json({ phone, admin: true, changed: change.kind === "granted" });
      return;
    case "revoked":
    case "not_entrepreneur":
      response.json({ phone, admin: false, changed: change.kind === "revoked" });
      return;
    case "fixed_by_configuration":
      throw conflict("admins_fixed_by_configuration", "the entrepreneurs are ADMIN_PHONES, set in the configuration");
    case "unavailable":
      // An outage, not a rule: the one status outside the error table, so clients know to retry.
      response.status(503).json({ error: "the identity provider is unavailable; nothing changed" });
      return;
  }
}
