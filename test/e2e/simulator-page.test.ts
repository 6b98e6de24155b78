import { existsSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { type Browser, type BrowserContext, chromium, type Locator, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { pixQrImage } from "../../core/app/pix-qr-image.ts";
import { exampleCatalog } from "../support/example-catalog.ts";
import { startTestSystem, type TestSystem } from "../support/test-system.ts";

const CHROMIUM = "/usr/bin/chromium";
const CUSTOMER = "5584999990001";
const ADMIN = "5584999990009";
/** Where the screenshots go, to be looked at by a person; never committed. */
const SCREENSHOTS = tmpdir();

/** A chat bubble: "in" is what the phone sent, "out" what the bot answered. */
function bubble(page: Page, direction: "in" | "out", text: string): Locator {
  return page.locator(`[data-testid="message"][data-direction="${direction}"]`, { hasText: text });
}

async function openAs(page: Page, url: string, phone: string, name?: string): Promise<void> {
  await page.goto(`${url}/sim`);
  await page.getByTestId("phone-input").fill(phone);
  if (name) await page.getByTestId("name-input").fill(name);
  await page.getByTestId("open-chat").click();
  await page.getByTestId("connection-status").filter({ hasText: "online" }).waitFor();
}

async function say(page: Page, text: string): Promise<void> {
  await page.getByTestId("message-input").fill(text);
  await page.getByTestId("message-input").press("Enter");
}

/** The phone's history as the page reads it, stood in for (messages the sheets worker or the outbox would send). */
async function standInHistory(page: Page, phone: string, messages: Array<Record<string, unknown>>): Promise<void> {
  await page.route(`**/sim/messages?phone=${phone}`, (route) =>
    route.fulfill({ status: 200, contentType: "application/json", body: JSON.stringify({ messages }) }),
  );
}

describe("the /sim chat page in Chromium", () => {
  let system: TestSystem;
  let browser: Browser;
  let context: BrowserContext;

  beforeAll(async () => {
    if (!existsSync(CHROMIUM)) {
      throw new Error(`Chromium is not installed at ${CHROMIUM}; install it with: apt-get install -y chromium`);
    }
    system = await startTestSystem("pglite", { ADMIN_PHONES: ADMIN });
    const imported = await system.request("PUT", "/api/v1/catalog", exampleCatalog());
    expect(imported.status).toBe(200);
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      headless: true,
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
      ],
    });
    context = await browser.newContext({ locale: "pt-BR", timezoneId: "America/Fortaleza" });
    context.setDefaultTimeout(15_000);
  });

  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await system?.close();
  });

  it("lets a customer order and confirm, and shows the batch close to the admin and its notice to the customer live", async () => {
    const customer = await context.newPage();
    await openAs(customer, system.url, CUSTOMER, "Ana");
    await expect(customer.getByTestId("current-phone").textContent()).resolves.toContain("+55 84 99999-0001");
    await expect(customer.getByTestId("bot-name").textContent()).resolves.toBe("SISCONF");
    // Marks this document, so that finding the mark later proves the page was never reloaded.
    await customer.evaluate(() => document.body.setAttribute("data-loaded-once", "yes"));

    await say(customer, "2kg de tomate e meia dúzia de ovos");
    await bubble(customer, "in", "2kg de tomate e meia dúzia de ovos").waitFor();
    const summary = bubble(customer, "out", "R$ 22,50");
    await summary.waitFor();
    // WhatsApp's *bold* is shown bold, not with its asterisks.
    await expect(summary.locator("strong", { hasText: "Total: R$ 22,50" }).count()).resolves.toBe(1);
    await expect(summary.textContent()).resolves.not.toContain("*");

    await customer.getByTestId("message-input").fill("sim");
    await customer.getByTestId("send-button").click();
    await bubble(customer, "out", "confirmado").waitFor();

    const admin = await context.newPage();
    await openAs(admin, system.url, ADMIN);
    await say(admin, "fechar lote");
    await bubble(admin, "out", "Lote 1 fechado").waitFor();

    await bubble(customer, "out", "Seu pedido #1 foi fechado e encomendado aos fornecedores").waitFor();
    await expect(customer.evaluate(() => document.body.getAttribute("data-loaded-once"))).resolves.toBe("yes");

    // Each message once, although the POST's answer and the event stream both carry the replies.
    await expect(bubble(customer, "in", "2kg de tomate").count()).resolves.toBe(1);
    await expect(bubble(customer, "out", "Responda").count()).resolves.toBe(1);
    await expect(bubble(customer, "out", "confirmado").count()).resolves.toBe(1);
    await expect(customer.locator('[data-testid="message"][data-direction="in"]').count()).resolves.toBe(2);
    await expect(admin.locator('[data-testid="message"][data-direction="in"]').count()).resolves.toBe(1);

    await customer.screenshot({ path: path.join(SCREENSHOTS, "sisconf-simulator-customer.png") });
    await admin.screenshot({ path: path.join(SCREENSHOTS, "sisconf-simulator-admin.png") });
    await customer.close();
    await admin.close();
  }, 90_000);

  it("shows the whole conversation again, once, when the phone is opened on a new page", async () => {
    const page = await context.newPage();
    await page.goto(`${system.url}/sim`);
    // The phone used before is remembered in the recent list.
    const recent = page.locator(`[data-testid="recent-phone"][data-phone="${CUSTOMER}"]`);
    await expect(recent.textContent()).resolves.toContain("Ana");
    await recent.click();
    await page.getByTestId("connection-status").filter({ hasText: "online" }).waitFor();
    await bubble(page, "out", "encomendado aos fornecedores").waitFor();
    await expect(bubble(page, "out", "Responda").count()).resolves.toBe(1);
    // The list, its summary, "sim", the confirmation, the delivery-or-pickup question and the news of the close.
    await expect(page.locator('[data-testid="message"]').count()).resolves.toBe(6);
    await page.close();
  }, 60_000);

  it("opens one chat for a phone typed with or without Brazil's 55, and marks the entrepreneur's phones", async () => {
    const page = await context.newPage();
    for (const typed of ["(84) 99999-0009", "+55 84 99999-0009", "84999990009"]) {
      await page.goto(`${system.url}/sim`);
      await page.getByTestId("phone-input").fill(typed);
      await page.getByTestId("open-chat").click();
      await page.getByTestId("connection-status").filter({ hasText: "online" }).waitFor();
      expect(new URL(page.url()).hash).toBe(`#${ADMIN}`);
      await expect(page.getByTestId("current-phone").textContent()).resolves.toContain("+55 84 99999-0009");
      await page.getByTestId("current-phone").getByTestId("entrepreneur-badge").waitFor();
      // The name offered with the last phone used (Ana's) does not stay beside another phone.
      await expect(page.getByTestId("current-phone").textContent()).resolves.not.toContain("Ana");
      // The conversation of the first test, whichever way the phone was typed.
      await bubble(page, "out", "Lote 1 fechado").waitFor();
    }
    // The side panel lists the entrepreneurs, and marks them among the recent phones.
    await page.locator(`[data-testid="entrepreneur-phone"][data-phone="${ADMIN}"]`).waitFor();
    await page
      .locator(`[data-testid="recent-phone"][data-phone="${ADMIN}"] [data-testid="entrepreneur-badge"]`)
      .waitFor();
    await expect(
      page.locator(`[data-testid="recent-phone"][data-phone="${CUSTOMER}"] [data-testid="entrepreneur-badge"]`).count(),
    ).resolves.toBe(0);
    await page.screenshot({ path: path.join(SCREENSHOTS, "sisconf-simulator-entrepreneur.png") });

    await openAs(page, system.url, "84 99999-0001");
    expect(new URL(page.url()).hash).toBe(`#${CUSTOMER}`);
    await expect(page.getByTestId("current-phone").getByTestId("entrepreneur-badge").count()).resolves.toBe(0);
    await page.close();
  }, 60_000);

  it("shows each message before the replies it caused, live as after a reload", async () => {
    const phone = "5584999990006";
    const live = await context.newPage();
    await openAs(live, system.url, phone, "Caio");
    for (const text of ["oi", "2kg de tomate", "sim", "retirada", "status"]) {
      const answered = live.waitForResponse(
        (response) => response.url().endsWith("/sim/messages") && response.request().method() === "POST",
      );
      await say(live, text);
      expect((await answered).status()).toBe(200);
    }
    const conversation = (page: Page) =>
      page
        .locator('[data-testid="message"]')
        .evaluateAll((bubbles) =>
          bubbles.map((element) => `${element.getAttribute("data-direction")}: ${element.textContent?.slice(0, 30)}`),
        );
    const reloaded = await context.newPage();
    await openAs(reloaded, system.url, phone);
    await bubble(reloaded, "in", "status").waitFor();
    await expect
      .poll(() => conversation(reloaded))
      .toHaveLength(await conversation(live).then((shown) => shown.length));
    const history = await conversation(reloaded);
    expect(history.filter((line) => line.startsWith("in: "))).toHaveLength(5);
    // Every message is followed by a reply of the bot, in the history and on the live page alike.
    history.forEach((line, index) => {
      if (line.startsWith("in: ")) expect(history[index + 1]).toMatch(/^out: /);
    });
    expect(history[0]).toMatch(/^in: oi/);
    await expect.poll(() => conversation(live)).toEqual(history);
    await live.close();
    await reloaded.close();
  }, 90_000);

  it("shows the server going away, stopping with the page open, and coming back by itself", async () => {
    const own = await startTestSystem("pglite");
    const port = new URL(own.url).port;
    const page = await context.newPage();
    await openAs(page, own.url, "(84) 99999-0007");
    await say(page, "oi");
    await bubble(page, "out", "Mande sua lista").waitFor();
    const stopping = Date.now();
    await own.close();
    // Idle, with a page and its event stream open: far less than the grace time of 20 s.
    expect(Date.now() - stopping).toBeLessThan(10_000);
    await page.getByTestId("server-away").filter({ hasText: "O SISCONF foi encerrado" }).waitFor();
    await expect(page.getByTestId("connection-status").textContent()).resolves.toBe("servidor parado");
    await page.getByTestId("message-input").fill("ainda aí?");
    await expect(page.getByTestId("send-button").isDisabled()).resolves.toBe(true);
    await page.screenshot({ path: path.join(SCREENSHOTS, "sisconf-simulator-server-away.png") });

    const again = await startTestSystem("pglite", { PORT: port });
    try {
      await page.getByTestId("connection-status").filter({ hasText: "online" }).waitFor({ timeout: 20_000 });
      await expect(page.getByTestId("server-away").isHidden()).resolves.toBe(true);
      await expect(page.getByTestId("send-button").isDisabled()).resolves.toBe(false);
    } finally {
      await page.close();
      await again.close();
    }
  }, 120_000);

  it("shows HTML typed by a person as text and never runs it", async () => {
    const page = await context.newPage();
    const dialogs: string[] = [];
    page.on("dialog", (dialog) => {
      dialogs.push(dialog.message());
      void dialog.dismiss();
    });
    await openAs(page, system.url, "5584999990002");
    const hostile = '<script>alert(1)</script><img src=x onerror="alert(2)"> *oi*';
    await say(page, hostile);
    const sent = bubble(page, "in", "<script>alert(1)</script>");
    await sent.waitFor();
    await bubble(page, "out", "").first().waitFor();
    await expect(sent.getByTestId("message-text").textContent()).resolves.toBe(
      '<script>alert(1)</script><img src=x onerror="alert(2)"> oi',
    );
    await expect(page.locator("#messages script, #messages img").count()).resolves.toBe(0);
    expect(dialogs).toEqual([]);
    await page.close();
  }, 60_000);

  it("refuses a phone that is not 10 to 15 digits, in Portuguese", async () => {
    const page = await context.newPage();
    await page.goto(`${system.url}/sim`);
    await page.getByTestId("phone-input").fill("12345");
    await page.getByTestId("open-chat").click();
    await page.getByTestId("phone-error").filter({ hasText: "Digite o telefone com DDD" }).waitFor();
    await expect(page.getByTestId("message-input").isDisabled()).resolves.toBe(true);
    await page.close();
  });

  it("shows the server's 400 error beside the message box and keeps the text", async () => {
    const page = await context.newPage();
    await openAs(page, system.url, "5584999990003");
    // The page checks what it can before sending; the server's refusal is forced here to see how it is shown.
    await page.route("**/sim/messages", (route) =>
      route.request().method() === "POST"
        ? route.fulfill({ status: 400, contentType: "application/json", body: '{"error":"text: must not be empty"}' })
        : route.continue(),
    );
    await say(page, "olá");
    await page.getByTestId("send-error").filter({ hasText: "text: must not be empty" }).waitFor();
    await expect(page.getByTestId("message-input").inputValue()).resolves.toBe("olá");
    await page.close();
  });

  it("fits a phone-sized screen, where Enter sends and Shift+Enter breaks the line", async () => {
    const page = await browser.newPage({ viewport: { width: 390, height: 844 }, locale: "pt-BR" });
    page.setDefaultTimeout(15_000);
    await openAs(page, system.url, "5584999990004", "Bia");
    await say(page, "oi");
    const help = bubble(page, "out", "Mande sua lista");
    await help.waitFor();
    await expect(help.locator("em").first().textContent()).resolves.toContain("2 kg de tomate");
    await expect(page.evaluate(() => document.documentElement.scrollWidth)).resolves.toBeLessThanOrEqual(390);

    const box = page.getByTestId("message-input");
    await box.click();
    await page.keyboard.type("2kg de tomate");
    await page.keyboard.press("Shift+Enter");
    await page.keyboard.type("1 alface");
    await expect(box.inputValue()).resolves.toBe("2kg de tomate\n1 alface");
    await expect(page.locator('[data-testid="message"][data-direction="in"]').count()).resolves.toBe(1);
    await page.keyboard.press("Enter");
    await bubble(page, "out", "Responda").waitFor();
    const sent = bubble(page, "in", "1 alface");
    await expect(sent.locator("br").count()).resolves.toBe(1);
    await expect(box.inputValue()).resolves.toBe("");
    await page.screenshot({ path: path.join(SCREENSHOTS, "sisconf-simulator-mobile.png") });
    await page.close();
  }, 60_000);

  it("shows a document as a download card and makes only web links clickable", async () => {
    const page = await context.newPage();
    // Sheet links come from the sheets worker; the history is stood in for here to check how they are drawn.
    await standInHistory(page, "5584999990005", [
      {
        direction: "out",
        text: "📊 Planilha do lote 1: https://files.example.test/batches/1/hortifruti_sertao-1.xlsx",
        document: {
          url: "https://files.example.test/batches/1/hortifruti_sertao-1.xlsx",
          filename: "hortifruti-sertao-1.xlsx",
        },
        at: new Date().toISOString(),
      },
      {
        direction: "out",
        text: "~riscado~ e javascript:alert(1)",
        document: { url: "javascript:alert(1)", filename: "x.xlsx" },
        at: new Date().toISOString(),
      },
    ]);
    await openAs(page, system.url, "5584999990005");
    const card = page.getByTestId("document").first();
    await card.waitFor();
    await expect(card.textContent()).resolves.toContain("📄");
    await expect(card.textContent()).resolves.toContain("hortifruti-sertao-1.xlsx");
    await expect(card.getAttribute("href")).resolves.toBe(
      "https://files.example.test/batches/1/hortifruti_sertao-1.xlsx",
    );
    const link = page.locator('[data-testid="message-text"] a').first();
    await expect(link.textContent()).resolves.toBe("https://files.example.test/batches/1/hortifruti_sertao-1.xlsx");
    await expect(page.getByTestId("document").nth(1).getAttribute("href")).resolves.toBeNull();
    await expect(page.locator('a[href^="javascript:"]').count()).resolves.toBe(0);
    await expect(page.locator("s", { hasText: "riscado" }).count()).resolves.toBe(1);
    await page.close();
  }, 60_000);

  it("shows a picture the bot sent (the Pix QR code) as an image with its caption, and no other kind of URL", async () => {
    const page = await context.newPage();
    const png = (await pixQrImage("00020126390014BR.GOV.BCB.PIX0117loja@example.com")).toString("base64");
    await standInHistory(page, "5584999990006", [
      {
        direction: "out",
        text: "QR Code do Pix do pedido #7",
        image: { url: `data:image/png;base64,${png}`, filename: "pix-7.png" },
        at: new Date().toISOString(),
      },
      {
        direction: "out",
        text: "outra",
        image: { url: "https://tracker.example.test/pixel.png", filename: "x.png" },
        at: new Date().toISOString(),
      },
    ]);
    await openAs(page, system.url, "5584999990006");
    const picture = page.getByTestId("image");
    await picture.waitFor();
    await expect(picture.count()).resolves.toBe(1);
    await expect(picture.getAttribute("alt")).resolves.toBe("pix-7.png");
    // Drawn by the browser: a decoded PNG has a width.
    await expect(picture.evaluate((element) => (element as HTMLImageElement).naturalWidth)).resolves.toBeGreaterThan(
      100,
    );
    await expect(bubble(page, "out", "QR Code do Pix do pedido #7").getByTestId("image").count()).resolves.toBe(1);
    await page.close();
  }, 60_000);
});
