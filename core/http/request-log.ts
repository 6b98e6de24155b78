import { randomUUID } from "node:crypto";
import type { RequestHandler } from "express";
import type { Logger } from "pino";

declare global {
  namespace Express {
    interface Locals {
      /** The request's logger: every line of its work carries its id. */
      log?: Logger;
    }
  }
}

/** Gives each request an id (the caller's `x-request-id`, or a new one), echoes it, and logs the outcome. */
export function requestLog(logger: Logger): RequestHandler {
  return (request, response, next) => {
    const given = request.get("x-request-id");
    const requestId = given && /^[\w.-]{1,100}$/.test(given) ? given : randomUUID();
    response.setHeader("x-request-id", requestId);
    const log = logger.child({ requestId });
    response.locals.log = log;
    const started = performance.now();
    response.on("finish", () => {
      const fields = {
        method: request.method,
        route: request.route?.path ? `${request.baseUrl}${String(request.route.path)}` : undefined,
        status: response.statusCode,
        ms: Math.round(performance.now() - started),
      };
      if (response.statusCode >= 500) log.error(fields, "request failed");
      else log.debug(fields, "request");
    });
    next();
  };
}
