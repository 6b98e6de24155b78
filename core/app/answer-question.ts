import { and, desc, eq, sql } from "drizzle-orm";
import type { Executor } from "../db/database.ts";
import { queueNotifications } from "../db/notification-queries.ts";
import { handoffs } from "../db/schema.ts";
import type { CoreContext } from "./context.ts";
import { notFound } from "./errors.ts";
import { type HandoffView, requireText, viewOf } from "./handoff-view.ts";
import { requirePhone } from "./validation.ts";

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
