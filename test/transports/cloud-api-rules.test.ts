import { setTimeout as sleep } from "node:timers/promises";
import { sql } from "drizzle-orm";
// jsqr is CommonJS, its reader exported as `default` of its module object.
import jsqr from "jsqr";
import { PNG } from "pngjs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { signatureFor } from "../../bot/transports/cloud-api/webhook-signature.ts";
import { getOrderNewsDelivery } from "../../core/app/get-order-news-delivery.ts";
import { releaseHeldNotifications } from "../../core/app/release-held-notifications.ts";
import { selectRows } from "../../core/db/database.ts";
import { queueNotifications } from "../../core/db/notification-queries.ts";
import { exampleCatalog } from "../support/example-catalog.ts";
import { readBrCode } from "../support/read-br-code.ts";
import { startTestSystem, type TestSystem } from "../support/test-system.ts";
import { type GraphApiStandIn, type GraphRequest, startGraphApiStandIn } from "./graph-api-stand-in.ts";

const APP_SECRET = "app-secret-for-rules";
const PHONE_NUMBER_ID = "654321";
const ENTREPRENEUR = "5584988880000";
const DAY_AND_AN_HOUR_MS = 25 * 3_600_000;
/**
 * The pair rate the stand-in enforces, scaled down from Meta's one message every 6 s; the bot keeps to a slower
 * pace, with the margin a real deployment needs for requests that take their time.
 */
const PAIR_RATE = { burst: 5, intervalMs: 250 };
const BOT_PACE = { burst: 5, intervalMs: 300 };

let sequence = 0;

describe("Cloud API transport against a stand-in that enforces Meta's rules", () => {
  let graph: GraphApiStandIn;
  let system: TestSystem;

  async function post(payload: unknown): Promise<number> {
    const body = JSON.stringify(payload);
    const response = await fetch(`${system.url}/webhooks/whatsapp`, {
      method: "POST",
      headers: { "content-type": "application/json", "x-hub-signature-256": signatureFor(body, APP_SECRET) },
      body,
    });
    return response.status;
  }

  /** A person writes: Meta opens their window and posts the message (phone, business-scoped id, or both). */
  async function write(
    sender: { phone?: string; userId?: string },
    text: string,
    name = "Bia",
    opensWindow = true,
  ): Promise<string> {
    const id = `wamid.rules-${++sequence}`;
    if (opensWindow) for (const address of [sender.phone, sender.userId]) if (address) graph.sawInbound(address);
    const status = await post({
      object: "whatsapp_business_account",
      entry: [
        {
          id: "1",
          changes: [
            {
              field: "messages",
              value: {
                messaging_product: "whatsapp",
                metadata: { display_phone_number: "15550783881", phone_number_id: PHONE_NUMBER_ID },
                contacts: [
                  {
                    profile: { name },
                    ...(sender.phone ? { wa_id: sender.phone } : {}),
                    ...(sender.userId ? { user_id: sender.userId } : {}),
                  },
                ],
                messages: [
                  {
                    ...(sender.phone ? { from: sender.phone } : {}),
                    ...(sender.userId ? { from_user_id: sender.userId } : {}),
                    id,
                    timestamp: String(Math.floor(Date.now() / 1000)),
                    type: "text",
                    text: { body: text },
                  },
                ],
              },
            },
          ],
        },
      ],
    });
    expect(status).toBe(200);
    return id;
  }

  async function waitFor<T>(what: string, check: () => T | undefined | Promise<T | undefined>, ms = 20_000) {
    const deadline = Date.now() + ms;
    for (;;) {
      const value = await check();
      if (value !== undefined) return value;
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
      await sleep(25);
    }
  }

  async function deliveredTo(address: string, count: number, ms?: number): Promise<GraphRequest[]> {
    return waitFor(
      `${count} messages to ${address}`,
      () => {
        const found = graph.delivered(address);
        return found.length >= count ? found : undefined;
      },
      ms,
    );
  }

  const ordered = new Set<string>();
  /**
   * Places an order in chat and answers its number, once every reply it brings is out (a customer's first order
   * is followed by the delivery-or-pickup question).
   */
  async function orderInChat(sender: { phone?: string; userId?: string }): Promise<number> {
    const address = sender.phone ?? sender.userId ?? "";
    const before = graph.delivered(address).length;
    await write(sender, "2kg de tomate");
    await deliveredTo(address, before + 1);
    await write(sender, "sim");
    const first = !ordered.has(address);
    ordered.add(address);
    const [, confirmation] = (await deliveredTo(address, before + (first ? 3 : 2))).slice(before);
    const number = /#(\d+)/.exec(confirmation?.body.text?.body ?? "")?.[1];
    expect(number, JSON.stringify(graph.delivered(address).map((request) => request.body))).toBeDefined();
    return Number(number);
  }

  async function cancel(orderNumber: number): Promise<void> {
    const listed = await system.request("GET", "/api/v1/orders");
    const order = listed.body.orders.find((entry: { number: number }) => entry.number === orderNumber);
    const changed = await system.request("PATCH", `/api/v1/orders/${order.id}`, { status: "cancelled" });
    expect(changed.status).toBe(200);
  }

  /** As if the customer had been silent for more than a day: on both sides of the API. */
  async function silence(address: string): Promise<void> {
    graph.ageWindow(address, DAY_AND_AN_HOUR_MS);
    await selectRows(
      system.runtime.context.db,
      sql`update inbound_messages set received_at = received_at - make_interval(secs => ${DAY_AND_AN_HOUR_MS / 1000})
        where phone = ${address}`,
    );
  }

  async function metric(line: RegExp): Promise<number> {
    const response = await system.request("GET", "/metrics", undefined, null);
    const found = String(response.body)
      .split("\n")
      .find((entry) => line.test(entry));
    return Number(found?.split(" ").pop() ?? Number.NaN);
  }

  beforeAll(async () => {
    graph = await startGraphApiStandIn({ pairRate: PAIR_RATE, statuses: true });
    system = await startTestSystem("pglite", {
      BOT_TRANSPORT: "cloud-api",
      WHATSAPP_CLOUD_VERIFY_TOKEN: "verify",
      WHATSAPP_CLOUD_APP_SECRET: APP_SECRET,
      WHATSAPP_CLOUD_ACCESS_TOKEN: "EAAG-rules",
      WHATSAPP_CLOUD_PHONE_NUMBER_ID: PHONE_NUMBER_ID,
      WHATSAPP_CLOUD_GRAPH_URL: graph.url,
      ADMIN_PHONES: ENTREPRENEUR,
      BOT_SEND_INTERVAL_MS: String(BOT_PACE.intervalMs),
      BOT_SEND_BURST: String(BOT_PACE.burst),
      PIX_KEY: "loja@example.com",
      PIX_MERCHANT_NAME: "Feira da Ana",
      PIX_MERCHANT_CITY: "Natal",
    });
    graph.connect({ url: `${system.url}/webhooks/whatsapp`, appSecret: APP_SECRET, phoneNumberId: PHONE_NUMBER_ID });
    expect((await system.request("PUT", "/api/v1/catalog", exampleCatalog())).status).toBe(200);
  });
  afterAll(async () => {
    await system?.close();
    await graph?.close();
  });

  it("marks each message read and shows the typing indicator while the reply is made", async () => {
    const phone = "5584977770001";
    const id = await write({ phone }, "ajuda");
    await deliveredTo(phone, 1);
    const receipt = await waitFor("the read receipt", () =>
      graph.readReceipts().find((request) => request.body.message_id === id),
    );
    expect(receipt.body).toMatchObject({
      messaging_product: "whatsapp",
      status: "read",
      message_id: id,
      typing_indicator: { type: "text" },
    });
  });

  it("sends news to a customer silent for more than 24 hours as the approved template, with its parameters", async () => {
    const phone = "5584977770002";
    const number = await orderInChat({ phone });
    await silence(phone);
    const before = graph.delivered(phone).length;
    await cancel(number);
    const [news] = (await deliveredTo(phone, before + 1)).slice(before);
    expect(news?.body).toMatchObject({
      to: phone,
      type: "template",
      template: {
        name: "sisconf_pedido_status",
        language: { code: "pt_BR" },
        components: [
          {
            type: "body",
            parameters: [
              { type: "text", text: String(number) },
              { type: "text", text: "cancelado" },
            ],
          },
        ],
      },
    });
    // Nothing free-form was tried: the bot knew the window was closed.
    expect(graph.requests.filter((request) => request.body.to === phone && request.errorCode === 131047)).toEqual([]);
  });

  it("follows a free-form send refused with 131047 by the template", async () => {
    const phone = "5584977770003";
    const number = await orderInChat({ phone });
    // Meta's clock says the window closed; the bot's record still has it open.
    graph.ageWindow(phone, DAY_AND_AN_HOUR_MS);
    const before = graph.requests.filter((request) => request.body.to === phone).length;
    await cancel(number);
    await waitFor("the template", () =>
      graph.delivered(phone).find((request) => request.body.type === "template") ? true : undefined,
    );
    const attempts = graph.requests.filter((request) => request.body.to === phone).slice(before);
    expect(attempts.map((request) => [request.body.type, request.errorCode ?? request.status])).toEqual([
      ["text", 131047],
      ["template", 200],
    ]);
  });

  it("gives up a reply refused for the window at once: a reply has no template, and no storm follows", async () => {
    const phone = "5584977770009";
    // Meta's clock says this person never wrote in the last day (a message delivered very late).
    await write({ phone }, "ajuda", "Bia", false);
    await waitFor("the refused reply", () =>
      graph.requests.find((request) => request.body.to === phone && request.errorCode === 131047),
    );
    await sleep(1500);
    expect(graph.requests.filter((request) => request.body.to === phone)).toHaveLength(1);
    const [row] = await selectRows<{ status: string; error_code: number }>(
      system.runtime.context.db,
      sql`select status, error_code from notifications where phone = ${phone}`,
    );
    expect(row).toEqual({ status: "failed", error_code: 131047 });
  });

  it("records delivery statuses per message, in any order, and says whether the last news was read", async () => {
    const phone = "5584977770004";
    const number = await orderInChat({ phone });
    await cancel(number);
    const context = system.runtime.context;
    const businessId = system.runtime.businessId;
    const delivered = await waitFor("delivered news", async () => {
      const news = await getOrderNewsDelivery(context, businessId, number);
      return news?.state === "delivered" ? news : undefined;
    });
    expect(delivered).toMatchObject({ newsStatus: "cancelled", readAt: null });
    const [news] = graph.delivered(phone).slice(-1);
    // Read, then a delivered that arrives late, twice: read stands.
    await graph.sendStatus(news?.messageId ?? "", phone, "read");
    await graph.sendStatus(news?.messageId ?? "", phone, "delivered");
    await graph.sendStatus(news?.messageId ?? "", phone, "delivered");
    const read = await waitFor("read news", async () => {
      const found = await getOrderNewsDelivery(context, businessId, number);
      return found?.state === "read" ? found : undefined;
    });
    expect(read.readAt).toBeInstanceOf(Date);
    expect(read.deliveredAt).toBeInstanceOf(Date);
    // A status for a message this system never sent is kept and counted, and breaks nothing.
    const unknownBefore = await metric(/^sisconf_message_statuses_total\{.*status="unknown"/);
    await graph.sendStatus("wamid.never-sent-by-us", phone, "delivered");
    await waitFor("the unknown status counted", async () =>
      (await metric(/^sisconf_message_statuses_total\{.*status="unknown"/)) > unknownBefore ? true : undefined,
    );
    expect(await metric(/^sisconf_message_statuses_total\{.*status="read"/)).toBeGreaterThanOrEqual(1);
  });

  it("takes an order from a customer known only by a business-scoped id, answers them there, and keeps them when their phone shows", async () => {
    const userId = "BR.1502576394655843";
    const number = await orderInChat({ userId });
    const replies = graph.delivered(userId);
    expect(replies[0]?.body.recipient).toBe(userId);
    expect(replies[0]?.body.to).toBeUndefined();
    const byId = await system.request("GET", "/api/v1/orders");
    expect(byId.body.orders.find((order: { number: number }) => order.number === number)).toMatchObject({
      phone: userId,
    });
    // The news of the order reaches them by the same id.
    await cancel(number);
    const news = await deliveredTo(userId, replies.length + 1);
    expect(news.at(-1)?.body.text?.body).toMatch(/cancelado/);
    // Later the phone comes along with the id: the same customer, now shown by the phone.
    const phone = "5584977770005";
    await write({ phone, userId }, "status");
    await deliveredTo(phone, 1);
    const byPhone = await system.request("GET", `/api/v1/orders?phone=${phone}`);
    expect(byPhone.body.orders.map((order: { number: number }) => order.number)).toEqual([number]);
    const customers = await selectRows<{ phone: string }>(
      system.runtime.context.db,
      sql`select phone from customers where platform_user_id = ${userId} or phone in (${userId}, ${phone})`,
    );
    expect(customers).toEqual([{ phone }]);
  });

  it("gets 21 sheet links to one entrepreneur without tripping the pair rate, each once", async () => {
    const context = system.runtime.context;
    const links = Array.from({ length: 21 }, (_, index) => ({
      filename: `fornecedor-${index + 1}-9.xlsx`,
      url: graph.serveFile(`fornecedor-${index + 1}-9.xlsx`, Buffer.from(`sheet ${index}`), "application/octet-stream"),
    }));
    await write({ phone: ENTREPRENEUR }, "ajuda", "Dona");
    await deliveredTo(ENTREPRENEUR, 1);
    await queueNotifications(
      context.db,
      links.map((link, index) => ({
        businessId: system.runtime.businessId,
        phone: ENTREPRENEUR,
        payload: {
          kind: "sheet_ready",
          batchNumber: 9,
          sheetId: 9000 + index,
          filename: link.filename,
          url: link.url,
          providerName: `Fornecedor ${index + 1}`,
        },
        dedupeKey: `test-sheet:${index}`,
      })),
    );
    const sent = await deliveredTo(ENTREPRENEUR, 22, 60_000);
    const documents = sent.filter((request) => request.body.type === "document");
    expect(documents.map((request) => request.body.document?.filename).sort()).toEqual(
      links.map((link) => link.filename).sort(),
    );
    expect(graph.requests.filter((request) => request.errorCode === 131056)).toEqual([]);
  }, 90_000);

  it("stops at a customer who is not on WhatsApp, reported after acceptance, and tells the entrepreneur once", async () => {
    const phone = "5584977770006";
    const first = await orderInChat({ phone });
    graph.failLater(phone, 131026, "Message undeliverable");
    const before = graph.delivered(ENTREPRENEUR).length;
    await cancel(first);
    const notice = await waitFor("the entrepreneur's notice", () =>
      graph
        .delivered(ENTREPRENEUR)
        .slice(before)
        .find((request) => /não tem WhatsApp/.test(request.body.text?.body ?? "")),
    );
    expect(notice.body.text?.body).toContain(phone);
    // They write again (so they are on WhatsApp after all, for now) and order; then the news fails the same way.
    const second = await orderInChat({ phone });
    const sentToPhone = graph.delivered(phone).length;
    await cancel(second);
    const news = await waitFor("the second news given up", async () => {
      const found = await getOrderNewsDelivery(system.runtime.context, system.runtime.businessId, second);
      return found?.state === "failed" ? found : undefined;
    });
    expect(news.errorCode).toBe(131026);
    await sleep(300);
    expect(graph.delivered(phone)).toHaveLength(sentToPhone);
    const notices = graph
      .delivered(ENTREPRENEUR)
      .filter((request) => /não tem WhatsApp/.test(request.body.text?.body ?? ""));
    expect(notices).toHaveLength(1);
  });

  it.each([
    [131050, "opted out", "failed", false],
    [131049, "per-user marketing limit", "waiting", true],
    [131048, "spam rate limit", "waiting", true],
  ])("answers a refusal %s (%s) without a storm of retries", async (code, _label, state, later) => {
    const phone = `55849777701${String(code).slice(-2)}`;
    const number = await orderInChat({ phone });
    const before = graph.requests.filter((request) => request.body.to === phone).length;
    graph.failNext(1, 400, code);
    await cancel(number);
    const news = await waitFor(`the news ${state}`, async () => {
      const found = await getOrderNewsDelivery(system.runtime.context, system.runtime.businessId, number);
      return found?.state === state && found.errorCode === code ? found : undefined;
    });
    expect(news.newsStatus).toBe("cancelled");
    await sleep(1500);
    // One try, and the next one (if any) hours away.
    expect(graph.requests.filter((request) => request.body.to === phone).slice(before)).toHaveLength(1);
    const [row] = await selectRows<{ next_attempt_at: string }>(
      system.runtime.context.db,
      sql`select next_attempt_at from notifications where phone = ${phone} and payload->>'kind' = 'order_status'`,
    );
    if (later) expect(new Date(row?.next_attempt_at ?? 0).getTime()).toBeGreaterThan(Date.now() + 3_600_000);
  });

  it("keeps news whose template is paused, counts it, and sends it once the template is fixed", async () => {
    const phone = "5584977770007";
    const number = await orderInChat({ phone });
    await silence(phone);
    graph.pauseTemplate("sisconf_pedido_status");
    const errorsBefore = await metric(/^sisconf_whatsapp_template_errors_total\{code="132015"/);
    await cancel(number);
    await waitFor("the template refused", () =>
      graph.requests.find((request) => request.body.to === phone && request.errorCode === 132015),
    );
    const waiting = await waitFor("the news kept", async () => {
      const found = await getOrderNewsDelivery(system.runtime.context, system.runtime.businessId, number);
      return found?.state === "waiting" && found.errorCode === 132015 ? found : undefined;
    });
    expect(waiting.newsStatus).toBe("cancelled");
    expect(await metric(/^sisconf_whatsapp_template_errors_total\{code="132015"/)).toBe(
      (Number.isNaN(errorsBefore) ? 0 : errorsBefore) + 1,
    );
    for (const template of graph.templates.values()) template.status = "APPROVED";
    expect(await releaseHeldNotifications(system.runtime.context, system.runtime.businessId)).toBe(1);
    // The summary, the confirmation and the delivery-or-pickup question went first.
    const [news] = (await deliveredTo(phone, 4)).slice(3);
    expect(news?.body.template?.name).toBe("sisconf_pedido_status");
  });

  // These close the batch: they come last, after every test that changes an open order.
  it("tells a sold-out product and the team's answer to a customer silent for more than 24 hours as their templates", async () => {
    const phone = "5584977770011";
    const number = await orderInChat({ phone });
    await write({ phone }, "vocês entregam no sábado?");
    const asked = await deliveredTo(phone, 4);
    const handoff = Number(/#(\d+)/.exec(asked.at(-1)?.body.text?.body ?? "")?.[1]);
    expect(handoff).toBeGreaterThan(0);
    await silence(phone);
    const before = graph.delivered(phone).length;
    await write({ phone: ENTREPRENEUR }, "acabou tomate", "Dona");
    const [soldOut] = (await deliveredTo(phone, before + 1)).slice(before);
    const answered = await system.request("POST", `/api/v1/handoffs/${handoff}/answer`, {
      text: "Entregamos sim,\ndas 8h às 12h.",
    });
    expect(answered.status).toBe(200);
    const [answer] = (await deliveredTo(phone, before + 2)).slice(before + 1);
    await write({ phone: ENTREPRENEUR }, "voltou tomate", "Dona");
    const parameters = (request: GraphRequest | undefined) =>
      request?.body.template?.components?.[0]?.parameters?.map((parameter) => parameter.text);
    expect(soldOut?.body.template?.name).toBe("sisconf_produto_esgotado");
    expect(parameters(soldOut)).toEqual(["Tomate", String(number)]);
    expect(answer?.body.template?.name).toBe("sisconf_resposta_pergunta");
    // Meta refuses line breaks in a parameter: the answer goes on one line.
    expect(parameters(answer)).toEqual(["Entregamos sim, das 8h às 12h."]);
    expect(graph.requests.filter((request) => request.body.to === phone && request.errorCode)).toEqual([]);
  });

  it("sends the final total, the Pix code and its QR image by media id inside the window; outside it, the template alone", async () => {
    const inside = "5584977770012";
    const outside = "5584977770013";
    const insideOrder = await orderInChat({ phone: inside });
    const outsideOrder = await orderInChat({ phone: outside });
    expect((await system.request("POST", "/api/v1/batches/current/close")).status).toBe(200);
    const listed = await system.request("GET", "/api/v1/orders");
    for (const number of [insideOrder, outsideOrder]) {
      const order = listed.body.orders.find((entry: { number: number }) => entry.number === number);
      const recorded = await system.request("PUT", `/api/v1/orders/${order.id}/delivered`, {
        items: [{ sku: "tomate", quantity: "2.150" }],
      });
      expect(recorded.status).toBe(200);
    }
    await deliveredTo(inside, 4);
    await silence(outside);
    const insideBefore = graph.delivered(inside).length;
    const outsideBefore = graph.delivered(outside).length;
    await write({ phone: ENTREPRENEUR }, `pedido ${insideOrder} pronto`, "Dona");
    await write({ phone: ENTREPRENEUR }, `pedido ${outsideOrder} pronto`, "Dona");

    const [total, code, picture] = (await deliveredTo(inside, insideBefore + 3)).slice(insideBefore);
    expect(total?.body.text?.body).toContain("Total final");
    const pix = code?.body.text?.body ?? "";
    expect(readBrCode(pix).crcValid).toBe(true);
    expect(picture?.body).toMatchObject({
      type: "image",
      image: { caption: expect.stringContaining(`pedido #${insideOrder}`) },
    });
    const uploaded = graph.media.get(picture?.body.image?.id ?? "");
    expect(uploaded).toMatchObject({ type: "image/png", filename: `pix-${insideOrder}.png` });
    const image = PNG.sync.read(uploaded?.bytes ?? Buffer.alloc(0));
    expect(jsqr.default(new Uint8ClampedArray(image.data), image.width, image.height)?.data).toBe(pix);

    // Outside the window: the final total's template carries the code; the code alone and the picture are left out.
    const [template] = (await deliveredTo(outside, outsideBefore + 1)).slice(outsideBefore);
    expect(template?.body.template?.name).toBe("sisconf_total_final");
    const carried = template?.body.template?.components?.[0]?.parameters?.map((parameter) => parameter.text) ?? [];
    expect(carried[0]).toBe(String(outsideOrder));
    expect(readBrCode(carried[2] ?? "").crcValid).toBe(true);
    const leftOut = await waitFor("the code and picture left out", async () => {
      const rows = await selectRows<{ kind: string; status: string; last_error: string }>(
        system.runtime.context.db,
        sql`select payload->>'kind' as kind, status, last_error from notifications
          where phone = ${outside} and payload->>'kind' in ('pix_code', 'pix_qr') order by id`,
      );
      return rows.length === 2 && rows.every((row) => row.status === "failed") ? rows : undefined;
    });
    expect(leftOut.map((row) => row.kind)).toEqual(["pix_code", "pix_qr"]);
    expect(leftOut[0]?.last_error).toMatch(/^left out: outside the 24-hour window/);
    await sleep(300);
    expect(graph.delivered(outside).slice(outsideBefore)).toHaveLength(1);
    expect(graph.requests.filter((request) => request.body.to === outside && request.errorCode)).toEqual([]);
    expect(await metric(/^sisconf_messages_sent_total\{.*outcome="left_out"/)).toBe(2);
  });
});
