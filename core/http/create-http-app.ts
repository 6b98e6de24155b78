import express, { type RequestHandler, type Router } from "express";
import type { Logger } from "pino";
import type { Identity } from "../identity/identity.ts";
import { authenticate } from "./auth.ts";
import { errorHandler, notFoundHandler } from "./error-handler.ts";
import { jsonBody } from "./json-body.ts";
import { methodNotAllowedHandler, optionsHandler } from "./method-not-allowed.ts";

export interface HttpAppOptions {
  logger: Logger;
  identity: Identity;
  /** Runs before every route (request metrics). */
  middleware: RequestHandler[];
  /**
   * Routes anyone may call (health, the simulator with its own checks, webhooks with signatures). Each reads its
   * own body (`jsonBody`, or the exact bytes a signature covers) after its own checks.
   */
  publicRouters: Router[];
  /** Routes under /api/v1 that need a bearer token. */
  apiRouters: Router[];
  /** Runs after the bearer check, before every API route (the WhatsApp session notice on writes). */
  apiMiddleware?: RequestHandler[];
}

/**
 * One express app per process: public routes first, then the authenticated API, then one error handler that
 * turns every failure into `{"error": …}`.
 */
export function createHttpApp(options: HttpAppOptions): express.Express {
  const app = express();
  app.disable("x-powered-by");
  app.set("trust proxy", "loopback");
  for (const handler of options.middleware) app.use(handler);
  app.use(optionsHandler(app));
  for (const router of options.publicRouters) app.use(router);
  app.use("/api/v1", authenticate(options.identity), ...jsonBody(), ...(options.apiMiddleware ?? []));
  for (const router of options.apiRouters) app.use(router);
  app.use(methodNotAllowedHandler(app));
  app.use(notFoundHandler);
  app.use(errorHandler(options.logger));
  return app;
}
