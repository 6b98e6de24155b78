import { sql } from "drizzle-orm";
import { selectRows } from "../db/database.ts";
import { queueNotifications } from "../db/notification-queries.ts";
import { scheduledRuns } from "../db/schema.ts";
import { type CloseSchedule, lastCloseAtOrBefore, nextCloseAfter, reminderBefore } from "../domain/close-schedule.ts";
import { closeOpenBatch } from "./close-open-batch.ts";
import type { CoreContext } from "./context.ts";
import { getCloseSchedule } from "./get-close-schedule.ts";
import { waitingList } from "./list-unconfirmed-lists.ts";

export interface CloseScheduleSettings {
  businessId: number;
  /** BATCH_CLOSE_SCHEDULE; the chat's schedule overrides it. */
  fromEnvironment: CloseSchedule | null;
  reminderHours: number;
  /** How long a drafted list waits for "sim" (PENDING_ORDER_TTL_MINUTES): only lists still waiting are reminded. */
  pendingTtlMs: number;
  timeZone: string;
  /** The entrepreneurs: they get the sheet links of a scheduled close and word of it. */
  entrepreneurPhones: readonly string[];
}

/**
 * One turn of the scheduler, safe to run in every process at once: each scheduled moment (a close, a reminder) is
 * claimed by inserting its row in `scheduled_runs` in the transaction that does the work, so the second process's
 * insert waits for the first's commit, finds the row taken, and does nothing. A process that was down across the
 * moment finds it unclaimed when it comes back and does it then, once. Returns how many moments it handled.
 */
export async function runCloseSchedule(context: CoreContext, settings: CloseScheduleSettings): Promise<number> {
  const { schedule, since } = await getCloseSchedule(context, settings);
  if (!schedule) return 0;
  const now = context.now();
  let handled = 0;
  const lastDue = lastCloseAtOrBefore(schedule, now, settings.timeZone);
  if (lastDue.getTime() > since.getTime() && (await closeWhenDue(context, settings, lastDue))) handled += 1;
  const nextDue = nextCloseAfter(schedule, now, settings.timeZone);
  const remindAt = reminderBefore(nextDue, settings.reminderHours);
  if (remindAt && remindAt <= now && (await remindWhenDue(context, settings, nextDue))) {
    handled += 1;
  }
  return handled;
}

/** Whether this process claimed the moment (closed the batch, or found nothing to close). */
async function closeWhenDue(context: CoreContext, settings: CloseScheduleSettings, dueAt: Date): Promise<boolean> {
  const now = context.now();
  const outcome = await context.db.transaction(async (tx) => {
    const claimed = await tx
      .insert(scheduledRuns)
      .values({ businessId: settings.businessId, kind: "close", dueAt, outcome: "claimed", createdAt: now })
      .onConflictDoNothing()
      .returning({ dueAt: scheduledRuns.dueAt });
    if (claimed.length === 0) return null;
    const closing = await closeOpenBatch(tx, {
      businessId: settings.businessId,
      sheetRecipients: settings.entrepreneurPhones,
      now,
      openedBefore: dueAt,
    });
    const batchNumber =
      closing.kind === "closed" ? closing.closedNumber : "batchNumber" in closing ? closing.batchNumber : 0;
    await tx.execute(
      sql`update scheduled_runs set outcome = ${closing.kind}
        where business_id = ${settings.businessId} and kind = 'close' and due_at = ${dueAt.toISOString()}::timestamptz`,
    );
    if (closing.kind === "closed" || closing.kind === "empty") {
      await queueNotifications(
        tx,
        settings.entrepreneurPhones.map((phone) => ({
          businessId: settings.businessId,
          phone,
          payload: { kind: "scheduled_close", batchNumber, outcome: closing.kind === "closed" ? "closed" : "empty" },
          dedupeKey: `scheduled-close:${dueAt.toISOString()}:${phone}`,
        })),
      );
    }
    return closing.kind;
  });
  if (outcome === null) return false;
  context.emit("notifications_queued");
  if (outcome === "closed") {
    context.emit("sheets_queued");
    context.emit("batch_closed");
  }
  return true;
}

/**
 * Reminds, once per scheduled close, each customer whose conversation holds an order summary not yet confirmed
 * and who has no confirmed order in the open batch.
 */
async function remindWhenDue(context: CoreContext, settings: CloseScheduleSettings, dueAt: Date): Promise<boolean> {
  const claimed = await context.db.transaction(async (tx) => {
    const [run] = await tx
      .insert(scheduledRuns)
      .values({
        businessId: settings.businessId,
        kind: "reminder",
        dueAt,
        outcome: "claimed",
        createdAt: context.now(),
      })
      .onConflictDoNothing()
      .returning({ dueAt: scheduledRuns.dueAt });
    if (!run) return false;
    const waiting = await selectRows<{ phone: string; batch_number: number }>(
      tx,
      sql`select c.phone, b.number as batch_number
        from conversations c
        join batches b on b.business_id = c.business_id and b.status = 'open'
        where c.business_id = ${settings.businessId} and ${waitingList(sql`c.state`, context.now(), settings.pendingTtlMs)}
          and c.phone <> all(${`{${settings.entrepreneurPhones.join(",")}}`}::text[])
          and not exists (
            select 1 from orders o join customers cu on cu.id = o.customer_id
            where o.batch_id = b.id and cu.phone = c.phone and o.status = 'received')`,
    );
    await queueNotifications(
      tx,
      waiting.map((row) => ({
        businessId: settings.businessId,
        phone: row.phone,
        payload: {
          kind: "close_reminder",
          batchNumber: row.batch_number,
          closesAt: dueAt.toISOString(),
          timeZone: settings.timeZone,
        },
        dedupeKey: `close-reminder:${dueAt.toISOString()}:${row.phone}`,
      })),
    );
    await tx.execute(
      sql`update scheduled_runs set outcome = ${`${waiting.length} reminded`}
        where business_id = ${settings.businessId} and kind = 'reminder' and due_at = ${dueAt.toISOString()}::timestamptz`,
    );
    return true;
  });
  if (claimed) context.emit("notifications_queued");
  return claimed;
}
