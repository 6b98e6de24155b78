import { createBuiltInIdentity } from "../../core/identity/built-in-identity.ts";
import { describeIdentityContract } from "./identity-contract.ts";

// Keycloak's run of the same suite starts a real Keycloak: test/keycloak/identity.test.ts.

const API_TOKEN = "a-built-in-token-of-enough-length";
const ADMIN = "5584977700001";

describeIdentityContract(
  "built-in",
  async () => ({
    identity: createBuiltInIdentity({ apiToken: API_TOKEN, adminPhones: [ADMIN] }),
    entrepreneur: { token: API_TOKEN, phone: undefined },
    entrepreneurPhone: ADMIN,
    refusedTokens: [
      ["another token", "another-token-of-the-same-sort"],
      ["the token in capitals", API_TOKEN.toUpperCase()],
      ["a prefix of the token", API_TOKEN.slice(0, 10)],
    ],
    close: async () => {},
  }),
  { rolesChange: false, customers: false, provider: false },
);
