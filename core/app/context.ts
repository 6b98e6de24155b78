import type { Db } from "../db/database.ts";

/** Outboxes that a use case may have written to, so that their relays wake at once instead of at their next poll. */
export type Outbox = "notifications" | "sheets";

/** What every use case needs: the database, the clock, and a way to wake the outbox relays, as named dependencies. */
export interface CoreContext {
  db: Db;
  now(): Date;
  outboxWritten(outbox: Outbox): void;
}
