import { AppError } from "../core/app/errors.ts";
import { ConfigError } from "../core/config/config.ts";

/**
 * What stopped a command, as the one line an operator reads: the message of a known failure as it is, anything
 * else after "unexpected error:", never a stack trace, and never a password written inside a URL (a driver's
 * message may quote the URL it was given).
 */
export function startupProblem(error: unknown): string {
  if (error instanceof ConfigError || error instanceof AppError) return error.message;
  const text = error instanceof Error ? error.message : String(error);
  const firstLine = text.split("\n")[0] ?? "";
  return `unexpected error: ${firstLine.replace(/\/\/([^/\s:@]*):[^@\s]*@/g, "//$1:***@")}`;
}
