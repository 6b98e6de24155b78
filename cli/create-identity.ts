import { loadOrCreateApiToken } from "../core/identity/api-token.ts";
import { createBuiltInIdentity } from "../core/identity/built-in-identity.ts";
import type { Identity } from "../core/identity/identity.ts";
import type { Runtime } from "./runtime.ts";

/** The identity adapter chosen once from configuration. */
export function createIdentity(runtime: Runtime): Identity {
  const { config } = runtime;
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
