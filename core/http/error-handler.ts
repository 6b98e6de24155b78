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
    // body-parser's own errors (malformed JSON, a body over the limit, a wrong charset or encoding, compressed
    // bytes that do not inflate) and express's (a path it cannot decode) carry a 4xx status: the client's fault.
    const status = (error as { status?: unknown }).status;
    if (typeof status === "number" && status >= 400 && status < 500) {
      response.status(status).json({ error: clientErrorMessage(error, status) });
      return;
    }
    (response.locals.log ?? logger).error(
      { err: error, method: request.method, route: request.route?.path },
      "request error",
    );
    if (!response.headersSent) response.status(500).json({ error: "internal error" });
  };
}

const MESSAGE_BY_TYPE = new Map([
  ["entity.parse.failed", "the body is not valid JSON"],
  ["entity.too.large", "the body is too large"],
  ["encoding.unsupported", "the body's Content-Encoding is not supported"],
  ["charset.unsupported", "the body's charset is not supported"],
  ["request.aborted", "the request was aborted"],
]);

/** A fixed sentence per kind: the library's own message may quote the body or the path back. */
function clientErrorMessage(error: unknown, status: number): string {
  const type = (error as { type?: unknown }).type;
  if (typeof type === "string") return MESSAGE_BY_TYPE.get(type) ?? type.replace(/[._]/g, " ");
  if (status === 413) return "the body is too large";
  return "the request could not be read";
}

export const notFoundHandler: RequestHandler = (_request, response) => {
  response.status(404).json({ error: "not found" });
};
