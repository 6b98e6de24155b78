import { sql } from "drizzle-orm";
import { selectRows } from "../db/database.ts";
import type { CoreContext } from "./context.ts";

export type DeliveryStatusName = "sent" | "delivered" | "read" | "failed";

export interface DeliveryStatusInput {
  /** The platform's id for the message it accepted. */
  messageId: string;
  status: DeliveryStatusName;
  at: Date;
  error?: { code: number; title: string };
  /** The notification the message was sent for, as the platform echoed it: joins a send that was never recorded. */
  outboxEntryId?: number | undefined;
}

export interface RecordedFailure {
  notificationId: number;
  phone: string;
  code: number;
  /** The notification had been recorded as sent: a late failure, reopened by the caller as its code says. */
  wasSent: boolean;
}

export interface RecordedStatuses {
  /** Statuses for message ids this system has no send of (yet): kept, joined if the send is recorded later. */
  unknown: number;
  /** Failures of messages this system sent. */
  failures: RecordedFailure[];
}

/**
 * Records the platform's statuses per message, in one statement however many came. Statuses only move forward
 * (accepted, sent, delivered, read; failed is final), so one that arrives late or twice changes nothing, and read
 * before delivered still counts as delivered; each keeps its own time.
 */
export async function recordDeliveryStatuses(
  context: CoreContext,
  businessId: number,
  statuses: readonly DeliveryStatusInput[],
): Promise<RecordedStatuses> {
  if (statuses.length === 0) return { unknown: 0, failures: [] };
  const records = statuses.map((status) => ({
    message_id: status.messageId,
    status: status.status,
    at: status.at.toISOString(),
    error_code: status.error?.code ?? null,
    error_title: status.error?.title.slice(0, 500) ?? null,
    notification_id: status.outboxEntryId ?? null,
  }));
  const rows = await selectRows<{
    notification_id: number | null;
    phone: string | null;
    status: string;
    error_code: number | null;
    notification_status: string | null;
    became_failed: boolean;
  }>(
    context.db,
    sql`with incoming as (
        select * from jsonb_to_recordset(${JSON.stringify(records)}::jsonb)
          as s(message_id text, status text, at timestamptz, error_code integer, error_title text,
            notification_id integer)
      ), ranked as (
        -- The echoed entry counts only when it is this business's: another system's data is never joined.
        select i.*, case i.status when 'sent' then 1 when 'delivered' then 2 when 'read' then 3 else 4 end as rank,
          (select n.id from notifications n where n.id = i.notification_id and n.business_id = ${businessId})
            as echoed_notification_id
        from incoming i
      ), before as (
        -- The statement's snapshot: what each message's status was before these statuses.
        select d.platform_message_id, d.status from message_deliveries d
        where d.business_id = ${businessId} and d.platform_message_id in (select message_id from incoming)
      ), upserted as (
        insert into message_deliveries as d (business_id, platform_message_id, notification_id, status, error_code,
          error_title, sent_at, delivered_at, read_at, failed_at, updated_at)
        select ${businessId}, r.message_id, r.echoed_notification_id, r.status, r.error_code, r.error_title,
          case when r.rank >= 1 and r.status <> 'failed' then r.at end,
          case when r.rank >= 2 and r.status <> 'failed' then r.at end,
          case when r.status = 'read' then r.at end,
          case when r.status = 'failed' then r.at end,
          now()
        from (select distinct on (message_id) * from ranked order by message_id, rank desc) r
        on conflict (business_id, platform_message_id) do update set
          notification_id = coalesce(d.notification_id, excluded.notification_id),
          status = case
            when d.status = 'failed' then d.status
            when excluded.status = 'failed' then 'failed'
            when (case excluded.status when 'sent' then 1 when 'delivered' then 2 when 'read' then 3 else 0 end) >
                 (case d.status when 'sent' then 1 when 'delivered' then 2 when 'read' then 3 else 0 end)
              then excluded.status
            else d.status end,
          error_code = coalesce(d.error_code, excluded.error_code),
          error_title = coalesce(d.error_title, excluded.error_title),
          sent_at = coalesce(d.sent_at, excluded.sent_at),
          delivered_at = coalesce(d.delivered_at, excluded.delivered_at),
          read_at = coalesce(d.read_at, excluded.read_at),
          failed_at = coalesce(d.failed_at, excluded.failed_at),
          updated_at = now()
        returning d.platform_message_id, d.notification_id, d.status, d.error_code
      )
      select u.notification_id, n.phone, u.status, u.error_code, n.status as notification_status,
        (u.status = 'failed' and b.status is distinct from 'failed') as became_failed
      from upserted u
      left join before b on b.platform_message_id = u.platform_message_id
      left join notifications n on n.id = u.notification_id`,
  );
  return {
    unknown: rows.filter((row) => row.notification_id === null).length,
    failures: rows.flatMap((row) =>
      row.became_failed && row.notification_id !== null && row.phone !== null
        ? [
            {
              notificationId: row.notification_id,
              phone: row.phone,
              code: row.error_code ?? 0,
              wasSent: row.notification_status === "sent",
            },
          ]
        : [],
    ),
  };
}

/**
 * A message the platform accepted and then reported failed (`statuses[]`), reopened as its code says: sent again
 * (as its template when `templateRequired`) from `retryAt`, or left failed when `retryAt` is null.
 */
export async function reopenFailedDelivery(
  context: CoreContext,
  input: { notificationId: number; code: number; error: string; retryAt: Date | null; templateRequired: boolean },
): Promise<void> {
  await selectRows(
    context.db,
    sql`update notifications set
        status = ${input.retryAt ? "pending" : "failed"},
        next_attempt_at = coalesce(${input.retryAt?.toISOString() ?? null}::timestamptz, next_attempt_at),
        error_code = ${input.code}, last_error = ${input.error.slice(0, 1000)},
        template_required = template_required or ${input.templateRequired}
      where id = ${input.notificationId} and status = 'sent'`,
  );
}

/** How many times a message was tried: a late failure counts against the same most attempts as a refusal. */
export async function attemptsOf(context: CoreContext, notificationId: number): Promise<number> {
  const [row] = await selectRows<{ attempts: number }>(
    context.db,
    sql`select attempts from notifications where id = ${notificationId}`,
  );
  return row?.attempts ?? 0;
}

/** What the platform reported of the messages sent for one notification (joined by its echoed id or its record). */
export interface RecordedDelivery {
  status: "accepted" | DeliveryStatusName;
  /** When it last moved. */
  at: Date;
}

export async function deliveriesOfNotification(
  context: CoreContext,
  businessId: number,
  notificationId: number,
): Promise<RecordedDelivery[]> {
  const rows = await selectRows<{ status: RecordedDelivery["status"]; at: Date | string }>(
    context.db,
    sql`select status, coalesce(failed_at, read_at, delivered_at, sent_at, accepted_at, updated_at) as at
      from message_deliveries where business_id = ${businessId} and notification_id = ${notificationId}`,
  );
  return rows.map((row) => ({ status: row.status, at: new Date(row.at) }));
}
