import { randomBytes } from "node:crypto";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";

/**
 * The entrepreneur's API token when API_TOKEN is unset: generated on the first start, kept in DATA_DIR so it
 * survives restarts (and so `sisconf catalog import` can talk to a running server), printed only that first time.
 */
export function loadOrCreateApiToken(dataDir: string): { token: string; created: boolean } {
  const file = path.join(dataDir, "api-token");
  try {
    const token = readFileSync(file, "utf8").trim();
    if (token.length >= 16) return { token, created: false };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
  }
  mkdirSync(dataDir, { recursive: true });
  const token = randomBytes(24).toString("base64url");
  writeFileSync(file, `${token}\n`, { mode: 0o600 });
  return { token, created: true };
}
