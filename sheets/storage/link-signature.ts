import { createHmac, timingSafeEqual } from "node:crypto";

export interface SignedLink {
  key: string;
  /** Unix time in seconds after which the link is refused. */
  expires: number;
  /** The name the download is saved under, signed too so a link cannot be altered to serve another name. */
  filename: string;
}

/** HMAC-SHA-256, in hex, of the key, expiry and filename: the `signature` of a local download link. */
export function signLink(link: SignedLink, secret: string): string {
  // Newlines cannot occur in keys, and separate the fields so that ("a1", 23) and ("a", 123) sign differently.
  return createHmac("sha256", secret).update(`${link.key}\n${link.expires}\n${link.filename}`).digest("hex");
}

export type LinkCheck = { valid: true } | { valid: false; reason: "expired" | "bad_signature" };

/** Whether a local download link is genuine and still valid at `nowSeconds`. */
export function verifyLink(
  link: SignedLink,
  signature: string,
  secret: string,
  nowSeconds = Math.floor(Date.now() / 1000),
): LinkCheck {
  const expected = Buffer.from(signLink(link, secret), "hex");
  const given = /^[0-9a-f]{64}$/i.test(signature) ? Buffer.from(signature, "hex") : Buffer.alloc(0);
  // Constant-time comparison, so the signature cannot be guessed byte by byte from response times.
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
    return { valid: false, reason: "bad_signature" };
  }
  if (!Number.isSafeInteger(link.expires) || link.expires < nowSeconds) return { valid: false, reason: "expired" };
  return { valid: true };
}
