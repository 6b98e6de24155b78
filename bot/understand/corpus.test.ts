import { describe, expect, test } from "vitest";
import {
  type CorpusLine,
  loadCorpus,
  loadExampleCatalog,
  PUBLIC_CORPUS,
  publicCorpusIsPresent,
} from "./test-support/load-example-catalog.ts";
import { compileCatalog, toParseResponse, understandMessage } from "./understand-message.ts";

const catalog = compileCatalog(loadExampleCatalog());
const corpus = loadCorpus();

function expectReading(line: CorpusLine) {
  const expected: Record<string, unknown> = {
    intent: line.intent,
    items: line.items ?? [],
    unknown: line.unknown ?? [],
    clarify: line.clarify ?? [],
  };
  if (line.status !== undefined) expected.status = line.status;
  if (line.order !== undefined) expected.order = line.order;
  expect(toParseResponse(understandMessage(line.text, catalog))).toEqual(expected);
}

describe("the corpus of example messages", () => {
  test("holds the 60 examples of the product's contract", () => {
    expect(corpus).toHaveLength(60);
  });

  test.each(corpus.map((line) => [line.text, line] as const))("reads %j as the corpus expects", (_text, line) => {
    expectReading(line);
  });
});

// The specification's own copy, where one sits beside the repository: it may have grown since ours was taken.
describe.runIf(publicCorpusIsPresent())("the specification's public corpus, beside the repository", () => {
  const lines = publicCorpusIsPresent() ? loadCorpus(PUBLIC_CORPUS) : [];
  test.each(lines.map((line) => [line.text, line] as const))("reads %j as the corpus expects", (_text, line) => {
    expectReading(line);
  });
});
