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
});
