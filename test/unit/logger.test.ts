import { Writable } from "node:stream";
import { describe, expect, it } from "vitest";
import { createLogger } from "../../core/logger.ts";

describe("logs", () => {
  it("show only the last four digits of phone numbers, wherever they are", () => {
    const lines: string[] = [];
    const sink = new Writable({
      write(chunk, _encoding, done) {
        lines.push(String(chunk));
        done();
      },
    });
    const logger = createLogger("info", sink);
    logger.info({ phone: "5584999990001", message: { from: "5584999990002" } }, "hello");
    logger.child({ phone: "5584999990003" }).info("child line");
    const text = lines.join("");
    for (const phone of ["5584999990001", "5584999990002", "5584999990003"]) {
      expect(text).not.toContain(phone);
      expect(text).toContain(`*********${phone.slice(-4)}`);
    }
  });

  it("mask phones inside a logged error's message and stack, and leave out the statement's values", () => {
    const lines: string[] = [];
    const sink = new Writable({
      write(chunk, _encoding, done) {
        lines.push(String(chunk));
        done();
      },
    });
    const error = Object.assign(new Error('insert failed for 5584999990004 ("2kg de tomate")'), {
      parameters: ["5584999990004", "2kg de tomate"],
    });
    createLogger("info", sink).error({ err: error }, "inbound message failed");
    const text = lines.join("");
    expect(text).not.toContain("5584999990004");
    expect(text).toContain("*********0004");
    expect(text).not.toContain("parameters");
  });
});
