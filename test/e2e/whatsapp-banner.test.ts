import { sql } from "drizzle-orm";
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

  /** The dashboard, logged in with the API token, and its banner. */
  const loggedIn = async () => {
    const page = await browser.newPage({ locale: "pt-BR" });
    page.setDefaultTimeout(15_000);
    await page.goto(`${system.url}/painel/`);
    await page.getByTestId("token-input").fill(TEST_API_TOKEN);
    await page.getByTestId("login").click();
    return { page, banner: page.getByTestId("whatsapp-banner") };
  };

  it("says the session was lost until it is back, then that it came back", async () => {
    const { context, businessId } = system.runtime;
    const lostAt = new Date(Date.now() - 10 * 60_000);
    await recordWhatsappSession(context, {
      businessId,
      state: "qr",
      loss: { kind: "logged_out", at: lostAt, backAt: null },
    });
    const { page, banner } = await loggedIn();
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

  it("says the bot went silent when it stopped vouching for a connected session, and nothing once it is heard again", async () => {
    const { context, businessId } = system.runtime;
    await recordWhatsappSession(context, { businessId, state: "connected", loss: null });
    // Last heard from five minutes ago: killed without a word.
    const seenAt = new Date(Date.now() - 5 * 60_000);
    await context.db.execute(sql`update whatsapp_sessions set seen_at = ${seenAt.toISOString()}::timestamptz`);
    const { page, banner } = await loggedIn();
    await banner.filter({ hasText: "Sem notícias do bot desde" }).waitFor();
    expect(await banner.getAttribute("class")).toBe("error");

    await recordWhatsappSession(context, { businessId, state: "connected", loss: null });
    await banner.waitFor({ state: "hidden" });
    await page.close();
  });
});
