import { getScheduledClose } from "../../core/app/get-scheduled-close.ts";
import type { Turn } from "./turn.ts";

/** "O lote atual fecha quinta-feira, 10/12, às 18:00." when a schedule is in force; null when closed by command only. */
export async function batchClosesAt(turn: Turn): Promise<string | null> {
  const { input, messages } = turn;
  const { nextCloseAt } = await getScheduledClose(input.context, input.businessId, input.week);
  if (!nextCloseAt) return null;
  return messages.batchClosesAt(messages.formatMoment(nextCloseAt, input.week.timeZone));
}
