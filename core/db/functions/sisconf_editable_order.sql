-- The customer's order still open to changes: received, in the open batch. The one definition of it: read when a
-- message arrives, and locked before it is changed (below, and core/app/find-open-order.ts) or cancelled.
CREATE OR REPLACE FUNCTION sisconf_editable_order(p_business_id integer, p_phone text)
RETURNS TABLE (order_id integer, order_number integer)
LANGUAGE sql STABLE
AS $$
  -- Written from the open batch and the customer, each found by a unique index, so that the order is one lookup in
  -- orders_one_received_per_batch however many orders the batch holds.
  SELECT o.id, o.number
  FROM orders o
  WHERE o.batch_id = (SELECT b.id FROM batches b WHERE b.business_id = p_business_id AND b.status = 'open')
    AND o.customer_id = (SELECT c.id FROM customers c WHERE c.business_id = p_business_id AND c.phone = p_phone)
    AND o.status = 'received'
$$;
