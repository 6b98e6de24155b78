import { generateKeyPairSync, sign } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import KeycloakAdminClient from "@keycloak/keycloak-admin-client";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { en } from "../../bot/dialogue/messages/en.ts";
import { ptBR } from "../../bot/dialogue/messages/pt-br.ts";
import { type RunningSystem, startSystem } from "../../cli/start-system.ts";
import { customers } from "../../core/db/schema.ts";
import { chatAs, eventually } from "../support/chat.ts";
import { exampleCatalog } from "../support/example-catalog.ts";
import { freePort } from "../support/free-port.ts";
import { createPerson, passwordToken } from "../support/keycloak-people.ts";
import { KEYCLOAK_ADMIN, type KeycloakServer, startKeycloak } from "../support/keycloak-server.ts";
import { startTestSystem, TEST_API_TOKEN, type TestSystem } from "../support/test-system.ts";

// One Keycloak for the whole file (its start-up is the slow part), stopped and started once by the last test.
// Each person logs in once (see passwordToken): a second token comes from a person of its own.

const ENTREPRENEUR = { phone: "5584988880001", password: "entrepreneur-pass-1" };
const CUSTOMER = { phone: "5584988880002", password: "customer-pass-1" };
const WRONG_AUDIENCE_CUSTOMER = { phone: "5584988880501", password: "customer-pass-2" };
const SHORT_LIVED_CUSTOMER = { phone: "5584988880502", password: "customer-pass-3" };
const OTHER_CUSTOMER = "5584988880003";
const IGNORED_ADMIN_PHONE = "5584988880009";
const PASSWORD_CLIENT = "sisconf-app";

const realmFile = JSON.parse(
  readFileSync(new URL("../../deploy/keycloak/realm-sisconf.json", import.meta.url), "utf8"),
) as { clients: { clientId: string; protocolMappers: Record<string, unknown>[] }[] };

describe("identity with a real Keycloak", () => {
  let keycloak: KeycloakServer;
  let system: TestSystem;
  let admin: KeycloakAdminClient;
  let environment: Record<string, string>;
  let entrepreneurToken: string;
  let customerToken: string;

  /** The bootstrap admin, working on the sisconf realm; again after a restart, which ends its session. */
  const connectAdmin = async () => {
    admin = new KeycloakAdminClient({ baseUrl: keycloak.url, realmName: "master" });
    await admin.auth({ grantType: "password", clientId: "admin-cli", ...KEYCLOAK_ADMIN });
    admin.setConfig({ realmName: "sisconf" });
  };

  const usersOfPhone = async (phone: string) => {
    const [byUsername, byAttribute] = await Promise.all([
      admin.users.find({ username: phone, exact: true }),
      admin.users.find({ q: `phone:${phone}`, exact: true }),
    ]);
    return { byUsername, byAttribute };
  };

  const customerRow = async (phone: string) => {
    const [row] = await system.runtime.context.db.select().from(customers).where(eq(customers.phone, phone));
    return row;
  };

  beforeAll(async () => {
    keycloak = await startKeycloak();
    await connectAdmin();
    await createPerson(admin, ENTREPRENEUR, ["entrepreneur"]);
    await createPerson(admin, CUSTOMER, ["customer"]);
    await createPerson(admin, WRONG_AUDIENCE_CUSTOMER, ["customer"]);
    await createPerson(admin, SHORT_LIVED_CUSTOMER, ["customer"]);
    environment = {
      KEYCLOAK_URL: keycloak.url,
      KEYCLOAK_CLIENT_ID: keycloak.serviceClient.clientId,
      KEYCLOAK_CLIENT_SECRET: keycloak.serviceClient.secret,
      KEYCLOAK_ROLE_CACHE_SECONDS: "1",
      KEYCLOAK_SYNC_INTERVAL_SECONDS: "1",
      KEYCLOAK_CLOCK_SKEW_SECONDS: "0",
      KEYCLOAK_TIMEOUT_MS: "5000",
      // Ignored with Keycloak: the realm decides who the entrepreneurs are.
      ADMIN_PHONES: IGNORED_ADMIN_PHONE,
    };
    system = await startTestSystem("postgres", environment, ["api", "bot"]);
    entrepreneurToken = await passwordToken(keycloak, PASSWORD_CLIENT, ENTREPRENEUR);
    customerToken = await passwordToken(keycloak, PASSWORD_CLIENT, CUSTOMER);
    const imported = await system.request("PUT", "/api/v1/catalog", exampleCatalog(), entrepreneurToken);
    expect(imported.status).toBe(200);
  }, 300_000);

  afterAll(async () => {
    await system?.close();
    await keycloak?.close();
  }, 60_000);

  it("creates one Keycloak user for a new customer even when its first messages race in two processes", async () => {
    const phone = "5584988880101";
    const dataDir = mkdtempSync(path.join(tmpdir(), "sisconf-data-"));
    let second: RunningSystem | undefined;
    try {
      second = await startSystem(["bot"], {
        ...environment,
        PORT: String(await freePort()),
        DATA_DIR: dataDir,
        DATABASE_URL: system.runtime.config.DATABASE_URL ?? "",
        API_TOKEN: TEST_API_TOKEN,
        LOG_LEVEL: "silent",
      });
      const viaSecond = second.url;
      const send = (url: string, id: string) =>
        fetch(`${url}/sim/messages`, {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify({ from: phone, name: "Rita", text: "oi", id }),
        }).then((response) => response.status);
      expect(
        await Promise.all([send(system.url, "race-1"), send(viaSecond, "race-2"), send(system.url, "race-3")]),
      ).toEqual([200, 200, 200]);
      const linked = await eventually(async () => (await customerRow(phone))?.identityId ?? undefined);
      // Both processes' syncs have run at least once more by now.
      await new Promise((resolve) => setTimeout(resolve, 1500));
      const { byUsername, byAttribute } = await usersOfPhone(phone);
      expect(byUsername).toHaveLength(1);
      expect(byAttribute).toHaveLength(1);
      const [user] = byUsername;
      expect(user?.id).toBe(linked);
      expect(user?.attributes).toMatchObject({ phone: [phone], whatsappName: ["Rita"] });
      const roles = await admin.users.listRealmRoleMappings({ id: linked });
      expect(roles.map((role) => role.name)).toContain("customer");
      expect((await customerRow(phone))?.identityId).toBe(linked);
    } finally {
      await second?.stop("test done");
      rmSync(dataDir, { recursive: true, force: true });
    }
  });

  it("reads the entrepreneur from the realm's role, not from ADMIN_PHONES", async () => {
    const summary = await chatAs(system, ENTREPRENEUR.phone).say("resumo");
    expect(summary[0]).toContain("Lote");
    expect(await chatAs(system, IGNORED_ADMIN_PHONE).say("resumo")).toEqual([ptBR.fallback()]);
    const { status, body } = await system.request("GET", "/api/v1/admins", undefined, entrepreneurToken);
    expect(status).toBe(200);
    expect(body.admins).toEqual([ENTREPRENEUR.phone]);
  });

  it("lets the entrepreneur grant and revoke the role by chat, and refuses customers and bad phones", async () => {
    const boss = chatAs(system, ENTREPRENEUR.phone);
    const helper = chatAs(system, "5584988880201", "Zé");
    expect(await helper.say("resumo")).toEqual([ptBR.fallback()]);

    expect(await boss.say("adicionar admin +55 (84) 98888-0201")).toEqual([ptBR.adminGranted("5584988880201")]);
    expect((await helper.say("resumo"))[0]).toContain("Lote");
    const [user] = (await usersOfPhone("5584988880201")).byUsername;
    const roles = await admin.users.listRealmRoleMappings({ id: user?.id ?? "" });
    expect(roles.map((role) => role.name)).toContain("entrepreneur");
    expect(await boss.say("adicionar admin 5584988880201")).toEqual([ptBR.adminAlready("5584988880201")]);

    expect(await boss.say("remove admin 5584988880201")).toEqual([en.adminRevoked("5584988880201")]);
    expect(await helper.say("resumo")).toEqual([ptBR.fallback()]);
    expect(await boss.say("remover admin 5584988880201")).toEqual([ptBR.adminNotAdmin("5584988880201")]);

    // A customer gets the ordinary answer, with no hint that the command exists; nothing changes.
    expect(await helper.say("adicionar admin 5584988880201")).toEqual([ptBR.fallback()]);
    expect(await helper.say("resumo")).toEqual([ptBR.fallback()]);

    expect(await boss.say("adicionar admin 12345")).toEqual([ptBR.adminPhoneInvalid("12345")]);
    expect(await boss.say("add admin")).toEqual([en.adminPhoneInvalid("")]);
    expect(await boss.say(`remover admin ${ENTREPRENEUR.phone}`)).toEqual([ptBR.adminSelfRevoke()]);
  });

  it("grants and revokes over the API, for entrepreneurs only", async () => {
    const phone = "5584988880301";
    expect(await system.request("PUT", `/api/v1/admins/${phone}`, undefined, customerToken)).toMatchObject({
      status: 403,
    });
    expect(await system.request("PUT", `/api/v1/admins/${phone}`, undefined, entrepreneurToken)).toEqual({
      status: 200,
      body: { phone, admin: true, changed: true },
    });
    expect((await system.request("GET", "/api/v1/admins", undefined, entrepreneurToken)).body.admins).toContain(phone);
    expect(await system.request("DELETE", `/api/v1/admins/${phone}`, undefined, entrepreneurToken)).toEqual({
      status: 200,
      body: { phone, admin: false, changed: true },
    });
    expect((await system.request("PUT", "/api/v1/admins/not-a-phone", undefined, entrepreneurToken)).status).toBe(400);
  });

  it("lets a customer's token read its own orders only", async () => {
    const mine = chatAs(system, CUSTOMER.phone, "Carla");
    await mine.say("2kg de tomate");
    expect((await mine.say("sim"))[0]).toContain("#");
    const theirs = chatAs(system, OTHER_CUSTOMER, "Otto");
    await theirs.say("1kg de cebola");
    expect((await theirs.say("sim"))[0]).toContain("#");

    const own = await system.request("GET", "/api/v1/orders", undefined, customerToken);
    expect(own.status).toBe(200);
    expect(own.body.orders.length).toBeGreaterThan(0);
    expect(own.body.orders.every((order: { phone: string }) => order.phone === CUSTOMER.phone)).toBe(true);

    expect(
      (await system.request("GET", `/api/v1/orders?phone=${OTHER_CUSTOMER}`, undefined, customerToken)).status,
    ).toBe(403);
    const all = await system.request("GET", "/api/v1/orders", undefined, entrepreneurToken);
    expect(all.status).toBe(200);
    const other = all.body.orders.find((order: { phone: string }) => order.phone === OTHER_CUSTOMER);
    expect(other).toBeDefined();
    expect((await system.request("GET", `/api/v1/orders/${other.id}`, undefined, customerToken)).status).toBe(403);
    expect(
      (await system.request("PATCH", `/api/v1/orders/${other.id}`, { status: "cancelled" }, customerToken)).status,
    ).toBe(403);
    expect((await system.request("GET", "/api/v1/batches", undefined, customerToken)).status).toBe(403);
  });

  it("answers 401 to the built-in API token and to malformed, foreign-signed, wrong-audience and expired tokens", async () => {
    const [encodedHeader = "", encodedPayload = ""] = entrepreneurToken.split(".");
    const foreignKey = generateKeyPairSync("rsa", { modulusLength: 2048 }).privateKey;
    // The realm's own kid and claims, signed with a key that is not the realm's.
    const foreignSigned = `${encodedHeader}.${encodedPayload}.${sign(
      "sha256",
      Buffer.from(`${encodedHeader}.${encodedPayload}`),
      foreignKey,
    ).toString("base64url")}`;
    const unsigned = `${Buffer.from(JSON.stringify({ alg: "none", typ: "JWT" })).toString("base64url")}.${encodedPayload}.`;
    const payload = JSON.parse(Buffer.from(encodedPayload, "base64url").toString()) as Record<string, unknown>;
    const otherIssuerPayload = Buffer.from(JSON.stringify({ ...payload, iss: "http://evil.example/realms/sisconf" }));
    const tamperedIssuer = `${encodedHeader}.${otherIssuerPayload.toString("base64url")}.${entrepreneurToken.split(".")[2]}`;
    // A real token of the realm, for a client without the API's audience (admin-cli comes with every realm).
    const wrongAudience = await passwordToken(keycloak, "admin-cli", WRONG_AUDIENCE_CUSTOMER);

    // A real token of a client whose tokens live one second, used after it expired.
    const source = realmFile.clients.find((client) => client.clientId === PASSWORD_CLIENT);
    await admin.clients.create({
      clientId: "short-lived",
      publicClient: true,
      directAccessGrantsEnabled: true,
      standardFlowEnabled: false,
      attributes: { "access.token.lifespan": "1" },
      protocolMappers: source?.protocolMappers ?? [],
    });
    const shortLived = await passwordToken(keycloak, "short-lived", SHORT_LIVED_CUSTOMER);
    await new Promise((resolve) => setTimeout(resolve, 2100));

    const bad: [string, string][] = [
      ["API_TOKEN", TEST_API_TOKEN],
      ["not a JWT", "not-a-jwt"],
      ["three junk parts", "a.b.c"],
      ["garbage JSON", `${Buffer.from("{").toString("base64url")}.${encodedPayload}.AAAA`],
      ["foreign-signed", foreignSigned],
      ["unsigned (alg none)", unsigned],
      ["tampered issuer", tamperedIssuer],
      ["wrong audience", wrongAudience],
      ["expired", shortLived],
    ];
    for (const [label, token] of bad) {
      const { status, body } = await system.request("GET", "/api/v1/orders", undefined, token);
      expect({ label, status }).toEqual({ label, status: 401 });
      expect(Object.keys(body)).toEqual(["error", "reason"]);
    }
    expect((await system.request("GET", "/api/v1/orders", undefined, entrepreneurToken)).status).toBe(200);
  });

  it("keeps chatting and ordering while Keycloak is down, and syncs the customers who wrote meanwhile", async () => {
    const boss = chatAs(system, ENTREPRENEUR.phone);
    expect((await boss.say("resumo"))[0]).toContain("Lote");
    await keycloak.stop();
    try {
      const newcomer = chatAs(system, "5584988880401", "Nina");
      await newcomer.say("3kg de tomate");
      expect((await newcomer.say("sim"))[0]).toContain("#");
      // The entrepreneur is known from the cache; a phone Keycloak never vouched for is a customer.
      await new Promise((resolve) => setTimeout(resolve, 1100));
      expect((await boss.say("resumo"))[0]).toContain("Lote");
      expect(await chatAs(system, "5584988880402").say("resumo")).toEqual([ptBR.fallback()]);
      expect(await boss.say("adicionar admin 5584988880402")).toEqual([ptBR.adminUnavailable()]);
      // Tokens signed with the realm's cached keys keep working; changing roles cannot.
      expect((await system.request("GET", "/api/v1/orders", undefined, entrepreneurToken)).status).toBe(200);
      expect((await system.request("PUT", "/api/v1/admins/5584988880402", undefined, entrepreneurToken)).status).toBe(
        503,
      );
      expect((await customerRow("5584988880401"))?.identityId).toBeNull();
    } finally {
      await keycloak.restart();
    }
    await connectAdmin();

    const linked = await eventually(async () => (await customerRow("5584988880401"))?.identityId ?? undefined, 30_000);
    const [user] = (await usersOfPhone("5584988880401")).byUsername;
    expect(user).toMatchObject({ id: linked, attributes: { phone: ["5584988880401"], whatsappName: ["Nina"] } });
    await eventually(async () => (await customerRow("5584988880402"))?.identityId ?? undefined, 30_000);
    // What was there before the outage is still there.
    expect((await usersOfPhone("5584988880101")).byUsername).toHaveLength(1);
    expect((await usersOfPhone(CUSTOMER.phone)).byUsername).toHaveLength(1);
    expect(await boss.say("adicionar admin 5584988880402")).toEqual([ptBR.adminGranted("5584988880402")]);
    const orders = await system.request("GET", "/api/v1/orders?phone=5584988880401", undefined, entrepreneurToken);
    expect(orders.body.orders).toHaveLength(1);
  }, 180_000);
});
