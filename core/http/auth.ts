import type { NextFunction, Request, RequestHandler, Response } from "express";
import { AppError } from "../app/errors.ts";
import type { Identity, Principal } from "../identity/identity.ts";
import { isLocalRequest } from "./local-request.ts";

declare global {
  namespace Express {
    interface Locals {
      principal?: Principal;
    }
  }
}

export function bearerToken(request: Request): string | null {
  const header = request.get("authorization") ?? "";
  const match = /^Bearer\s+(\S+)$/i.exec(header);
  return match?.[1] ?? null;
}

/** Any valid principal; 401 otherwise. */
export function authenticate(identity: Identity): RequestHandler {
  return async (request: Request, response: Response, next: NextFunction) => {
    const token = bearerToken(request);
    const principal = token ? await identity.authenticate(token) : null;
    if (!principal) {
      next(new AppError("unauthorized", "unauthorized", "a valid bearer token is required"));
      return;
    }
    response.locals.principal = principal;
    next();
  };
}

export function principalOf(response: Response): Principal {
  const principal = response.locals.principal;
  if (!principal) throw new AppError("unauthorized", "unauthorized", "a valid bearer token is required");
  return principal;
}

/** The entrepreneur's rights; a customer gets 403. */
export const requireEntrepreneur: RequestHandler = (_request, response, next) => {
  if (principalOf(response).role !== "entrepreneur") {
    next(new AppError("forbidden", "forbidden", "only the entrepreneur may do this"));
    return;
  }
  next();
};

/**
 * The machine itself, or the entrepreneur: for pages that act as anyone (the simulator) or link the bot's WhatsApp.
 * "Itself" is a request made on this machine to this machine (`isLocalRequest`: address, Host and Origin all
 * loopback, a local proxy's forwarding headers included). A browser opening a page or an event stream cannot send
 * a header: the token may come in the query.
 */
export async function requireLocalOrEntrepreneur(request: Request, identity: Identity, what: string): Promise<void> {
  if (isLocalRequest(request)) return;
  const token = bearerToken(request) ?? (typeof request.query.token === "string" ? request.query.token : null);
  const principal = token ? await identity.authenticate(token) : null;
  if (!principal) throw new AppError("unauthorized", "unauthorized", `${what} needs the API token from elsewhere`);
  if (principal.role !== "entrepreneur") {
    throw new AppError("forbidden", "forbidden", `only the entrepreneur may use ${what}`);
  }
}
