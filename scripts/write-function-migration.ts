import { createHash } from "node:crypto";
import { appendFileSync, existsSync, writeFileSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import {
  functionMigrationSql,
  MIGRATIONS_FOLDER,
  planFunctionMigration,
  readFunctionSources,
  readJournal,
  readMigrations,
} from "./sql-functions.ts";

/**
 * `npm run db:functions -- <name> [--number 0013] [--when <ms>]`: when a source in core/db/functions/ differs from
 * what the migrations released, writes migrations/<number>_<name>.sql with the current definitions, records it in
 * the journal and in meta/released.sha256. Nothing to do: says so and writes nothing.
 */
const { positionals, values } = parseArgs({
  allowPositionals: true,
  options: { number: { type: "string" }, when: { type: "string" } },
});

const journal = readJournal();
const migrationSql = functionMigrationSql(planFunctionMigration(readMigrations(journal), readFunctionSources()));
if (migrationSql === null) {
  console.log("The migrations define every function as core/db/functions/ does: no migration to write.");
  process.exit(0);
}
const name = positionals[0];
if (!name || !/^[a-z0-9_]+$/.test(name)) {
  console.error("Name the migration: npm run db:functions -- <name in snake_case> [--number NNNN] [--when ms]");
  process.exit(1);
}
const last = journal.entries.at(-1);
const number = values.number ?? String(Number(last?.tag.slice(0, 4) ?? "-1") + 1).padStart(4, "0");
const when = values.when === undefined ? Math.max(Date.now(), (last?.when ?? 0) + 1) : Number(values.when);
const tag = `${number}_${name}`;
const file = path.join(MIGRATIONS_FOLDER, `${tag}.sql`);
if (existsSync(file)) {
  console.error(`${file} exists already`);
  process.exit(1);
}
const header = "-- The functions of core/db/functions/ that changed (written by npm run db:functions).\n\n";
writeFileSync(file, header + migrationSql);
journal.entries.push({ idx: journal.entries.length, version: "7", when, tag, breakpoints: true });
writeFileSync(path.join(MIGRATIONS_FOLDER, "meta/_journal.json"), `${JSON.stringify(journal, null, 2)}\n`);
const hash = createHash("sha256")
  .update(header + migrationSql)
  .digest("hex");
appendFileSync(path.join(MIGRATIONS_FOLDER, "meta/released.sha256"), `${hash}  ${tag}.sql\n`);
console.log(`Wrote migrations/${tag}.sql, its journal entry and its checksum: review it, then commit.`);
