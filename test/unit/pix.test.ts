import { parsePix } from "pix-utils";
import { describe, expect, it } from "vitest";
import { crc16Ccitt, pixText, pixTransactionId, staticBrCode } from "../../core/domain/br-code.ts";
import { orderPixCode, readPixSettings } from "../../core/domain/pix.ts";
import { isValidCnpj, isValidCpf, parsePixKey } from "../../core/domain/pix-key.ts";
import { readBrCode } from "../support/read-br-code.ts";

/** The static example of the Banco Central's "Manual de Padrões para Iniciação do Pix": a random key, no amount. */
const MANUAL_EXAMPLE =
  "00020126580014br.gov.bcb.pix0136123e4567-e12b-12d1-a456-4266554400005204000053039865802BR5913Fulano de Tal6008BRASILIA62070503***63041D3D";

describe("CRC-16/CCITT-FALSE", () => {
  it.each([
    ["123456789", "29B1"],
    ["", "FFFF"],
    [MANUAL_EXAMPLE.slice(0, -4), "1D3D"],
  ])("of %j is %s", (text, crc) => {
    expect(crc16Ccitt(text)).toBe(crc);
  });
});

describe("a static BR Code", () => {
  it("is the specification's example, byte for byte, from the example's fields", () => {
    expect(
      staticBrCode({
        key: "123e4567-e12b-12d1-a456-426655440000",
        merchantName: "Fulano de Tal",
        merchantCity: "BRASILIA",
        amountCents: null,
        transactionId: "***",
      }),
    ).toBe(MANUAL_EXAMPLE);
  });

  it.each([
    ["a CPF", "52998224725", 1, "0.01"],
    ["an e-mail", "loja@example.com", 2150, "21.50"],
    ["a phone", "+5584999990001", 123456, "1234.56"],
    ["a CNPJ", "11222333000181", 100, "1.00"],
    ["a random key", "123e4567-e12b-12d1-a456-426655440000", 99999999, "999999.99"],
  ])("with %s and an amount reads back, every field, with a valid CRC", (_label, key, amountCents, amount) => {
    const code = staticBrCode({
      key,
      merchantName: "Feira da Ana",
      merchantCity: "NATAL",
      amountCents,
      transactionId: "L3P42",
    });
    const read = readBrCode(code);
    expect(read.crcValid).toBe(true);
    expect(Object.fromEntries(read.fields)).toMatchObject({
      "00": "01",
      "52": "0000",
      "53": "986",
      "54": amount,
      "58": "BR",
      "59": "Feira da Ana",
      "60": "NATAL",
    });
    expect(Object.fromEntries(read.templates.get("26") ?? [])).toEqual({ "00": "br.gov.bcb.pix", "01": key });
    expect(Object.fromEntries(read.templates.get("62") ?? [])).toEqual({ "05": "L3P42" });

    // A decoder written by others agrees.
    const parsed = parsePix(code);
    expect(parsed).toMatchObject({
      type: "STATIC",
      pixKey: key,
      merchantName: "Feira da Ana",
      merchantCity: "NATAL",
      transactionAmount: amountCents / 100,
      txid: "L3P42",
    });
  });

  it("with one character changed no longer has a valid CRC", () => {
    const code = staticBrCode({
      key: "loja@example.com",
      merchantName: "Feira da Ana",
      merchantCity: "NATAL",
      amountCents: 2150,
      transactionId: "L3P42",
    });
    expect(readBrCode(code.replace("21.50", "21.59")).crcValid).toBe(false);
  });

  it.each([
    ["a zero amount", { amountCents: 0 }],
    ["a negative amount", { amountCents: -100 }],
    ["a transaction id with a dash", { transactionId: "L3-P42" }],
    ["a transaction id of 26 characters", { transactionId: "A".repeat(26) }],
  ])("refuses %s", (_label, change) => {
    const input = {
      key: "loja@example.com",
      merchantName: "Feira da Ana",
      merchantCity: "NATAL",
      amountCents: 100,
      transactionId: "L1P1",
      ...change,
    };
    expect(() => staticBrCode(input)).toThrow();
  });
});

describe("names and cities in a BR Code", () => {
  it.each([
    ["Hortifruti São José", 25, "Hortifruti Sao Jose"],
    ["  Natal  ", 15, "Natal"],
    ["Mossoró", 15, "Mossoro"],
    ["São Gonçalo do Amarante", 15, null],
    ["   ", 25, null],
    ["Feira 🍅 da Ana", 25, "Feira da Ana"],
  ])("%j within %i characters is %j", (text, maxLength, expected) => {
    expect(pixText(text, maxLength)).toBe(expected);
  });
});

describe("an order's transaction id is derived from its batch and number", () => {
  it.each([
    [3, 42, "L3P42"],
    [1, 1, "L1P1"],
    [2147483647, 2147483647, "L2147483647P2147483647"],
  ])("batch %i, order %i: %s", (batch, order, id) => {
    expect(pixTransactionId(batch, order)).toBe(id);
    expect(id.length).toBeLessThanOrEqual(25);
  });
});

describe("Pix keys", () => {
  it.each([
    ["529.982.247-25", "cpf", "52998224725"],
    ["52998224725", "cpf", "52998224725"],
    ["11.222.333/0001-81", "cnpj", "11222333000181"],
    ["11444777000161", "cnpj", "11444777000161"],
    ["Loja@Example.com", "email", "loja@example.com"],
    ["+55 (84) 99999-0001", "phone", "+5584999990001"],
    ["+558433221100", "phone", "+558433221100"],
    ["123E4567-E12B-12D1-A456-426655440000", "random", "123e4567-e12b-12d1-a456-426655440000"],
  ])("%j is a %s key, %s", (text, kind, value) => {
    expect(parsePixKey(text)).toEqual({ ok: true, key: { kind, value } });
  });

  it.each([
    ["a CPF with a wrong check digit", "529.982.247-26", /CPF/],
    ["a CPF of one repeated digit", "111.111.111-11", /CPF/],
    ["a CNPJ with a wrong check digit", "11.222.333/0001-82", /CNPJ/],
    ["a phone of another country", "+1 415 555 0100", /\+55/],
    ["a phone without its area code", "+5599990001", /\+55/],
    ["an e-mail without a domain", "loja@", /e-mail/],
    ["an e-mail with a space", "lo ja@example.com", /e-mail/],
    ["a UUID cut short", "123e4567-e12b-12d1-a456", /random key/],
    ["a word", "minha chave", /random key/],
  ])("%s is refused, saying what a key is", (_label, text, problem) => {
    const read = parsePixKey(text);
    expect(read.ok).toBe(false);
    if (!read.ok) expect(read.problem).toMatch(problem);
  });

  it.each([
    ["52998224725", true],
    ["52998224726", false],
    ["00000000000", false],
    ["1234567890", false],
  ])("CPF %s valid: %s", (digits, valid) => {
    expect(isValidCpf(digits)).toBe(valid);
  });

  it.each([
    ["11222333000181", true],
    ["11222333000180", false],
    ["00000000000000", false],
  ])("CNPJ %s valid: %s", (digits, valid) => {
    expect(isValidCnpj(digits)).toBe(valid);
  });
});

describe("Pix settings and an order's code", () => {
  const settings = readPixSettings({ key: "loja@example.com", merchantName: "Feira da Ana", merchantCity: "Natal" });

  it("are none when no variable is set", () => {
    expect(readPixSettings({ key: undefined, merchantName: undefined, merchantCity: undefined })).toEqual({
      ok: true,
      settings: null,
    });
  });

  it.each([
    ["a key without name nor city", { key: "loja@example.com" }, ["PIX_MERCHANT_NAME", "PIX_MERCHANT_CITY"]],
    ["a bad key", { key: "123", merchantName: "Ana", merchantCity: "Natal" }, ["PIX_KEY"]],
    [
      "a name of 26 characters",
      { key: "loja@example.com", merchantName: "A".repeat(26), merchantCity: "Natal" },
      ["PIX_MERCHANT_NAME"],
    ],
    ["a city without a key", { merchantCity: "Natal" }, ["PIX_MERCHANT_CITY"]],
  ])("refuse %s, naming the variable", (_label, variables, named) => {
    const read = readPixSettings({ key: undefined, merchantName: undefined, merchantCity: undefined, ...variables });
    expect(read.ok).toBe(false);
    if (!read.ok) expect(read.problems.map((problem) => problem.variable)).toEqual(named);
  });

  it("give the code for exactly the final total, with the order's transaction id", () => {
    if (!settings.ok) throw new Error("settings should be valid");
    const code = orderPixCode(settings.settings, { batchNumber: 3, number: 42, finalTotalCents: 2857 });
    expect(code).not.toBeNull();
    const read = readBrCode(code ?? "");
    expect(read.crcValid).toBe(true);
    expect(read.fields.get("54")).toBe("28.57");
    expect(read.templates.get("62")?.get("05")).toBe("L3P42");
  });

  it.each([
    ["a zero total", 0],
    ["a total not known yet", null],
  ])("give no code for %s", (_label, finalTotalCents) => {
    if (!settings.ok) throw new Error("settings should be valid");
    expect(orderPixCode(settings.settings, { batchNumber: 3, number: 42, finalTotalCents })).toBeNull();
  });

  it("give no code without settings", () => {
    expect(orderPixCode(null, { batchNumber: 3, number: 42, finalTotalCents: 100 })).toBeNull();
  });
});
