import { describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "../../core/config/config.ts";

describe("configuration", () => {
  it("uses PRODUCT.md's defaults when nothing is set", () => {
    const config = loadConfig({});
    expect(config.PORT).toBe(3000);
    expect(config.DATA_DIR).toMatch(/\/data$/);
    expect(config.DATABASE_URL).toBeUndefined();
    expect(config.BOT_TRANSPORT).toBe("simulator");
    expect(config.PUBLIC_URL).toBe("http://localhost:3000");
    expect(config.publicUrlGiven).toBe(false);
    expect(config.LOCALE).toBe("pt-BR");
    expect(config.BUSINESS_NAME).toBe("SISCONF");
    expect(config.ADMIN_PHONES).toEqual([]);
  });

  it("keeps a given PUBLIC_URL without its trailing slash, and knows it was given", () => {
    const config = loadConfig({ PUBLIC_URL: "https://quitanda.example/" });
    expect(config.PUBLIC_URL).toBe("https://quitanda.example");
    expect(config.publicUrlGiven).toBe(true);
  });

  it("reads admin phones as a comma-separated list and strips punctuation", () => {
    expect(loadConfig({ ADMIN_PHONES: "5584999990001, +55 84 99999-0002, (84) 99999-0003" }).ADMIN_PHONES).toEqual([
      "5584999990001",
      "5584999990002",
      "5584999990003",
    ]);
  });

  it.each([
    ["PORT", "abc"],
    ["PORT", "70000"],
    ["DATABASE_URL", "mysql://x"],
    ["REDIS_URL", "http://x"],
    ["BOT_TRANSPORT", "telegram"],
    ["LOCALE", "fr"],
    ["ADMIN_PHONES", "123"],
    ["PUBLIC_URL", "not a url"],
    ["API_TOKEN", "short"],
    ["DELIVERY_FEES", "Centro=cinco"],
    ["DELIVERY_FEES", "Centro"],
    ["DATABASE_URL", "postgres://sisconf:pw@db:not-a-port/sisconf"],
    ["SHEETS_CONCURRENCY", "-2"],
    ["BUSINESS_NAME", "   "],
  ])("a bad %s stops start-up with a line naming it", (variable, value) => {
    expect(() => loadConfig({ [variable]: value })).toThrow(ConfigError);
    try {
      loadConfig({ [variable]: value });
    } catch (error) {
      const lines = (error as Error).message.split("\n");
      expect(lines).toHaveLength(1);
      expect(lines[0]).toMatch(new RegExp(`^${variable}: `));
    }
  });

  it.each([
    ["DATABASE_URL", "postgres://sisconf:Sup3rSecret@db:54x2/sisconf"],
    ["DATABASE_URL", "mysql://sisconf:Sup3rSecret@db/sisconf"],
    ["REDIS_URL", "redis://:Sup3rSecret@redis:63x9"],
    ["REDIS_URL", "http://:Sup3rSecret@redis:6379"],
    ["API_TOKEN", "Sup3rSecret"],
    ["KEYCLOAK_URL", "Sup3rSecret"],
    ["S3_ENDPOINT", "Sup3rSecret"],
    ["PUBLIC_URL", "Sup3rSecret"],
    ["WHATSAPP_CLOUD_GRAPH_URL", "Sup3rSecret"],
    ["PORT", "Sup3rSecret"],
  ])("a bad %s is named with what is expected, and its value (a secret) is never shown", (variable, value) => {
    let message = "";
    try {
      loadConfig({ [variable]: value });
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toMatch(new RegExp(`^${variable}: .{8,}$`));
    expect(message).not.toContain("Sup3rSecret");
  });

  it.each([
    "postgres://sisconf:p%40ss@db:5432/sisconf",
    "postgresql://sisconf@localhost:5432/sisconf?host=/run/postgresql",
  ])("takes the database URL %s", (url) => {
    expect(loadConfig({ DATABASE_URL: url }).DATABASE_URL).toBe(url);
  });

  it("takes the business name as written, trimmed", () => {
    expect(loadConfig({ BUSINESS_NAME: "  Feira da Ana 🍅 " }).BUSINESS_NAME).toBe("Feira da Ana 🍅");
  });

  it("lists every bad variable together", () => {
    expect(() => loadConfig({ PORT: "x", LOCALE: "fr" })).toThrow(/PORT: .*\nLOCALE: /s);
  });

  it("requires the Cloud API credentials with the cloud-api transport", () => {
    expect(() => loadConfig({ BOT_TRANSPORT: "cloud-api" })).toThrow(/WHATSAPP_CLOUD_VERIFY_TOKEN/);
  });

  it("reads delivery fees by neighbourhood, none when unset", () => {
    const fees = loadConfig({ DELIVERY_FEES: "Centro=5.00;Lagoa Nova=7.50;*=10.00" }).DELIVERY_FEES;
    expect([...fees.byNeighbourhood]).toEqual([
      ["centro", 500],
      ["lagoa nova", 750],
    ]);
    expect(fees.otherwise).toBe(1000);
    expect(loadConfig({}).DELIVERY_FEES.otherwise).toBe(0);
  });

  it("reads the Pix key and its holder, none when unset", () => {
    expect(loadConfig({}).pix).toBeNull();
    expect(
      loadConfig({ PIX_KEY: "529.982.247-25", PIX_MERCHANT_NAME: "Feira da Ana", PIX_MERCHANT_CITY: "Natal" }).pix,
    ).toEqual({ key: { kind: "cpf", value: "52998224725" }, merchantName: "Feira da Ana", merchantCity: "Natal" });
  });

  it.each([
    ["PIX_KEY", { PIX_KEY: "529.982.247-26", PIX_MERCHANT_NAME: "Ana", PIX_MERCHANT_CITY: "Natal" }],
    ["PIX_KEY", { PIX_KEY: "84999990001", PIX_MERCHANT_NAME: "Ana", PIX_MERCHANT_CITY: "Natal" }],
    ["PIX_KEY", { PIX_KEY: "ana@", PIX_MERCHANT_NAME: "Ana", PIX_MERCHANT_CITY: "Natal" }],
    ["PIX_MERCHANT_NAME", { PIX_KEY: "ana@example.com", PIX_MERCHANT_CITY: "Natal" }],
    [
      "PIX_MERCHANT_CITY",
      { PIX_KEY: "ana@example.com", PIX_MERCHANT_NAME: "Ana", PIX_MERCHANT_CITY: "São Gonçalo do Amarante" },
    ],
  ])("a bad Pix setting stops start-up with one line naming %s", (variable, environment) => {
    expect(() => loadConfig(environment)).toThrow(ConfigError);
    try {
      loadConfig(environment);
    } catch (error) {
      const lines = (error as Error).message.split("\n");
      expect(lines).toHaveLength(1);
      expect(lines[0]).toMatch(new RegExp(`^${variable}: `));
    }
  });

  it("reads the close schedule, the reminder hours and the time zone, with their defaults", () => {
    const defaults = loadConfig({});
    expect(defaults.BATCH_CLOSE_SCHEDULE).toBeNull();
    expect(defaults.BATCH_REMINDER_HOURS).toBe(6);
    expect(defaults.TZ).toBe("America/Fortaleza");
    const set = loadConfig({ BATCH_CLOSE_SCHEDULE: "thu 18:00", BATCH_REMINDER_HOURS: "3", TZ: "Europe/Berlin" });
    expect(set.BATCH_CLOSE_SCHEDULE).toEqual({ weekday: 4, hour: 18, minute: 0 });
    expect(set.BATCH_REMINDER_HOURS).toBe(3);
    expect(set.TZ).toBe("Europe/Berlin");
  });

  it.each([
    ["BATCH_CLOSE_SCHEDULE", "quinta 18h", "BATCH_CLOSE_SCHEDULE: a weekday and a time, e.g. thu 18:00"],
    ["BATCH_REMINDER_HOURS", "-1", "BATCH_REMINDER_HOURS: a whole number of hours from 0 to 144"],
    ["TZ", "Mars/Olympus", "TZ: an IANA time zone such as America/Fortaleza"],
  ])("stops start-up with one line naming %s when it is %j", (name, value, line) => {
    expect(() => loadConfig({ [name]: value })).toThrow(new ConfigError(line));
  });
});
