import { describe, expect, it } from "vitest";
import { type RowSink, SheetRow } from "../../sheets/workbooks/sheet-row.ts";
import { shownPhone } from "../../sheets/workbooks/shown-phone.ts";
import { sortedByName } from "../../sheets/workbooks/sorted-by-name.ts";

describe("a phone as a sheet shows it", () => {
  it.each([
    ["5584999990001", "+55 (84) 99999-0001"],
    ["558432100001", "+55 (84) 3210-0001"],
    ["+55 (11) 98765-4321", "+55 (11) 98765-4321"],
    ["14155550100", "+14155550100"],
    ["", ""],
  ])("%s reads %s", (phone, shown) => {
    expect(shownPhone(phone)).toBe(shown);
  });
});

describe("names in the order people look them up", () => {
  it.each([
    [
      ["Tomate", "abóbora", "Alface"],
      ["abóbora", "Alface", "Tomate"],
    ],
    [
      ["Produto 10", "Produto 2", "Produto 1"],
      ["Produto 1", "Produto 2", "Produto 10"],
    ],
    [
      ["Ébano", "Eva", "evandro"],
      ["Ébano", "Eva", "evandro"],
    ],
  ])("%j sorts to %j", (names, sorted) => {
    expect(sortedByName(names, (name) => name)).toEqual(sorted);
  });

  it("sorts by the second name where the first is equal", () => {
    const items = [
      { provider: "B", product: "a" },
      { provider: "A", product: "z" },
      { provider: "A", product: "b" },
    ];
    expect(
      sortedByName(
        items,
        (item) => item.provider,
        (item) => item.product,
      ),
    ).toEqual([items[2], items[1], items[0]]);
  });
});

/** A sink that numbers styles and strings in the order it meets them and keeps the rows it gets. */
function recordingSink(): RowSink & { rows: string[]; strings: string[] } {
  const styles = new Map<object, number>();
  const strings: string[] = [];
  const rows: string[] = [];
  return {
    rows,
    strings,
    styleAttribute: (style) => {
      if (Object.keys(style).length === 0) return "";
      if (!styles.has(style)) styles.set(style, styles.size + 1);
      return ` s="${styles.get(style)}"`;
    },
    sharedString: (text) => {
      const index = strings.indexOf(text);
      if (index >= 0) return index;
      strings.push(text);
      return strings.length - 1;
    },
    writeRow: (number, cells, height) => rows.push(`${number}|${height ?? ""}|${cells}`),
  };
}

describe("a sheet row written as SpreadsheetML", () => {
  const plain = {};
  const money = { numFmt: "0.00" };

  it("writes texts as shared strings, numbers as numbers and a styled empty cell as itself", () => {
    const sink = recordingSink();
    new SheetRow(sink, 7)
      .set(1, "=SUM(A1)", plain)
      .set(2, 2.5, money)
      .set(4, null, money)
      .set(5, null, plain)
      .set(28, "<&>", plain)
      .commit(30);
    expect(sink.rows).toEqual([
      '7|30|<c r="A7" t="s"><v>0</v></c><c r="B7" s="1"><v>2.5</v></c><c r="D7" s="1"/><c r="AB7" t="s"><v>1</v></c>',
    ]);
    expect(sink.strings).toEqual(["=SUM(A1)", "<&>"]);
  });

  it.each([
    ["a column before the last one", (row: SheetRow) => row.set(3, 1, plain).set(2, 1, plain)],
    ["a number a sheet cannot hold", (row: SheetRow) => row.set(1, Number.NaN, plain)],
    [
      "a second commit",
      (row: SheetRow) => {
        row.commit();
        row.commit();
      },
    ],
  ])("refuses %s", (_, misuse) => {
    expect(() => misuse(new SheetRow(recordingSink(), 1))).toThrow();
  });
});
