/**
 * The measures under a PromQL condition: the operands of its comparisons (`==`, `>`, …) and of its set operators
 * (`and`, `or`, `unless`), split at the top level only, recursively, without their matching modifiers (`on()`,
 * `ignoring()`, `group_left()`, `bool`). `absent(x)` returns data only when `x` has none: its measure is `x`.
 *
 * An alert's expression is empty whenever its condition is false, which says nothing about whether the metrics
 * it reads exist; each of its measures must return data for the rule to be able to fire. Prometheus 2.42 has no
 * API that parses PromQL into a tree, hence this small splitter, enough for the expressions SISCONF writes.
 */
export function measuresOf(expression: string): string[] {
  const trimmed = unwrap(expression.trim());
  for (const operators of PRECEDENCE_LOWEST_FIRST) {
    const parts = splitTopLevel(trimmed, operators);
    if (parts.length > 1) return parts.flatMap((part) => measuresOf(withoutModifiers(part)));
  }
  const absent = /^absent(?:_over_time)?\s*\(([\s\S]*)\)$/.exec(trimmed);
  if (absent?.[1] !== undefined && isWrapped(trimmed.slice(trimmed.indexOf("(")))) {
    return measuresOf(absent[1].replace(/\[[^\]]*\]\s*$/, ""));
  }
  return [trimmed];
}

const PRECEDENCE_LOWEST_FIRST: readonly (readonly string[])[] = [
  ["or"],
  ["and", "unless"],
  ["==", "!=", ">=", "<=", ">", "<"],
];

const WORD = /[A-Za-z0-9_:]/;

/** Splits at operators outside parentheses, braces, brackets and strings. */
function splitTopLevel(text: string, operators: readonly string[]): string[] {
  const parts: string[] = [];
  let depth = 0;
  let start = 0;
  let index = 0;
  while (index < text.length) {
    const character = text[index] ?? "";
    if (character === '"' || character === "'" || character === "`") {
      index = endOfString(text, index);
      continue;
    }
    if ("([{".includes(character)) depth++;
    else if (")]}".includes(character)) depth--;
    else if (depth === 0) {
      const operator = operators.find((candidate) => matchesAt(text, index, candidate));
      if (operator) {
        parts.push(text.slice(start, index));
        index += operator.length;
        start = index;
        continue;
      }
    }
    index++;
  }
  parts.push(text.slice(start));
  return parts.map((part) => part.trim());
}

function matchesAt(text: string, index: number, operator: string): boolean {
  if (!text.startsWith(operator, index)) return false;
  if (WORD.test(operator)) {
    // A keyword, not part of a name such as `sisconf_orders_total`.
    return !WORD.test(text[index - 1] ?? "") && !WORD.test(text[index + operator.length] ?? "");
  }
  // `>` and `<` are not the start of `>=` / `<=`, and `=` of `==` is not part of `=~` (inside braces anyway).
  if ((operator === ">" || operator === "<") && text[index + 1] === "=") return false;
  return true;
}

function endOfString(text: string, start: number): number {
  const quote = text[start];
  let index = start + 1;
  while (index < text.length && text[index] !== quote) index += text[index] === "\\" && quote !== "`" ? 2 : 1;
  return index + 1;
}

function withoutModifiers(part: string): string {
  let rest = part.trim();
  for (;;) {
    const modifier = /^(?:bool\b|(?:on|ignoring|group_left|group_right)\s*(?:\([^)]*\))?)/.exec(rest);
    if (!modifier || modifier[0] === "") return rest;
    rest = rest.slice(modifier[0].length).trim();
  }
}

/** `(a + b)` → `a + b`, but `(a) + (b)` stays as it is. */
function unwrap(text: string): string {
  let current = text;
  while (current.startsWith("(") && isWrapped(current)) current = current.slice(1, -1).trim();
  return current;
}

/** Whether the parenthesis opening `text` closes at its last character. */
function isWrapped(text: string): boolean {
  if (!text.startsWith("(") || !text.endsWith(")")) return false;
  let depth = 0;
  for (let index = 0; index < text.length; index++) {
    const character = text[index] ?? "";
    if (character === '"' || character === "'" || character === "`") {
      index = endOfString(text, index) - 1;
      continue;
    }
    if (character === "(") depth++;
    else if (character === ")") depth--;
    if (depth === 0 && index < text.length - 1) return false;
  }
  return depth === 0;
}
