import { describe, expect, it } from "vitest";
import { expirePending, readConversation } from "../../bot/dialogue/conversation.ts";
import { RateLimiter } from "../../bot/dialogue/rate-limiter.ts";
import { renderNotification, withPicture } from "../../bot/dialogue/render-notification.ts";
import { splitMessage } from "../../core/domain/whatsapp-text.ts";

describe("the rate limiter", () => {
  it("lets the limit through, warns once, then drops until the minute passes", () => {
    let now = 0;
    const limiter = new RateLimiter(3, () => now);
    expect(["a", "a", "a", "a", "a"].map((phone) => limiter.check(phone))).toEqual(["ok", "ok", "ok", "warn", "drop"]);
    expect(limiter.check("b")).toBe("ok");
    now = 61_000;
    expect(limiter.check("a")).toBe("ok");
  });

  it("takes back a message whose handling was rolled back, the warning included", () => {
    const limiter = new RateLimiter(2, () => 0);
    expect(["a", "a"].map((phone) => limiter.check(phone))).toEqual(["ok", "ok"]);
    const warned = limiter.check("a");
    expect(warned).toBe("warn");
    // The warning's transaction failed: nobody was told to slow down, so the next message past the limit is.
    limiter.undo("a", warned);
    expect(limiter.check("a")).toBe("warn");
    limiter.undo("a", "warn");
    limiter.undo("a", "ok");
    expect(limiter.check("a")).toBe("ok");
  });

  it("forgets phones that went quiet", () => {
    let now = 0;
    const limiter = new RateLimiter(1, () => now);
    limiter.check("a");
    limiter.check("a");
    now = 60_000;
    limiter.sweep();
    expect(limiter.check("a")).toBe("ok");
  });
});

describe("the conversation state", () => {
  it.each([
    [{}, {}],
    [{ locale: "en" }, { locale: "en" }],
    [{ locale: "fr" }, {}],
    [{ pending: { kind: "order", items: [{ sku: "x", quantityMilli: 1000 }], at: "2026-01-01T00:00:00Z" } }, null],
    [{ pending: { kind: "order", items: [{ sku: "x", quantityMilli: -5 }], at: "x" } }, {}],
    [{ pending: "garbage" }, {}],
  ])("reads %j defensively", (stored, expected) => {
    const conversation = readConversation(stored);
    expect(conversation).toEqual(expected ?? stored);
  });

  it("drops a pending summary older than its time to live, and keeps a fresh one", () => {
    const at = "2026-01-01T10:00:00.000Z";
    const stale = { pending: { kind: "cancel" as const, orderNumber: 1, at } };
    expect(expirePending(stale, new Date("2026-01-01T12:00:01Z"), 2 * 3600_000)).toBe(true);
    expect(stale.pending).toBeUndefined();
    const fresh = { pending: { kind: "cancel" as const, orderNumber: 1, at } };
    expect(expirePending(fresh, new Date("2026-01-01T11:59:59Z"), 2 * 3600_000)).toBe(false);
    expect(fresh.pending).toBeDefined();
  });
});

describe("long texts", () => {
  it("are split at line breaks into messages under the limit", () => {
    const text = Array.from({ length: 500 }, (_, index) => `linha ${index} ${"x".repeat(20)}`).join("\n");
    const parts = splitMessage(text, 4000);
    expect(parts.length).toBeGreaterThan(1);
    expect(parts.every((part) => part.length <= 4000)).toBe(true);
    expect(parts.join("\n")).toBe(text);
  });

  it("cut a single line longer than the limit", () => {
    const [part] = splitMessage("y".repeat(5000), 4000);
    expect(part?.length).toBe(4000);
  });

  it("lose nothing of a line longer than the limit", () => {
    const parts = splitMessage(`início\n${"x".repeat(25)}\nfim`, 10);
    expect(parts.every((part) => part.length <= 10)).toBe(true);
    expect(parts.join("").replaceAll("\n", "")).toBe(`início${"x".repeat(25)}fim`);
  });
});

describe("notifications are worded in the recipient's language", () => {
  it.each([
    [
      { kind: "order_status", orderNumber: 7, status: "on_the_way", batchNumber: 1 },
      "pt-BR",
      "Seu pedido #7 está a caminho 🚚",
    ],
    [
      { kind: "order_status", orderNumber: 7, status: "delivered", batchNumber: 1 },
      "en",
      "Your order #7 was delivered ✅ Thank you!",
    ],
    [
      { kind: "sheets_done", batchNumber: 3, ready: 4, failed: 0 },
      null,
      "✅ Todas as 4 planilhas do lote 3 estão prontas.",
    ],
    [{ kind: "reply", text: "olá" }, "en", "olá"],
    [
      { kind: "product_sold_out", orderNumber: 9, productName: "Morango" },
      "en",
      "⚠️ Morango sold out this week. Your order #9 still has it, shown as sold out, and it may not come. Want something else instead? Just send it.",
    ],
  ] as const)("%j in %s", (payload, locale, text) => {
    expect(renderNotification(payload, locale).text).toBe(text);
  });

  it("sends a ready sheet as a document with its link", () => {
    const message = renderNotification(
      {
        kind: "sheet_ready",
        batchNumber: 2,
        sheetId: 1,
        filename: "consolidado-2.xlsx",
        url: "http://x/f",
        providerName: null,
      },
      "pt-BR",
    );
    expect(message.document).toEqual({ url: "http://x/f", filename: "consolidado-2.xlsx" });
    expect(message.text).toContain("http://x/f");
  });

  it.each([
    ["pt-BR", "R$ 29,38", "Pix copia e cola na próxima mensagem"],
    ["en", "R$ 29,38", "Pix copy and paste in the next message"],
  ])("words a final total in %s with its template in the order templates.json gives", (locale, amount, pixNote) => {
    const code = "00020126390014BR.GOV.BCB.PIX0117loja@example.com520400005303986540529.38";
    const payload = {
      kind: "final_total",
      orderNumber: 42,
      batchNumber: 3,
      changes: [{ name: "Tomate", unit: "kg", beforeMilli: 2000, afterMilli: 2150 }],
      feeCents: 500,
      finalTotalCents: 2938,
      pixCode: code,
    } as const;
    const message = renderNotification({ ...payload, changes: [...payload.changes] }, locale);
    expect(message.text).toContain(amount);
    expect(message.text).toContain(pixNote);
    expect(message.template).toEqual({ kind: "final_total", parameters: ["42", amount, code] });
    // The code goes alone, so that it can be copied as it is; outside the window the template above carries it.
    expect(renderNotification({ kind: "pix_code", orderNumber: 42, code }, locale)).toEqual({
      text: code,
      coveredByTemplate: true,
    });
  });

  it("draws the Pix QR image only when it is sent, and leaves it out where only templates go", async () => {
    const code = "00020126390014BR.GOV.BCB.PIX0117loja@example.com520400005303986540529.38";
    const payload = { kind: "pix_qr", orderNumber: 42, code } as const;
    const worded = renderNotification(payload, "en");
    expect(worded).toEqual({
      text: "Pix QR code for order #42: scan it in your bank's app, or use the copy and paste code above.",
      coveredByTemplate: true,
    });
    const message = await withPicture(payload, worded);
    expect(message.image?.filename).toBe("pix-42.png");
    expect(
      Buffer.from(message.image?.png ?? [])
        .subarray(1, 4)
        .toString(),
    ).toBe("PNG");
    const other = { kind: "pix_code", orderNumber: 42, code } as const;
    expect(await withPicture(other, renderNotification(other, "en"))).toEqual(renderNotification(other, "en"));
  });

  it.each([
    [
      { kind: "product_sold_out", orderNumber: 9, productName: "Morango" },
      { kind: "sold_out", parameters: ["Morango", "9"] },
    ],
    [
      { kind: "handoff_answer", number: 3, text: "Entregamos sim,\ndas 8h às 12h." },
      { kind: "question_answer", parameters: ["Entregamos sim,\ndas 8h às 12h."] },
    ],
  ] as const)("gives %j its template for outside the window", (payload, template) => {
    expect(renderNotification(payload, "pt-BR").template).toEqual(template);
  });

  it("sends a provider its sheet as a document, naming the business and the batch, with the sheet template", () => {
    const message = renderNotification(
      {
        kind: "provider_sheet",
        businessName: "Horta da Ana",
        providerName: "Hortifruti Sertão",
        batchNumber: 3,
        url: "http://x/h",
        filename: "hortifruti-sertao-3.xlsx",
      },
      null,
    );
    expect(message.text).toBe("Olá, Hortifruti Sertão! Segue o pedido de Horta da Ana do lote 3.");
    expect(message.document).toEqual({ url: "http://x/h", filename: "hortifruti-sertao-3.xlsx" });
    expect(message.template?.kind).toBe("sheet_ready");
  });
});
