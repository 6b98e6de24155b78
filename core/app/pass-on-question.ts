import { and, eq, sql } from "drizzle-orm";
import { type NewNotification, queueNotifications } from "../db/notification-queries.ts";
import { handoffs } from "../db/schema.ts";
import type { CoreContext } from "./context.ts";
import { type HandoffView, requireText, viewOf } from "./handoff-view.ts";
import { customerName, requireCustomerKey } from "./validation.ts";

/**
 * Open questions of one phone that reach the entrepreneurs' chat; more are kept and listed ("perguntas", the API) but
 * not pushed, so one sender cannot flood the entrepreneur.
 */
const PUSHED_OPEN_PER_PHONE = 3;
/** Serialises the numbering of one business's handoffs (with the business id as the second key). */
const NUMBERING_LOCK = 0x5f1c0f;

/**
 * Records a question the bot cannot answer with the next handoff number of the business, and queues it to each
 * entrepreneur's chat (name, phone, text, number), in the caller's transaction; a phone with PUSHED_OPEN_PER_PHONE
 * open questions already has its new ones recorded only.
 */
export async function passOnQuestion(
  context: CoreContext,
  input: { businessId: number; phone: string; name?: string | undefined; text: string; recipients: readonly string[] },
): Promise<HandoffView> {
  const phone = requireCustomerKey(input.phone);
  const text = requireText(input.text);
  const askedAt = context.now();
  const view = await context.db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(${NUMBERING_LOCK}, ${input.businessId})`);
    const [open] = await tx
      .select({ count: sql<number>`count(*)::int` })
      .from(handoffs)
      .where(and(eq(handoffs.businessId, input.businessId), eq(handoffs.phone, phone), eq(handoffs.status, "open")));
    const recipients = (open?.count ?? 0) < PUSHED_OPEN_PER_PHONE ? input.recipients : [];
    const [row] = await tx
      .insert(handoffs)
      .values({
        businessId: input.businessId,
        number: sql`(select coalesce(max(${handoffs.number}), 0) + 1 from ${handoffs} where ${handoffs.businessId} = ${input.businessId})`,
        phone,
        customerName: customerName(input.name),
        text,
        askedAt,
      })
      .returning();
    if (!row) throw new Error("handoff insert returned no row");
    const handoff = viewOf(row);
    await queueNotifications(
      tx,
      recipients.map(
        (recipient): NewNotification => ({
          businessId: input.businessId,
          phone: recipient,
          payload: {
            kind: "handoff",
            number: handoff.number,
            phone: handoff.phone,
            name: handoff.customerName,
            text: handoff.text,
          },
          dedupeKey: `handoff:${row.id}:${recipient}`,
        }),
      ),
    );
    return { handoff, pushed: recipients.length > 0 };
  });
  if (view.pushed) context.emit("notifications_queued");
  return view.handoff;
}
