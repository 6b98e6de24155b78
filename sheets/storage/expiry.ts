import { invalidInput } from "../../core/app/errors.ts";

/** S3 refuses presigned links valid for longer; local links keep the same limit so both adapters agree. */
const MAX_LINK_SECONDS = 7 * 24 * 60 * 60;

export function assertLinkExpiry(expiresInSeconds: number): void {
  if (!Number.isInteger(expiresInSeconds) || expiresInSeconds < 1 || expiresInSeconds > MAX_LINK_SECONDS) {
    throw invalidInput(
      "invalid_link_expiry",
      `a download link lasts 1 to ${MAX_LINK_SECONDS} seconds (got ${expiresInSeconds})`,
    );
  }
}
