import postgres from "postgres";

/**
 * Puts `orders` confirmed orders of `itemsPerOrder` items each into the open batch of the default business, in a
 * few set-based statements (what thousands of chats would leave behind), for drills and benchmarks that need a
 * big batch fast. Totals are computed from the snapshotted prices, as confirming does.
 */
export async function seedOrders(
  databaseUrl: string,
  orders: number,
  itemsPerOrder = 5,
  phonePrefix = "55849",
): Promise<void> {
  const sql = postgres(databaseUrl, { max: 1, onnotice: () => {} });
  try {
    await sql.begin(async (tx) => {
      const [business] = await tx`select id from businesses where slug = 'default'`;
      const [batch] = await tx`select id from batches where business_id = ${business?.id} and status = 'open'`;
      if (!business || !batch) throw new Error("no default business with an open batch");
      await tx`
        insert into customers (business_id, phone, name)
        select ${business.id}, ${phonePrefix} || lpad(g::text, 8, '0'), 'Cliente ' || g
        from generate_series(1, ${orders}) g
        on conflict do nothing`;
      await tx.unsafe(
        `insert into orders (business_id, number, customer_id, batch_id, status)
         select $1, nextval(sisconf_order_numbers($1::int)::regclass), c.id, $2, 'received'
         from customers c where c.business_id = $1 and c.phone like $3 || '%'
         order by c.id`,
        [business.id, batch.id, phonePrefix],
      );
      await tx`
        insert into order_items (order_id, product_id, provider_id, quantity_milli, unit_price_cents, total_cents)
        select o.id, p.id, p.provider_id, 1000 * (1 + (o.id + p.id) % 3), p.price_cents, p.price_cents * (1 + (o.id + p.id) % 3)
        from orders o
        cross join lateral (
          select id, provider_id, price_cents from products
          where business_id = ${business.id} and active
          order by (id * 7919 + o.id * 104729) % 1000003
          limit ${itemsPerOrder}
        ) p
        where o.batch_id = ${batch.id}`;
      await tx`
        update orders set total_cents = (select coalesce(sum(total_cents), 0) from order_items where order_id = orders.id)
        where batch_id = ${batch.id}`;
    });
  } finally {
    await sql.end();
  }
}
