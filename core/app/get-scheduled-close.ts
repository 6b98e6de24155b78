import { type CloseSchedule, formatCloseSchedule, nextCloseAfter, reminderBefore } from "../domain/close-schedule.ts";
import type { CoreContext } from "./context.ts";
import { getCloseSchedule } from "./get-close-schedule.ts";

/** The cut-off's settings: BATCH_CLOSE_SCHEDULE (the chat's schedule overrides it), its reminder and time zone. */
export interface CloseSettings {
  closeSchedule: CloseSchedule | null;
  reminderHours: number;
  timeZone: string;
}

export interface ScheduledClose {
  /** The schedule in force as BATCH_CLOSE_SCHEDULE writes it ("thu 18:00"); null: closed by command only. */
  schedule: string | null;
  source: "environment" | "chat";
  timeZone: string;
  /** When the open batch closes on its own; null without a schedule. */
  nextCloseAt: Date | null;
  /** When customers with an unconfirmed list are reminded before it; null without a schedule or a reminder. */
  reminderAt: Date | null;
}

/** When the open batch closes on its own (the chat's schedule, else BATCH_CLOSE_SCHEDULE), and its reminder. */
export async function getScheduledClose(
  context: CoreContext,
  businessId: number,
  settings: CloseSettings,
): Promise<ScheduledClose> {
  const { timeZone, reminderHours } = settings;
  const { schedule, source } = await getCloseSchedule(context, {
    businessId,
    fromEnvironment: settings.closeSchedule,
  });
  if (!schedule) return { schedule: null, source, timeZone, nextCloseAt: null, reminderAt: null };
  const nextCloseAt = nextCloseAfter(schedule, context.now(), timeZone);
  return {
    schedule: formatCloseSchedule(schedule),
    source,
    timeZone,
    nextCloseAt,
    reminderAt: reminderBefore(nextCloseAt, reminderHours),
  };
}
