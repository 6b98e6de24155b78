import { createHmac, timingSafeEqual } from "node:crypto";

/**
 * Meta signs every notification: `X-Hub-Signature-256: sha256=<hex HMAC-SHA256 of the exact body bytes>` with the
 * app secret. Compared in constant time so that the answer's timing says nothing about the expected value.
 */
export function hasValidSignature(rawBody: Buffer | undefined, header: string | undefined, appSecret: string): boolean {
  if (!rawBody || !header) return false;
  const match = /^sha256=([0-9a-f]{64})$/i.exec(header.trim());
  if (!match?.[1]) return false;
  const received = Buffer.from(match[1].toLowerCase(), "hex");
  const expected = createHmac("sha256", appSecret).update(rawBody).digest();
  return received.length === expected.length && timingSafeEqual(received, expected);
}

/** The header Meta would send for this body: for tests and tools that stand in for Meta. */
export function signatureFor(body: string | Buffer, appSecret: string): string {
  return `sha256=${createHmac("sha256", appSecret).update(body).digest("hex")}`;
}
