import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";

const folder = new URL("../../migrations/", import.meta.url);
const journal = JSON.parse(readFileSync(new URL("meta/_journal.json", folder), "utf8")) as {
  entries: { idx: number; when: number; tag: string }[];
};

/** `sha256sum` lines of every released migration: a database that ran one never runs it again, so none may change. */
const released = new Map(
  readFileSync(new URL("meta/released.sha256", folder), "utf8")
    .trim()
    .split("\n")
    .map((line) => {
      const [hash, file] = line.split(/\s+\*?/);
      return [file ?? "", hash ?? ""] as const;
    }),
);

function sha256(file: string): string {
  return createHash("sha256")
    .update(readFileSync(new URL(file, folder)))
    .digest("hex");
}

describe("the migrations", () => {
  it.each(journal.entries.map((entry) => [`${entry.tag}.sql`] as const))(
    "%s is recorded as released, unchanged since",
    (file) => {
      // A new migration is recorded in migrations/meta/released.sha256 (`sha256sum *.sql`) when it lands.
      expect(released.get(file), `${file} is not in migrations/meta/released.sha256`).toBeDefined();
      expect(sha256(file), `${file} changed after its release: add a new migration instead`).toBe(released.get(file));
    },
  );

  it("are applied in the order of their numbers, each recorded later than the one before", () => {
    const tags = journal.entries.map((entry) => entry.tag);
    expect(tags).toEqual([...tags].sort());
    journal.entries.forEach((entry, index) => {
      expect(entry.idx).toBe(index);
      if (index > 0) expect(entry.when).toBeGreaterThan(journal.entries[index - 1]?.when ?? 0);
    });
  });

  it("records no released migration the journal lacks", () => {
    const tags = new Set(journal.entries.map((entry) => `${entry.tag}.sql`));
    expect([...released.keys()].filter((file) => !tags.has(file))).toEqual([]);
  });
});
