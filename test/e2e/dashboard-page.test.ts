import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import path from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { chatAs, eventually } from "../support/chat.ts";
import { launchChromium } from "../support/chromium.ts";
import { exampleCatalog } from "../support/example-catalog.ts";
import { startTestSystem, TEST_API_TOKEN, type TestSystem } from "../support/test-system.ts";

/** Where the screenshots go, to be looked at by a person; never committed. */
const SCREENSHOTS = process.env.SISCONF_SCREENSHOTS ?? tmpdir();
const ADMIN = "5584999990100";
const AXE_SOURCE = createRequire(import.meta.url).resolve("axe-core/axe.min.js");

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[] }[];
}

/** axe-core run inside the page: the serious and critical violations, as "rule: help (elements)". */
async function seriousViolations(page: Page): Promise<string[]> {
  await page.addScriptTag({ path: AXE_SOURCE });
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(): Promise<{ violations: AxeViolation[] }> } }).axe;
    return (await axe.run()).violations;
  });
  return violations
    .filter((violation) => violation.impact === "serious" || violation.impact === "critical")
    .map(
      (violation) => `${violation.id}: ${violation.help} (${violation.nodes.map((node) => node.target).join(", ")})`,
    );
}

async function logIn(page: Page, url: string, token = TEST_API_TOKEN): Promise<void> {
  await page.goto(`${url}/painel/`);
  await page.getByTestId("token-input").fill(token);
  await page.getByTestId("login").click();
}

async function notice(page: Page, text: string): Promise<void> {
  await page.getByTestId("notice").filter({ hasText: text }).waitFor();
}

describe("the /painel dashboard and the /catalogo price list in Chromium", () => {
  let system: TestSystem;
  let browser: Browser;
  let page: Page;
  const customer = { phone: "5584999990101", name: "Ana" };
  let ana: ReturnType<typeof chatAs>;

  beforeAll(async () => {
    system = await startTestSystem("pglite", { BUSINESS_NAME: "Quitanda da Ana", ADMIN_PHONES: ADMIN });
    expect((await system.request("PUT", "/api/v1/catalog", exampleCatalog())).status).toBe(200);
    ana = chatAs(system, customer.phone, customer.name);
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 390, height: 844 }, locale: "pt-BR", bypassCSP: true });
    page.setDefaultTimeout(15_000);
    page.on("dialog", (dialog) => void dialog.accept());
  });

  afterAll(async () => {
    await browser?.close();
    await system?.close();
  });

  it("refuses a wrong token and keeps the right one for the tab's session only", async () => {
    await logIn(page, system.url, "not-the-token-0123456789");
    await notice(page, "Esse token não vale");
    await page.getByTestId("token-input").fill(TEST_API_TOKEN);
    await page.getByTestId("login").click();
    await page.getByTestId("open-batch").waitFor();
    await expect(page.evaluate(() => document.cookie)).resolves.toBe("");
    await expect(page.evaluate(() => Object.keys(localStorage).length)).resolves.toBe(0);
    await expect(page.evaluate(() => sessionStorage.getItem("sisconf.painel.session"))).resolves.toContain(
      TEST_API_TOKEN,
    );
  }, 60_000);

  it("changes a price in place, and the customer's next summary carries it", async () => {
    await page.getByTestId("nav-catalog").click();
    const price = page.getByTestId("price-tomate");
    await expect(price.inputValue()).resolves.toBe("7,50");
    // The page refuses what the API refuses, before sending.
    await price.fill("8,5O");
    await page.getByTestId("save-tomate").click();
    await notice(page, "Escreva o preço como 7,50");
    await price.fill("8,00");
    await page.getByTestId("save-tomate").click();
    await notice(page, "Tomate salvo");
    await expect(page.getByTestId("price-tomate").inputValue()).resolves.toBe("8,00");
    await page.screenshot({ path: path.join(SCREENSHOTS, "sisconf-painel-catalog-390.png"), fullPage: true });

    const replies = await ana.say("2kg de tomate");
    expect(replies.join("\n")).toContain("R$ 16,00");
    expect((await ana.say("sim")).join("\n")).toContain("confirmado");
  }, 60_000);

  it("shows the open batch with its orders and closes it, and the customer is told", async () => {
    await page.getByTestId("nav-batch").click();
    await page.getByTestId("order-row").filter({ hasText: "Ana" }).waitFor();
    await expect(page.getByTestId("batch-total").textContent()).resolves.toContain("16,00");
    await expect(page.getByTestId("open-batch").textContent()).resolves.toContain("Hortifruti Sertão");
    expect(await seriousViolations(page)).toEqual([]);
    await page.screenshot({ path: path.join(SCREENSHOTS, "sisconf-painel-batch-390.png"), fullPage: true });

    await page.getByTestId("close-batch").click();
    await notice(page, "Lote 1 fechado. O lote 2 está aberto.");
    await eventually(async () =>
      (await ana.transcript()).some((message) => message.text.includes("#1") && message.text.includes("encomendado")),
    );
  }, 60_000);

  it("tells a stale page that the batch was closed meanwhile, and closes nothing else", async () => {
    await chatAs(system, "5584999990102", "Bia").say("1 alface");
    await chatAs(system, "5584999990102", "Bia").say("sim");
    const stale = await browser.newPage({ viewport: { width: 1280, height: 900 }, locale: "pt-BR" });
    stale.setDefaultTimeout(15_000);
    stale.on("dialog", (dialog) => void dialog.accept());
    // The page's clock stands still, so its polling cannot refresh it before the click.
    await stale.clock.install();
    await logIn(stale, system.url);
    await stale.getByTestId("open-batch").filter({ hasText: "Lote 2" }).waitFor();
    expect((await system.request("POST", "/api/v1/batches/current/close")).status).toBe(200);
    await stale.getByTestId("close-batch").click();
    await notice(stale, "O lote 2 já foi fechado");
    const open = await system.request("GET", "/api/v1/batches/current");
    expect(open.body.number).toBe(3);
    await stale.close();
  }, 60_000);

  it("records a delivered quantity, a status change and the payment of an order, and shows its conversation", async () => {
    await page.getByTestId("nav-orders").click();
    await page.getByTestId("order-search").fill("ana");
    await expect(page.getByTestId("order-row").count()).resolves.toBe(1);
    await page.getByTestId("order-search").fill("#1");
    await page.getByTestId("order-row").filter({ hasText: "#1" }).getByRole("link").click();
    await page.getByTestId("order-detail").waitFor();

    await page.getByTestId("delivered-tomate").fill("-1");
    await page.getByTestId("save-delivered").click();
    await notice(page, "Escreva um número, zero ou mais");
    await page.getByTestId("delivered-tomate").fill("1,5");
    await page.getByTestId("save-delivered").click();
    await notice(page, "Quantidades entregues salvas");
    await expect(page.getByTestId("final-total").textContent()).resolves.toContain("12,00");

    await page.getByTestId("order-status").selectOption("on_the_way");
    await page.getByTestId("change-status").click();
    await page.getByTestId("order-status-text").filter({ hasText: "A caminho" }).waitFor();
    await eventually(async () => (await ana.transcript()).some((message) => message.text.includes("está a caminho")));

    await page.getByTestId("mark-paid").click();
    await page.getByTestId("payment-status").filter({ hasText: "Pago" }).waitFor();
    const order = await system.request("GET", "/api/v1/orders?phone=5584999990101");
    expect(order.body.orders[0]).toMatchObject({ finalTotal: "12.00", payment: { status: "paid" } });

    await page.getByTestId("show-transcript").click();
    await page.getByTestId("transcript-message").filter({ hasText: "2kg de tomate" }).waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await page.screenshot({ path: path.join(SCREENSHOTS, "sisconf-painel-order-390.png"), fullPage: true });
  }, 60_000);

  it("answers a customer's question from the page, and the answer reaches the chat", async () => {
    await ana.say("vocês entregam no sábado?");
    await page.getByTestId("nav-handoffs").click();
    const question = page.getByTestId("handoff").filter({ hasText: "vocês entregam no sábado?" });
    await question.waitFor();
    await question.locator("textarea").fill("Entregamos sim, das 8h às 12h.");
    await question.getByRole("button").click();
    await notice(page, "respondida");
    await eventually(async () =>
      (await ana.transcript()).some((message) => message.text.includes("Entregamos sim, das 8h às 12h.")),
    );
    expect(await seriousViolations(page)).toEqual([]);
  }, 60_000);

  it("shows the lists not confirmed and the scheduled close, and follows the chat without a reload", async () => {
    const caio = chatAs(system, "5584999990103", "Caio");
    const admin = chatAs(system, ADMIN);
    await page.getByTestId("nav-batch").click();
    await page.getByTestId("scheduled-close").filter({ hasText: "Fechamento automático desligado" }).waitFor();
    await expect(page.getByTestId("unconfirmed-lists").textContent()).resolves.toContain(
      "Nenhuma lista esperando confirmação",
    );

    await caio.say("1kg de cebola");
    await admin.say("fechar lote quinta 18h");
    // The page reads the open batch again by itself (every 5 seconds): no click, no reload.
    const row = page.getByTestId("unconfirmed-row").filter({ hasText: "Caio" });
    await row.waitFor();
    await expect(row.textContent()).resolves.toContain("1 item");
    await page
      .getByTestId("scheduled-close")
      .filter({ hasText: /Fecha sozinho: quinta-feira, \d\d\/\d\d.* 18:00/ })
      .waitFor();
    await expect(page.getByTestId("scheduled-close").textContent()).resolves.toMatch(/Lembrete .*12:00/);
    expect(await seriousViolations(page)).toEqual([]);
    await page.screenshot({ path: path.join(SCREENSHOTS, "sisconf-painel-unconfirmed-390.png"), fullPage: true });

    await caio.say("sim");
    await page.getByTestId("order-row").filter({ hasText: "Caio" }).waitFor();
    await expect(page.getByTestId("unconfirmed-row").count()).resolves.toBe(0);
    await admin.say("fechamento automático desligado");
    await page.getByTestId("scheduled-close").filter({ hasText: "Fechamento automático desligado" }).waitFor();
  }, 60_000);

  it("shows each customer's address, who said parar and what each owes, and follows the chat", async () => {
    const caio = chatAs(system, "5584999990103", "Caio");
    await caio.say("entrega");
    await caio.say("Rua das Flores, 12, Centro, perto da padaria");
    // Bia's order (batch 2) is delivered and not paid: she owes it.
    const batches = await system.request("GET", "/api/v1/batches");
    const second = batches.body.batches.find((batch: { number: number }) => batch.number === 2);
    for (const status of ["on_the_way", "arrived", "delivered"]) {
      expect((await system.request("PATCH", `/api/v1/batches/${second.id}`, { status })).status).toBe(200);
    }
    const owed = await system.request("GET", "/api/v1/payments/due");

    await page.getByTestId("nav-customers").click();
    const rowOf = (name: string) => page.getByTestId("customer-row").filter({ hasText: name });
    await rowOf("Caio").getByTestId("customer-delivery").filter({ hasText: "Rua das Flores, 12, Centro" }).waitFor();
    // Money is written as Intl writes reais, with a no-break space after "R$".
    const owes = async (name: string) =>
      ((await rowOf(name).getByTestId("customer-owes").textContent()) ?? "").replace(/\s/g, " ");
    await expect(owes("Bia")).resolves.toBe(`Deve R$ ${owed.body.total.replace(".", ",")}1 pedido a pagar`);
    await expect(owes("Ana")).resolves.toBe("R$ 0,00");
    // The entrepreneur is no customer.
    await expect(page.getByTestId("customer-row").filter({ hasText: ADMIN }).count()).resolves.toBe(0);
    await expect(rowOf("Caio").getByTestId("customer-stopped").count()).resolves.toBe(0);

    await caio.say("parar");
    await rowOf("Caio").getByTestId("customer-stopped").waitFor();
    await page.getByTestId("customer-search").fill("bia");
    await expect(page.getByTestId("customer-row").count()).resolves.toBe(1);
    await page.getByTestId("customer-search").fill("");
    expect(await seriousViolations(page)).toEqual([]);
    await page.screenshot({ path: path.join(SCREENSHOTS, "sisconf-painel-clientes-390.png"), fullPage: true });
  }, 60_000);

  it("fits a phone and a laptop on every section", async () => {
    const wide = await browser.newPage({ viewport: { width: 1280, height: 900 }, locale: "pt-BR" });
    wide.setDefaultTimeout(15_000);
    await logIn(wide, system.url);
    await wide.getByTestId("nav-batches").click();
    const sheet = wide.getByTestId("batch-card").filter({ hasText: "Lote 1" }).getByTestId("sheet-link").first();
    await expect(sheet.getAttribute("href")).resolves.toMatch(/^http:\/\/localhost:\d+\//);
    for (const section of ["batch", "orders", "catalog", "batches", "customers", "handoffs"]) {
      for (const shown of [page, wide]) {
        await shown.getByTestId(`nav-${section}`).click();
        await shown.locator("main section").first().waitFor();
        await expect(shown.evaluate(() => document.documentElement.scrollWidth)).resolves.toBeLessThanOrEqual(
          shown.viewportSize()?.width ?? 0,
        );
        const width = shown.viewportSize()?.width;
        await shown.screenshot({
          path: path.join(SCREENSHOTS, `sisconf-painel-${section}-${width}.png`),
          fullPage: true,
        });
      }
    }
    expect(await seriousViolations(page)).toEqual([]);
    await wide.close();
  }, 90_000);

  it("shows the public price list by category with prices and units, and nothing about customers or costs", async () => {
    const list = await browser.newPage({ viewport: { width: 390, height: 844 }, bypassCSP: true });
    for (const address of ["/catalogo", "/catalog"]) {
      const response = await list.goto(`${system.url}${address}`);
      expect(response?.status()).toBe(200);
      await expect(list.locator("h1").textContent()).resolves.toBe("Quitanda da Ana");
      await expect(list.locator("h2", { hasText: "Legumes" }).count()).resolves.toBe(1);
      const tomato = list.locator("li", { hasText: "Tomate" }).first();
      await expect(tomato.textContent()).resolves.toContain("R$ 8,00/kg");
      const text = (await list.locator("body").textContent()) ?? "";
      expect(text).not.toContain("5,25");
      expect(text).not.toContain("Ana ");
      expect(text).not.toContain("5584999990101");
    }
    expect(await seriousViolations(list)).toEqual([]);
    await list.screenshot({ path: path.join(SCREENSHOTS, "sisconf-catalogo-390.png"), fullPage: true });
    await list.setViewportSize({ width: 1280, height: 900 });
    await list.screenshot({ path: path.join(SCREENSHOTS, "sisconf-catalogo-1280.png"), fullPage: true });
    await list.close();
  }, 60_000);
});
