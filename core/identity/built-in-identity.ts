import { timingSafeEqual } from "node:crypto";
import type { Identity, Principal } from "./identity.ts";

/** The embedded default: one bearer token for the entrepreneur and a fixed list of admin phones. */
export function createBuiltInIdentity(options: { apiToken: string; adminPhones: readonly string[] }): Identity {
  const expected = Buffer.from(options.apiToken);
  const admins = new Set(options.adminPhones);
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
    async close() {},
  };
}
