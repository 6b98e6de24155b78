/**
 * The closed set of failures a caller can act on. The HTTP layer maps `code` to a status in one table;
 * the bot maps `reason` to a sentence. Anything else thrown is a bug or an outage.
 */
export type ErrorCode = "invalid_input" | "unauthorized" | "forbidden" | "not_found" | "conflict" | "unprocessable";

export class AppError extends Error {
  override name = "AppError";
  constructor(
    readonly code: ErrorCode,
    /** A stable, machine-readable reason ("batch_empty", "unknown_sku"), for callers that word it themselves. */
    readonly reason: string,
    message: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
  }
}

export const invalidInput = (reason: string, message: string, details?: Record<string, unknown>) =>
  new AppError("invalid_input", reason, message, details);
export const notFound = (reason: string, message: string) => new AppError("not_found", reason, message);
export const conflict = (reason: string, message: string, details?: Record<string, unknown>) =>
  new AppError("conflict", reason, message, details);
export const unprocessable = (reason: string, message: string, details?: Record<string, unknown>) =>
  new AppError("unprocessable", reason, message, details);
