import { and, count, eq, isNull, min } from "drizzle-orm";
import { notifications, sheets } from "../db/schema.ts";
import type { CoreContext } from "./context.ts";

export interface OutboxBacklog {
  outbox: "notifications" | "sheets";
  waiting: number;
  /** Seconds since the oldest waiting entry was written; 0 when none waits. */
  oldestAgeSeconds: number;
}

/** How much the outboxes hold and for how long: a growing age means a sender or relay is stuck. */
export async function getOutboxBacklog(context: CoreContext): Promise<OutboxBacklog[]> {
  const now = context.now().getTime();
  const [messages, jobs] = await Promise.all([
    context.db
      .select({ waiting: count(), oldest: min(notifications.createdAt) })
      .from(notifications)
      .where(eq(notifications.status, "pending")),
    context.db
      .select({ waiting: count(), oldest: min(sheets.createdAt) })
      .from(sheets)
      .where(and(isNull(sheets.enqueuedAt), eq(sheets.status, "pending"))),
  ]);
  const backlog = (outbox: OutboxBacklog["outbox"], row: { waiting: number; oldest: Date | null } | undefined) => ({
    outbox,
    waiting: row?.waiting ?? 0,
    oldestAgeSeconds: row?.oldest ? Math.max(0, (now - new Date(row.oldest).getTime()) / 1000) : 0,
  });
  return [backlog("notifications", messages[0]), backlog("sheets", jobs[0])];
}
