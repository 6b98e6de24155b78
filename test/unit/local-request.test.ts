import type { Request } from "express";
import { describe, expect, it } from "vitest";
import { isLocalRequest } from "../../core/http/local-request.ts";

const request = (remoteAddress: string, headers: Record<string, string | string[]>) =>
  ({ socket: { remoteAddress }, headers }) as unknown as Request;

describe("a request counts as made on this machine to this machine", () => {
  it.each([
    ["127.0.0.1", { host: "localhost:3000" }],
    ["::1", { host: "[::1]:3000" }],
    ["::ffff:127.0.0.1", { host: "127.0.0.1:3000", origin: "http://localhost:3000" }],
    ["127.0.0.1", { host: "app.localhost:3000" }],
    ["127.0.0.1", { host: "localhost", "x-forwarded-for": "127.0.0.1, ::1" }],
    ["127.0.0.1", { host: "localhost", forwarded: 'for="[::1]:4711";proto=http, for=127.0.0.1' }],
  ])("from %s with %j", (address, headers) => {
    expect(isLocalRequest(request(address, headers))).toBe(true);
  });
});

describe("a request does not count as local", () => {
  it.each([
    ["from another machine", "203.0.113.7", { host: "localhost:3000" }],
    ["with a foreign Host (DNS rebinding)", "127.0.0.1", { host: "attacker.example:3000" }],
    ["with a Host that only starts like localhost", "127.0.0.1", { host: "localhost.attacker.example" }],
    ["with no Host", "127.0.0.1", {}],
    ["with a foreign Origin", "127.0.0.1", { host: "localhost", origin: "http://attacker.example" }],
    ["with an Origin of null", "127.0.0.1", { host: "localhost", origin: "null" }],
    ["through a proxy naming a client elsewhere", "127.0.0.1", { host: "localhost", "x-forwarded-for": "203.0.113.7" }],
    [
      "through proxies, one hop elsewhere",
      "127.0.0.1",
      { host: "localhost", "x-forwarded-for": "127.0.0.1, 10.0.0.2" },
    ],
    ["with Forwarded naming a client elsewhere", "127.0.0.1", { host: "localhost", forwarded: "for=198.51.100.4" }],
    ["with Forwarded hiding the client", "127.0.0.1", { host: "localhost", forwarded: "for=_hidden" }],
    [
      "with Forwarded naming a public host",
      "127.0.0.1",
      { host: "localhost", forwarded: "for=127.0.0.1;host=shop.example" },
    ],
    [
      "with X-Forwarded-Host naming a public host",
      "127.0.0.1",
      { host: "localhost", "x-forwarded-host": "shop.example" },
    ],
  ])("%s", (_label, address, headers) => {
    expect(isLocalRequest(request(address, headers))).toBe(false);
  });
});
