import type { ErrorRequestHandler, RequestHandler } from "express";
import type { Logger } from "pino";
import { AppError, type ErrorCode } from "../app/errors.ts";

/** The one table from error codes to HTTP statuses. */
const STATUS_BY_CODE: Record<ErrorCode, number> = {
  invalid_input: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  unprocessable: 422,
};

export function errorHandler(logger: Logger): ErrorRequestHandler {
  return (error: unknown, request, response, _next) => {
    if (error instanceof AppError) {
      response.status(STATUS_BY_CODE[error.code]).json({ error: error.message, reason: error.reason });
      return;
    }
    // body-parser's own errors: malformed JSON, a body over the limit, a wrong charset.
    const status = (error as { status?: unknown }).status;
    const type = (error as { type?: unknown }).type;
    if (typeof status === "number" && status >= 400 && status < 500 && typeof type === "string") {
      const message = type === "entity.parse.failed" ? "the body is not valid JSON" : type.replace(/[._]/g, " ");
      response.status(status).json({ error: message });
      return;
    }
    (response.locals.log ?? logger).error(
      { err: error, method: request.method, route: request.route?.path },
      "request error",
    );
    if (!response.headersSent) response.status(500).json({ error: "internal error" });
  };
}

export const notFoundHandler: RequestHandler = (_request, response) => {
  response.status(404).json({ error: "not found" });
};
