import { loadOrCreateApiToken } from "../core/identity/api-token.ts";
import { createBuiltInIdentity } from "../core/identity/built-in-identity.ts";
import type { Identity } from "../core/identity/identity.ts";
import type { Runtime } from "./runtime.ts";

/**
 * The identity adapter chosen once from configuration. `registersCustomers`: this process runs a role that registers
 * customers (API, bot), so it links them to Keycloak users; a sheets worker does not. The Keycloak adapter is loaded
 * only when configured.
 */
export async function createIdentity(runtime: Runtime, registersCustomers: boolean): Promise<Identity> {
  const { config } = runtime;
  // Keycloak is the identity of record when configured; API_TOKEN and ADMIN_PHONES are then ignored.
  if (config.KEYCLOAK_URL && config.KEYCLOAK_CLIENT_ID && config.KEYCLOAK_CLIENT_SECRET) {
    const { createKeycloakIdentity } = await import("../core/identity/keycloak/keycloak-identity.ts");
    return createKeycloakIdentity({
      url: config.KEYCLOAK_URL,
      realm: config.KEYCLOAK_REALM,
      clientId: config.KEYCLOAK_CLIENT_ID,
      clientSecret: config.KEYCLOAK_CLIENT_SECRET,
      audience: config.KEYCLOAK_AUDIENCE,
      issuer: config.KEYCLOAK_ISSUER,
      roleCacheMs: config.KEYCLOAK_ROLE_CACHE_SECONDS * 1000,
      timeoutMs: config.KEYCLOAK_TIMEOUT_MS,
      syncIntervalMs: config.KEYCLOAK_SYNC_INTERVAL_SECONDS * 1000,
      syncCustomers: registersCustomers,
      clockSkewSeconds: config.KEYCLOAK_CLOCK_SKEW_SECONDS,
      db: runtime.context.db,
      logger: runtime.logger,
    });
  }
  let apiToken = config.API_TOKEN;
  if (!apiToken) {
    const stored = loadOrCreateApiToken(config.DATA_DIR);
    apiToken = stored.token;
    if (stored.created) {
      // Printed once, on purpose not through the logger: it is for the person at the terminal, not for log storage.
      process.stdout.write(`\nAPI token (kept in ${config.DATA_DIR}/api-token): ${apiToken}\n\n`);
    }
  }
  return createBuiltInIdentity({ apiToken, adminPhones: config.ADMIN_PHONES });
}
