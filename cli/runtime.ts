import { EventEmitter } from "node:events";
import type { Logger } from "pino";
import type { CoreContext, CoreEvent } from "../core/app/context.ts";
import { ensureBusiness } from "../core/app/ensure-business.ts";
import { type Config, ConfigError, loadConfig } from "../core/config/config.ts";
import { type Database, openDatabase, postgresDriverMode } from "../core/db/database.ts";
import { createLogger } from "../core/logger.ts";
import { Lifecycle } from "./lifecycle.ts";
import { waitFor } from "./wait-for.ts";

/** What every process role shares: configuration, logs, the database, the business it serves. */
export interface Runtime {
  config: Config;
  logger: Logger;
  database: Database;
  context: CoreContext;
  businessId: number;
  lifecycle: Lifecycle;
  /** What the use cases of this process did, once committed (outbox relays and metrics listen). */
  events: EventEmitter<Record<CoreEvent, []>>;
}

export async function createRuntime(role: string, config: Config = loadConfig(process.env)): Promise<Runtime> {
  const logger = createLogger(config.LOG_LEVEL).child({ role });
  const lifecycle = new Lifecycle(logger, config.SHUTDOWN_GRACE_MS);
  if (config.DATABASE_URL) checkPostgresDriver(config, logger);
  // A role may start before its database: wait, saying why, instead of crashing.
  const database = await waitFor(logger, "database", async () => {
    const opened = await openDatabase({
      url: config.DATABASE_URL,
      dataDir: config.DATA_DIR,
      poolSize: config.DATABASE_POOL_SIZE,
      commitBehindLast: config.POSTGRES_COMMIT_BEHIND_LAST,
    });
    try {
      await opened.ping();
      return opened;
    } catch (error) {
      await opened.close();
      throw error;
    }
  });
  lifecycle.onStop("database", () => database.close());
  await database.migrate();
  const events = new EventEmitter<Record<CoreEvent, []>>();
  const context: CoreContext = {
    db: database.db,
    now: () => new Date(),
    emit: (event) => events.emit(event),
  };
  const businessId = await ensureBusiness(context);
  return { config, logger, database, context, businessId, lifecycle, events };
}

/**
 * The driver runs patched (scripts/patch-postgres.mjs) or not at all: stock, a PostgreSQL restart can end the process
 * from a timer. The mode is logged at every start, the round-trip saving with it.
 */
function checkPostgresDriver(config: Config, logger: Logger): void {
  if (postgresDriverMode === "stock") {
    throw new ConfigError(
      "postgres.js in node_modules is not patched (installed with --ignore-scripts?): run `node scripts/patch-postgres.mjs`",
    );
  }
  logger.info(
    { postgresDriver: "postgres.js 3.4.9, patched", commitBehindLast: config.POSTGRES_COMMIT_BEHIND_LAST },
    "database driver",
  );
}
