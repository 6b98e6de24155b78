import { setTimeout as sleep } from "node:timers/promises";
import pino from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CloudApiTransport } from "../../bot/transports/cloud-api/cloud-api-transport.ts";
import { MessageTemplates } from "../../bot/transports/cloud-api/message-templates.ts";
import { signatureFor } from "../../bot/transports/cloud-api/webhook-signature.ts";
import { pixQrImage } from "../../core/app/pix-qr-image.ts";
import { exampleCatalog } from "../support/example-catalog.ts";
import { startTestSystem, type TestSystem } from "../support/test-system.ts";
import { type GraphApiStandIn, type GraphRequest, startGraphApiStandIn } from "./graph-api-stand-in.ts";

const VERIFY_TOKEN = "verify-me-please";
const APP_SECRET = "app-secret-for-tests";
const ACCESS_TOKEN = "EAAG-access-token-for-tests";
const PHONE_NUMBER_ID = "123456";

let messageSequence = 0;
const nextId = () => `wamid.HBgNNTU4NDk5OTk5MDAwMRUCABIYFjNFQjA${++messageSequence}`;
const now = () => String(Math.floor(Date.now() / 1000));
const XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
const ENTREPRENEUR = "5584999994001";

/** One `messages` notification as Meta's webhook reference draws it. */
function notification(value: Record<string, unknown>): Record<string, unknown> {
  return {
    object: "whatsapp_business_account",
    entry: [
      {
        id: "102290129340398",
        changes: [
          {
            field: "messages",
            value: {
              messaging_product: "whatsapp",
              metadata: { display_phone_number: "15550783881", phone_number_id: PHONE_NUMBER_ID },
              ...value,
            },
          },
        ],
      },
    ],
  };
}

function inbound(from: string, message: Record<string, unknown>, name = "Ana Souza"): Record<string, unknown> {
  return notification({
    contacts: [{ profile: { name }, wa_id: from }],
    messages: [{ from, id: nextId(), timestamp: now(), ...message }],
  });
}

const textMessage = (from: string, body: string) => inbound(from, { type: "text", text: { body } });

describe("Cloud API transport, end to end against a Graph API stand-in", () => {
  let graph: GraphApiStandIn;
  let system: TestSystem;

  /** Posts a notification the way Meta does: JSON with its signature, unless told otherwise. */
  async function postWebhook(
    payload: unknown,
    signature: string | null | "sign" = "sign",
  ): Promise<{ status: number; text: string }> {
    openWindows(payload);
    const body = JSON.stringify(payload);
    const headers: Record<string, string> = { "content-type": "application/json" };
    if (signature === "sign") headers["x-hub-signature-256"] = signatureFor(body, APP_SECRET);
    else if (signature !== null) headers["x-hub-signature-256"] = signature;
    const response = await fetch(`${system.url}/webhooks/whatsapp`, { method: "POST", headers, body });
    return { status: response.status, text: await response.text() };
  }

  /** Meta saw the messages it delivers: their senders' 24-hour windows open at the stand-in too. */
  function openWindows(payload: unknown): void {
    const entries = (payload as { entry?: { changes?: { value?: { messages?: unknown[] } }[] }[] }).entry;
    if (!Array.isArray(entries)) return;
    for (const entry of entries) {
      for (const change of Array.isArray(entry?.changes) ? entry.changes : []) {
        for (const message of change?.value?.messages ?? []) {
          const { from, from_user_id: userId, timestamp } = message as Record<string, string | undefined>;
          const at = timestamp ? new Date(Number(timestamp) * 1000) : new Date();
          for (const address of [from, userId]) if (address) graph.sawInbound(address, at);
        }
      }
    }
  }

  async function waitFor<T>(what: string, check: () => T | undefined | Promise<T | undefined>, ms = 15_000) {
    const deadline = Date.now() + ms;
    for (;;) {
      const value = await check();
      if (value !== undefined) return value;
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
      await sleep(25);
    }
  }

  /** Waits until `count` replies reached the stand-in for that phone, and returns their texts. */
  async function repliesTo(phone: string, count: number): Promise<string[]> {
    const delivered = await waitFor(`${count} replies to ${phone}`, () => {
      const found = graph.delivered(phone);
      return found.length >= count ? found : undefined;
    });
    return delivered.map(textOf);
  }

  const textOf = (request: GraphRequest) =>
    request.body.text?.body ?? request.body.interactive?.body.text ?? request.body.document?.caption ?? "";

  beforeAll(async () => {
    graph = await startGraphApiStandIn();
    system = await startTestSystem("pglite", {
      BOT_TRANSPORT: "cloud-api",
      WHATSAPP_CLOUD_VERIFY_TOKEN: VERIFY_TOKEN,
      WHATSAPP_CLOUD_APP_SECRET: APP_SECRET,
      WHATSAPP_CLOUD_ACCESS_TOKEN: ACCESS_TOKEN,
      WHATSAPP_CLOUD_PHONE_NUMBER_ID: PHONE_NUMBER_ID,
      WHATSAPP_CLOUD_GRAPH_URL: graph.url,
      ADMIN_PHONES: ENTREPRENEUR,
    });
    graph.connect({ url: `${system.url}/webhooks/whatsapp`, appSecret: APP_SECRET, phoneNumberId: PHONE_NUMBER_ID });
    const loaded = await system.request("PUT", "/api/v1/catalog", exampleCatalog());
    expect(loaded.status).toBe(200);
  });
  afterAll(async () => {
    await system?.close();
    await graph?.close();
  });

  it("answers Meta's verification handshake with the challenge", async () => {
    const query = `hub.mode=subscribe&hub.verify_token=${VERIFY_TOKEN}&hub.challenge=1158201444`;
    const response = await fetch(`${system.url}/webhooks/whatsapp?${query}`);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toMatch(/^text\/plain/);
    expect(await response.text()).toBe("1158201444");
  });

  it.each([
    ["a wrong verify token", "hub.mode=subscribe&hub.verify_token=guess&hub.challenge=1"],
    ["no verify token", "hub.mode=subscribe&hub.challenge=1"],
    ["a mode other than subscribe", `hub.mode=unsubscribe&hub.verify_token=${VERIFY_TOKEN}&hub.challenge=1`],
  ])("refuses the handshake with %s", async (_label, query) => {
    const response = await fetch(`${system.url}/webhooks/whatsapp?${query}`);
    expect(response.status).toBe(403);
    expect(typeof ((await response.json()) as { error?: unknown }).error).toBe("string");
  });

  it("refuses notifications without a valid signature and handles nothing of them", async () => {
    const phone = "5584999991001";
    const refused = [
      await postWebhook(textMessage(phone, "2kg de tomate"), null),
      await postWebhook(textMessage(phone, "2kg de tomate"), signatureFor("something else", APP_SECRET)),
      await postWebhook(textMessage(phone, "2kg de tomate"), "sha256=zz"),
      await postWebhook(textMessage(phone, "2kg de tomate"), signatureFor("{}", "another secret")),
    ];
    for (const response of refused) {
      expect(response.status).toBe(401);
      expect(typeof JSON.parse(response.text).error).toBe("string");
    }
    // The same phone then says something signed: its messages are handled in order, so one reply only means
    // none of the refused ones was handled.
    expect((await postWebhook(textMessage(phone, "ajuda"))).status).toBe(200);
    await repliesTo(phone, 1);
    await sleep(200);
    expect(graph.delivered(phone)).toHaveLength(1);
    const orders = await system.request("GET", `/api/v1/orders?phone=${phone}`);
    expect(orders.body.orders).toEqual([]);
  });

  it("takes an order in text, answers with the summary, and confirms it on 'sim'", async () => {
    const phone = "5584999991002";
    const response = await postWebhook(textMessage(phone, "2kg de tomate"));
    expect(response.status).toBe(200);
    const [summary] = await repliesTo(phone, 1);
    expect(summary).toContain("Tomate");
    expect(summary).toContain("R$ 15,00");
    const [request] = graph.delivered(phone);
    expect(request).toMatchObject({
      method: "POST",
      path: `/v23.0/${PHONE_NUMBER_ID}/messages`,
      authorization: `Bearer ${ACCESS_TOKEN}`,
      body: { messaging_product: "whatsapp", recipient_type: "individual", to: phone, type: "interactive" },
    });
    // The summary's text still says how to answer by typing; the buttons are a shortcut.
    expect(summary).toMatch(/Responda \*SIM\*/);
    expect(request?.body.interactive?.action.buttons?.map((button) => button.reply.title)).toEqual([
      "Confirmar",
      "Alterar",
      "Cancelar",
    ]);

    await postWebhook(textMessage(phone, "sim"));
    const replies = await repliesTo(phone, 2);
    expect(replies[1]).toMatch(/confirmado/i);
    const orders = await system.request("GET", `/api/v1/orders?phone=${phone}`);
    expect(orders.body.orders).toHaveLength(1);
    expect(orders.body.orders[0]).toMatchObject({ phone, status: "received", total: "15.00" });
    expect(orders.body.orders[0].items).toMatchObject([{ sku: "tomate", quantity: 2 }]);
  });

  it("ignores notifications that carry only delivery statuses", async () => {
    const phone = "5584999991003";
    const statuses = notification({
      statuses: [
        {
          id: "wamid.HBgLMTY1MDM4Nzk0MzkVAgARGBJDQjZCMzlEQUE4OTJBMTE4RTUA",
          status: "delivered",
          timestamp: now(),
          recipient_id: phone,
          conversation: { id: "CONVERSATION_ID", origin: { type: "service" } },
          pricing: { billable: true, pricing_model: "PMP", category: "service" },
        },
      ],
    });
    expect((await postWebhook(statuses)).status).toBe(200);
    expect((await postWebhook(textMessage(phone, "ajuda"))).status).toBe(200);
    await repliesTo(phone, 1);
    await sleep(200);
    expect(graph.delivered(phone)).toHaveLength(1);
  });

  it("survives malformed notifications: 200, and the well-formed messages in them are still handled", async () => {
    const phone = "5584999991004";
    const mixed = {
      object: "whatsapp_business_account",
      entry: [
        "not an entry",
        { changes: "not a list" },
        {
          changes: [
            {
              field: "messages",
              value: {
                metadata: { phone_number_id: PHONE_NUMBER_ID },
                messages: [{ type: "text" }, { from: phone, id: nextId(), type: "text", text: { body: "ajuda" } }],
              },
            },
          ],
        },
      ],
    };
    expect((await postWebhook(mixed)).status).toBe(200);
    expect((await postWebhook({ unexpected: true })).status).toBe(200);
    expect((await postWebhook([1, 2, 3])).status).toBe(200);
    await repliesTo(phone, 1);
  });

  it("handles a message delivered five times (some at once) once: one order, one reply", async () => {
    const phone = "5584999991005";
    const payload = textMessage(phone, "3kg de cebola");
    const concurrent = await Promise.all([postWebhook(payload), postWebhook(payload), postWebhook(payload)]);
    const sequential = [await postWebhook(payload), await postWebhook(payload)];
    for (const response of [...concurrent, ...sequential]) expect(response.status).toBe(200);
    // A later message from the same phone is handled after all five copies: once its reply is out, theirs are too.
    await postWebhook(textMessage(phone, "sim"));
    // The summary, the confirmation, and the question a first order brings: delivery or pickup.
    const replies = await repliesTo(phone, 3);
    await sleep(200);
    expect(graph.delivered(phone)).toHaveLength(3);
    expect(replies[0]).toContain("Cebola");
    expect(replies[1]).toMatch(/confirmado/i);
    expect(replies[2]).toMatch(/entrega\* ou \*retirada/);
    const orders = await system.request("GET", `/api/v1/orders?phone=${phone}`);
    expect(orders.body.orders).toHaveLength(1);
    expect(orders.body.orders[0].items).toMatchObject([{ sku: "cebola", quantity: 3 }]);
  });

  it.each([
    [
      "a voice note",
      { type: "audio", audio: { mime_type: "audio/ogg; codecs=opus", sha256: "abc", id: "1013", voice: true } },
      /não consigo ouvir áudio.*escrever/i,
    ],
    [
      "a sticker",
      { type: "sticker", sticker: { mime_type: "image/webp", sha256: "abc", id: "1014", animated: false } },
      /só entendo texto/i,
    ],
    [
      "a photo without caption",
      { type: "image", image: { mime_type: "image/jpeg", sha256: "abc", id: "1015" } },
      /só entendo texto/i,
    ],
    [
      "a location",
      { type: "location", location: { latitude: -5.79, longitude: -35.2, name: "Feira" } },
      /só entendo texto/i,
    ],
  ])("answers %s by asking for text", async (_label, message, expected) => {
    const phone = `55849999920${String(++messageSequence).padStart(2, "0")}`;
    expect((await postWebhook(inbound(phone, message))).status).toBe(200);
    const [reply] = await repliesTo(phone, 1);
    expect(reply).toMatch(expected);
  });

  it("reads a photo's caption as the message", async () => {
    const phone = "5584999991006";
    const photo = inbound(phone, {
      type: "image",
      image: { caption: "1kg de tomate", mime_type: "image/jpeg", sha256: "abc", id: "1016" },
    });
    await postWebhook(photo);
    const [reply] = await repliesTo(phone, 1);
    expect(reply).toContain("Tomate");
  });

  it("downloads a document by its media id with the access token, and the bot reads its bytes", async () => {
    const csv = Buffer.from('sku,name,unit,price,provider\ntomate,Tomate,kg,"8,10",hortifruti-sertao\n');
    graph.media.set("7001", { bytes: csv, type: "text/csv", filename: "precos.csv" });
    await postWebhook(
      inbound(ENTREPRENEUR, {
        type: "document",
        document: { id: "7001", filename: "precos.csv", mime_type: "text/csv", sha256: "abc" },
      }),
    );
    // The stand-in answers the download only with a bearer token: the price is read from the file's own bytes.
    const [preview] = await repliesTo(ENTREPRENEUR, 1);
    expect(preview).toContain("Tomate R$ 7,50 → R$ 8,10");
  });

  it("answers a customer's document as media", async () => {
    const phone = "5584999991031";
    graph.media.set("7002", { bytes: Buffer.from("a,b\n1,2\n"), type: "text/csv", filename: "lista.csv" });
    await postWebhook(inbound(phone, { type: "document", document: { id: "7002", filename: "lista.csv" } }));
    expect(await repliesTo(phone, 1)).toEqual(["Só entendo texto por enquanto 🙂 Mande sua lista escrita."]);
  });

  it("reads a tapped reply button by its title", async () => {
    const phone = "5584999991007";
    await postWebhook(textMessage(phone, "1kg de cenoura"));
    await repliesTo(phone, 1);
    await postWebhook(
      inbound(phone, {
        context: { from: "15550783881", id: "wamid.previous" },
        type: "interactive",
        interactive: { type: "button_reply", button_reply: { id: "confirm", title: "Sim" } },
      }),
    );
    const replies = await repliesTo(phone, 2);
    expect(replies[1]).toMatch(/confirmado/i);
  });

  it("answers a tapped button once however often it is tapped, and explains how to change the list", async () => {
    const phone = "5584999991009";
    await postWebhook(textMessage(phone, "1kg de cebola"));
    await repliesTo(phone, 1);
    const summaryId = graph.delivered(phone)[0]?.messageId;
    const tap = (id: string, title: string) =>
      inbound(phone, {
        context: { from: "15550783881", id: summaryId },
        type: "interactive",
        interactive: { type: "button_reply", button_reply: { id, title } },
      });
    await postWebhook(tap("button-2", "Alterar"));
    const [, howTo] = await repliesTo(phone, 2);
    expect(howTo).toMatch(/o que quer mudar/);
    // Two taps on Confirmar (Meta gives each its own message id): one order, one confirmation.
    await postWebhook(tap("button-1", "Confirmar"));
    await postWebhook(tap("button-1", "Confirmar"));
    await postWebhook(textMessage(phone, "status"));
    const replies = await repliesTo(phone, 5);
    await sleep(200);
    expect(graph.delivered(phone)).toHaveLength(5);
    expect(replies[2]).toMatch(/confirmado/i);
    expect(replies[3]).toMatch(/entrega\* ou \*retirada/);
    const orders = await system.request("GET", `/api/v1/orders?phone=${phone}`);
    expect(orders.body.orders).toHaveLength(1);
  });

  it("sends the catalog as text, then its categories as a list; a chosen category answers with its products", async () => {
    const phone = "5584999991010";
    await postWebhook(textMessage(phone, "catálogo"));
    await repliesTo(phone, 2);
    const [catalog, list] = graph.delivered(phone).map((request) => request.body);
    expect(catalog?.type).toBe("text");
    expect(catalog?.text?.body).toMatch(/Legumes/);
    expect(list?.type).toBe("interactive");
    expect(list?.interactive?.type).toBe("list");
    const rows = list?.interactive?.action.sections?.flatMap((section) => section.rows.map((row) => row.title)) ?? [];
    expect(rows).toContain("Frutas");
    expect(rows.length).toBeLessThanOrEqual(10);
    await postWebhook(
      inbound(phone, {
        context: { from: "15550783881", id: "wamid.list" },
        type: "interactive",
        interactive: { type: "list_reply", list_reply: { id: "row-3", title: "Frutas" } },
      }),
    );
    const [, , fruits] = await repliesTo(phone, 3);
    expect(fruits).toMatch(/\*Frutas\*/);
    expect(fruits).not.toMatch(/Legumes/);
  });

  it("retries a reply the Graph API refused once, and delivers it once", async () => {
    const phone = "5584999991008";
    graph.failNext(1, 500);
    await postWebhook(textMessage(phone, "ajuda"));
    await repliesTo(phone, 1);
    const attempts = graph.requests.filter((request) => request.body.to === phone);
    expect(attempts.map((request) => request.status)).toEqual([500, 200]);
    await sleep(200);
    expect(graph.delivered(phone)).toHaveLength(1);
  });
});

describe("Cloud API transport sending", () => {
  let graph: GraphApiStandIn;
  let transport: CloudApiTransport;

  beforeAll(async () => {
    graph = await startGraphApiStandIn();
    transport = new CloudApiTransport({
      verifyToken: VERIFY_TOKEN,
      appSecret: APP_SECRET,
      accessToken: ACCESS_TOKEN,
      phoneNumberId: PHONE_NUMBER_ID,
      graphUrl: `${graph.url}/`,
      logger: pino({ level: "silent" }),
      timeoutMs: 500,
      templates: MessageTemplates.load("pt_BR"),
    });
  });
  afterAll(async () => {
    await graph?.close();
  });

  it("uploads a document to /media and sends it by id, with its text as the caption", async () => {
    const bytes = Buffer.from("PK\u0003\u0004 a workbook");
    const url = graph.serveFile("consolidado-1.xlsx", bytes, XLSX);
    graph.sawInbound("5584999993001");
    await transport.send("5584999993001", {
      text: "Planilha do lote #1",
      document: { url, filename: "consolidado-1.xlsx" },
    });
    const [sent] = graph.delivered("5584999993001").map((request) => request.body);
    expect(sent).toMatchObject({
      messaging_product: "whatsapp",
      recipient_type: "individual",
      to: "5584999993001",
      type: "document",
      document: { filename: "consolidado-1.xlsx", caption: "Planilha do lote #1" },
    });
    expect(sent?.document?.link).toBeUndefined();
    const uploaded = graph.media.get(sent?.document?.id ?? "");
    expect(uploaded).toMatchObject({ type: XLSX, filename: "consolidado-1.xlsx" });
    expect(uploaded?.bytes.equals(bytes)).toBe(true);
  });

  it("uploads a picture to /media and sends it as an image by id, with its caption", async () => {
    const png = await pixQrImage("00020126390014BR.GOV.BCB.PIX0117loja@example.com");
    graph.sawInbound("5584999993006");
    const receipt = await transport.send(
      "5584999993006",
      { text: "QR Code do Pix do pedido #7", image: { png, filename: "pix-7.png" }, coveredByTemplate: true },
      { lastInboundAt: new Date(), templateRequired: false },
    );
    const [sent] = graph.delivered("5584999993006").map((request) => request.body);
    expect(sent).toMatchObject({ type: "image", image: { caption: "QR Code do Pix do pedido #7" } });
    expect(receipt).toEqual({ messageIds: [expect.stringMatching(/^wamid\./)] });
    const uploaded = graph.media.get(sent?.image?.id ?? "");
    expect(uploaded).toMatchObject({ type: "image/png", filename: "pix-7.png" });
    expect(uploaded?.bytes.equals(png)).toBe(true);
  });

  it("leaves a message its news's template covers out where only templates go, without asking the Graph API", async () => {
    const before = graph.requests.length;
    const message = { text: "000201…", coveredByTemplate: true };
    const silent = await transport.send("5584999993007", message, {
      lastInboundAt: new Date(Date.now() - 25 * 3_600_000),
      templateRequired: false,
    });
    expect(silent).toEqual({ messageIds: [], leftOut: expect.stringContaining("24-hour window") });
    expect(graph.requests).toHaveLength(before);
    // The bot thought the window open, Meta did not: refused with 131047, and left out rather than failed.
    const refused = await transport.send("5584999993007", message, {
      lastInboundAt: new Date(),
      templateRequired: false,
    });
    expect(refused.leftOut).toContain("24-hour window");
    expect(graph.requests.slice(before).map((request) => request.errorCode)).toEqual([131047]);
  });

  it("sends a text too long for a caption as its own message, then the document", async () => {
    const text = `Planilhas do lote:\n${"linha\n".repeat(300)}`;
    graph.sawInbound("5584999993002");
    await transport.send("5584999993002", {
      text,
      document: { url: graph.serveFile("a.xlsx", Buffer.from("a"), XLSX), filename: "a.xlsx" },
    });
    const bodies = graph.delivered("5584999993002").map((request) => request.body);
    expect(bodies.map((body) => body.type)).toEqual(["text", "document"]);
    expect(bodies[0]?.text?.body).toBe(text);
    expect(bodies[1]?.document).toMatchObject({ filename: "a.xlsx" });
    expect(bodies[1]?.document?.id).toMatch(/^\d+$/);
  });

  it("splits a text over 4096 characters at line breaks", async () => {
    const text = Array.from({ length: 900 }, (_, index) => `linha ${index}`).join("\n");
    graph.sawInbound("5584999993003");
    await transport.send("5584999993003", { text });
    const pieces = graph.delivered("5584999993003").map((request) => request.body.text?.body ?? "");
    expect(pieces.length).toBeGreaterThan(1);
    for (const piece of pieces) expect(piece.length).toBeLessThanOrEqual(4096);
    expect(pieces.join("\n")).toBe(text);
  });

  it("throws with Meta's error message when the Graph API refuses", async () => {
    graph.sawInbound("5584999993004");
    graph.failNext(1, 400);
    await expect(transport.send("5584999993004", { text: "oi" })).rejects.toThrow(/400.*Something went wrong/);
  });

  it("throws when the Graph API cannot be reached", async () => {
    const offline = new CloudApiTransport({
      verifyToken: VERIFY_TOKEN,
      appSecret: APP_SECRET,
      accessToken: ACCESS_TOKEN,
      phoneNumberId: PHONE_NUMBER_ID,
      graphUrl: "http://127.0.0.1:9/v23.0",
      logger: pino({ level: "silent" }),
      timeoutMs: 500,
      templates: MessageTemplates.load("pt_BR"),
    });
    await expect(offline.send("5584999993005", { text: "oi" })).rejects.toThrow(/could not be reached|did not answer/);
  });
});
