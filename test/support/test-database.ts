import { randomBytes } from "node:crypto";
import postgres from "postgres";
import { inject } from "vitest";
import type { CoreContext } from "../../core/app/context.ts";
import { ensureBusiness } from "../../core/app/ensure-business.ts";
import { type Database, openDatabase, openPglite } from "../../core/db/database.ts";

export type DatabaseKind = "postgres" | "pglite";
export const DATABASE_KINDS: readonly DatabaseKind[] = ["postgres", "pglite"];

export interface TestDatabase {
  database: Database;
  context: CoreContext;
  businessId: number;
  /** The postgres:// URL of this test's own database (PostgreSQL only), for processes the test starts. */
  url: string | null;
  close(): Promise<void>;
}

/** A fresh, migrated database with the default business: its own database on the test server, or in-memory PGlite. */
export async function createTestDatabase(kind: DatabaseKind): Promise<TestDatabase> {
  let url: string | null = null;
  let dropDatabase = async () => {};
  let database: Database;
  if (kind === "postgres") {
    const created = await createPostgresDatabase();
    url = created.url;
    dropDatabase = created.drop;
    // CI runs the database tiers twice: with the commit sent behind the last statement, and without (.ci/run).
    database = await openDatabase({
      url,
      dataDir: "",
      poolSize: 20,
      commitBehindLast: process.env.POSTGRES_COMMIT_BEHIND_LAST !== "false",
    });
  } else {
    database = await openPglite();
  }
  await database.migrate();
  const context: CoreContext = { db: database.db, now: () => new Date(), emit: () => {} };
  const businessId = await ensureBusiness(context);
  return {
    database,
    context,
    businessId,
    url,
    async close() {
      await database.close();
      await dropDatabase();
    },
  };
}

/** A new, empty database on the test PostgreSQL server, and how to drop it. */
export async function createPostgresDatabase(): Promise<{ url: string; drop: () => Promise<void> }> {
  const serverUrl = inject("postgresUrl");
  const name = `test_${randomBytes(6).toString("hex")}`;
  const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${name}`);
  return {
    url: serverUrl.replace(/\/[^/]*$/, `/${name}`),
    async drop() {
      await admin.unsafe(`drop database if exists ${name} with (force)`);
      await admin.end();
    },
  };
}
