import { z } from "zod";

const tokenResponse = z.object({ access_token: z.string().min(1), expires_in: z.number().positive() });

export interface ServiceAccountOptions {
  /** The realm's base: `{KEYCLOAK_URL}/realms/{realm}`. */
  realmUrl: string;
  clientId: string;
  clientSecret: string;
  timeoutMs: number;
  now?: () => number;
}

/**
 * The service client's access token (client-credentials grant), fetched once and fetched again before it expires:
 * with half its life or 30 seconds left, whichever comes first, so a call never leaves with a token about to lapse.
 * Concurrent callers share one request. The grant gives no refresh token, hence a new grant each time.
 */
export function createServiceAccountToken(options: ServiceAccountOptions) {
  const now = options.now ?? Date.now;
  let current: { value: string; refreshAt: number } | null = null;
  let pending: Promise<string> | null = null;

  async function request(): Promise<string> {
    const response = await fetch(`${options.realmUrl}/protocol/openid-connect/token`, {
      method: "POST",
      headers: {
        "content-type": "application/x-www-form-urlencoded",
        authorization: `Basic ${Buffer.from(
          `${encodeURIComponent(options.clientId)}:${encodeURIComponent(options.clientSecret)}`,
        ).toString("base64")}`,
      },
      body: new URLSearchParams({ grant_type: "client_credentials" }),
      signal: AbortSignal.timeout(options.timeoutMs),
    });
    if (!response.ok) {
      await response.arrayBuffer();
      throw new Error(`Keycloak refused the service client's credentials (${response.status})`);
    }
    const body = tokenResponse.parse(await response.json());
    const lifeMs = body.expires_in * 1000;
    current = { value: body.access_token, refreshAt: now() + lifeMs - Math.min(30_000, lifeMs / 2) };
    return body.access_token;
  }

  return {
    async get(): Promise<string> {
      if (current && now() < current.refreshAt) return current.value;
      pending ??= request().finally(() => {
        pending = null;
      });
      return pending;
    },
    /** Keycloak said the token is no good (restarted, keys rotated, session removed): the next call gets a new one. */
    invalidate(): void {
      current = null;
    },
  };
}
