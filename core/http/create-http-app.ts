import express, { type RequestHandler, type Router } from "express";
import type { Logger } from "pino";
import type { Identity } from "../identity/identity.ts";
import { authenticate } from "./auth.ts";
import { errorHandler, notFoundHandler } from "./error-handler.ts";

export interface HttpAppOptions {
  logger: Logger;
  identity: Identity;
  /** Runs before every route (request metrics). */
  middleware: RequestHandler[];
  /** Routes anyone may call (health, the simulator with its own checks, webhooks with signatures). */
  publicRouters: Router[];
  /** Routes under /api/v1 that need a bearer token. */
  apiRouters: Router[];
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
  app.use(
    express.json({
      limit: "5mb",
      // Webhook signatures are computed over the exact bytes received.
      verify: (request, _response, buffer) => {
        (request as typeof request & { rawBody?: Buffer }).rawBody = buffer;
      },
    }),
  );
  for (const router of options.publicRouters) app.use(router);
  app.use("/api/v1", authenticate(options.identity));
  for (const router of options.apiRouters) app.use(router);
  app.use(notFoundHandler);
  app.use(errorHandler(options.logger));
  return app;
}
