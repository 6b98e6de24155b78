import { plainText } from "./plain-text.ts";
import { truncateText } from "./truncate-text.ts";

/** Excel's limit on a sheet name, in UTF-16 code units. */
const MAX_SHEET_NAME_LENGTH = 31;

// Excel forbids these in sheet names; brackets become parentheses so "Ana [feira]" still reads well.
const FORBIDDEN_REPLACEMENTS: Record<string, string> = {
  "[": "(",
  "]": ")",
  ":": "-",
  "/": "-",
  "\\": "-",
  "?": "",
  "*": "",
};
const FORBIDDEN = /[[\]:/\\?*]/g;
// Excel keeps "History" for its change tracking and refuses a sheet of that name.
const RESERVED = ["History"];

/**
 * Hands out sheet names that Excel accepts: 1 to 31 characters, none of `\ / ? * [ ] :`, no apostrophe at either
 * end, and unique ignoring case, even when two wanted names differ only after the 31st character.
 */
export class SheetNameRegistry {
  readonly #taken = new Set<string>(RESERVED.map(comparisonKey));

  /** A valid, unused name as close to `wanted` as possible; `fallback` when nothing of `wanted` survives. */
  claim(wanted: string, fallback = "Sheet"): string {
    const base = sanitize(wanted) || sanitize(fallback) || "Sheet";
    for (let copy = 1; ; copy++) {
      const suffix = copy === 1 ? "" : ` (${copy})`;
      const name = `${trimEnds(truncateText(base, MAX_SHEET_NAME_LENGTH - suffix.length))}${suffix}`;
      const key = comparisonKey(name);
      if (name && !this.#taken.has(key)) {
        this.#taken.add(key);
        return name;
      }
    }
  }
}

function sanitize(name: string): string {
  const replaced = plainText(name)
    .replace(/[\t\n\r]/g, " ")
    .replace(FORBIDDEN, (character) => FORBIDDEN_REPLACEMENTS[character] ?? "");
  return trimEnds(truncateText(replaced.replace(/\s+/g, " "), MAX_SHEET_NAME_LENGTH));
}

/** Spaces and apostrophes off both ends: Excel refuses a name that starts or ends with an apostrophe. */
function trimEnds(name: string): string {
  return name.replace(/^[\s']+|[\s']+$/g, "");
}

// Excel compares sheet names without regard to case; folding a little more than it does only costs a suffix.
function comparisonKey(name: string): string {
  return name.normalize("NFKC").toUpperCase();
}
