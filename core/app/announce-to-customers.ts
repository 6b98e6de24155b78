import { sql } from "drizzle-orm";
import { selectRows } from "../db/database.ts";
import { ANNOUNCEMENT_PRIORITY } from "../db/notification-queries.ts";
import type { CoreContext } from "./context.ts";
import { invalidInput } from "./errors.ts";

export const ANNOUNCEMENT_MAX_LENGTH = 4000;

/**
 * Queues an announcement to every customer who has not said "parar", the entrepreneurs excepted, in one
 * transaction: one outbox entry per recipient, keyed by announcement and phone. The notification sender sends
 * them at the transport's pace after replies and order news; a sender that dies leaves its claims to the next,
 * which sends what was not recorded as sent once the transport says it did not go, so nobody is skipped and nobody
 * gets it twice.
 */
export async function announceToCustomers(
  context: CoreContext,
  input: { businessId: number; text: string; sentBy: string; entrepreneurPhones: readonly string[] },
): Promise<{ announcementId: number; recipients: number }> {
  const text = input.text.trim();
  if (text === "") throw invalidInput("announcement_empty", "an announcement needs a text");
  if (text.length > ANNOUNCEMENT_MAX_LENGTH) {
    throw invalidInput("announcement_too_long", `an announcement has at most ${ANNOUNCEMENT_MAX_LENGTH} characters`);
  }
  const excluded = `{${[input.sentBy, ...input.entrepreneurPhones].join(",")}}`;
  const result = await context.db.transaction(async (tx) => {
    const [announcement] = await selectRows<{ id: number }>(
      tx,
      sql`insert into announcements (business_id, text, sent_by, recipients, created_at)
        values (${input.businessId}, ${text}, ${input.sentBy}, 0, ${context.now().toISOString()}::timestamptz)
        returning id`,
    );
    if (!announcement) throw new Error("announcement insert returned no row");
    const queued = await selectRows<{ phone: string }>(
      tx,
      sql`insert into notifications (business_id, phone, payload, dedupe_key, priority)
        select c.business_id, c.phone,
          jsonb_build_object('kind', 'announcement', 'announcementId', ${announcement.id}::integer, 'text', ${text}::text),
          'announcement:' || ${announcement.id}::integer || ':' || c.phone, ${ANNOUNCEMENT_PRIORITY}::integer
        from customers c
        where c.business_id = ${input.businessId} and c.announcements_stopped_at is null
          and c.phone <> all(${excluded}::text[])
        order by c.id
        on conflict do nothing
        returning phone`,
    );
    await tx.execute(sql`update announcements set recipients = ${queued.length} where id = ${announcement.id}`);
    return { announcementId: announcement.id, recipients: queued.length };
  });
  context.emit("notifications_queued");
  return result;
}
