import { invalidInput } from "../../core/app/errors.ts";

const MAX_KEY_LENGTH = 1_024;
// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are exactly what this refuses.
const CONTROL = /[\u0000-\u001F\u007F]/;

/**
 * Refuses a key that could escape the store's root on disk or mean different things to S3 and a file system
 * ("a//b", "./a", "C:\\a"): both adapters share this check so they accept exactly the same keys.
 */
export function assertStorageKey(key: string): void {
  const problem = keyProblem(key);
  if (problem) throw invalidInput("invalid_storage_key", `invalid storage key ${JSON.stringify(key)}: ${problem}`);
}

function keyProblem(key: string): string | null {
  if (key.length === 0) return "it is empty";
  if (key.length > MAX_KEY_LENGTH) return `it is longer than ${MAX_KEY_LENGTH} characters`;
  if (CONTROL.test(key)) return "it contains a control character";
  if (key.includes("\\")) return "it contains a backslash";
  if (key.startsWith("/")) return "it is absolute";
  for (const segment of key.split("/")) {
    // "." and ".." could climb out of the local store's folder; other dot names are kept for its temporary files.
    if (segment === "") return "it has an empty segment";
    if (segment.startsWith(".")) return "a segment starts with '.'";
  }
  return null;
}
