-- Confirms items for a customer in the open batch of the business, and answers the order as it now is. The
-- customer's order still open to changes in that batch absorbs them; otherwise a new order takes the business's
-- next number. Items are [{"sku", "quantityMilli", "replace"}], applied in their order: a line adds to what the
-- order has, or with "replace" sets it. Prices and providers are the catalog's now. A refusal is answered as
-- `refusal` with its `refusal_detail`, rather than raised, so that a caller's transaction goes on without a
-- savepoint; it changes nothing (but the customer's name, after losing a race with another first confirmation of
-- the same customer):
--   unknown_sku (JSON array of the skus not active in the catalog)
--   order_closed (p_only_order_id is no longer the customer's editable order)
--   quantity_too_large (JSON {"sku", "quantityMilli"} of a line over p_max_quantity_milli)
--   too_many_lines (the order would hold more than p_max_order_lines products)
--   batch_full (a new order would make the batch hold more than p_max_batch_orders orders)
CREATE OR REPLACE FUNCTION sisconf_place_order(p_business_id integer, p_phone text, p_name text, p_locale text,
  p_items jsonb, p_only_order_id integer, p_now timestamptz, p_max_quantity_milli bigint,
  p_max_order_lines integer, p_max_batch_orders integer)
RETURNS TABLE (order_created boolean, order_view jsonb, refusal text, refusal_detail text)
LANGUAGE plpgsql
AS $$
DECLARE
  the_customer_id integer;
  the_batch_id integer;
  the_order_id integer;
  created boolean := false;
  lines jsonb;
  problem jsonb;
BEGIN
  -- A close waits for the confirmations in flight; the statements below see the batch as it is after one.
  PERFORM sisconf_lock_open_batch(p_business_id, false);
  SELECT b.id INTO the_batch_id FROM batches b WHERE b.business_id = p_business_id AND b.status = 'open';
  IF the_batch_id IS NULL THEN
    RAISE EXCEPTION 'business % has no open batch', p_business_id;
  END IF;
  -- Everything is checked before the order is written, so a refusal needs nothing undone (no exception block, whose
  -- subtransaction every confirmation would pay for).
  FOR attempt IN 1..5 LOOP
    -- Locking re-reads the row: an order that stopped being received meanwhile is not taken.
    SELECT o.id INTO the_order_id FROM orders o
    WHERE o.id = (SELECT e.order_id FROM sisconf_editable_order(p_business_id, p_phone) e) AND o.status = 'received'
    FOR UPDATE;
    IF p_only_order_id IS NOT NULL AND the_order_id IS DISTINCT FROM p_only_order_id THEN
      RETURN QUERY SELECT false, NULL::jsonb, 'order_closed', NULL::text;
      RETURN;
    END IF;

    -- The lines the items touch, merged with what the order has. Per product, the items after its last "replace"
    -- count (all of them, on top of the current quantity, when none replaces).
    WITH input AS (
      SELECT item.value ->> 'sku' AS sku, (item.value ->> 'quantityMilli')::bigint AS quantity_milli,
        coalesce((item.value ->> 'replace')::boolean, false) AS replaces, item.position
      FROM jsonb_array_elements(p_items) WITH ORDINALITY AS item(value, position)
    ), last_replace AS (
      SELECT input.sku, max(input.position) FILTER (WHERE input.replaces) AS position FROM input GROUP BY input.sku
    ), wanted AS (
      SELECT input.sku, last_replace.position IS NOT NULL AS replaces,
        sum(input.quantity_milli) FILTER (WHERE input.position >= coalesce(last_replace.position, 0)) AS quantity_milli
      FROM input JOIN last_replace ON last_replace.sku = input.sku
      GROUP BY input.sku, last_replace.position
    )
    SELECT jsonb_agg(jsonb_build_object(
        'sku', wanted.sku, 'productId', p.id, 'providerId', p.provider_id, 'unitPriceCents', p.price_cents,
        'quantityMilli', CASE WHEN wanted.replaces THEN wanted.quantity_milli
          ELSE coalesce(current_line.quantity_milli, 0) + wanted.quantity_milli END))
    INTO lines
    FROM wanted
    LEFT JOIN products p ON p.business_id = p_business_id AND p.sku = wanted.sku AND p.active
    LEFT JOIN order_items current_line ON current_line.order_id = the_order_id AND current_line.product_id = p.id;

    SELECT jsonb_agg(line ->> 'sku' ORDER BY line ->> 'sku') INTO problem
    FROM jsonb_array_elements(lines) AS line WHERE line -> 'productId' = 'null'::jsonb;
    IF problem IS NOT NULL THEN
      RETURN QUERY SELECT false, NULL::jsonb, 'unknown_sku', problem::text;
      RETURN;
    END IF;
    SELECT line - ARRAY['productId', 'providerId', 'unitPriceCents'] INTO problem
    FROM jsonb_array_elements(lines) AS line WHERE (line ->> 'quantityMilli')::bigint > p_max_quantity_milli
    ORDER BY line ->> 'sku' LIMIT 1;
    IF problem IS NOT NULL THEN
      RETURN QUERY SELECT false, NULL::jsonb, 'quantity_too_large', problem::text;
      RETURN;
    END IF;
    -- The order's lines afterwards: those the items do not touch, and the touched ones.
    IF jsonb_array_length(lines) + (SELECT count(*) FROM order_items i WHERE i.order_id = the_order_id
        AND i.product_id NOT IN (SELECT (line ->> 'productId')::integer FROM jsonb_array_elements(lines) AS line))
        > p_max_order_lines THEN
      RETURN QUERY SELECT false, NULL::jsonb, 'too_many_lines', NULL::text;
      RETURN;
    END IF;
    -- Counted on an order's first confirmation only, under the lock confirmations share: a few arriving together
    -- may pass it at once, which the bound's arithmetic leaves room for. A batch's orders have distinct numbers, so
    -- they are at most as many as the span from its lowest number to its highest: two probes of orders_batch, where
    -- counting would read every order of the batch. Only a span as long as the bound is counted.
    IF the_order_id IS NULL
        AND (SELECT max(o.number) FROM orders o WHERE o.batch_id = the_batch_id)
          - (SELECT min(o.number) FROM orders o WHERE o.batch_id = the_batch_id) + 1 >= p_max_batch_orders
        AND (SELECT count(*) FROM orders o WHERE o.batch_id = the_batch_id) >= p_max_batch_orders THEN
      RETURN QUERY SELECT false, NULL::jsonb, 'batch_full', NULL::text;
      RETURN;
    END IF;

    the_customer_id := sisconf_upsert_customer(p_business_id, p_phone, p_name, p_locale);
    EXIT WHEN the_order_id IS NOT NULL;
    INSERT INTO orders (business_id, number, customer_id, batch_id, status, confirmed_at, updated_at)
    VALUES (p_business_id, nextval(sisconf_order_numbers(p_business_id)::regclass), the_customer_id,
      the_batch_id, 'received', p_now, p_now)
    ON CONFLICT (batch_id, customer_id) WHERE status = 'received' DO NOTHING
    RETURNING id INTO the_order_id;
    IF the_order_id IS NOT NULL THEN
      created := true;
      EXIT;
    END IF;
    -- Another confirmation of the same customer made its order first (and committed, or the insert would still be
    -- waiting): look again, and merge into it. The number drawn for this insert is skipped.
    IF attempt = 5 THEN
      RAISE EXCEPTION 'the order of % kept changing under this confirmation', p_phone;
    END IF;
  END LOOP;

  INSERT INTO order_items (order_id, product_id, provider_id, quantity_milli, unit_price_cents, total_cents)
  SELECT the_order_id, line."productId", line."providerId", line."quantityMilli", line."unitPriceCents",
    sisconf_line_total(line."unitPriceCents", line."quantityMilli")
  FROM jsonb_to_recordset(lines)
    AS line("productId" integer, "providerId" integer, "quantityMilli" bigint, "unitPriceCents" integer)
  ON CONFLICT (order_id, product_id) DO UPDATE SET
    provider_id = excluded.provider_id, quantity_milli = excluded.quantity_milli,
    unit_price_cents = excluded.unit_price_cents, total_cents = excluded.total_cents;
  UPDATE orders o SET
    total_cents = (SELECT coalesce(sum(i.total_cents), 0) FROM order_items i WHERE i.order_id = the_order_id),
    updated_at = p_now
  WHERE o.id = the_order_id;
  RETURN QUERY SELECT created, sisconf_order_view(the_order_id), NULL::text, NULL::text;
END
$$;
