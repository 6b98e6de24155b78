import { and, asc, eq, inArray, lte, or, sql } from "drizzle-orm";
import { selectRows } from "../db/database.ts";
import type { NotificationPayload } from "../db/notification-queries.ts";
import { customers, notifications } from "../db/schema.ts";
import type { CoreContext } from "./context.ts";

/** How long a sender holds the messages it claimed before another may take them over. */
export const SEND_LEASE_MS = 60_000;

export interface ClaimedNotification {
  id: number;
  phone: string;
  payload: NotificationPayload;
  attempts: number;
  /** The recipient's language when known (a customer), else null. */
  locale: string | null;
  /** When another sender may take the message over: past that, this claim must not send it. */
  claimedUntil: Date;
}

/**
 * Claims up to `limit` due messages for SEND_LEASE_MS: another sender skips them meanwhile, and takes them over if
 * this one dies before recording the outcome. Most urgent first (replies before bulk news), then oldest first.
 */
export async function claimDueNotifications(
  context: CoreContext,
  input: { businessId: number; limit: number; phone?: string },
): Promise<ClaimedNotification[]> {
  // Due times are compared with the database's clock, which wrote them: the application's clock, a fraction of a
  // millisecond behind, would see a message queued this instant as not due yet.
  const due = context.db
    .select({ id: notifications.id })
    .from(notifications)
    .where(
      and(
        eq(notifications.businessId, input.businessId),
        // Said once more as the index of waiting messages (notifications_due) says it, so that PostgreSQL can take
        // them from there; otherwise it may read every message the business ever had by the phone index.
        inArray(notifications.status, ["pending", "sending"]),
        or(
          and(eq(notifications.status, "pending"), lte(notifications.nextAttemptAt, sql`now()`)),
          and(eq(notifications.status, "sending"), lte(notifications.claimedUntil, sql`now()`)),
        ),
        input.phone === undefined ? undefined : eq(notifications.phone, input.phone),
      ),
    )
    .orderBy(asc(notifications.priority), asc(notifications.id))
    .limit(input.limit)
    .for("update", { skipLocked: true });
  const claimed = await context.db
    .update(notifications)
    .set({
      status: "sending",
      attempts: sql`${notifications.attempts} + 1`,
      claimedUntil: sql`now() + make_interval(secs => ${SEND_LEASE_MS / 1000})`,
    })
    .where(inArray(notifications.id, due))
    .returning({
      id: notifications.id,
      phone: notifications.phone,
      payload: notifications.payload,
      attempts: notifications.attempts,
      priority: notifications.priority,
      claimedUntil: notifications.claimedUntil,
    });
  if (claimed.length === 0) return [];
  // Replies were worded when queued; only other notifications need their recipient's language.
  const needLocale = [
    ...new Set(claimed.filter((row) => (row.payload as NotificationPayload).kind !== "reply").map((row) => row.phone)),
  ];
  const locales =
    needLocale.length === 0
      ? []
      : await context.db
          .select({ phone: customers.phone, locale: customers.locale })
          .from(customers)
          .where(and(eq(customers.businessId, input.businessId), inArray(customers.phone, needLocale)));
  const localeByPhone = new Map(locales.map((row) => [row.phone, row.locale]));
  return claimed
    .sort((left, right) => left.priority - right.priority || left.id - right.id)
    .map((row) => ({
      ...row,
      payload: row.payload as NotificationPayload,
      locale: localeByPhone.get(row.phone) ?? null,
      claimedUntil: row.claimedUntil ?? new Date(0),
    }));
}

/**
 * The outcome is recorded only by the claim that sent it, identified by its attempt: a sender that outlived its
 * claim (and lost the message to another sender) changes nothing.
 */
function ownClaim(claim: Pick<ClaimedNotification, "id" | "attempts">) {
  return and(
    eq(notifications.id, claim.id),
    eq(notifications.status, "sending"),
    eq(notifications.attempts, claim.attempts),
  );
}

export interface SentNotification {
  claim: Pick<ClaimedNotification, "id" | "attempts">;
  /** The message as the transport accepted it, and when. */
  message: { text: string; document?: { url: string; filename: string } };
  sentAt: Date;
}

/**
 * Records messages the transport accepted, in one statement however many there are: a busy sender records a whole
 * round of replies at once rather than paying a statement (and a commit) for each.
 */
export async function markNotificationsSent(context: CoreContext, sent: readonly SentNotification[]): Promise<void> {
  if (sent.length === 0) return;
  const records = sent.map(({ claim, message, sentAt }) => ({
    id: claim.id,
    attempts: claim.attempts,
    message,
    sent_at: sentAt.toISOString(),
  }));
  // The same condition as ownClaim, per message. The ids, given again as an array, lead PostgreSQL to the rows by
  // their key: joined to the records alone, it took them from the index of messages waiting to be sent, reading the
  // entries every recent send left dead there (thousands per statement under load, ten times the cost).
  await selectRows(
    context.db,
    sql`update notifications n
      set status = 'sent', sent_at = s.sent_at, sent_message = s.message, claimed_until = null, last_error = null
      from jsonb_to_recordset(${JSON.stringify(records)}::jsonb)
        as s(id integer, attempts integer, message jsonb, sent_at timestamptz)
      where n.id = any(${`{${records.map((record) => record.id).join(",")}}`}::integer[])
        and n.id = s.id and n.status = 'sending' and n.attempts = s.attempts`,
  );
}

/** A failed send is tried again at `retryAt`, or given up (status failed) when `retryAt` is null. */
export async function markNotificationFailed(
  context: CoreContext,
  claim: Pick<ClaimedNotification, "id" | "attempts">,
  error: string,
  retryAt: Date | null,
): Promise<void> {
  await context.db
    .update(notifications)
    .set(
      retryAt
        ? { status: "pending", nextAttemptAt: retryAt, claimedUntil: null, lastError: error.slice(0, 1000) }
        : { status: "failed", claimedUntil: null, lastError: error.slice(0, 1000) },
    )
    .where(ownClaim(claim));
}
