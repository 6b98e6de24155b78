import { setCloseSchedule } from "../../../core/app/set-close-schedule.ts";
import { nextCloseAfter } from "../../../core/domain/close-schedule.ts";
import { readWeekCommand } from "../../understand/week-commands.ts";
import type { IntentHandler } from "../turn.ts";

/**
 * "fechar lote quinta 18h" sets when the open batch closes on its own, every week, overriding BATCH_CLOSE_SCHEDULE;
 * "fechamento automático desligado" turns it off. The scheduler reads it at its next turn.
 */
export const closeSchedule: IntentHandler = async (turn) => {
  const { input, messages } = turn;
  const command = readWeekCommand(turn.text);
  if (command?.kind === "close_schedule_off") {
    await setCloseSchedule(input.context, { businessId: input.businessId, schedule: null });
    return [messages.closeScheduleOff()];
  }
  if (command?.kind !== "close_schedule" || !command.schedule) return [messages.closeScheduleUnclear()];
  await setCloseSchedule(input.context, { businessId: input.businessId, schedule: command.schedule });
  const { timeZone, reminderHours } = input.week;
  const next = nextCloseAfter(command.schedule, input.context.now(), timeZone);
  return [messages.closeScheduleSet(messages.formatMoment(next, timeZone), reminderHours)];
};
