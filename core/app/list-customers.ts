import { and, asc, count, eq, notInArray, sql } from "drizzle-orm";
import { customers } from "../db/schema.ts";
import type { DeliveryChoice } from "../domain/delivery.ts";
import type { CoreContext } from "./context.ts";
import { DELIVERY_COLUMNS, deliveryChoiceOf } from "./get-delivery-choice.ts";
import { listUnpaidOrders } from "./list-unpaid-orders.ts";

export interface CustomerView {
  phone: string;
  name: string | null;
  /** The kept delivery choice; null while the customer was never asked (its orders are pickup). */
  delivery: (DeliveryChoice & { feeCents: number }) | null;
  /** When the customer said "parar" (announcements stop, order news goes on); null: it hears announcements. */
  announcementsStoppedAt: Date | null;
  /** What its delivered, unpaid orders come to ("quem falta pagar"), and how many they are. */
  amountDueCents: number;
  unpaidOrders: number;
}

/**
 * The business's customers (the entrepreneurs excepted) by name, a page at a time: where each receives its orders,
 * whether it said "parar", and what it owes, counted as "quem falta pagar" counts it.
 */
export async function listCustomers(
  context: CoreContext,
  input: { businessId: number; entrepreneurPhones: readonly string[]; limit: number; offset: number },
): Promise<{ customers: CustomerView[]; total: number }> {
  const where = and(
    eq(customers.businessId, input.businessId),
    input.entrepreneurPhones.length > 0 ? notInArray(customers.phone, [...input.entrepreneurPhones]) : undefined,
  );
  const [rows, [counted]] = await Promise.all([
    context.db
      .select({
        phone: customers.phone,
        name: customers.name,
        ...DELIVERY_COLUMNS,
        announcementsStoppedAt: customers.announcementsStoppedAt,
      })
      .from(customers)
      .where(where)
      .orderBy(sql`lower(coalesce(${customers.name}, ${customers.phone}))`, asc(customers.id))
      .limit(input.limit)
      .offset(input.offset),
    context.db.select({ total: count() }).from(customers).where(where),
  ]);
  // What the page's customers owe, not what every customer does.
  const unpaid =
    rows.length === 0
      ? { orders: [] }
      : await listUnpaidOrders(
          context,
          input.businessId,
          rows.map((row) => row.phone),
        );
  const owed = new Map<string, { cents: number; orders: number }>();
  for (const order of unpaid.orders) {
    const sum = owed.get(order.phone) ?? { cents: 0, orders: 0 };
    owed.set(order.phone, { cents: sum.cents + order.amountDueCents, orders: sum.orders + 1 });
  }
  const delivery = (row: (typeof rows)[number]): CustomerView["delivery"] => {
    const { choice, feeCents } = deliveryChoiceOf(row);
    return choice && { ...choice, feeCents };
  };
  return {
    total: counted?.total ?? 0,
    customers: rows.map((row) => ({
      phone: row.phone,
      name: row.name,
      delivery: delivery(row),
      announcementsStoppedAt: row.announcementsStoppedAt,
      amountDueCents: owed.get(row.phone)?.cents ?? 0,
      unpaidOrders: owed.get(row.phone)?.orders ?? 0,
    })),
  };
}
