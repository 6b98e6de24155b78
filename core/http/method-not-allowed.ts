import type { Express, RequestHandler } from "express";

/** The parts of express's router that say which routes exist: enough to list a path's methods. */
interface RouteLayer {
  match(path: string): { keys?: unknown[] } | false;
  route?: { _methods(): string[] };
  handle?: { stack?: RouteLayer[] };
}

/** Route layers matching `path`, looking into routers mounted at the root (every router of ours is). */
function matchingRoutes(stack: readonly RouteLayer[], path: string, found: Matched[] = []): Matched[] {
  for (const layer of stack) {
    let matched: { keys?: unknown[] } | false;
    try {
      matched = layer.match(path);
    } catch {
      // A path express cannot decode (a stray "%") matches no route.
      matched = false;
    }
    if (!matched) continue;
    if (layer.route) found.push({ methods: layer.route._methods(), literal: (matched.keys ?? []).length === 0 });
    else if (layer.handle?.stack) matchingRoutes(layer.handle.stack, path, found);
  }
  return found;
}

interface Matched {
  methods: string[];
  /** The route names this path itself (`/batches/current`) rather than a pattern it fits (`/batches/:id`). */
  literal: boolean;
}

/** The methods answered at `path`: a route naming the path outranks a pattern it happens to fit. */
function allowedMethods(stack: readonly RouteLayer[], path: string): Set<string> {
  const routes = matchingRoutes(stack, path);
  const literal = routes.filter((route) => route.literal);
  return new Set((literal.length > 0 ? literal : routes).flatMap((route) => route.methods));
}

/**
 * Answers OPTIONS with the methods a path takes, by the same rule as the 405 (express's own answer would list the
 * methods of `/batches/:id` for `/batches/current` too). Runs before every route.
 */
export function optionsHandler(app: Express): RequestHandler {
  return (request, response, next) => {
    if (request.method !== "OPTIONS") {
      next();
      return;
    }
    const stack = (app as unknown as { router: { stack: RouteLayer[] } }).router.stack;
    const methods = allowedMethods(stack, request.path);
    if (methods.size === 0) {
      next();
      return;
    }
    response.setHeader("Allow", [...methods].sort().join(", "));
    response.status(204).end();
  };
}

/**
 * Runs after every route: a path that exists under other methods answers 405 with `Allow`, so a client learns it
 * used the wrong method rather than a wrong path. Anything else falls through to the 404.
 */
export function methodNotAllowedHandler(app: Express): RequestHandler {
  return (request, response, next) => {
    const stack = (app as unknown as { router: { stack: RouteLayer[] } }).router.stack;
    const methods = allowedMethods(stack, request.path);
    if (methods.size === 0 || methods.has(request.method)) {
      next();
      return;
    }
    // An HTTP matter, not a use case's outcome: answered here rather than through AppError's codes.
    response.setHeader("Allow", [...methods].sort().join(", "));
    response
      .status(405)
      .json({ error: `${request.method} is not allowed here; use ${[...methods].sort().join(", ")}` });
  };
}
