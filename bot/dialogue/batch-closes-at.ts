import { getCloseSchedule } from "../../core/app/get-close-schedule.ts";
import { nextCloseAfter } from "../../core/domain/close-schedule.ts";
import type { Turn } from "./turn.ts";

/** "O lote atual fecha quinta-feira, 10/12, às 18:00." when a schedule is in force; null when closed by command only. */
export async function batchClosesAt(turn: Turn): Promise<string | null> {
  const { input, messages } = turn;
  const { schedule } = await getCloseSchedule(input.context, {
    businessId: input.businessId,
    fromEnvironment: input.week.closeSchedule,
  });
  if (!schedule) return null;
  const next = nextCloseAfter(schedule, input.context.now(), input.week.timeZone);
  return messages.batchClosesAt(messages.formatMoment(next, input.week.timeZone));
}
