import { and, asc, desc, eq, sql } from "drizzle-orm";
import type { Executor } from "../db/database.ts";
import { type NewNotification, queueNotifications } from "../db/notification-queries.ts";
import { handoffs } from "../db/schema.ts";
import type { CoreContext } from "./context.ts";
import { invalidInput, notFound } from "./errors.ts";
import { customerName, requirePhone } from "./validation.ts";

export type HandoffStatus = "open" | "answered";

/** A customer's question passed on to the entrepreneur (PRODUCT.md, "handoff"). */
export interface HandoffView {
  number: number;
  phone: string;
  customerName: string | null;
  text: string;
  status: HandoffStatus;
  answer: string | null;
  askedAt: Date;
  answeredAt: Date | null;
}

/** The longest question or answer kept: one WhatsApp message. */
const MAX_TEXT = 4096;
/** Serialises the numbering of one business's handoffs (with the business id as the second key). */
const NUMBERING_LOCK = 0x5f1c0f;

/** Who gets a handoff or an answer; the bot words it in the recipient's language when sending. */
type HandoffNotice = { recipients: readonly string[] };

/**
 * Records a question the bot cannot answer with the next handoff number of the business, and queues it to each
 * entrepreneur's chat (name, phone, text, number), in the caller's transaction.
 */
export async function passOnQuestion(
  context: CoreContext,
  input: { businessId: number; phone: string; name?: string | undefined; text: string } & HandoffNotice,
): Promise<HandoffView> {
  const phone = requirePhone(input.phone);
  const text = requireText(input.text);
  const askedAt = context.now();
  const view = await context.db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(${NUMBERING_LOCK}, ${input.businessId})`);
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
      input.recipients.map(
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
    return handoff;
  });
  if (input.recipients.length > 0) context.emit("notifications_queued");
  return view;
}

/**
 * The entrepreneur's answer to a handoff, by its number or by the customer's phone (its latest open question, else its
 * latest one): queued to the customer's chat, and the handoff marked answered. `handoff_not_found` when there is none.
 */
export async function answerQuestion(
  context: CoreContext,
  input: {
    businessId: number;
    to: { kind: "handoff"; number: number } | { kind: "phone"; phone: string };
    text: string;
    answeredBy?: string | undefined;
  },
): Promise<HandoffView> {
  const text = requireText(input.text);
  const now = context.now();
  const view = await context.db.transaction(async (tx) => {
    const found = await findHandoff(tx, input.businessId, input.to);
    if (!found) {
      throw notFound(
        "handoff_not_found",
        input.to.kind === "handoff" ? `no question #${input.to.number}` : "no question from that phone",
      );
    }
    const [row] = await tx
      .update(handoffs)
      .set({ status: "answered", answer: text, answeredAt: now, answeredBy: input.answeredBy ?? null })
      .where(eq(handoffs.id, found.id))
      .returning();
    if (!row) throw new Error("handoff vanished while answered");
    await queueNotifications(tx, [
      {
        businessId: input.businessId,
        phone: row.phone,
        payload: { kind: "handoff_answer", number: row.number, text },
        dedupeKey: `handoff-answer:${row.id}:${now.getTime()}`,
      },
    ]);
    return viewOf(row);
  });
  context.emit("notifications_queued");
  return view;
}

/** The business's handoffs, oldest first; only those with `status` when given. */
export async function listHandoffs(
  context: CoreContext,
  input: { businessId: number; status?: HandoffStatus | undefined; limit?: number | undefined },
): Promise<HandoffView[]> {
  const conditions = [eq(handoffs.businessId, input.businessId)];
  if (input.status) conditions.push(eq(handoffs.status, input.status));
  const rows = await context.db
    .select()
    .from(handoffs)
    .where(and(...conditions))
    .orderBy(asc(handoffs.number))
    .limit(input.limit ?? 1000);
  return rows.map(viewOf);
}

async function findHandoff(
  executor: Executor,
  businessId: number,
  to: { kind: "handoff"; number: number } | { kind: "phone"; phone: string },
) {
  if (to.kind === "handoff") {
    const [row] = await executor
      .select()
      .from(handoffs)
      .where(and(eq(handoffs.businessId, businessId), eq(handoffs.number, to.number)))
      .for("update");
    return row;
  }
  const phone = requirePhone(to.phone);
  const [row] = await executor
    .select()
    .from(handoffs)
    .where(and(eq(handoffs.businessId, businessId), eq(handoffs.phone, phone)))
    // Its oldest open question first; with none open, its latest.
    .orderBy(
      sql`${handoffs.status} = 'open' desc`,
      sql`case when ${handoffs.status} = 'open' then ${handoffs.number} end asc`,
      desc(handoffs.number),
    )
    .limit(1)
    .for("update");
  return row;
}

function requireText(text: string): string {
  const trimmed = text.trim();
  if (trimmed.length === 0) throw invalidInput("empty_text", "the text is empty");
  if ([...trimmed].length > MAX_TEXT) throw invalidInput("text_too_long", `the text is over ${MAX_TEXT} characters`);
  return trimmed;
}

function viewOf(row: typeof handoffs.$inferSelect): HandoffView {
  return {
    number: row.number,
    phone: row.phone,
    customerName: row.customerName,
    text: row.text,
    status: row.status === "answered" ? "answered" : "open",
    answer: row.answer,
    askedAt: row.askedAt,
    answeredAt: row.answeredAt,
  };
}
