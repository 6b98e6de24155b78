import { batchCloseSchedules } from "../db/schema.ts";
import { type CloseSchedule, formatCloseSchedule } from "../domain/close-schedule.ts";
import type { CoreContext } from "./context.ts";

/**
 * "fechar lote quinta 18h" (a schedule) or "fechamento automático desligado" (null), from the chat: it overrides
 * BATCH_CLOSE_SCHEDULE from now on, and only moments after now close a batch.
 */
export async function setCloseSchedule(
  context: CoreContext,
  input: { businessId: number; schedule: CloseSchedule | null },
): Promise<void> {
  const values = {
    schedule: input.schedule ? formatCloseSchedule(input.schedule) : null,
    source: "chat",
    since: context.now(),
  };
  await context.db
    .insert(batchCloseSchedules)
    .values({ businessId: input.businessId, ...values })
    .onConflictDoUpdate({ target: batchCloseSchedules.businessId, set: values });
}
