import { describe, expect, it } from "vitest";
import { startupProblem } from "../../cli/startup-problem.ts";
import { AppError } from "../../core/app/errors.ts";
import { ConfigError } from "../../core/config/config.ts";

describe("the line printed when a command stops", () => {
  it.each([
    [new ConfigError("PORT: a port number from 0 to 65535"), "PORT: a port number from 0 to 65535"],
    [new AppError("not_found", "file_not_found", "catalog.json not found"), "catalog.json not found"],
    [
      new Error('connect ECONNREFUSED for "postgres://sisconf:Sup3rSecret@db:5432/sisconf"'),
      'unexpected error: connect ECONNREFUSED for "postgres://sisconf:***@db:5432/sisconf"',
    ],
    [
      new Error("redis://:Sup3rSecret@cache:6379 refused\n    at connect (net.js:1:1)"),
      "unexpected error: redis://:***@cache:6379 refused",
    ],
    ["a thrown string", "unexpected error: a thrown string"],
  ])("for %s is %j", (error, line) => {
    expect(startupProblem(error)).toBe(line);
  });
});
