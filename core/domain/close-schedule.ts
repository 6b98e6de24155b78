/**
 * A weekly moment at which the open batch closes on its own ("thu 18:00"), in a time zone, and the arithmetic to
 * find the moments around an instant. Pure: the clock and the zone are given.
 */
export interface CloseSchedule {
  /** 0 Sunday … 6 Saturday, as Date.getDay. */
  weekday: number;
  hour: number;
  minute: number;
}

const WEEKDAY_NAMES: Record<string, number> = {
  sun: 0,
  mon: 1,
  tue: 2,
  wed: 3,
  thu: 4,
  fri: 5,
  sat: 6,
};
const CANONICAL = ["sun", "mon", "tue", "wed", "thu", "fri", "sat"] as const;

export const CLOSE_SCHEDULE_EXPECTED = "a weekday and a time, e.g. thu 18:00";

/** Reads `thu 18:00` (also `thursday 18:00`, `thu 18h`, `thu 6:30`); null when it is not one. */
export function parseCloseSchedule(text: string): CloseSchedule | null {
  const match = /^([a-z]+)\s+(\d{1,2})(?::(\d{2})|h(\d{2})?)?$/.exec(text.trim().toLowerCase());
  if (!match) return null;
  const [, day = "", hourText = "", minuteText, minuteAfterH] = match;
  const weekday = WEEKDAY_NAMES[day.slice(0, 3)];
  const fullName = ["sunday", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday"][weekday ?? -1];
  if (weekday === undefined || (day.length > 3 && day !== fullName)) return null;
  const hour = Number(hourText);
  const minute = Number(minuteText ?? minuteAfterH ?? "0");
  if (hour > 23 || minute > 59) return null;
  return { weekday, hour, minute };
}

/** The schedule as BATCH_CLOSE_SCHEDULE writes it, and as it is stored. */
export function formatCloseSchedule(schedule: CloseSchedule): string {
  const time = `${String(schedule.hour).padStart(2, "0")}:${String(schedule.minute).padStart(2, "0")}`;
  return `${CANONICAL[schedule.weekday]} ${time}`;
}

/** Whether the runtime knows the zone (an IANA name such as America/Fortaleza). */
export function isKnownTimeZone(timeZone: string): boolean {
  try {
    new Intl.DateTimeFormat("en-US", { timeZone });
    return true;
  } catch {
    return false;
  }
}

interface LocalParts {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

const DAY_MS = 86_400_000;

const formatters = new Map<string, Intl.DateTimeFormat>();

function localParts(instant: Date, timeZone: string): LocalParts {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat("en-US", {
      timeZone,
      hourCycle: "h23",
      year: "numeric",
      month: "numeric",
      day: "numeric",
      hour: "numeric",
      minute: "numeric",
      second: "numeric",
    });
    formatters.set(timeZone, formatter);
  }
  const parts: Record<string, number> = {};
  for (const part of formatter.formatToParts(instant)) {
    if (part.type !== "literal") parts[part.type] = Number(part.value);
  }
  return {
    year: parts.year ?? 0,
    month: parts.month ?? 1,
    day: parts.day ?? 1,
    hour: parts.hour ?? 0,
    minute: parts.minute ?? 0,
    second: parts.second ?? 0,
  };
}

/** The zone's offset from UTC at an instant, in milliseconds. */
function offsetAt(instant: Date, timeZone: string): number {
  const local = localParts(instant, timeZone);
  const asUtc = Date.UTC(local.year, local.month - 1, local.day, local.hour, local.minute, local.second);
  return asUtc - Math.floor(instant.getTime() / 1000) * 1000;
}

/**
 * The instant a wall-clock time in the zone names. A time skipped by a DST change (02:30 on the night clocks jump
 * from 02:00 to 03:00) is taken an hour later; a time that happens twice, at its first occurrence.
 */
function instantOf(year: number, month: number, day: number, hour: number, minute: number, timeZone: string): Date {
  const wall = Date.UTC(year, month - 1, day, hour, minute);
  // The offsets in force a day before and a day after cover both sides of any change that day.
  const guesses = [-DAY_MS, 0, DAY_MS].map((shift) => wall - offsetAt(new Date(wall + shift), timeZone));
  const matching = guesses.filter((instant) => {
    const local = localParts(new Date(instant), timeZone);
    return local.day === day && local.hour === hour && local.minute === minute;
  });
  return new Date(matching.length > 0 ? Math.min(...matching) : Math.max(...guesses));
}

/** The scheduled moments of the week before and after `instant`, in order. */
function momentsAround(schedule: CloseSchedule, instant: Date, timeZone: string): Date[] {
  const today = localParts(instant, timeZone);
  const moments: Date[] = [];
  for (let offset = -8; offset <= 8; offset += 1) {
    // Calendar arithmetic on the local date, done in UTC where days have no DST.
    const date = new Date(Date.UTC(today.year, today.month - 1, today.day + offset));
    if (date.getUTCDay() !== schedule.weekday) continue;
    moments.push(
      instantOf(
        date.getUTCFullYear(),
        date.getUTCMonth() + 1,
        date.getUTCDate(),
        schedule.hour,
        schedule.minute,
        timeZone,
      ),
    );
  }
  return moments;
}

/** The first scheduled moment strictly after `instant`. */
export function nextCloseAfter(schedule: CloseSchedule, instant: Date, timeZone: string): Date {
  const next = momentsAround(schedule, instant, timeZone).find((moment) => moment.getTime() > instant.getTime());
  if (!next) throw new Error("a weekly schedule has a moment in the next eight days");
  return next;
}

/** The last scheduled moment at or before `instant`. */
export function lastCloseAtOrBefore(schedule: CloseSchedule, instant: Date, timeZone: string): Date {
  const past = momentsAround(schedule, instant, timeZone).filter((moment) => moment.getTime() <= instant.getTime());
  const last = past[past.length - 1];
  if (!last) throw new Error("a weekly schedule has a moment in the last eight days");
  return last;
}

/** When customers with a list waiting are reminded before the close at `closeAt`; null when `reminderHours` is 0. */
export function reminderBefore(closeAt: Date, reminderHours: number): Date | null {
  return reminderHours > 0 ? new Date(closeAt.getTime() - reminderHours * 3_600_000) : null;
}
