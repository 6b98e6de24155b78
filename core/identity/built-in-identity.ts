import { timingSafeEqual } from "node:crypto";
import type { Identity, Principal, RoleChange } from "./identity.ts";

/** The embedded default: one bearer token for the entrepreneur and a fixed list of admin phones. */
export function createBuiltInIdentity(options: { apiToken: string; adminPhones: readonly string[] }): Identity {
  const expected = Buffer.from(options.apiToken);
  const admins = new Set(options.adminPhones);
  const fixed = async (): Promise<RoleChange> => ({ kind: "fixed_by_configuration" });
  return {
    kind: "built-in",
    async authenticate(bearerToken: string): Promise<Principal | null> {
      const given = Buffer.from(bearerToken);
      if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
      return { role: "entrepreneur", subject: "api-token" };
    },
    async entrepreneurPhones() {
      return [...admins];
    },
    async isEntrepreneur(_businessId: number, phone: string): Promise<boolean> {
      return admins.has(phone);
    },
    // ADMIN_PHONES is read once at start-up; changing it is a configuration change, not a chat command.
    grantEntrepreneur: fixed,
    revokeEntrepreneur: fixed,
    customerContacted() {},
    async close() {},
  };
}
