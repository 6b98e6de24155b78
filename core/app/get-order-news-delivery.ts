import { sql } from "drizzle-orm";
import { selectRows } from "../db/database.ts";
import type { CoreContext } from "./context.ts";

/** How far the last news of an order got: from waiting in the outbox to read by the customer. */
export type NewsDeliveryState = "waiting" | "failed" | "accepted" | "sent" | "delivered" | "read";

export interface OrderNewsDelivery {
  /** The order status the news told. */
  newsStatus: string;
  state: NewsDeliveryState;
  /** When it reached that state (queued, for news still waiting). */
  at: Date;
  deliveredAt: Date | null;
  readAt: Date | null;
  /** The platform's code when it failed. */
  errorCode: number | null;
}

/**
 * Whether the last news of order `orderNumber` reached its customer: delivered and read as the platform reported
 * (`statuses[]`, Cloud API), or as far as this system knows otherwise. Null when no news was queued for the order.
 * For "pedido 42": the entrepreneur sees whether the customer got the news.
 */
export async function getOrderNewsDelivery(
  context: CoreContext,
  businessId: number,
  orderNumber: number,
): Promise<OrderNewsDelivery | null> {
  const [row] = await selectRows<{
    news_status: string;
    notification_status: string;
    created_at: Date | string;
    sent_at: Date | string | null;
    notification_error: number | null;
    delivery_status: string | null;
    accepted_at: Date | string | null;
    delivery_sent_at: Date | string | null;
    delivered_at: Date | string | null;
    read_at: Date | string | null;
    failed_at: Date | string | null;
    delivery_error: number | null;
  }>(
    context.db,
    sql`select n.payload->>'status' as news_status, n.status as notification_status, n.created_at, n.sent_at,
        n.error_code as notification_error, d.status as delivery_status, d.accepted_at, d.sent_at as delivery_sent_at,
        d.delivered_at, d.read_at, d.failed_at, d.error_code as delivery_error
      from notifications n
      left join lateral (
        -- A news split in several messages counts by the one that got least far.
        select * from message_deliveries m where m.notification_id = n.id
        order by case m.status when 'failed' then 0 when 'accepted' then 1 when 'sent' then 2
          when 'delivered' then 3 else 4 end
        limit 1
      ) d on true
      where n.business_id = ${businessId} and n.payload->>'kind' = 'order_status'
        and n.payload->>'orderNumber' = ${String(orderNumber)}
      order by n.id desc
      limit 1`,
  );
  if (!row) return null;
  const date = (value: Date | string | null) => (value === null ? null : new Date(value));
  const deliveredAt = date(row.delivered_at) ?? date(row.read_at);
  const readAt = date(row.read_at);
  const common = { newsStatus: row.news_status, deliveredAt, readAt };
  if (row.delivery_status === "failed" || row.notification_status === "failed") {
    return {
      ...common,
      state: "failed",
      at: date(row.failed_at) ?? date(row.sent_at) ?? new Date(row.created_at),
      errorCode: row.delivery_error ?? row.notification_error,
    };
  }
  if (row.notification_status !== "sent") {
    return { ...common, state: "waiting", at: new Date(row.created_at), errorCode: row.notification_error };
  }
  const state = (row.delivery_status ?? "accepted") as NewsDeliveryState;
  const at = readAt ?? deliveredAt ?? date(row.delivery_sent_at) ?? date(row.accepted_at) ?? date(row.sent_at);
  return { ...common, state, at: at ?? new Date(row.created_at), errorCode: null };
}
