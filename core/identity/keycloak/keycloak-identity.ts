import type { Logger } from "pino";
import type { Db } from "../../db/database.ts";
import { maskPhone, normalizePhone } from "../../domain/phone.ts";
import type { Identity, Principal, RoleChange } from "../identity.ts";
import { createAccessTokenVerifier } from "./access-token-verifier.ts";
import { CustomerSync } from "./customer-sync.ts";
import { UserDirectory } from "./user-directory.ts";

export interface KeycloakIdentityOptions {
  url: string;
  realm: string;
  clientId: string;
  clientSecret: string;
  /** The `aud` the API's tokens must carry (the realm's audience mapper puts it there). */
  audience: string;
  /** The `iss` of the realm's tokens; defaults to `{url}/realms/{realm}`. Differs when people reach Keycloak by another URL. */
  issuer?: string | undefined;
  /** How long the entrepreneurs read from Keycloak are trusted before they are read again. */
  roleCacheMs: number;
  /** How long one call to Keycloak may take before it counts as an outage. */
  timeoutMs: number;
  /** How often customers not yet linked to a user are retried. */
  syncIntervalMs: number;
  /** Whether this process links customers to users (the roles that register customers: the API and the bot). */
  syncCustomers: boolean;
  clockSkewSeconds: number;
  db: Db;
  logger: Logger;
}

/** After a failed call, how long role checks answer from the cache without trying Keycloak again. */
const OUTAGE_PAUSE_MS = 5000;

/**
 * Keycloak as the identity of record: customers and entrepreneurs are users of the realm, told apart by the realm
 * roles `customer` and `entrepreneur`; API callers present the realm's access tokens.
 */
export function createKeycloakIdentity(options: KeycloakIdentityOptions): Identity {
  const logger = options.logger.child({ identity: "keycloak" });
  const baseUrl = options.url.replace(/\/+$/, "");
  const issuer = options.issuer ?? `${baseUrl}/realms/${encodeURIComponent(options.realm)}`;
  const directory = new UserDirectory({
    url: baseUrl,
    realm: options.realm,
    clientId: options.clientId,
    clientSecret: options.clientSecret,
    timeoutMs: options.timeoutMs,
  });
  const verifier = createAccessTokenVerifier({
    // Keys are fetched from where this process reaches Keycloak, whatever URL people use (the issuer).
    jwksUrl: `${baseUrl}/realms/${encodeURIComponent(options.realm)}/protocol/openid-connect/certs`,
    issuer,
    audience: options.audience,
    clockSkewSeconds: options.clockSkewSeconds,
    timeoutMs: options.timeoutMs,
  });
  const sync = !options.syncCustomers
    ? null
    : new CustomerSync({
        db: options.db,
        logger,
        intervalMs: options.syncIntervalMs,
        users: {
          async ensureCustomer(phone, whatsappName) {
            const { user } = await directory.ensureUser(phone, whatsappName);
            // Idempotent: a user made by a grant, or by another process that lost nothing, gets the role all the same.
            await directory.addRole(user.id, "customer");
            return user.id;
          },
        },
      });
  sync?.start();

  /** The entrepreneurs' phones as last read, and when. */
  let entrepreneurs: { phones: Set<string>; readAt: number } | null = null;
  let reading: Promise<Set<string>> | null = null;
  let pausedUntil = 0;

  async function currentEntrepreneurs(): Promise<Set<string>> {
    const now = Date.now();
    if (entrepreneurs && now - entrepreneurs.readAt < options.roleCacheMs) return entrepreneurs.phones;
    // Keycloak just failed: answer from what we knew (or nobody) rather than make every message wait for a timeout.
    if (now < pausedUntil) return entrepreneurs?.phones ?? new Set();
    reading ??= directory
      .phonesWithRole("entrepreneur")
      .then((phones) => {
        const set = new Set(phones);
        entrepreneurs = { phones: set, readAt: Date.now() };
        return set;
      })
      .finally(() => {
        reading = null;
      });
    try {
      return await reading;
    } catch (error) {
      pausedUntil = Date.now() + OUTAGE_PAUSE_MS;
      logger.warn({ err: error }, "Keycloak unreachable: entrepreneur checks answer from the cache");
      return entrepreneurs?.phones ?? new Set();
    }
  }

  /** The next check reads Keycloak again (this process changed a role). */
  function forgetEntrepreneurs(): void {
    if (entrepreneurs) entrepreneurs = { ...entrepreneurs, readAt: Number.NEGATIVE_INFINITY };
    pausedUntil = 0;
  }

  async function changeRole(
    phone: string,
    change: (userId: string | undefined, holds: boolean) => Promise<RoleChange>,
    ensure: boolean,
  ): Promise<RoleChange> {
    try {
      const user = ensure ? (await directory.ensureUser(phone)).user : await directory.findByPhone(phone);
      const holds = user ? await directory.hasRole(user.id, "entrepreneur") : false;
      const result = await change(user?.id, holds);
      forgetEntrepreneurs();
      return result;
    } catch (error) {
      logger.error({ err: error, phone: maskPhone(phone) }, "could not change the entrepreneur role in Keycloak");
      return { kind: "unavailable" };
    }
  }

  return {
    kind: "keycloak",
    async authenticate(bearerToken: string): Promise<Principal | null> {
      const claims = await verifier.verify(bearerToken);
      if (!claims) return null;
      const phone = claims.phone ? (normalizePhone(claims.phone) ?? undefined) : undefined;
      if (claims.realmRoles.includes("entrepreneur")) return { role: "entrepreneur", subject: claims.subject, phone };
      // A customer is scoped to its phone: without one in the token there is nothing it may read.
      if (claims.realmRoles.includes("customer") && phone) return { role: "customer", subject: claims.subject, phone };
      return null;
    },
    async entrepreneurPhones() {
      return [...(await currentEntrepreneurs())].sort();
    },
    async isEntrepreneur(_businessId: number, phone: string): Promise<boolean> {
      return (await currentEntrepreneurs()).has(phone);
    },
    grantEntrepreneur(_businessId: number, phone: string) {
      return changeRole(
        phone,
        async (userId, holds) => {
          if (holds) return { kind: "already_entrepreneur" };
          if (!userId) throw new Error("user neither found nor created");
          await directory.addRole(userId, "entrepreneur");
          logger.info({ phone: maskPhone(phone) }, "entrepreneur role granted");
          return { kind: "granted" };
        },
        true,
      );
    },
    revokeEntrepreneur(_businessId: number, phone: string) {
      return changeRole(
        phone,
        async (userId, holds) => {
          if (!userId || !holds) return { kind: "not_entrepreneur" };
          await directory.removeRole(userId, "entrepreneur");
          logger.info({ phone: maskPhone(phone) }, "entrepreneur role revoked");
          return { kind: "revoked" };
        },
        false,
      );
    },
    customerContacted(_businessId: number, phone: string): void {
      sync?.nudge(phone);
    },
    async close() {
      await sync?.close();
    },
  };
}
