import { gzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { signatureFor } from "../../bot/transports/cloud-api/webhook-signature.ts";
import { exampleCatalog } from "../support/example-catalog.ts";
import { freePort } from "../support/free-port.ts";
import { type LoggedSisconf, rawRequest, startLoggedSisconf } from "../support/logged-sisconf.ts";
import { type GraphApiStandIn, startGraphApiStandIn } from "../transports/graph-api-stand-in.ts";

/*
 * The examples of a probe of the running system, replayed against `sisconf start` as its own process: each must
 * get a 4xx or a correct reading, lose nothing, leave no phone or secret in any log line, and leave the process up.
 */

const TOKEN = "hostile-requests-token-0123456789";
const ADMIN = "5584911110000";
const APP_SECRET = "hostile-app-secret";
const VERIFY_TOKEN = "hostile-verify-token";
const ACCESS_TOKEN = "EAAG-hostile-access-token";
const PHONE_NUMBER_ID = "777000111";
const bearer = { authorization: `Bearer ${TOKEN}` };
const jsonType = { "content-type": "application/json" };

async function loadCatalog(url: string): Promise<void> {
  const response = await fetch(`${url}/api/v1/catalog`, {
    method: "PUT",
    headers: { ...jsonType, ...bearer },
    body: JSON.stringify(exampleCatalog()),
  });
  expect(response.status).toBe(200);
}

/** No log line carries a whole phone number, nor one of the secrets the process was given. */
function expectCleanLogs(server: LoggedSisconf, phones: string[], secrets: string[]): void {
  const lines = server.logLines();
  expect(lines.length).toBeGreaterThan(0);
  for (const line of lines) {
    for (const phone of phones) expect(line).not.toContain(phone);
    for (const secret of secrets) expect(line).not.toContain(secret);
  }
}

describe("hostile requests to the simulator and the API", () => {
  let server: LoggedSisconf;
  const phones: string[] = [ADMIN];
  let sequence = 0;
  const nextPhone = () => {
    const phone = `55849222${String(++sequence).padStart(5, "0")}`;
    phones.push(phone);
    return phone;
  };
  const sim = (body: string | Buffer, headers: Record<string, string> = jsonType) =>
    rawRequest(`${server.url}/sim/messages`, { method: "POST", headers, body });

  beforeAll(async () => {
    server = await startLoggedSisconf(await freePort(), { API_TOKEN: TOKEN, ADMIN_PHONES: ADMIN });
    await loadCatalog(server.url);
  }, 120_000);
  afterAll(async () => {
    await server?.stop();
  });

  it("reads a simulator message with NUL characters in its text, name and id without them, as WhatsApp's would be", async () => {
    const phone = nextPhone();
    const response = await sim(
      JSON.stringify({ from: phone, text: "2kg de\u0000 tomate\u0000", name: "Ana\u0000", id: `nul\u0000${sequence}` }),
    );
    expect(response.status).toBe(200);
    const replies = (JSON.parse(response.text) as { replies: { text: string }[] }).replies;
    expect(replies.map((reply) => reply.text).join("\n")).toContain("Tomate");
    expect(replies.map((reply) => reply.text).join("\n")).not.toMatch(/instabilidade/i);
    const onlyNul = await sim(JSON.stringify({ from: phone, text: "\u0000\u0000" }));
    expect(onlyNul.status).toBe(200);
    expect((JSON.parse(onlyNul.text) as { replies: unknown[] }).replies.length).toBeGreaterThan(0);
  });

  it.each([
    ["POST", "/api/v1/orders", { phone: "5584922220999", name: "A\u0000", items: [{ sku: "tomate", quantity: 1 }] }],
    ["POST", "/api/v1/parse", { text: "2kg de tomate\u0000" }],
    ["PUT", "/api/v1/catalog", { providers: [{ key: "a", name: "A\u0000" }], products: [] }],
  ])("refuses an API body with a NUL character (%s %s) with a 400, changing nothing", async (method, path, body) => {
    const response = await rawRequest(`${server.url}${path}`, {
      method,
      headers: { ...jsonType, ...bearer },
      body: JSON.stringify(body),
    });
    expect(response.status).toBe(400);
    const catalog = await (await fetch(`${server.url}/api/v1/catalog`, { headers: bearer })).json();
    expect((catalog as { products: unknown[] }).products.length).toBe(exampleCatalog().products.length);
  });

  it.each(["gzip", "deflate", "br", "compress"])(
    "answers a body that claims Content-Encoding %s but is not, with a 4xx and a JSON error",
    async (encoding) => {
      for (const path of ["/api/v1/parse", "/sim/messages"]) {
        const response = await rawRequest(`${server.url}${path}`, {
          method: "POST",
          headers: { ...jsonType, ...bearer, "content-encoding": encoding },
          body: JSON.stringify({ from: nextPhone(), text: "oi" }),
        });
        expect(response.status).toBeGreaterThanOrEqual(400);
        expect(response.status).toBeLessThan(500);
        expect(JSON.parse(response.text)).toHaveProperty("error");
      }
    },
  );

  it("reads a body that really is gzip-compressed", async () => {
    const response = await rawRequest(`${server.url}/api/v1/parse`, {
      method: "POST",
      headers: { ...jsonType, ...bearer, "content-encoding": "gzip" },
      body: gzipSync(JSON.stringify({ text: "2kg de tomate" })),
    });
    expect(response.status).toBe(200);
    expect(JSON.parse(response.text)).toMatchObject({ intent: "order", items: [{ sku: "tomate", quantity: 2 }] });
  });

  it.each([
    ["a foreign Host (DNS rebinding)", { host: "attacker.example:3000" }],
    ["a foreign Origin", { origin: "http://attacker.example" }],
    ["an Origin of null", { origin: "null" }],
    ["a Forwarded header naming a remote client", { forwarded: "for=203.0.113.7;proto=https" }],
    ["a Forwarded header naming a remote IPv6 client", { forwarded: 'for="[2001:db8::7]:4711"' }],
    ["an X-Forwarded-For naming a remote client", { "x-forwarded-for": "203.0.113.7" }],
    ["a local proxy's X-Forwarded-Host", { "x-forwarded-host": "shop.example.com" }],
  ])("does not take a request with %s for a local one: the simulator wants the token", async (_label, headers) => {
    const phone = nextPhone();
    const body = JSON.stringify({ from: ADMIN, text: "fechar lote" });
    const refused = await sim(body, { ...jsonType, ...headers });
    expect(refused.status).toBe(401);
    const transcript = await rawRequest(`${server.url}/sim/messages?phone=${phone}`, { headers });
    expect(transcript.status).toBe(401);
    const withToken = await sim(JSON.stringify({ from: phone, text: "oi" }), { ...jsonType, ...headers, ...bearer });
    expect(withToken.status).toBe(200);
  });

  it("takes a request made on this machine to this machine without a token", async () => {
    const local = await sim(JSON.stringify({ from: nextPhone(), text: "oi" }), {
      ...jsonType,
      host: "localhost:3000",
      origin: "http://127.0.0.1:3000",
      forwarded: "for=127.0.0.1",
    });
    expect(local.status).toBe(200);
  });

  it("counts the 4,096-character limit in characters, the same at the edge and in the dialogue", async () => {
    const phone = nextPhone();
    const fits = await sim(JSON.stringify({ from: phone, text: "🍅".repeat(4096) }));
    expect(fits.status).toBe(200);
    const replies = (JSON.parse(fits.text) as { replies: { text: string }[] }).replies;
    expect(replies.map((reply) => reply.text).join("\n")).not.toMatch(/4096|4\.096/);
    const over = await sim(JSON.stringify({ from: phone, text: "🍅".repeat(4097) }));
    expect(over.status).toBe(400);
  });

  it.each(["0x1", "1e0", "01", "1.0", "+1", "%201", "1%00", "2147483648"])(
    "answers /api/v1/orders/%s with a 400, not as order 1",
    async (id) => {
      const response = await rawRequest(`${server.url}/api/v1/orders/${id}`, { headers: bearer });
      expect(response.status).toBe(400);
      expect(JSON.parse(response.text)).toHaveProperty("error");
    },
  );

  it.each([
    ["DELETE", "/api/v1/orders", "GET, HEAD, POST"],
    ["PUT", "/api/v1/orders/1", "GET, HEAD, PATCH"],
    ["DELETE", "/api/v1/catalog", "GET, HEAD, PATCH, PUT"],
    ["GET", "/api/v1/parse", "POST"],
    ["POST", "/healthz", "GET, HEAD"],
  ])("answers %s %s with 405 and the methods it allows", async (method, path, allowed) => {
    const response = await rawRequest(`${server.url}${path}`, { method, headers: bearer });
    expect(response.status).toBe(405);
    expect(response.headers.allow).toBe(allowed);
    expect(JSON.parse(response.text)).toHaveProperty("error");
  });

  it("describes every answer of every route with a schema, not a bare object", async () => {
    const document = (await (await fetch(`${server.url}/api/v1/openapi.json`)).json()) as {
      paths: Record<string, Record<string, { responses: Record<string, { content?: Record<string, unknown> }> }>>;
      components: unknown;
    };
    for (const [path, operations] of Object.entries(document.paths)) {
      for (const [method, operation] of Object.entries(operations)) {
        for (const [status, response] of Object.entries(operation.responses)) {
          for (const media of Object.values(response.content ?? {})) {
            expect(media, `${method} ${path} ${status}`).not.toEqual({ schema: { type: "object" } });
          }
        }
      }
    }
    expect(JSON.stringify(document.components)).toContain('"maximum":2147483647');
  });

  it("stays up, and its log carries no phone and no token", async () => {
    expect(server.child.exitCode).toBeNull();
    expect((await fetch(`${server.url}/readyz`)).status).toBe(200);
    expectCleanLogs(server, phones, [TOKEN]);
  });
});

describe("hostile Cloud API notifications", () => {
  let server: LoggedSisconf;
  let graph: GraphApiStandIn;
  let sequence = 0;
  const phones: string[] = [ADMIN];
  const nextPhone = () => {
    const phone = `55849333${String(++sequence).padStart(5, "0")}`;
    phones.push(phone);
    return phone;
  };
  const nextId = () => `wamid.hostile${++sequence}`;

  function notification(
    from: string,
    message: Record<string, unknown>,
    change: { field?: string; phoneNumberId?: string; object?: string } = {},
  ) {
    return {
      object: change.object ?? "whatsapp_business_account",
      entry: [
        {
          id: "102290129340398",
          changes: [
            {
              field: change.field ?? "messages",
              value: {
                messaging_product: "whatsapp",
                metadata: {
                  display_phone_number: "15550783881",
                  phone_number_id: change.phoneNumberId ?? PHONE_NUMBER_ID,
                },
                contacts: [{ profile: { name: "Ana" }, wa_id: from }],
                messages: [
                  { from, id: nextId(), timestamp: String(Math.floor(Date.now() / 1000)), type: "text", ...message },
                ],
              },
            },
          ],
        },
      ],
    };
  }

  async function post(payload: unknown, headers: Record<string, string> = {}) {
    const body = typeof payload === "string" ? payload : JSON.stringify(payload);
    return rawRequest(`${server.url}/webhooks/whatsapp`, {
      method: "POST",
      headers: { ...jsonType, "x-hub-signature-256": signatureFor(body, APP_SECRET), ...headers },
      body,
    });
  }

  async function waitForReplies(phone: string, count: number): Promise<string[]> {
    const deadline = Date.now() + 15_000;
    while (graph.delivered(phone).length < count) {
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${count} replies`);
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    return graph.delivered(phone).map((request) => request.body.text?.body ?? "");
  }

  beforeAll(async () => {
    graph = await startGraphApiStandIn();
    server = await startLoggedSisconf(await freePort(), {
      API_TOKEN: TOKEN,
      ADMIN_PHONES: ADMIN,
      BOT_TRANSPORT: "cloud-api",
      WHATSAPP_CLOUD_VERIFY_TOKEN: VERIFY_TOKEN,
      WHATSAPP_CLOUD_APP_SECRET: APP_SECRET,
      WHATSAPP_CLOUD_ACCESS_TOKEN: ACCESS_TOKEN,
      WHATSAPP_CLOUD_PHONE_NUMBER_ID: PHONE_NUMBER_ID,
      WHATSAPP_CLOUD_GRAPH_URL: graph.url,
    });
    await loadCatalog(server.url);
  }, 120_000);
  afterAll(async () => {
    await server?.stop();
    await graph?.close();
  });

  it.each([
    ["a group message", { group_id: "120363040000000000@g.us" }, {}],
    ["a message to another of the account's numbers", {}, { phoneNumberId: "999888777" }],
    ["an echo of a message sent from the Business app", {}, { field: "smb_message_echoes" }],
    ["a notification for another product", {}, { object: "instagram" }],
  ])("ignores %s: no reply, no command run", async (_label, extra, change) => {
    const batchBefore = await (await fetch(`${server.url}/api/v1/batches/current`, { headers: bearer })).json();
    expect((await post(notification(ADMIN, { text: { body: "fechar lote" }, ...extra }, change))).status).toBe(200);
    const customer = nextPhone();
    expect((await post(notification(customer, { text: { body: "ajuda" }, ...extra }, change))).status).toBe(200);
    // A message that is ours, sent after them, is answered: by then theirs would have been too.
    const witness = nextPhone();
    expect((await post(notification(witness, { text: { body: "ajuda" } }))).status).toBe(200);
    await waitForReplies(witness, 1);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(graph.delivered(ADMIN)).toEqual([]);
    expect(graph.delivered(customer)).toEqual([]);
    const batchAfter = await (await fetch(`${server.url}/api/v1/batches/current`, { headers: bearer })).json();
    expect(batchAfter).toMatchObject({ id: (batchBefore as { id: number }).id, status: "open" });
  });

  it("reads a message with NUL characters in its text, name and id without them, and answers it", async () => {
    const phone = nextPhone();
    const payload = notification(phone, { id: `wamid.nul\u0000${sequence}`, text: { body: "2kg de\u0000 tomate" } });
    (payload.entry[0]?.changes[0]?.value.contacts[0]?.profile as { name: string }).name = "Ana\u0000";
    expect((await post(payload)).status).toBe(200);
    const [reply] = await waitForReplies(phone, 1);
    expect(reply).toContain("Tomate");
    expect(reply).not.toMatch(/instabilidade/i);
  });

  it.each([
    ["far in the future", "99999999999999999999"],
    ["negative", "-1"],
    ["not a number", "yesterday"],
    ["a float past the range of dates", 1e300],
  ])("answers a message whose timestamp is %s", async (_label, timestamp) => {
    const phone = nextPhone();
    expect((await post(notification(phone, { timestamp, text: { body: "ajuda" } }))).status).toBe(200);
    const [reply] = await waitForReplies(phone, 1);
    expect(reply).not.toMatch(/instabilidade/i);
  });

  it("refuses an unsigned body before reading it, whatever it claims to be", async () => {
    const claims: Record<string, string>[] = [
      { "content-encoding": "gzip" },
      { "content-encoding": "br" },
      { "content-type": "text/plain" },
      {},
    ];
    for (const headers of claims) {
      const response = await rawRequest(`${server.url}/webhooks/whatsapp`, {
        method: "POST",
        headers: { ...jsonType, ...headers },
        body: "{not json",
      });
      expect(response.status).toBe(401);
      expect(JSON.parse(response.text)).toHaveProperty("error");
    }
  });

  it("answers a signed body that is not JSON, or is compressed, with a 4xx", async () => {
    expect((await post("{not json")).status).toBe(400);
    const compressed = await post(gzipSync(JSON.stringify({ object: "x" })).toString("latin1"), {
      "content-encoding": "gzip",
    });
    expect(compressed.status).toBe(415);
    expect(JSON.parse(compressed.text)).toHaveProperty("error");
  });

  it("answers a verification with a repeated parameter with a 400", async () => {
    for (const query of [
      `hub.mode=subscribe&hub.mode=subscribe&hub.verify_token=${VERIFY_TOKEN}&hub.challenge=1`,
      `hub.mode=subscribe&hub.verify_token=${VERIFY_TOKEN}&hub.verify_token=x&hub.challenge=1`,
      `hub.mode=subscribe&hub.verify_token=${VERIFY_TOKEN}&hub.challenge=1&hub.challenge=2`,
    ]) {
      const response = await rawRequest(`${server.url}/webhooks/whatsapp?${query}`);
      expect(response.status).toBe(400);
      expect(JSON.parse(response.text)).toHaveProperty("error");
    }
  });

  it("stays up, and its log carries no phone and no secret", async () => {
    expect(server.child.exitCode).toBeNull();
    expect((await fetch(`${server.url}/readyz`)).status).toBe(200);
    expectCleanLogs(server, phones, [TOKEN, APP_SECRET, ACCESS_TOKEN, VERIFY_TOKEN]);
  });
});
