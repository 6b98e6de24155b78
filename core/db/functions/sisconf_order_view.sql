-- An order as the application shows it (OrderView in core/db/order-queries.ts): its delivery, final total and
-- payment, and its items in the order they were added with each line's delivered quantity. PL/pgSQL rather than
-- SQL: the server keeps its plan between calls (PostgreSQL before 18 plans a SQL function's body on every call that
-- it cannot inline).
CREATE OR REPLACE FUNCTION sisconf_order_view(p_order_id integer) RETURNS jsonb
LANGUAGE plpgsql STABLE
AS $$
BEGIN
  RETURN (SELECT jsonb_build_object(
    'id', o.id, 'number', o.number, 'phone', c.phone, 'customerName', c.name, 'customerLocale', c.locale,
    'status', o.status, 'batchId', o.batch_id, 'batchNumber', b.number, 'totalCents', o.total_cents,
    'confirmedAt', o.confirmed_at,
    'delivery', jsonb_build_object('kind', o.delivery_kind, 'address', o.delivery_address,
      'feeCents', o.delivery_fee_cents),
    'finalTotalCents', o.final_total_cents,
    'payment', jsonb_build_object('status', o.payment_status, 'paidAt', o.paid_at),
    'deliveredAt', o.delivered_at,
    'items', coalesce((
      SELECT jsonb_agg(jsonb_build_object(
          'sku', p.sku, 'name', p.name, 'unit', p.unit, 'quantityMilli', i.quantity_milli,
          'deliveredQuantityMilli', i.delivered_quantity_milli,
          'unitPriceCents', i.unit_price_cents, 'totalCents', i.total_cents, 'providerKey', v.key,
          'providerName', v.name)
        ORDER BY i.id)
      FROM order_items i
      JOIN products p ON p.id = i.product_id
      JOIN providers v ON v.id = i.provider_id
      WHERE i.order_id = o.id), '[]'::jsonb))
  FROM orders o
  JOIN customers c ON c.id = o.customer_id
  JOIN batches b ON b.id = o.batch_id
  WHERE o.id = p_order_id);
END
$$;
