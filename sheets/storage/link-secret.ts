import { randomBytes } from "node:crypto";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";

/**
 * The secret that signs local download links, kept in `DATA_DIR/link-secret` and made on first use, so links sent
 * in chat keep working across restarts without one more variable to configure in embedded mode.
 */
export async function loadLinkSecret(dataDirectory: string): Promise<string> {
  const file = path.join(dataDirectory, "link-secret");
  try {
    const secret = (await readFile(file, "utf8")).trim();
    if (secret.length >= 32) return secret;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
  }
  await mkdir(dataDirectory, { recursive: true });
  const secret = randomBytes(32).toString("hex");
  await writeFile(file, `${secret}\n`, { mode: 0o600 });
  return secret;
}
