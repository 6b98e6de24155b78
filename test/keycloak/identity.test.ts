import { generateKeyPairSync, sign } from "node:crypto";
import KeycloakAdminClient from "@keycloak/keycloak-admin-client";
import pino from "pino";
import type { Db } from "../../core/db/database.ts";
import { createKeycloakIdentity } from "../../core/identity/keycloak/keycloak-identity.ts";
import { describeIdentityContract } from "../identity/identity-contract.ts";
import { startCuttableProxy } from "../support/cuttable-proxy.ts";
import { createPerson, passwordToken } from "../support/keycloak-people.ts";
import { KEYCLOAK_ADMIN, startKeycloak } from "../support/keycloak-server.ts";

const ENTREPRENEUR = { phone: "5584977800001", password: "entrepreneur-pass-1" };
const CUSTOMER = { phone: "5584977800002", password: "customer-pass-1" };

/** This process registers no customers (`syncCustomers: false`): the identity has no reason to read the database. */
const noDatabase = new Proxy({} as Db, {
  get() {
    throw new Error("the identity read the database although it syncs no customers");
  },
});

// A real Keycloak, reached through a proxy the suite cuts for its outage, since starting Keycloak again takes minutes.
describeIdentityContract(
  "Keycloak",
  async () => {
    const keycloak = await startKeycloak();
    const proxy = await startCuttableProxy({ host: "127.0.0.1", port: Number(new URL(keycloak.url).port) });
    const admin = new KeycloakAdminClient({ baseUrl: keycloak.url, realmName: "master" });
    await admin.auth({ grantType: "password", clientId: "admin-cli", ...KEYCLOAK_ADMIN });
    admin.setConfig({ realmName: "sisconf" });
    await createPerson(admin, ENTREPRENEUR, ["entrepreneur"]);
    await createPerson(admin, CUSTOMER, ["customer"]);
    const entrepreneurToken = await passwordToken(keycloak, "sisconf-app", ENTREPRENEUR);
    const customerToken = await passwordToken(keycloak, "sisconf-app", CUSTOMER);

    const [header = "", payload = ""] = entrepreneurToken.split(".");
    const foreignKey = generateKeyPairSync("rsa", { modulusLength: 2048 }).privateKey;
    const foreignSignature = sign("sha256", Buffer.from(`${header}.${payload}`), foreignKey).toString("base64url");
    const none = Buffer.from(JSON.stringify({ alg: "none", typ: "JWT" })).toString("base64url");

    const identity = createKeycloakIdentity({
      url: proxy.url,
      realm: "sisconf",
      clientId: keycloak.serviceClient.clientId,
      clientSecret: keycloak.serviceClient.secret,
      audience: "sisconf-api",
      // The tokens name Keycloak as people reach it; this process reaches it through the proxy.
      issuer: keycloak.issuer,
      roleCacheMs: 1_000,
      timeoutMs: 2_000,
      syncIntervalMs: 1_000,
      syncCustomers: false,
      clockSkewSeconds: 0,
      db: noDatabase,
      logger: pino({ level: "silent" }),
    });
    return {
      identity,
      entrepreneur: { token: entrepreneurToken, phone: ENTREPRENEUR.phone },
      entrepreneurPhone: ENTREPRENEUR.phone,
      customer: { token: customerToken, phone: CUSTOMER.phone },
      refusedTokens: [
        ["the realm's claims signed with another key", `${header}.${payload}.${foreignSignature}`],
        ["the realm's claims unsigned (alg none)", `${none}.${payload}.`],
      ],
      outage: {
        async begin() {
          proxy.cut();
        },
        async end() {
          proxy.mend();
        },
      },
      async close() {
        await identity.close();
        await proxy.close();
        await keycloak.close();
      },
    };
  },
  { rolesChange: true, customers: true, provider: true },
);
