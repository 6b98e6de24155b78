import { describe, expect, it } from "vitest";
import {
  functionMigrationSql,
  planFunctionMigration,
  readFunctionSource,
  readFunctionSources,
  readMigrations,
  releasedFunctions,
  type SqlFile,
} from "../../scripts/sql-functions.ts";

const BREAK = "\n--> statement-breakpoint\n";

const viewV1 = `-- An order.
CREATE FUNCTION sisconf_view(p_id integer) RETURNS jsonb
LANGUAGE sql STABLE
AS $$ SELECT jsonb_build_object('id', p_id) $$;`;
const viewV2 = `-- An order, with its number.
CREATE OR REPLACE FUNCTION sisconf_view(p_id integer) RETURNS jsonb
LANGUAGE sql STABLE
AS $$ SELECT jsonb_build_object('id', p_id, 'number', 1) $$;`;
const total = `CREATE FUNCTION sisconf_total(p_cents integer, p_quantity numeric(12, 3)) RETURNS bigint
LANGUAGE sql IMMUTABLE
AS $$ SELECT (p_cents * p_quantity)::bigint $$;`;

const migrations: SqlFile[] = [
  { file: "0001_functions.sql", text: `CREATE TABLE t (id integer);${BREAK}${viewV1}${BREAK}\n${total}\n` },
  { file: "0002_view_number.sql", text: `${viewV2}\n` },
];
const source = (text: string): SqlFile => {
  const name = /FUNCTION (\w+)/.exec(text)?.[1] ?? "";
  return { file: `${name}.sql`, text: text.replace(/^CREATE FUNCTION/m, "CREATE OR REPLACE FUNCTION") };
};

describe("the SQL functions kept as source (core/db/functions/)", () => {
  it("are what the migrations define last, every one of them: otherwise `npm run db:functions -- <name>`", () => {
    const plan = planFunctionMigration(readMigrations(), readFunctionSources());
    expect(functionMigrationSql(plan)).toBeNull();
    expect(readFunctionSources().length).toBeGreaterThanOrEqual(10);
  });

  it("takes each function's latest definition, a drop forgetting it", () => {
    const released = releasedFunctions([
      ...migrations,
      { file: "0003_drop.sql", text: "DROP FUNCTION IF EXISTS sisconf_total(integer, numeric);\n" },
    ]);
    expect([...released.keys()]).toEqual(["sisconf_view"]);
    expect(released.get("sisconf_view")).toMatchObject({
      parameters: "(p_id integer)",
      signature: "(p_id integer) RETURNS jsonb",
      comment: "-- An order, with its number.",
    });
  });

  it.each([
    ["sources as released", [viewV2, total], null],
    [
      "a body changed: replaced, with its comment",
      [viewV2, total.replace("::bigint", "::bigint + 0")],
      `CREATE OR REPLACE FUNCTION sisconf_total(p_cents integer, p_quantity numeric(12, 3)) RETURNS bigint
LANGUAGE sql IMMUTABLE
AS $$ SELECT (p_cents * p_quantity)::bigint + 0 $$;
`,
    ],
    ["a comment changed only: nothing to release", [viewV2.replace("with its number", "numbered"), total], null],
    [
      "parameters changed: the old one dropped first",
      [viewV2.replace("(p_id integer)", "(p_id bigint)"), total],
      `DROP FUNCTION sisconf_view(p_id integer);${BREAK}
-- An order, with its number.
CREATE OR REPLACE FUNCTION sisconf_view(p_id bigint) RETURNS jsonb
LANGUAGE sql STABLE
AS $$ SELECT jsonb_build_object('id', p_id, 'number', 1) $$;
`,
    ],
    [
      "a source removed: dropped, nested parentheses and all",
      [viewV2],
      "DROP FUNCTION IF EXISTS sisconf_total(p_cents integer, p_quantity numeric(12, 3));\n",
    ],
    [
      "a new source: created",
      [viewV2, total, "CREATE OR REPLACE FUNCTION sisconf_one() RETURNS integer\nLANGUAGE sql\nAS $$ SELECT 1 $$;"],
      "CREATE OR REPLACE FUNCTION sisconf_one() RETURNS integer\nLANGUAGE sql\nAS $$ SELECT 1 $$;\n",
    ],
  ])("plans the migration for %s", (_case, texts, expected) => {
    expect(functionMigrationSql(planFunctionMigration(migrations, texts.map(source)))).toBe(expected);
  });

  it.each([
    ["sisconf_other.sql", viewV2, "name the file after the function"],
    ["sisconf_view.sql", `${viewV2}${BREAK}${total}`, "one CREATE OR REPLACE FUNCTION and nothing else"],
    ["sisconf_view.sql", "-- nothing but a comment", "one CREATE OR REPLACE FUNCTION and nothing else"],
  ])("refuses %s holding something else than its one function", (file, text, message) => {
    expect(() => readFunctionSource({ file, text })).toThrow(message);
  });
});
