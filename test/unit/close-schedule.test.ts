import { describe, expect, it } from "vitest";
import {
  formatCloseSchedule,
  lastCloseAtOrBefore,
  nextCloseAfter,
  parseCloseSchedule,
} from "../../core/domain/close-schedule.ts";

describe("reading a close schedule", () => {
  it.each([
    ["thu 18:00", { weekday: 4, hour: 18, minute: 0 }],
    ["Thu 18:00", { weekday: 4, hour: 18, minute: 0 }],
    ["thursday 18:00", { weekday: 4, hour: 18, minute: 0 }],
    ["sun 6:30", { weekday: 0, hour: 6, minute: 30 }],
    ["sat 18h", { weekday: 6, hour: 18, minute: 0 }],
    ["mon 9h15", { weekday: 1, hour: 9, minute: 15 }],
    ["  fri 23:59 ", { weekday: 5, hour: 23, minute: 59 }],
  ])("reads %j", (text, expected) => {
    expect(parseCloseSchedule(text)).toEqual(expected);
  });

  it.each([
    "",
    "thu",
    "18:00",
    "thu 24:00",
    "thu 18:60",
    "qui 18:00",
    "thurs 18:00",
    "thu 18:00 extra",
    "every thursday",
  ])("refuses %j", (text) => {
    expect(parseCloseSchedule(text)).toBeNull();
  });

  it("writes a schedule back as it reads it", () => {
    expect(formatCloseSchedule({ weekday: 4, hour: 18, minute: 0 })).toBe("thu 18:00");
    expect(formatCloseSchedule({ weekday: 0, hour: 6, minute: 5 })).toBe("sun 06:05");
  });
});

describe("the moments of a close schedule", () => {
  it.each([
    // Fortaleza keeps UTC-3 all year.
    ["thu 18:00", "America/Fortaleza", "2026-12-06T21:14:00Z", "2026-12-10T21:00:00Z", "2026-12-03T21:00:00Z"],
    ["thu 18:00", "America/Fortaleza", "2026-12-10T20:59:59Z", "2026-12-10T21:00:00Z", "2026-12-03T21:00:00Z"],
    ["thu 18:00", "America/Fortaleza", "2026-12-10T21:00:00Z", "2026-12-17T21:00:00Z", "2026-12-10T21:00:00Z"],
    // Thursday 23:30 in Fortaleza is Friday 02:30 in UTC.
    ["thu 23:30", "America/Fortaleza", "2026-12-11T02:00:00Z", "2026-12-11T02:30:00Z", "2026-12-04T02:30:00Z"],
    ["sun 00:00", "America/Fortaleza", "2026-12-06T02:59:00Z", "2026-12-06T03:00:00Z", "2026-11-29T03:00:00Z"],
    // Berlin: CET (UTC+1) in winter, CEST (UTC+2) in summer.
    ["thu 18:00", "Europe/Berlin", "2026-07-01T00:00:00Z", "2026-07-02T16:00:00Z", "2026-06-25T16:00:00Z"],
    ["thu 18:00", "Europe/Berlin", "2026-12-06T00:00:00Z", "2026-12-10T17:00:00Z", "2026-12-03T17:00:00Z"],
    // New York moves to EDT on 2026-03-08: the Friday before is 14:00 UTC, the Friday after 13:00 UTC.
    ["fri 09:00", "America/New_York", "2026-03-07T00:00:00Z", "2026-03-13T13:00:00Z", "2026-03-06T14:00:00Z"],
    // A time the spring change skips (Berlin, 2026-03-29 02:00 → 03:00) happens an hour later, once.
    ["sun 02:30", "Europe/Berlin", "2026-03-28T12:00:00Z", "2026-03-29T01:30:00Z", "2026-03-22T01:30:00Z"],
    // A time the autumn change repeats (Berlin, 2026-10-25 03:00 → 02:00) happens at its first occurrence, once.
    ["sun 02:30", "Europe/Berlin", "2026-10-24T12:00:00Z", "2026-10-25T00:30:00Z", "2026-10-18T00:30:00Z"],
    ["sun 02:30", "Europe/Berlin", "2026-10-25T00:30:00Z", "2026-11-01T01:30:00Z", "2026-10-25T00:30:00Z"],
  ])("%s in %s, seen at %s: next %s, last %s", (text, zone, now, next, last) => {
    const schedule = parseCloseSchedule(text);
    if (!schedule) throw new Error(`unreadable schedule ${text}`);
    expect(nextCloseAfter(schedule, new Date(now), zone).toISOString()).toBe(new Date(next).toISOString());
    expect(lastCloseAtOrBefore(schedule, new Date(now), zone).toISOString()).toBe(new Date(last).toISOString());
  });
});
