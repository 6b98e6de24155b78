import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import pino from "pino";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { SimulatorTransport } from "../../bot/transports/simulator/simulator-transport.ts";
import type { InboundHandler } from "../../bot/transports/transport.ts";
import { serverSentEvents } from "../../cli/chat/server-sent-events.ts";
import { createHttpApp } from "../../core/http/create-http-app.ts";
import { createBuiltInIdentity } from "../../core/identity/built-in-identity.ts";

const ANA = "5584977770001";
const ADMIN = "5584977770009";

/** The simulator alone behind HTTP, with a handler standing in for the bot. */
describe("the simulator's event stream", () => {
  let server: Server;
  let transport: SimulatorTransport;
  let stopping: AbortController;
  let url: string;
  let handle: InboundHandler;
  let identityAway: boolean;

  beforeEach(async () => {
    const identity = createBuiltInIdentity({ apiToken: "a-token-of-enough-length", adminPhones: [ADMIN] });
    stopping = new AbortController();
    identityAway = false;
    transport = new SimulatorTransport({
      identity,
      whenSent: async () => {},
      transcript: async () => [],
      entrepreneurPhones: async () => {
        if (identityAway) throw new Error("keycloak unreachable");
        return identity.entrepreneurPhones(1);
      },
      stopping: stopping.signal,
    });
    await transport.start((message) => handle(message));
    const app = createHttpApp({
      logger: pino({ level: "silent" }),
      identity,
      middleware: [],
      publicRouters: transport.routers(),
      apiRouters: [],
    });
    server = app.listen(0, "127.0.0.1");
    await new Promise((resolve) => server.once("listening", resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterEach(async () => {
    await transport.stop();
    await transport.close();
    await new Promise((resolve) => server.close(resolve));
  });

  /** Opens the phone's stream and gathers the events' data as they come. */
  async function follow(phone: string) {
    const response = await fetch(`${url}/sim/events?phone=${phone}`);
    expect(response.status).toBe(200);
    const events: Array<Record<string, unknown>> = [];
    const done = (async () => {
      if (!response.body) return;
      for await (const data of serverSentEvents(response.body)) events.push(JSON.parse(data));
    })();
    return { events, done };
  }

  const post = (body: Record<string, string>) =>
    fetch(`${url}/sim/messages`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(body),
    });

  it("sends a message before the replies it caused, though the bot sends them while handling it", async () => {
    handle = async (message) => {
      await transport.send(message.from, { text: `resposta 1 a ${message.text}` });
      await new Promise((resolve) => setTimeout(resolve, 50));
      await transport.send(message.from, { text: `resposta 2 a ${message.text}` });
      return "handled";
    };
    const stream = await follow(ANA);
    expect((await post({ from: ANA, text: "oi" })).status).toBe(200);
    expect((await post({ from: ANA, text: "tudo bem?" })).status).toBe(200);
    await expect.poll(() => stream.events.length).toBe(6);
    expect(stream.events.map((event) => [event.direction, event.text])).toEqual([
      ["in", "oi"],
      ["out", "resposta 1 a oi"],
      ["out", "resposta 2 a oi"],
      ["in", "tudo bem?"],
      ["out", "resposta 1 a tudo bem?"],
      ["out", "resposta 2 a tudo bem?"],
    ]);
  });

  it("carries a picture the bot sends as a data: URL, in the POST's replies and on the stream, beside its caption", async () => {
    const png = Buffer.from("\x89PNG\r\n\x1a\n a QR code");
    handle = async (message) => {
      await transport.send(message.from, { text: "QR Code do Pix", image: { png, filename: "pix-1.png" } });
      return "handled";
    };
    const stream = await follow(ANA);
    const response = await post({ from: ANA, text: "oi" });
    const image = { url: `data:image/png;base64,${png.toString("base64")}`, filename: "pix-1.png" };
    await expect(response.json()).resolves.toEqual({ replies: [{ text: "QR Code do Pix", image }] });
    await expect.poll(() => stream.events.length).toBe(2);
    expect(stream.events[1]).toMatchObject({ direction: "out", text: "QR Code do Pix", image });
  });

  it("still sends the replies when handling fails, and a repeated id adds nothing", async () => {
    let calls = 0;
    handle = async (message) => {
      calls++;
      await transport.send(message.from, { text: `resposta ${calls}` });
      if (calls === 2) throw new Error("store away");
      return calls === 3 ? "duplicate" : "handled";
    };
    const stream = await follow(ANA);
    expect((await post({ from: ANA, text: "um", id: "m1" })).status).toBe(200);
    expect((await post({ from: ANA, text: "dois", id: "m2" })).status).toBe(500);
    expect((await post({ from: ANA, text: "um", id: "m1" })).status).toBe(200);
    await expect.poll(() => stream.events.length).toBe(4);
    expect(stream.events.map((event) => [event.direction, event.text])).toEqual([
      ["in", "um"],
      ["out", "resposta 1"],
      ["out", "resposta 2"],
      ["out", "resposta 3"],
    ]);
  });

  it("tells every open stream that the server is going away and ends it when stopping begins, then refuses new ones", async () => {
    handle = async () => "handled";
    const first = await follow(ANA);
    const second = await follow(ADMIN);
    stopping.abort();
    await first.done;
    await second.done;
    expect(first.events).toEqual([{ closing: true }]);
    expect(second.events).toEqual([{ closing: true }]);
    const refused = await fetch(`${url}/sim/events?phone=${ANA}`);
    expect(refused.status).toBe(503);
    await expect(refused.json()).resolves.toEqual({ error: "SISCONF is stopping" });
  });

  it("lists the entrepreneur phones for the page, and says when the identity provider cannot tell", async () => {
    const response = await fetch(`${url}/sim/entrepreneurs`);
    expect(response.status).toBe(200);
    await expect(response.json()).resolves.toEqual({ phones: [ADMIN] });
    identityAway = true;
    const away = await fetch(`${url}/sim/entrepreneurs`);
    expect(away.status).toBe(503);
    await expect(away.json()).resolves.toEqual({ error: "the identity provider is unavailable" });
  });
});
