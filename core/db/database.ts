import { mkdirSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { type ExtractTablesWithRelations, type SQL, sql } from "drizzle-orm";
import { type PgDatabase, PgDialect, type PgQueryResultHKT, type PgTransaction } from "drizzle-orm/pg-core";
import { drizzle as drizzlePostgres, PostgresJsSession } from "drizzle-orm/postgres-js";
import { migrate as migratePostgres } from "drizzle-orm/postgres-js/migrator";
import postgres from "postgres";
import * as schema from "./schema.ts";

export type Schema = typeof schema;
export type Db = PgDatabase<PgQueryResultHKT, Schema>;
export type Tx = PgTransaction<PgQueryResultHKT, Schema, ExtractTablesWithRelations<Schema>>;
/** Either the database or a transaction on it: queries take this so they compose inside use cases. */
export type Executor = Db | Tx;

const dialect = new PgDialect();

/**
 * The rows of a statement written in SQL: a call to one of the functions in core/db/functions/, on the hot paths. It is
 * prepared (drizzle prepares only statements given a name): PostgreSQL then parses and plans it once per
 * connection instead of on every message. Each connection keeps what it prepared, which stays bounded because these
 * statements are a handful of fixed texts with their values as parameters: never build one around a list of values.
 */
export async function selectRows<Row>(executor: Executor, query: SQL): Promise<Row[]> {
  const prepared = executor._.session.prepareQuery(dialect.sqlToQuery(query), undefined, "sisconf", false);
  // postgres.js answers an array of rows, PGlite an object holding them.
  const result = (await prepared.execute()) as unknown as Row[] | { rows: Row[] };
  return Array.isArray(result) ? result : result.rows;
}

/**
 * What a transaction's last statement answers, known once the transaction has committed. A callback of
 * `transactionEndingWith` returns it without waiting for it, so the commit can be sent behind the statement.
 */
export class AfterCommit<T> {
  constructor(readonly result: Promise<T>) {
    // Whoever needs the result awaits it; should the transaction fail first, nobody does, and that is no crash.
    result.catch(() => {});
  }

  static of<T>(value: T): AfterCommit<T> {
    return new AfterCommit(Promise.resolve(value));
  }

  map<U>(transform: (value: T) => U): AfterCommit<U> {
    return new AfterCommit(this.result.then(transform));
  }
}

/**
 * Runs `work` in a transaction and answers the result it leaves for after the commit. With `sendLast` as its last
 * statement, the commit travels with that statement instead of a round trip after it (scripts/patch-postgres.mjs
 * says how the patched driver keeps that safe).
 */
export async function transactionEndingWith<T>(db: Db, work: (tx: Tx) => Promise<AfterCommit<T>>): Promise<T> {
  const ending = await db.transaction(work);
  return ending.result;
}

/**
 * Whether node_modules holds postgres.js as scripts/patch-postgres.mjs leaves it (checksummed: its crash guard, and
 * a commit that may travel behind a statement not yet answered) or stock (installed with --ignore-scripts). A server
 * on PostgreSQL refuses to start on a stock driver (cli/runtime.ts).
 */
export const postgresDriverMode: "patched" | "stock" =
  (postgres as unknown as { sisconfCommitBehindLast?: boolean }).sisconfCommitBehindLast === true ? "patched" : "stock";

/**
 * The databases whose transactions send their commit behind their last statement (`POSTGRES_COMMIT_BEHIND_LAST`),
 * known by the options object drizzle hands from a database's session to each of its transactions' sessions.
 */
const commitBehindLastSessions = new WeakSet<object>();

function sessionOptions(session: unknown): object {
  return (session as { options: object }).options;
}

/**
 * Sends `query`, a transaction's last statement, as `selectRows` would, and answers its rows to come without waiting
 * for them. Nothing may be sent after it in that transaction. On the patched postgres.js the statement goes to the
 * connection now, straight to the driver: through drizzle it would reach the connection a few ticks later, after the
 * commit. Should it fail, the commit behind it ends the transaction as a rollback, and the transaction fails with its
 * error. PGlite (embedded, no round trips to save), a stock driver and a client opened with `commitBehindLast` off
 * await it like any statement.
 */
export async function sendLast<Row>(executor: Executor, query: SQL): Promise<AfterCommit<Row[]>> {
  const session = executor._.session;
  if (!(session instanceof PostgresJsSession) || !commitBehindLastSessions.has(sessionOptions(session))) {
    return AfterCommit.of(await selectRows<Row>(executor, query));
  }
  const { sql: text, params } = dialect.sqlToQuery(query);
  const rows = session.client.unsafe(text, params as postgres.ParameterOrJSON<never>[], { prepare: true }).execute();
  return new AfterCommit(rows.then((result: Row[]) => result));
}

export interface Database {
  db: Db;
  kind: "postgres" | "pglite";
  migrate(): Promise<void>;
  ping(): Promise<void>;
  /**
   * Calls `onNotification` with the payload of every `NOTIFY` on `channel`, whichever process or connection sent
   * it, once its transaction committed; and `onListening` each time listening starts, the first time and after the
   * connection was lost and made again (notifications sent meanwhile are lost: a listener must assume it missed
   * some). Answers how to stop listening.
   */
  listen(
    channel: string,
    onNotification: (payload: string) => void,
    onListening: () => void,
  ): Promise<() => Promise<void>>;
  close(): Promise<void>;
}

const migrationsFolder = fileURLToPath(new URL("../../migrations", import.meta.url));

/** Any fixed number shared by every SISCONF process: migrations run one process at a time. */
const MIGRATION_LOCK = 7_316_420_011;

export interface DatabaseOptions {
  /** postgres:// URL; without it, PGlite in `dataDir`. */
  url?: string | undefined;
  dataDir: string;
  poolSize?: number;
  /** Send a transaction's commit behind its last statement (`sendLast`) when the driver is patched; default true. */
  commitBehindLast?: boolean;
}

export async function openDatabase(options: DatabaseOptions): Promise<Database> {
  if (options.url) return openPostgres(options.url, options.poolSize ?? 10, options.commitBehindLast ?? true);
  return openPglite(path.join(options.dataDir, "pglite"));
}

/**
 * A postgres.js client of at most `max` connections. postgres.js reads a Unix-socket folder only as an option:
 * libpq's `?host=/run/postgresql` in the URL (which it would send to the server as a setting) is moved there.
 */
function connect(url: string, max: number): postgres.Sql {
  const parsed = new URL(url);
  const socketFolder = parsed.searchParams.get("host");
  parsed.searchParams.delete("host");
  return postgres(socketFolder ? parsed.toString() : url, {
    ...(socketFolder ? { host: socketFolder } : {}),
    max,
    onnotice: () => {},
    connect_timeout: 10,
  });
}

function openPostgres(url: string, poolSize: number, commitBehindLast: boolean): Database {
  const client = connect(url, poolSize);
  const db = drizzlePostgres(client, { schema }) as unknown as Db;
  if (commitBehindLast && postgresDriverMode === "patched") commitBehindLastSessions.add(sessionOptions(db._.session));
  return {
    db,
    kind: "postgres",
    async migrate() {
      // drizzle's migrator does not lock: two processes starting together would both apply. One session holds
      // the advisory lock and runs the migrations.
      const session = connect(url, 1);
      try {
        await session`select pg_advisory_lock(${MIGRATION_LOCK})`;
        await migratePostgres(drizzlePostgres(session), { migrationsFolder });
      } finally {
        await session.end({ timeout: 5 });
      }
    },
    async ping() {
      await db.execute(sql`select 1`);
    },
    async listen(channel, onNotification, onListening) {
      // postgres.js listens on a connection of its own, outside the pool, and listens again when it is remade.
      const { unlisten } = await client.listen(channel, onNotification, onListening);
      return async () => {
        await unlisten();
      };
    },
    async close() {
      await client.end({ timeout: 5 });
    },
  };
}

/**
 * PGlite under `directory`, or in memory when none is given (tests that want a fresh database). Loaded only here:
 * importing PGlite costs a process about 45 MB, which a process on PostgreSQL would carry for nothing.
 */
export async function openPglite(directory?: string): Promise<Database> {
  const [{ PGlite }, { drizzle: drizzlePglite }, { migrate: migratePglite }] = await Promise.all([
    import("@electric-sql/pglite"),
    import("drizzle-orm/pglite"),
    import("drizzle-orm/pglite/migrator"),
  ]);
  if (directory) mkdirSync(directory, { recursive: true });
  const client = await PGlite.create(directory);
  const db = drizzlePglite(client, { schema }) as unknown as Db;
  return {
    db,
    kind: "pglite",
    async migrate() {
      await migratePglite(drizzlePglite(client), { migrationsFolder });
    },
    async ping() {
      await db.execute(sql`select 1`);
    },
    async listen(channel, onNotification, onListening) {
      const unlisten = await client.listen(channel, onNotification);
      onListening();
      return async () => {
        if (!client.closed) await unlisten();
      };
    },
    async close() {
      await client.close();
    },
  };
}
