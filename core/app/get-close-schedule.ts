import { eq, sql } from "drizzle-orm";
import { batchCloseSchedules } from "../db/schema.ts";
import { type CloseSchedule, formatCloseSchedule, parseCloseSchedule } from "../domain/close-schedule.ts";
import type { CoreContext } from "./context.ts";

export interface CloseScheduleInForce {
  /** Null: the batch closes by command only. */
  schedule: CloseSchedule | null;
  source: "environment" | "chat";
  /** Only scheduled moments after this close a batch. */
  since: Date;
}

/**
 * The schedule in force: the one set in chat, else BATCH_CLOSE_SCHEDULE. The variable's value is recorded with the
 * moment this business first saw it, so that a schedule that is new (or changed) counts from now, not from the
 * last time its weekday came round.
 */
export async function getCloseSchedule(
  context: CoreContext,
  input: { businessId: number; fromEnvironment: CloseSchedule | null },
): Promise<CloseScheduleInForce> {
  const environment = input.fromEnvironment ? formatCloseSchedule(input.fromEnvironment) : null;
  let [row] = await context.db
    .select()
    .from(batchCloseSchedules)
    .where(eq(batchCloseSchedules.businessId, input.businessId));
  if (!row || (row.source === "environment" && row.schedule !== environment)) {
    const values = { schedule: environment, source: "environment", since: context.now() };
    // Two processes seeing a new value at once: the second write only moves `since` a moment later.
    [row] = await context.db
      .insert(batchCloseSchedules)
      .values({ businessId: input.businessId, ...values })
      .onConflictDoUpdate({
        target: batchCloseSchedules.businessId,
        set: values,
        setWhere: sql`${batchCloseSchedules.source} = 'environment'`,
      })
      .returning();
    if (!row) return getCloseSchedule(context, input);
  }
  return {
    schedule: row.schedule === null ? null : parseCloseSchedule(row.schedule),
    source: row.source === "chat" ? "chat" : "environment",
    since: row.since,
  };
}
