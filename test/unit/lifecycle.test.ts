import { describe, expect, it } from "vitest";
import {
  type BatchStatus,
  canChangeBatchStatus,
  canChangeOrderStatus,
  type OrderStatus,
  orderStatusBefore,
} from "../../core/domain/lifecycle.ts";
import { maskPhone, normalizePhone, typedPhone } from "../../core/domain/phone.ts";

describe("orders move only along PRODUCT.md's arrows", () => {
  it.each<[OrderStatus, OrderStatus, boolean]>([
    ["received", "placed", true],
    ["received", "cancelled", true],
    ["placed", "on_the_way", true],
    ["on_the_way", "arrived", true],
    ["arrived", "delivered", true],
    ["placed", "cancelled", false],
    ["delivered", "received", false],
    ["received", "delivered", false],
    ["cancelled", "received", false],
    ["arrived", "on_the_way", false],
    ["placed", "placed", false],
  ])("%s → %s allowed: %s", (from, to, allowed) => {
    expect(canChangeOrderStatus(from, to)).toBe(allowed);
  });
});

describe("batches move only along PRODUCT.md's arrows", () => {
  it.each<[BatchStatus, BatchStatus, boolean]>([
    ["open", "closed", true],
    ["closed", "on_the_way", true],
    ["on_the_way", "arrived", true],
    ["arrived", "delivered", true],
    ["open", "on_the_way", false],
    ["delivered", "open", false],
    ["closed", "open", false],
  ])("%s → %s allowed: %s", (from, to, allowed) => {
    expect(canChangeBatchStatus(from, to)).toBe(allowed);
  });
});

describe("a batch status change moves the orders one step behind it", () => {
  it.each<[OrderStatus, OrderStatus | null]>([
    ["on_the_way", "placed"],
    ["arrived", "on_the_way"],
    ["delivered", "arrived"],
    ["received", null],
    ["cancelled", null],
  ])("to %s from %s", (target, before) => {
    expect(orderStatusBefore(target)).toBe(before);
  });
});

describe("phones are digits only, 10 to 15 of them", () => {
  it.each([
    ["5584999990001", "5584999990001"],
    ["+55 (84) 99999-0001", "5584999990001"],
    ["84 9999 0001", "8499990001"],
    ["123", null],
    ["5584999990001234567", null],
    ["abc5584999990001", null],
  ])("%j is %j", (text, expected) => {
    expect(normalizePhone(text)).toBe(expected);
  });
  it.each([
    ["(84) 99999-0009", "5584999990009"],
    ["+55 84 99999-0009", "5584999990009"],
    ["84999990009", "5584999990009"],
    ["5584999990009", "5584999990009"],
    ["(84) 3322-1100", "558433221100"],
    ["+1 415 555 0100 22", "1415555010022"],
    ["999-0009", null],
    ["55 84 99999-0009 1234", null],
  ])("a phone typed as %j is %j (10 or 11 digits get Brazil's 55)", (text, expected) => {
    expect(typedPhone(text)).toBe(expected);
  });
  it("logs show only the last four digits", () => {
    expect(maskPhone("5584999990001")).toBe("*********0001");
  });
});
