import { tmpdir } from "node:os";
import path from "node:path";
import KeycloakAdminClient from "@keycloak/keycloak-admin-client";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { chatAs } from "../support/chat.ts";
import { launchChromium } from "../support/chromium.ts";
import { exampleCatalog } from "../support/example-catalog.ts";
import { createPerson, passwordToken } from "../support/keycloak-people.ts";
import { KEYCLOAK_ADMIN, type KeycloakServer, startKeycloak } from "../support/keycloak-server.ts";
import { startTestSystem, type TestSystem } from "../support/test-system.ts";

const SCREENSHOTS = process.env.SISCONF_SCREENSHOTS ?? tmpdir();
const ENTREPRENEUR = { phone: "5584988770001", password: "painel-pass-1" };
const CATALOG_IMPORTER = { phone: "5584988770002", password: "painel-pass-2" };
/** The realm's public client, which /painel logs in through (KEYCLOAK_DASHBOARD_CLIENT_ID's default). */
const DASHBOARD_CLIENT = "sisconf-app";
/** Its access tokens live this long here, so that the test sees one run out. */
const TOKEN_LIFESPAN_SECONDS = 20;

describe("the /painel dashboard logging in through a real Keycloak in Chromium", () => {
  let keycloak: KeycloakServer;
  let system: TestSystem;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    // Keycloak's first start builds itself for minutes on a busy machine.
    keycloak = await startKeycloak({ startTimeoutMs: 600_000 });
    const admin = new KeycloakAdminClient({ baseUrl: keycloak.url, realmName: "master" });
    await admin.auth({ grantType: "password", clientId: "admin-cli", ...KEYCLOAK_ADMIN });
    admin.setConfig({ realmName: "sisconf" });
    await createPerson(admin, ENTREPRENEUR, ["entrepreneur"], {
      firstName: "Ana",
      lastName: "Souza",
      email: "ana@quitanda.example",
      emailVerified: true,
    });
    await createPerson(admin, CATALOG_IMPORTER, ["entrepreneur"]);
    const [client] = await admin.clients.find({ clientId: DASHBOARD_CLIENT });
    if (!client?.id) throw new Error(`the realm file has no ${DASHBOARD_CLIENT} client`);
    await admin.clients.update(
      { id: client.id },
      { ...client, attributes: { ...client.attributes, "access.token.lifespan": String(TOKEN_LIFESPAN_SECONDS) } },
    );

    system = await startTestSystem(
      "pglite",
      {
        KEYCLOAK_URL: keycloak.url,
        KEYCLOAK_CLIENT_ID: keycloak.serviceClient.clientId,
        KEYCLOAK_CLIENT_SECRET: keycloak.serviceClient.secret,
        KEYCLOAK_CLOCK_SKEW_SECONDS: "0",
        KEYCLOAK_TIMEOUT_MS: "5000",
      },
      ["api", "bot"],
    );
    // The catalog goes in with a realm token (the API token means nothing with Keycloak), of a person of its own
    // so that the browser's login is the first of the entrepreneur's (see passwordToken).
    const token = await passwordToken(keycloak, DASHBOARD_CLIENT, CATALOG_IMPORTER);
    expect((await system.request("PUT", "/api/v1/catalog", exampleCatalog(), token)).status).toBe(200);
    const customer = chatAs(system, "5584988770101", "Bia");
    await customer.say("2kg de tomate");
    expect((await customer.say("sim")).join("\n")).toContain("confirmado");

    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 390, height: 844 }, locale: "pt-BR" });
    page.setDefaultTimeout(20_000);
  }, 900_000);

  afterAll(async () => {
    await browser?.close();
    await system?.close();
    await keycloak?.close();
  }, 60_000);

  it("logs in by authorization code with PKCE through the realm's public client, and lists the orders", async () => {
    await page.goto(`${system.url}/painel/`);
    await page.getByTestId("keycloak-login").click();
    // Keycloak's own login page, on its own origin, asked with a PKCE challenge.
    await page.waitForURL(
      (url) => url.origin === keycloak.url && url.pathname.endsWith("/protocol/openid-connect/auth"),
    );
    const asked = new URL(page.url());
    expect(asked.searchParams.get("client_id")).toBe(DASHBOARD_CLIENT);
    expect(asked.searchParams.get("code_challenge_method")).toBe("S256");
    expect(asked.searchParams.get("response_type")).toBe("code");
    await page.locator("#username").fill(ENTREPRENEUR.phone);
    await page.locator("#password").fill(ENTREPRENEUR.password);
    await page.locator("#kc-login").click();

    await page.getByTestId("open-batch").waitFor();
    // The code and state are gone from the address bar; the token is in this tab's session only, never a cookie here.
    expect(new URL(page.url()).search).toBe("");
    await expect(page.evaluate(() => document.cookie)).resolves.toBe("");
    const session = await page.evaluate(() => sessionStorage.getItem("sisconf.painel.session"));
    expect(JSON.parse(session ?? "{}").token).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+$/);

    await page.getByTestId("nav-orders").click();
    const row = page.getByTestId("order-row").filter({ hasText: "Bia" });
    await row.waitFor();
    await expect(row.textContent()).resolves.toContain("15,00");
    await page.screenshot({ path: path.join(SCREENSHOTS, "sisconf-painel-keycloak-390.png"), fullPage: true });
  }, 60_000);

  it("goes back to the login when the token runs out, and Keycloak's session lets the entrepreneur back in", async () => {
    // Nobody touches the page: its own polling finds the session over.
    await page
      .getByTestId("notice")
      .filter({ hasText: "A sessão expirou" })
      .waitFor({ timeout: (TOKEN_LIFESPAN_SECONDS + 15) * 1000 });
    await page.getByTestId("keycloak-login").waitFor();
    await expect(page.getByTestId("order-row").count()).resolves.toBe(0);
    await expect(page.evaluate(() => sessionStorage.getItem("sisconf.painel.session"))).resolves.toBeNull();

    // Still logged in at Keycloak: no password asked, straight back to the dashboard.
    await page.getByTestId("keycloak-login").click();
    await page.getByTestId("open-batch").waitFor();
    await expect(page.locator("#password").count()).resolves.toBe(0);
  }, 90_000);

  it("goes back to the login when the API refuses the token before its time", async () => {
    // A token the API no longer takes (as after a logout elsewhere): the next read gets 401.
    await page.evaluate(() => {
      const session = JSON.parse(sessionStorage.getItem("sisconf.painel.session") ?? "{}");
      sessionStorage.setItem("sisconf.painel.session", JSON.stringify({ ...session, token: "a.b.c" }));
    });
    await page.getByTestId("notice").filter({ hasText: "A sessão expirou" }).waitFor();
    await page.getByTestId("keycloak-login").waitFor();
    await expect(page.locator("main").textContent()).resolves.not.toMatch(/Error|at .*\.js/);
  }, 30_000);
});
