import type { z } from "zod";
import { normalizePhone } from "../domain/phone.ts";
import { normalizeUserId } from "../domain/user-id.ts";
import { invalidInput } from "./errors.ts";

export type IssuePath = readonly PropertyKey[];

function defaultPath(path: IssuePath): string {
  return path.reduce<string>(
    (text, part) => (typeof part === "number" ? `${text}[${part}]` : text ? `${text}.${String(part)}` : String(part)),
    "",
  );
}

/**
 * Validates at an edge and throws one `invalid_input` error listing every problem, each as "where: why".
 * `describePath` lets a caller name places its own way ("row 4: price").
 */
export function parseInput<Schema extends z.ZodType>(
  schema: Schema,
  value: unknown,
  describePath: (path: IssuePath) => string = defaultPath,
): z.output<Schema> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const problems = describeIssues(result.error, describePath);
  throw invalidInput("invalid_input", problems.join("; "), { problems });
}

/** The first problems of a failed validation, each as "where: why". */
export function describeIssues(error: z.ZodError, describePath: (path: IssuePath) => string): string[] {
  return error.issues.slice(0, 20).map((issue) => {
    const where = describePath(issue.path);
    return where ? `${where}: ${issue.message}` : issue.message;
  });
}

/** The phone as stored (digits only), or an `invalid_phone` error naming the rule. */
export function requirePhone(text: string): string {
  const phone = normalizePhone(text);
  if (!phone) throw invalidInput("invalid_phone", "phone must have 10 to 15 digits");
  return phone;
}

/**
 * A customer's key as stored: their phone (digits only), or the business-scoped user id of a Cloud API customer
 * whose phone is not known; an `invalid_phone` error otherwise.
 */
export function requireCustomerKey(text: string): string {
  const key = normalizeUserId(text);
  if (!key) throw invalidInput("invalid_phone", "phone must have 10 to 15 digits");
  return key;
}

/** A customer's name as stored: trimmed, at most 200 characters, none when blank. */
export function customerName(name: string | undefined): string | null {
  return name?.trim().slice(0, 200) || null;
}
