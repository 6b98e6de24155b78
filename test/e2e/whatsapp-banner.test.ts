import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { recordWhatsappSession } from "../../core/app/record-whatsapp-session.ts";
import { launchChromium } from "../support/chromium.ts";
import { startTestSystem, TEST_API_TOKEN, type TestSystem } from "../support/test-system.ts";

/* The API role alone: the session comes from the database, written as the bot role writes it. */
describe("the dashboard's WhatsApp banner in Chromium", () => {
  let system: TestSystem;
  let browser: Browser;

  beforeAll(async () => {
    system = await startTestSystem("pglite", {}, ["api"]);
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await system?.close();
  });

  it("says the session was lost until it is back, then that it came back", async () => {
    const { context, businessId } = system.runtime;
    const lostAt = new Date(Date.now() - 10 * 60_000);
    await recordWhatsappSession(context, {
      businessId,
      state: "qr",
      loss: { kind: "logged_out", at: lostAt, backAt: null },
    });
    const page = await browser.newPage({ locale: "pt-BR" });
    page.setDefaultTimeout(15_000);
    await page.goto(`${system.url}/painel/`);
    await page.getByTestId("token-input").fill(TEST_API_TOKEN);
    await page.getByTestId("login").click();
    const banner = page.getByTestId("whatsapp-banner");
    await banner.filter({ hasText: "O WhatsApp do bot foi desconectado no celular em" }).waitFor();
    expect(await banner.getAttribute("class")).toBe("error");

    await recordWhatsappSession(context, {
      businessId,
      state: "connected",
      loss: { kind: "logged_out", at: lostAt, backAt: new Date() },
    });
    await banner.filter({ hasText: "e voltou em" }).waitFor();
    expect(await banner.getAttribute("class")).toBe("ok");
    await page.close();
  });
});
