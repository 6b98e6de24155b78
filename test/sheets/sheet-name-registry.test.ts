import { describe, expect, it } from "vitest";
import { orderSheetName } from "../../sheets/workbooks/order-sheet-name.ts";
import { SheetNameRegistry } from "../../sheets/workbooks/sheet-name-registry.ts";

describe("sheet names", () => {
  it.each([
    ["a plain name", "#1 Maria", "#1 Maria"],
    ["brackets", "#2 Ana [feira]", "#2 Ana (feira)"],
    ["slashes, colons and backslashes", "#3 a/b:c\\d", "#3 a-b-c-d"],
    ["question marks and stars", "#4 quem? *eu*", "#4 quem eu"],
    ["apostrophes at the ends", "'quoted'", "quoted"],
    ["control characters and new lines", "#5 Jo\u0000ão\nSilva", "#5 João Silva"],
    ["a name too long", "#6 ".padEnd(40, "y"), "#6 ".padEnd(31, "y")],
    ["an emoji across the 31st character", `${"a".repeat(30)}😀`, "a".repeat(30)],
    ["nothing usable", " ?* ", "Sheet"],
    ["Excel's reserved name", "History", "History (2)"],
  ])("turns %s into a valid name", (_case, wanted, expected) => {
    expect(new SheetNameRegistry().claim(wanted)).toBe(expected);
  });

  it("never hands out the same name twice, ignoring case", () => {
    const registry = new SheetNameRegistry();
    const names = ["Maria", "MARIA", "maria", "Maria (2)", "Maria"].map((name) => registry.claim(name));
    expect(names).toEqual(["Maria", "MARIA (2)", "maria (3)", "Maria (2) (2)", "Maria (4)"]);
  });

  it("falls back when a wanted name has nothing left", () => {
    expect(new SheetNameRegistry().claim("[]", "#9")).toBe("()");
    expect(new SheetNameRegistry().claim("?*", "#9")).toBe("#9");
  });

  it.each([
    [{ number: 12, customerName: "Maria", phone: "5511999990000" }, "#12 Maria"],
    [{ number: 12, customerName: "  Maria  ", phone: "5511999990000" }, "#12 Maria"],
    [{ number: 12, customerName: null, phone: "+55 (11) 98765-4321" }, "#12 4321"],
    [{ number: 12, customerName: "", phone: "" }, "#12"],
  ])("names order sheet %o as %s", (order, expected) => {
    expect(orderSheetName(order)).toBe(expected);
  });
});
