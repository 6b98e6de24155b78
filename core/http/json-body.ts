import express, { type RequestHandler } from "express";
import { invalidInput } from "../app/errors.ts";

/** The most a JSON body may weigh once inflated (a catalog of some thousand products fits). */
const BODY_LIMIT = "5mb";

/**
 * How every route that takes a JSON body reads it: at most BODY_LIMIT (inflated, when it came compressed), and no
 * NUL character in any key or string. PostgreSQL text cannot hold NUL and no person types one, so such a body is
 * refused here, at the edge, rather than failing half-way through a use case. A route standing in for a chat
 * platform takes it as the platform would (`refuseNul: false`) and the bot reads the text without it.
 */
export function jsonBody(options: { refuseNul: boolean; limit?: string } = { refuseNul: true }): RequestHandler[] {
  const parse = express.json({ limit: options.limit ?? BODY_LIMIT });
  return options.refuseNul ? [parse, refuseNul] : [parse];
}

const refuseNul: RequestHandler = (request, _response, next) => {
  next(
    containsNul(request.body) ? invalidInput("nul_character", "the body must not contain NUL characters") : undefined,
  );
};

/** Walks the parsed JSON without recursion: a deeply nested body must not overflow the stack. */
export function containsNul(value: unknown): boolean {
  const pending: unknown[] = [value];
  while (pending.length > 0) {
    const current = pending.pop();
    if (typeof current === "string") {
      if (current.includes("\u0000")) return true;
    } else if (Array.isArray(current)) {
      pending.push(...current);
    } else if (current !== null && typeof current === "object") {
      for (const [key, entry] of Object.entries(current)) {
        if (key.includes("\u0000")) return true;
        pending.push(entry);
      }
    }
  }
  return false;
}
