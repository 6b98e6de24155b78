import type { Request } from "express";

/** 127.0.0.0/8 and ::1, bare or IPv4-mapped, as sockets and proxies write them. */
function isLoopbackAddress(address: string): boolean {
  const bare = address.replace(/^\[|\](?::\d+)?$/g, "").replace(/^::ffff:/i, "");
  return /^127(?:\.\d{1,3}){3}(?::\d+)?$/.test(bare) || bare === "::1";
}

/** A Host (or Origin's host) that names this machine: what a browser sends only when it was pointed at it. */
function isLoopbackHost(host: string): boolean {
  const name = host
    .trim()
    .toLowerCase()
    .replace(/:\d+$/, "")
    .replace(/^\[(.*)\]$/, "$1");
  return name === "localhost" || name.endsWith(".localhost") || isLoopbackAddress(name);
}

/** The `for=` and `host=` of RFC 7239's `Forwarded` header, every hop of it. */
function forwardedParameters(header: string, name: "for" | "host"): string[] {
  const values: string[] = [];
  for (const element of header.split(",")) {
    for (const pair of element.split(";")) {
      const [key, ...rest] = pair.split("=");
      if (key?.trim().toLowerCase() === name) values.push(rest.join("=").trim().replace(/^"|"$/g, ""));
    }
  }
  return values;
}

function headerValues(request: Request, name: string): string[] {
  const value = request.headers[name];
  return value === undefined ? [] : Array.isArray(value) ? value : [value];
}

/**
 * The request was made on this machine by a program pointed at this machine. All must hold:
 * - it came over a loopback connection, and every client address a proxy on this machine recorded
 *   (`X-Forwarded-For`, `Forwarded: for=`) is loopback too;
 * - the Host it was sent to (and any `X-Forwarded-Host`, `Forwarded: host=`) names this machine, and so does its
 *   Origin when it has one: a web page elsewhere that rebinds its own name to 127.0.0.1 sends its own name in both.
 * A proxy on this machine must therefore pass the client's address or the public Host on (README, "Behind a proxy"):
 * one that passes neither makes every request through it look local.
 */
export function isLocalRequest(request: Request): boolean {
  if (!isLoopbackAddress(request.socket.remoteAddress ?? "")) return false;
  const clients = [
    ...headerValues(request, "x-forwarded-for").flatMap((value) => value.split(",")),
    ...headerValues(request, "forwarded").flatMap((value) => forwardedParameters(value, "for")),
  ];
  if (!clients.every((client) => isLoopbackAddress(client.trim()))) return false;
  const hosts = [
    ...headerValues(request, "host"),
    ...headerValues(request, "x-forwarded-host").flatMap((value) => value.split(",")),
    ...headerValues(request, "forwarded").flatMap((value) => forwardedParameters(value, "host")),
  ];
  if (hosts.length === 0 || !hosts.every(isLoopbackHost)) return false;
  const origins = headerValues(request, "origin");
  return origins.every((origin) => {
    try {
      return isLoopbackHost(new URL(origin).host);
    } catch {
      return false;
    }
  });
}
