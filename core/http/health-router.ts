import { Router } from "express";

/** Liveness answers while the process runs; readiness only while it takes work and its database answers. */
export function healthRouter(options: { ping: () => Promise<void>; accepting: () => boolean }): Router {
  const router = Router();
  router.get("/healthz", (_request, response) => {
    response.json({ status: "ok" });
  });
  router.get("/readyz", async (_request, response) => {
    if (!options.accepting()) {
      response.status(503).json({ status: "stopping" });
      return;
    }
    try {
      await options.ping();
      response.json({ status: "ready" });
    } catch {
      response.status(503).json({ status: "database unreachable" });
    }
  });
  return router;
}
