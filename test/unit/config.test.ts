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
    expect(config.LOCALE).toBe("pt-BR");
    expect(config.BUSINESS_NAME).toBe("SISCONF");
    expect(config.ADMIN_PHONES).toEqual([]);
  });

  it("reads admin phones as a comma-separated list and strips punctuation", () => {
    expect(loadConfig({ ADMIN_PHONES: "5584999990001, +55 84 99999-0002" }).ADMIN_PHONES).toEqual([
      "5584999990001",
      "5584999990002",
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

  it("takes the business name as written, trimmed", () => {
    expect(loadConfig({ BUSINESS_NAME: "  Feira da Ana 🍅 " }).BUSINESS_NAME).toBe("Feira da Ana 🍅");
  });

  it("lists every bad variable together", () => {
    expect(() => loadConfig({ PORT: "x", LOCALE: "fr" })).toThrow(/PORT: .*\nLOCALE: /s);
  });

  it("requires the Cloud API credentials with the cloud-api transport", () => {
    expect(() => loadConfig({ BOT_TRANSPORT: "cloud-api" })).toThrow(/WHATSAPP_CLOUD_VERIFY_TOKEN/);
  });
});
