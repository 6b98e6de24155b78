import { and, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CoreContext } from "../../core/app/context.ts";
import { placeOrder } from "../../core/app/place-order.ts";
import { replaceCatalog } from "../../core/app/replace-catalog.ts";
import { runCloseSchedule } from "../../core/app/run-close-schedule.ts";
import { setCloseSchedule } from "../../core/app/set-close-schedule.ts";
import { type Database, openDatabase, selectRows } from "../../core/db/database.ts";
import { batches, notifications, scheduledRuns } from "../../core/db/schema.ts";
import { parseCloseSchedule } from "../../core/domain/close-schedule.ts";
import { exampleCatalog } from "../support/example-catalog.ts";
import { createTestDatabase, type TestDatabase } from "../support/test-database.ts";

const ADMIN = "5584999990000";
const THURSDAY_18H = parseCloseSchedule("thu 18:00");
// Far enough ahead that the batch the test database opened today is older than every moment below.
const MONDAY = new Date("2027-01-04T12:00:00Z");
const THURSDAY_CLOSE = new Date("2027-01-07T21:00:00Z");
const settings = (businessId: number) => ({
  businessId,
  fromEnvironment: THURSDAY_18H,
  reminderHours: 6,
  pendingTtlMs: 120 * 60_000,
  timeZone: "America/Fortaleza",
  entrepreneurPhones: [ADMIN],
});
const at = (context: CoreContext, instant: Date): CoreContext => ({ ...context, now: () => instant });
const later = (instant: Date, seconds: number) => new Date(instant.getTime() + seconds * 1000);

describe("the close schedule on PostgreSQL, with two schedulers competing", () => {
  let test: TestDatabase;
  let second: Database;
  let phone = 0;
  const nextPhone = () => `55849${String(++phone).padStart(8, "0")}`;

  const closedBatches = async () =>
    test.context.db
      .select({ number: batches.number })
      .from(batches)
      .where(and(eq(batches.businessId, test.businessId), eq(batches.status, "closed")));
  /** Both processes run the scheduler `rounds` times at once, as their loops would. */
  const compete = async (instant: Date, rounds = 5) => {
    const contexts = [at(test.context, instant), at({ ...test.context, db: second.db }, instant)];
    const handled = await Promise.all(
      Array.from({ length: rounds }, () =>
        contexts.map((context) => runCloseSchedule(context, settings(test.businessId))),
      ).flat(),
    );
    return handled.reduce((sum, count) => sum + count, 0);
  };

  beforeAll(async () => {
    test = await createTestDatabase("postgres");
    second = await openDatabase({ url: test.url ?? "", dataDir: "", poolSize: 5 });
    await replaceCatalog(test.context, test.businessId, exampleCatalog());
  });
  afterAll(async () => {
    await second?.close();
    await test?.close();
  });

  it("closes the open batch exactly once at the scheduled moment, and tells the entrepreneur once", async () => {
    expect(await compete(MONDAY)).toBe(0);
    await placeOrder(test.context, {
      businessId: test.businessId,
      phone: nextPhone(),
      items: [{ sku: "tomate", quantityMilli: 2000 }],
    });
    // The reminder's moment (six hours before) has passed: that turn is taken, reminding nobody.
    expect(await compete(later(THURSDAY_CLOSE, -1))).toBe(1);
    expect(await compete(later(THURSDAY_CLOSE, -1))).toBe(0);
    expect(await compete(later(THURSDAY_CLOSE, 1))).toBe(1);
    expect(await compete(later(THURSDAY_CLOSE, 30))).toBe(0);

    expect(await closedBatches()).toEqual([{ number: 1 }]);
    const told = await test.context.db
      .select({ payload: notifications.payload })
      .from(notifications)
      .where(and(eq(notifications.phone, ADMIN), sql`${notifications.payload} ->> 'kind' = 'scheduled_close'`));
    expect(told.map((row) => row.payload)).toEqual([{ kind: "scheduled_close", batchNumber: 1, outcome: "closed" }]);
  });

  it("closes once when it comes back after being down across the moment, however late", async () => {
    await placeOrder(test.context, {
      businessId: test.businessId,
      phone: nextPhone(),
      items: [{ sku: "cebola", quantityMilli: 1000 }],
    });
    // Batch 2 opened at the close above (the real clock, before these moments): down from Wednesday to Saturday.
    const saturday = new Date("2027-01-16T13:00:00Z");
    expect(await compete(saturday)).toBe(1);
    expect(await compete(later(saturday, 60))).toBe(0);
    expect((await closedBatches()).map((batch) => batch.number)).toEqual([1, 2]);
  });

  it("leaves an empty batch open, says so once, and does not try again for that moment", async () => {
    const thursday = new Date("2027-01-21T21:00:05Z");
    expect(await compete(thursday)).toBe(1);
    expect(await compete(later(thursday, 5))).toBe(0);
    expect((await closedBatches()).map((batch) => batch.number)).toEqual([1, 2]);
    const runs = await test.context.db
      .select({ outcome: scheduledRuns.outcome })
      .from(scheduledRuns)
      .where(and(eq(scheduledRuns.kind, "close"), eq(scheduledRuns.dueAt, new Date("2027-01-21T21:00:00Z"))));
    expect(runs).toEqual([{ outcome: "empty" }]);
  });

  it("reminds each customer with a list waiting for sim once, hours before; not one with a confirmed order or an expired list", async () => {
    const waiting = nextPhone();
    const confirmed = nextPhone();
    const expired = nextPhone();
    // The reminder goes at 15:01; a list waits two hours for "sim".
    for (const [customer, draftedAt] of [
      [waiting, "2027-01-28T13:30:00.000Z"],
      [confirmed, "2027-01-28T14:00:00.000Z"],
      [expired, "2027-01-28T13:00:00.000Z"],
    ]) {
      await test.context.db.execute(
        sql`insert into conversations (business_id, phone, state) values (${test.businessId}, ${customer},
          ${JSON.stringify({ pending: { kind: "order", items: [{ sku: "tomate", quantityMilli: 1000 }], at: draftedAt } })}::jsonb)`,
      );
    }
    await placeOrder(test.context, {
      businessId: test.businessId,
      phone: confirmed,
      items: [{ sku: "tomate", quantityMilli: 1000 }],
    });
    const close = new Date("2027-01-28T21:00:00Z");
    expect(await compete(later(close, -6 * 3600 - 60))).toBe(0);
    expect(await compete(later(close, -6 * 3600 + 60))).toBe(1);
    expect(await compete(later(close, -3600))).toBe(0);
    const reminders = await selectRows<{ phone: string; payload: unknown }>(
      test.context.db,
      sql`select phone, payload from notifications where payload ->> 'kind' = 'close_reminder'`,
    );
    expect(reminders).toEqual([
      {
        phone: waiting,
        payload: {
          kind: "close_reminder",
          batchNumber: 3,
          closesAt: close.toISOString(),
          timeZone: "America/Fortaleza",
        },
      },
    ]);
  });

  it("counts a schedule set in chat from then on: last week's moment closes nothing", async () => {
    await placeOrder(test.context, {
      businessId: test.businessId,
      phone: nextPhone(),
      items: [{ sku: "tomate", quantityMilli: 1000 }],
    });
    const sunday = new Date("2027-02-07T12:00:00Z");
    await setCloseSchedule(at(test.context, sunday), {
      businessId: test.businessId,
      schedule: parseCloseSchedule("sat 09:00"),
    });
    expect(await compete(later(sunday, 60))).toBe(0);
    await setCloseSchedule(at(test.context, sunday), { businessId: test.businessId, schedule: null });
    expect(await compete(new Date("2027-02-20T13:00:00Z"))).toBe(0);
    expect((await closedBatches()).map((batch) => batch.number)).toEqual([1, 2]);
  });
});
