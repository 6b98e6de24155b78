import { describe, expect, test } from "vitest";
import { loadCorpus, loadExampleCatalog } from "./test-support/load-example-catalog.ts";
import { compileCatalog, toParseResponse, understandMessage } from "./understand-message.ts";

const catalog = compileCatalog(loadExampleCatalog());
const corpus = loadCorpus();

describe("the shared corpus of example messages", () => {
  test("has the 60 examples the spec ships", () => {
    expect(corpus).toHaveLength(60);
  });

  test.each(corpus.map((line) => [line.text, line] as const))("reads %j as the corpus expects", (_text, line) => {
    const expected: Record<string, unknown> = {
      intent: line.intent,
      items: line.items ?? [],
      unknown: line.unknown ?? [],
      clarify: line.clarify ?? [],
    };
    if (line.status !== undefined) expected.status = line.status;
    if (line.order !== undefined) expected.order = line.order;
    expect(toParseResponse(understandMessage(line.text, catalog))).toEqual(expected);
  });
});
