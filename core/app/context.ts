import type { Db } from "../db/database.ts";

/**
 * What happened in a use case, for whoever listens in this process: the outbox relays wake at once instead of at
 * their next poll, and metrics count. Told after the change committed.
 */
export type CoreEvent =
  | "notifications_queued"
  | "sheets_queued"
  | "order_confirmed"
  | "order_cancelled"
  | "batch_closed"
  | "payment_recorded"
  /** This process changed the catalog: its own cache refreshes now, not when the notification comes back. */
  | "catalog_changed"
  /** A role change waits to be carried out with the identity provider (applyRoleChanges). */
  | "role_changes_queued";

/** What every use case needs: the database, the clock, and a way to tell what happened, as named dependencies. */
export interface CoreContext {
  db: Db;
  now(): Date;
  emit(event: CoreEvent): void;
}

/**
 * `context` without the outbox's wake-up, for work whose caller sends what it queued itself (a message's replies and
 * what its use cases queued with them): a sender woken for it would only race the caller for the same messages.
 */
export function withoutOutboxWake(context: CoreContext): CoreContext {
  return {
    ...context,
    emit: (event) => {
      if (event !== "notifications_queued") context.emit(event);
    },
  };
}
