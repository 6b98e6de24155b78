import { describe, expect, it } from "vitest";
import { EchoFilter } from "../../cli/chat/echo-filter.ts";

type Line = ["in" | "out", string, string | undefined];

describe("the chat's echo filter", () => {
  it.each<[string, Line[], Line, boolean]>([
    ["drops the copy of a line typed", [["in", "2kg de tomate", undefined]], ["in", "2kg de tomate", undefined], true],
    ["drops the copy of a reply printed", [["out", "Pedido #1", undefined]], ["out", "Pedido #1", undefined], true],
    ["keeps a reply with the words of a line typed", [["in", "sim", undefined]], ["out", "sim", undefined], false],
    ["keeps a message nothing printed", [], ["out", "Lote fechado", undefined], false],
    [
      "keeps a link other than the one printed",
      [["out", "Planilha", "http://a/1"]],
      ["out", "Planilha", "http://a/2"],
      false,
    ],
    ["drops a link's copy", [["out", "Planilha", "http://a/1"]], ["out", "Planilha", "http://a/1"], true],
  ])("%s", (_label, expected, arriving, dropped) => {
    const filter = new EchoFilter();
    for (const line of expected) filter.expect(...line);
    expect(filter.take(...arriving)).toBe(dropped);
  });

  it("drops each expected copy once, so the same words sent twice show the second time", () => {
    const filter = new EchoFilter();
    filter.expect("in", "sim", undefined);
    expect(filter.take("in", "sim", undefined)).toBe(true);
    expect(filter.take("in", "sim", undefined)).toBe(false);
  });

  it("forgets a copy that did not come within ten seconds", () => {
    let now = 0;
    const filter = new EchoFilter(() => now);
    filter.expect("out", "Pedido #1", undefined);
    now = 10_001;
    expect(filter.take("out", "Pedido #1", undefined)).toBe(false);
  });
});
