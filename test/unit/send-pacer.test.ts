import { describe, expect, it } from "vitest";
import { claimLimit, retryDelayMs } from "../../bot/outbox/notification-sender.ts";
import { SendPacer } from "../../bot/outbox/send-pacer.ts";
import { BOT_SEND_ATTEMPTS } from "../../cli/roles/bot-role.ts";
import { SEND_LEASE_MS } from "../../core/app/send-notifications.ts";

describe("the send pacer", () => {
  it("spreads a burst to many recipients over the seconds to come, at most the global rate in any second", () => {
    const pacer = new SendPacer(0, 10);
    const moments = Array.from({ length: 100 }, (_, index) => pacer.reserve(`55849000000${index}`, 0));
    const perSecond = new Map<number, number>();
    for (const moment of moments)
      perSecond.set(Math.floor(moment / 1000), (perSecond.get(Math.floor(moment / 1000)) ?? 0) + 1);
    expect([...perSecond.values()]).toEqual(Array.from({ length: 10 }, () => 10));
    for (let index = 10; index < moments.length; index++) {
      expect((moments[index] ?? 0) - (moments[index - 10] ?? 0)).toBeGreaterThanOrEqual(1000);
    }
  });

  it("keeps the interval between two messages to the same person, counted from the last reserved one", () => {
    const pacer = new SendPacer(1000, Number.POSITIVE_INFINITY);
    expect([
      pacer.reserve("5584900000001", 0),
      pacer.reserve("5584900000001", 0),
      pacer.reserve("5584900000001", 500),
    ]).toEqual([0, 1000, 1500]);
    expect(pacer.reserve("5584900000002", 500)).toBe(0);
  });

  it("lets a burst to one person go at once, then one per interval, as WhatsApp's pair rate counts", () => {
    const pacer = new SendPacer(6000, Number.POSITIVE_INFINITY, 3);
    const phone = "5584900000003";
    expect(Array.from({ length: 6 }, () => pacer.reserve(phone, 0))).toEqual([0, 0, 0, 6000, 12000, 18000]);
    // After a quiet spell the burst is back, but never more than its size.
    expect(Array.from({ length: 4 }, () => pacer.reserve(phone, 60_000))).toEqual([0, 0, 0, 6000]);
  });

  it("says how long a message would wait without taking its turn", () => {
    const pacer = new SendPacer(6000, 2, 2);
    const phone = "5584900000006";
    expect([pacer.reserve(phone, 0), pacer.reserve(phone, 0)]).toEqual([0, 0]);
    expect([pacer.waitFor(phone, 0), pacer.waitFor(phone, 0), pacer.waitFor("5584900000007", 0)]).toEqual([
      6000, 6000, 1000,
    ]);
    expect(pacer.reserve(phone, 0)).toBe(6000);
  });

  it("holds a person back after the platform said too fast, then keeps the interval", () => {
    const pacer = new SendPacer(1000, Number.POSITIVE_INFINITY, 5);
    const phone = "5584900000004";
    pacer.holdUntil(phone, 5000);
    expect([pacer.reserve(phone, 0), pacer.reserve(phone, 0)]).toEqual([5000, 6000]);
    expect(pacer.reserve("5584900000005", 0)).toBe(0);
  });

  it("sends a reply at once while a burst of bulk messages waits its turn, and the bulk after it makes room", () => {
    const pacer = new SendPacer(0, 10);
    const bulk = Array.from({ length: 30 }, (_, index) => pacer.reserve(`55849100000${index}`, 0));
    expect(bulk[29]).toBe(2000);
    expect(pacer.reserve("5584920000000", 100, true)).toBe(0);
    // The next bulk message still waits for the thirty reserved before it.
    expect(pacer.reserve("5584930000000", 100)).toBe(2900);
  });

  it("lets messages go at once while under both limits", () => {
    const pacer = new SendPacer(0, 80);
    expect(
      Array.from({ length: 80 }, (_, index) => pacer.reserve(`55849${index}`.padEnd(13, "0"), 10 * index)),
    ).toEqual(Array.from({ length: 80 }, () => 0));
  });
});

describe("the sender's claim size", () => {
  it.each([0.2, 1, 1.7, 5, 50, Number.POSITIVE_INFINITY])(
    "at %s messages/s, gives every message it claims its turn within half the claim's lease",
    (perSecond) => {
      const limit = claimLimit(perSecond);
      const pacer = new SendPacer(0, perSecond);
      const turns = Array.from({ length: limit }, (_, index) => pacer.reserve(`55849000${index}`.padEnd(13, "0"), 0));
      expect(Math.max(...turns)).toBeLessThanOrEqual(SEND_LEASE_MS / 2);
      expect(limit).toBeGreaterThanOrEqual(1);
      expect(limit).toBeLessThanOrEqual(100);
    },
  );

  it("claims a whole batch when the rate allows it, and less when it does not", () => {
    expect(claimLimit(Number.POSITIVE_INFINITY)).toBe(100);
    expect(claimLimit(20)).toBe(100);
    expect(claimLimit(1)).toBe(30);
    expect(claimLimit(0.01)).toBe(1);
  });
});

describe("retries after an outage", () => {
  it("keeps a message through an hour of the platform being away, never waiting more than 15 minutes at once", () => {
    const waits = Array.from({ length: BOT_SEND_ATTEMPTS - 1 }, (_, index) => retryDelayMs(index + 1));
    expect(waits.slice(0, 4)).toEqual([2000, 4000, 8000, 16_000]);
    expect(Math.max(...waits)).toBe(15 * 60_000);
    expect(waits.reduce((sum, wait) => sum + wait, 0)).toBeGreaterThan(3_600_000);
  });
});
