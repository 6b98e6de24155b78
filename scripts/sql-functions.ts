import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

/**
 * The hot-path SQL functions are source (core/db/functions/<name>.sql, one `CREATE OR REPLACE FUNCTION` each, its
 * comment above it); migrations/ holds what was released. This module reads both and plans the migration that
 * brings the released definitions to the sources: `npm run db:functions` writes it, and a test fails while one is
 * due (test/unit/sql-functions.test.ts).
 */

const BREAKPOINT = "--> statement-breakpoint";
const CREATE = /^CREATE\s+(?:OR\s+REPLACE\s+)?FUNCTION\s+"?(\w+)"?\s*\(/i;
const RESULT = /^\s*(.*?)\s+(?:LANGUAGE|AS)\s/is;
const DROP = /^DROP\s+FUNCTION\s+(?:IF\s+EXISTS\s+)?"?(\w+)"?/i;

export interface FunctionDefinition {
  name: string;
  /** The parameters as declared, `(p_order_id integer)`: what a DROP FUNCTION names. */
  parameters: string;
  /** Parameters and result, whitespace folded: a change here needs the old function dropped first. */
  signature: string;
  /** The statement, written `CREATE OR REPLACE FUNCTION`, lines without trailing blanks: what is compared. */
  statement: string;
  /** The comment lines right above it, which say why; not compared. */
  comment: string;
}

export interface SqlFile {
  /** The file's name, `0008_delivery_and_money.sql` or `sisconf_order_view.sql`. */
  file: string;
  text: string;
}

export interface FunctionMigrationPlan {
  /** Sources new or changed since the migrations last defined them, in file name order. */
  changed: { source: FunctionDefinition; released: FunctionDefinition | undefined }[];
  /** Functions the migrations define that no source does any more. */
  dropped: FunctionDefinition[];
}

/** One statement read from a chunk of SQL: a function created, one dropped, or anything else. */
function readStatement(chunk: string): FunctionDefinition | { dropped: string } | null {
  const lines = chunk.split("\n").map((line) => line.trimEnd());
  const start = lines.findIndex((line) => line !== "" && !line.startsWith("--"));
  if (start < 0) return null;
  const text = lines.slice(start).join("\n").trim();
  const dropped = DROP.exec(text);
  if (dropped) return { dropped: dropped[1] ?? "" };
  const created = CREATE.exec(text);
  if (!created) return null;
  const parameters = balancedParentheses(text, created[0].length - 1);
  const result = RESULT.exec(text.slice(created[0].length - 1 + parameters.length))?.[1] ?? "";
  let commentStart = start;
  while (commentStart > 0 && lines[commentStart - 1]?.startsWith("--")) commentStart--;
  return {
    name: created[1] ?? "",
    parameters,
    signature: `${parameters} ${result}`.replace(/\s+/g, " "),
    statement: text.replace(/^CREATE\s+(?:OR\s+REPLACE\s+)?FUNCTION/i, "CREATE OR REPLACE FUNCTION"),
    comment: lines.slice(commentStart, start).join("\n"),
  };
}

/** The text of the parenthesised group opening at `start`, nested groups (`numeric(10, 2)`) included. */
function balancedParentheses(text: string, start: number): string {
  let depth = 0;
  for (let index = start; index < text.length; index++) {
    if (text[index] === "(") depth++;
    if (text[index] === ")" && --depth === 0) return text.slice(start, index + 1);
  }
  throw new Error(`unbalanced parentheses in ${text.slice(0, 80)}`);
}

/** The functions as the migrations leave them, applied in order: each one's latest definition. */
export function releasedFunctions(migrations: readonly SqlFile[]): Map<string, FunctionDefinition> {
  const functions = new Map<string, FunctionDefinition>();
  for (const migration of migrations) {
    for (const chunk of migration.text.split(BREAKPOINT)) {
      const statement = readStatement(chunk);
      if (statement === null) continue;
      if ("dropped" in statement) functions.delete(statement.dropped);
      else functions.set(statement.name, statement);
    }
  }
  return functions;
}

/** A source file's one function, named as the file is; throws on anything else, which no migration could carry. */
export function readFunctionSource(source: SqlFile): FunctionDefinition {
  const statements = source.text.split(BREAKPOINT).map(readStatement);
  const [definition] = statements;
  if (statements.length !== 1 || !definition || "dropped" in definition)
    throw new Error(`${source.file}: a function source holds one CREATE OR REPLACE FUNCTION and nothing else`);
  if (`${definition.name}.sql` !== source.file)
    throw new Error(`${source.file}: defines ${definition.name}; name the file after the function`);
  return definition;
}

/** What a migration must do so that the released functions are the sources. */
export function planFunctionMigration(
  migrations: readonly SqlFile[],
  sources: readonly SqlFile[],
): FunctionMigrationPlan {
  const released = releasedFunctions(migrations);
  const definitions = [...sources].sort((left, right) => left.file.localeCompare(right.file)).map(readFunctionSource);
  const named = new Set(definitions.map((definition) => definition.name));
  return {
    changed: definitions
      .map((source) => ({ source, released: released.get(source.name) }))
      .filter(({ source, released }) => source.statement !== released?.statement),
    dropped: [...released.values()].filter((definition) => !named.has(definition.name)),
  };
}

/**
 * The migration's SQL: each changed source with its comment (after dropping the released function when its
 * parameters or result changed, which CREATE OR REPLACE cannot do), then the drops. Null when nothing is due.
 */
export function functionMigrationSql(plan: FunctionMigrationPlan): string | null {
  const statements = [
    ...plan.changed.flatMap(({ source, released }) => [
      ...(released && released.signature !== source.signature
        ? [`DROP FUNCTION ${released.name}${released.parameters};`]
        : []),
      [source.comment, `${source.statement}`].filter((part) => part !== "").join("\n"),
    ]),
    ...plan.dropped.map((definition) => `DROP FUNCTION IF EXISTS ${definition.name}${definition.parameters};`),
  ];
  if (statements.length === 0) return null;
  return `${statements.join(`\n${BREAKPOINT}\n\n`)}\n`;
}

const root = fileURLToPath(new URL("../", import.meta.url));
export const MIGRATIONS_FOLDER = path.join(root, "migrations");
const FUNCTIONS_FOLDER = path.join(root, "core/db/functions");

export interface Journal {
  version: string;
  dialect: string;
  entries: { idx: number; version: string; when: number; tag: string; breakpoints: boolean }[];
}

export function readJournal(): Journal {
  return JSON.parse(readFileSync(path.join(MIGRATIONS_FOLDER, "meta/_journal.json"), "utf8")) as Journal;
}

/** The migrations in the journal's order, as the migrator applies them. */
export function readMigrations(journal: Journal = readJournal()): SqlFile[] {
  return journal.entries.map((entry) => {
    const file = `${entry.tag}.sql`;
    return { file, text: readFileSync(path.join(MIGRATIONS_FOLDER, file), "utf8") };
  });
}

export function readFunctionSources(): SqlFile[] {
  return readdirSync(FUNCTIONS_FOLDER)
    .filter((file) => file.endsWith(".sql"))
    .map((file) => ({ file, text: readFileSync(path.join(FUNCTIONS_FOLDER, file), "utf8") }));
}
