import { and, eq, sql } from "drizzle-orm";
import { selectRows } from "../db/database.ts";
import type { NotificationPayload } from "../db/notification-queries.ts";
import { notifications } from "../db/schema.ts";
import type { CoreContext } from "./context.ts";

// What a notification says, for those who word and send it (the bot), which reach the core through its use cases.
export type { NotificationPayload, RoleChangeOutcome } from "../db/notification-queries.ts";

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
  /** When the recipient last wrote (null: never): it opens WhatsApp's 24-hour window for free-form messages. */
  lastInboundAt: Date | null;
  /** The platform refused it free-form before: it goes as its template. */
  templateRequired: boolean;
  /** The platform said the recipient is not on WhatsApp, and they have not written since. */
  unreachable: boolean;
  /** Where the transport sends it when not to `phone`: the id a reply's customer wrote from. */
  address?: string;
  /** Claims lapsed while it was being sent, from the first one's start to the last one's end: it may have gone. */
  unconfirmed?: { from: Date; until: Date };
}

/**
 * Claims up to `limit` due messages for SEND_LEASE_MS: another sender skips them meanwhile, and takes them over if
 * this one dies before recording the outcome. Most urgent first (replies before bulk news), then oldest first. A
 * message taken over from a claim that lapsed while sending comes back `unconfirmed`: it may have gone already.
 */
export async function claimDueNotifications(
  context: CoreContext,
  input: { businessId: number; limit: number; phone?: string },
): Promise<ClaimedNotification[]> {
  // Due times are compared with the database's clock, which wrote them: the application's clock, a fraction of a
  // millisecond behind, would see a message queued this instant as not due yet. The status is said once more as the
  // index of waiting messages (notifications_due) says it, so that PostgreSQL takes them from there; otherwise it may
  // read every message the business ever had by the phone index.
  const claimed = await selectRows<{
    id: number;
    phone: string;
    payload: NotificationPayload;
    attempts: number;
    priority: number;
    claimed_until: Date | string;
    template_required: boolean;
    unconfirmed_from: Date | string | null;
    unconfirmed_until: Date | string | null;
  }>(
    context.db,
    sql`with due as (
        select id, status as was, claimed_until as was_claimed_until from notifications
        where business_id = ${input.businessId} and status in ('pending', 'sending')
          and ((status = 'pending' and next_attempt_at <= now()) or (status = 'sending' and claimed_until <= now()))
          ${input.phone === undefined ? sql`` : sql`and phone = ${input.phone}`}
        order by priority, id
        limit ${input.limit}
        for update skip locked
      )
      update notifications n set
        status = 'sending',
        attempts = n.attempts + 1,
        claimed_until = now() + make_interval(secs => ${SEND_LEASE_MS / 1000}),
        unconfirmed_from = case when due.was = 'sending'
          then coalesce(n.unconfirmed_from, due.was_claimed_until - make_interval(secs => ${SEND_LEASE_MS / 1000}))
          else n.unconfirmed_from end,
        unconfirmed_until = case when due.was = 'sending' then due.was_claimed_until else n.unconfirmed_until end
      from due
      where n.id = due.id
      returning n.id, n.phone, n.payload, n.attempts, n.priority, n.claimed_until, n.template_required,
        n.unconfirmed_from, n.unconfirmed_until`,
  );
  if (claimed.length === 0) return [];
  const recipients = await readRecipients(context, input.businessId, [...new Set(claimed.map((row) => row.phone))]);
  return claimed
    .sort((left, right) => left.priority - right.priority || left.id - right.id)
    .map((row) => {
      const recipient = recipients.get(row.phone);
      const from = row.unconfirmed_from === null ? null : new Date(row.unconfirmed_from);
      const until = row.unconfirmed_until === null ? null : new Date(row.unconfirmed_until);
      return {
        id: row.id,
        phone: row.phone,
        payload: row.payload,
        attempts: row.attempts,
        locale: recipient?.locale ?? null,
        claimedUntil: new Date(row.claimed_until),
        lastInboundAt: recipient?.lastInboundAt ?? null,
        templateRequired: row.template_required,
        unreachable: recipient?.unreachable ?? false,
        ...(from && until ? { unconfirmed: { from, until } } : {}),
      };
    });
}

interface Recipient {
  locale: string | null;
  lastInboundAt: Date | null;
  unreachable: boolean;
}

/**
 * What the sender needs to know of each recipient: the language, when they last wrote (one probe of the
 * inbound_messages_phone_received index per phone), and whether WhatsApp said they are not on it since.
 */
async function readRecipients(
  context: CoreContext,
  businessId: number,
  phones: readonly string[],
): Promise<Map<string, Recipient>> {
  const rows = await selectRows<{
    phone: string;
    locale: string | null;
    last_inbound_at: Date | string | null;
    unreachable_at: Date | string | null;
  }>(
    context.db,
    sql`select p.phone, c.locale, c.unreachable_at,
        (select max(i.received_at) from inbound_messages i where i.business_id = ${businessId} and i.phone = p.phone)
          as last_inbound_at
      from unnest(${`{${phones.map((phone) => `"${phone}"`).join(",")}}`}::text[]) as p(phone)
      left join customers c on c.business_id = ${businessId} and c.phone = p.phone`,
  );
  return new Map(
    rows.map((row) => {
      const lastInboundAt = row.last_inbound_at === null ? null : new Date(row.last_inbound_at);
      const unreachableAt = row.unreachable_at === null ? null : new Date(row.unreachable_at);
      return [
        row.phone,
        {
          locale: row.locale,
          lastInboundAt,
          unreachable: unreachableAt !== null && (lastInboundAt === null || unreachableAt > lastInboundAt),
        },
      ];
    }),
  );
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
  message: {
    text: string;
    document?: { url: string; filename: string };
    /** A picture, as a `data:` URL. */
    image?: { url: string; filename: string };
  };
  sentAt: Date;
  /** The platform's ids for what it accepted: their statuses come later (message_deliveries). */
  platformMessageIds?: readonly string[];
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
  const deliveries = sent.flatMap(({ claim, sentAt, platformMessageIds }) =>
    (platformMessageIds ?? []).map((messageId) => ({
      message_id: messageId,
      notification_id: claim.id,
      accepted_at: sentAt.toISOString(),
    })),
  );
  // The same condition as ownClaim, per message. The ids, given again as an array, lead PostgreSQL to the rows by
  // their key: joined to the records alone, it took them from the index of messages waiting to be sent, reading the
  // entries every recent send left dead there (thousands per statement under load, ten times the cost).
  await selectRows(
    context.db,
    sql`update notifications n
      set status = 'sent', sent_at = s.sent_at, sent_message = s.message, claimed_until = null, last_error = null,
        unconfirmed_from = null, unconfirmed_until = null
      from jsonb_to_recordset(${JSON.stringify(records)}::jsonb)
        as s(id integer, attempts integer, message jsonb, sent_at timestamptz)
      where n.id = any(${`{${records.map((record) => record.id).join(",")}}`}::integer[])
        and n.id = s.id and n.status = 'sending' and n.attempts = s.attempts`,
  );
  if (deliveries.length === 0) return;
  // A status may have come before the send was recorded: its row is there already, and is joined to the message.
  await selectRows(
    context.db,
    sql`insert into message_deliveries as d (business_id, platform_message_id, notification_id, accepted_at)
      select n.business_id, s.message_id, s.notification_id, s.accepted_at
      from jsonb_to_recordset(${JSON.stringify(deliveries)}::jsonb)
        as s(message_id text, notification_id integer, accepted_at timestamptz)
      join notifications n on n.id = s.notification_id
      on conflict (business_id, platform_message_id)
        do update set notification_id = excluded.notification_id, accepted_at = excluded.accepted_at`,
  );
}

export interface FailedSend {
  error: string;
  /** The platform's code for the refusal, when it gave one. */
  code?: number | undefined;
  /** When to try again; null gives the message up (status failed). */
  retryAt: Date | null;
  /**
   * The try does not count towards the most attempts: the platform asked to wait (pair rate) or a person has to fix
   * something first (a template), and neither says anything about the message.
   */
  uncounted?: boolean;
  /** The platform refused it free-form: the next try sends its template. */
  templateRequired?: boolean;
  /** No answer came (a timeout, a dropped connection): the platform may have taken it between these moments. */
  mayHaveGone?: { from: Date; until: Date };
}

/** A failed send is tried again at `retryAt`, or given up (status failed) when `retryAt` is null. */
export async function markNotificationFailed(
  context: CoreContext,
  claim: Pick<ClaimedNotification, "id" | "attempts">,
  failure: FailedSend,
): Promise<void> {
  // A refusal is the platform's answer to this send, which settles whatever an earlier claim did; a send that got no
  // answer (a timeout, a dropped connection) may have gone, and is asked about before it is sent again.
  const unsettled = failure.mayHaveGone;
  const common = {
    claimedUntil: null,
    unconfirmedFrom: unsettled
      ? sql`coalesce(${notifications.unconfirmedFrom}, ${unsettled.from.toISOString()}::timestamptz)`
      : null,
    unconfirmedUntil: unsettled ? unsettled.until : null,
    lastError: failure.error.slice(0, 1000),
    errorCode: failure.code ?? null,
    ...(failure.templateRequired ? { templateRequired: true } : {}),
  };
  await context.db
    .update(notifications)
    .set(
      failure.retryAt
        ? {
            ...common,
            status: "pending",
            nextAttemptAt: failure.retryAt,
            ...(failure.uncounted ? { attempts: sql`${notifications.attempts} - 1` } : {}),
          }
        : { ...common, status: "failed" },
    )
    .where(ownClaim(claim));
}

/**
 * Gives a claimed message back, due at `dueAt`, without counting the try: the sender could not send it within its
 * claim (its turn under the pacing comes later), or the transport cannot yet say whether an unconfirmed send went
 * (which it is asked again then, the span kept).
 */
export async function releaseNotification(
  context: CoreContext,
  claim: Pick<ClaimedNotification, "id" | "attempts">,
  dueAt: Date,
): Promise<void> {
  await context.db
    .update(notifications)
    .set({
      status: "pending",
      nextAttemptAt: dueAt,
      claimedUntil: null,
      attempts: sql`${notifications.attempts} - 1`,
    })
    .where(ownClaim(claim));
}
