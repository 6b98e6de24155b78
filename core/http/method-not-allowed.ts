import type { Express, RequestHandler } from "express";

/** The parts of express's router that say which routes exist: enough to list a path's methods. */
interface RouteLayer {
  match(path: string): unknown;
  route?: { _methods(): string[] };
  handle?: { stack?: RouteLayer[] };
}

/**
 * The methods some route answers at `path`, looking into routers mounted at the root (every router of ours is).
 * A path express cannot decode (a stray "%") matches no route.
 */
function allowedMethods(stack: readonly RouteLayer[], path: string, methods = new Set<string>()): Set<string> {
  for (const layer of stack) {
    let matched: unknown;
    try {
      matched = layer.match(path);
    } catch {
      matched = false;
    }
    if (!matched) continue;
    if (layer.route) for (const method of layer.route._methods()) methods.add(method);
    else if (layer.handle?.stack) allowedMethods(layer.handle.stack, path, methods);
  }
  return methods;
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
