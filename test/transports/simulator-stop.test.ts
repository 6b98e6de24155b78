import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import pino from "pino";
import { afterAll, describe, expect, it } from "vitest";
import { SimulatorTransport } from "../../bot/transports/simulator/simulator-transport.ts";
import { createHttpApp } from "../../core/http/create-http-app.ts";
import { createBuiltInIdentity } from "../../core/identity/built-in-identity.ts";

describe("stopping the simulator", () => {
  let server: Server | null = null;
  afterAll(async () => {
    await new Promise((resolve) => server?.close(resolve));
  });

  it("waits for the messages it took to be handled, and refuses new ones meanwhile", async () => {
    const identity = createBuiltInIdentity({ apiToken: "a-token-of-enough-length", adminPhones: [] });
    const transport = new SimulatorTransport({
      identity,
      whenSent: async () => {},
      transcript: async () => [],
      entrepreneurPhones: async () => [],
    });
    const events: string[] = [];
    await transport.start(async () => {
      await new Promise((resolve) => setTimeout(resolve, 300));
      events.push("handled");
      return "handled";
    });
    const app = createHttpApp({
      logger: pino({ level: "silent" }),
      identity,
      middleware: [],
      publicRouters: transport.routers(),
      apiRouters: [],
    });
    const listening = app.listen(0, "127.0.0.1");
    server = listening;
    await new Promise((resolve) => listening.once("listening", resolve));
    const url = `http://127.0.0.1:${(listening.address() as AddressInfo).port}/sim/messages`;
    const post = () =>
      fetch(url, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ from: "5584977770009", text: "oi" }),
      });

    const taken = post();
    await new Promise((resolve) => setTimeout(resolve, 100));
    const stopped = transport.stop().then(() => events.push("stopped"));
    expect((await post()).status).toBe(409);
    expect((await taken).status).toBe(200);
    await stopped;
    expect(events).toEqual(["handled", "stopped"]);
  });
});
