import { constants, createPublicKey, type JsonWebKey, type KeyObject, verify } from "node:crypto";
import { z } from "zod";

/** The claims SISCONF reads from a verified access token. */
export interface AccessTokenClaims {
  subject: string;
  realmRoles: string[];
  phone: string | undefined;
}

export interface AccessTokenVerifierOptions {
  /** The realm's JWKS document: `{issuer}/protocol/openid-connect/certs`. */
  jwksUrl: string;
  issuer: string;
  audience: string;
  /** Tolerance for clocks that disagree, applied to `exp` and `nbf`. */
  clockSkewSeconds: number;
  timeoutMs: number;
  /** Least time between two JWKS fetches caused by an unknown `kid`, so forged tokens cannot make us hammer Keycloak. */
  minimumRefreshIntervalMs?: number;
  now?: () => number;
}

/** How each JWS algorithm Keycloak may sign with is checked with node:crypto. */
const ALGORITHMS: Record<string, { digest: string; keyType: "rsa" | "rsa-pss" | "ec"; pss?: boolean; ec?: boolean }> = {
  RS256: { digest: "sha256", keyType: "rsa" },
  RS384: { digest: "sha384", keyType: "rsa" },
  RS512: { digest: "sha512", keyType: "rsa" },
  PS256: { digest: "sha256", keyType: "rsa", pss: true },
  PS384: { digest: "sha384", keyType: "rsa", pss: true },
  PS512: { digest: "sha512", keyType: "rsa", pss: true },
  ES256: { digest: "sha256", keyType: "ec", ec: true },
  ES384: { digest: "sha384", keyType: "ec", ec: true },
  ES512: { digest: "sha512", keyType: "ec", ec: true },
};

const header = z.object({ alg: z.string(), kid: z.string().min(1), typ: z.string().optional() });
const claims = z.object({
  iss: z.string(),
  sub: z.string().min(1),
  aud: z.union([z.string(), z.array(z.string())]).optional(),
  exp: z.number(),
  nbf: z.number().optional(),
  typ: z.string().optional(),
  phone: z.string().optional(),
  realm_access: z.object({ roles: z.array(z.string()) }).optional(),
});
const jwks = z.object({
  keys: z.array(
    z.looseObject({
      kid: z.string().optional(),
      kty: z.string(),
      use: z.string().optional(),
      alg: z.string().optional(),
    }),
  ),
});

interface CachedKey {
  key: KeyObject;
  alg: string | undefined;
}

/**
 * Verifies Keycloak access tokens against the realm's published keys: signature, issuer, audience, expiry, and that
 * it is an access token (`typ: Bearer`), not an ID or refresh token. The keys are cached; a token signed with a key
 * we do not know yet (Keycloak rotated its keys) makes one fetch of the JWKS. With Keycloak away, tokens signed with
 * a cached key keep working until they expire. Every failure answers null: the caller's 401.
 */
export function createAccessTokenVerifier(options: AccessTokenVerifierOptions) {
  const now = options.now ?? Date.now;
  const minimumRefreshIntervalMs = options.minimumRefreshIntervalMs ?? 10_000;
  let keys = new Map<string, CachedKey>();
  let lastFetch = Number.NEGATIVE_INFINITY;
  let fetching: Promise<void> | null = null;

  async function fetchKeys(): Promise<void> {
    lastFetch = now();
    const response = await fetch(options.jwksUrl, { signal: AbortSignal.timeout(options.timeoutMs) });
    if (!response.ok) throw new Error(`JWKS answered ${response.status}`);
    const document = jwks.parse(await response.json());
    const fresh = new Map<string, CachedKey>();
    for (const jwk of document.keys) {
      if (!jwk.kid || (jwk.use !== undefined && jwk.use !== "sig")) continue;
      try {
        fresh.set(jwk.kid, { key: createPublicKey({ key: jwk as JsonWebKey, format: "jwk" }), alg: jwk.alg });
      } catch {
        // A key type node cannot read is simply not usable for verification.
      }
    }
    keys = fresh;
  }

  async function keyFor(kid: string): Promise<CachedKey | undefined> {
    const known = keys.get(kid);
    if (known) return known;
    if (now() - lastFetch < minimumRefreshIntervalMs && !fetching) return undefined;
    fetching ??= fetchKeys().finally(() => {
      fetching = null;
    });
    try {
      await fetching;
    } catch {
      return undefined;
    }
    return keys.get(kid);
  }

  return {
    async verify(token: string): Promise<AccessTokenClaims | null> {
      try {
        const parts = token.split(".");
        if (parts.length !== 3) return null;
        const [encodedHeader = "", encodedPayload = "", encodedSignature = ""] = parts;
        const parsedHeader = header.safeParse(decodeJson(encodedHeader));
        if (!parsedHeader.success) return null;
        const algorithm = ALGORITHMS[parsedHeader.data.alg];
        if (!algorithm) return null;
        const cached = await keyFor(parsedHeader.data.kid);
        if (!cached) return null;
        if (cached.alg !== undefined && cached.alg !== parsedHeader.data.alg) return null;
        if (cached.key.asymmetricKeyType !== algorithm.keyType) return null;
        const signed = Buffer.from(`${encodedHeader}.${encodedPayload}`);
        const signature = Buffer.from(encodedSignature, "base64url");
        const valid = verify(
          algorithm.digest,
          signed,
          algorithm.pss
            ? {
                key: cached.key,
                padding: constants.RSA_PKCS1_PSS_PADDING,
                saltLength: constants.RSA_PSS_SALTLEN_DIGEST,
              }
            : algorithm.ec
              ? { key: cached.key, dsaEncoding: "ieee-p1363" }
              : cached.key,
          signature,
        );
        if (!valid) return null;
        const parsed = claims.safeParse(decodeJson(encodedPayload));
        if (!parsed.success) return null;
        const body = parsed.data;
        const seconds = now() / 1000;
        if (body.iss !== options.issuer) return null;
        const audiences = body.aud === undefined ? [] : Array.isArray(body.aud) ? body.aud : [body.aud];
        if (!audiences.includes(options.audience)) return null;
        if (body.exp + options.clockSkewSeconds <= seconds) return null;
        if (body.nbf !== undefined && body.nbf - options.clockSkewSeconds > seconds) return null;
        if (body.typ !== undefined && body.typ !== "Bearer") return null;
        return { subject: body.sub, realmRoles: body.realm_access?.roles ?? [], phone: body.phone };
      } catch {
        return null;
      }
    },
  };
}

function decodeJson(part: string): unknown {
  if (!/^[A-Za-z0-9_-]+$/.test(part)) return undefined;
  return JSON.parse(Buffer.from(part, "base64url").toString("utf8"));
}
