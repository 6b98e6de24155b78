-- Confirming an order is SISCONF's hottest write. Done from the application it took a dozen statements and six
-- round trips in a transaction; as one function it is one statement, atomic by itself, with plans the server
-- caches. The application keeps the checks that need no data (see core/app/place-order.ts); these functions
-- keep the rules that need the rows.

-- Price × quantity in thousandths, rounded half up to the cent: the same rule as lineTotal in
-- core/domain/money.ts (a test holds the two together).
CREATE FUNCTION sisconf_line_total(p_unit_price_cents integer, p_quantity_milli bigint) RETURNS bigint
LANGUAGE sql IMMUTABLE PARALLEL SAFE
AS $$ SELECT (p_unit_price_cents::bigint * p_quantity_milli + 500) / 1000 $$;
--> statement-breakpoint

-- An order as the application shows it (OrderView in core/db/order-queries.ts), items in the order they were added.
-- PL/pgSQL rather than SQL: the server keeps its plan between calls (PostgreSQL before 18 plans a SQL function's
-- body on every call that it cannot inline).
CREATE FUNCTION sisconf_order_view(p_order_id integer) RETURNS jsonb
LANGUAGE plpgsql STABLE
AS $$
BEGIN
  RETURN (SELECT jsonb_build_object(
    'id', o.id, 'number', o.number, 'phone', c.phone, 'customerName', c.name, 'customerLocale', c.locale,
    'status', o.status, 'batchId', o.batch_id, 'batchNumber', b.number, 'totalCents', o.total_cents,
    'confirmedAt', o.confirmed_at,
    'items', coalesce((
      SELECT jsonb_agg(jsonb_build_object(
          'sku', p.sku, 'name', p.name, 'unit', p.unit, 'quantityMilli', i.quantity_milli,
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
--> statement-breakpoint

-- Finds the customer by phone or creates it, and answers its id; a name or language given replaces the stored
-- one. Most calls find the customer as it is and write nothing.
CREATE FUNCTION sisconf_upsert_customer(p_business_id integer, p_phone text, p_name text, p_locale text)
RETURNS integer
LANGUAGE plpgsql
AS $$
DECLARE
  found_customer customers%ROWTYPE;
BEGIN
  SELECT * INTO found_customer FROM customers c WHERE c.business_id = p_business_id AND c.phone = p_phone;
  IF NOT FOUND THEN
    INSERT INTO customers (business_id, phone, name, locale)
    VALUES (p_business_id, p_phone, p_name, coalesce(p_locale, 'pt-BR'))
    ON CONFLICT DO NOTHING
    RETURNING * INTO found_customer;
    IF FOUND THEN
      RETURN found_customer.id;
    END IF;
    -- Another first message of the same phone won the race; its row is committed, and this statement sees it.
    SELECT * INTO STRICT found_customer FROM customers c WHERE c.business_id = p_business_id AND c.phone = p_phone;
  END IF;
  IF (p_name IS NOT NULL AND p_name IS DISTINCT FROM found_customer.name)
    OR (p_locale IS NOT NULL AND p_locale <> found_customer.locale) THEN
    UPDATE customers c SET name = coalesce(p_name, c.name), locale = coalesce(p_locale, c.locale)
    WHERE c.id = found_customer.id;
  END IF;
  RETURN found_customer.id;
END
$$;
--> statement-breakpoint

-- The lock of "the open batch of a business": confirmations share it, closing takes it alone (p_alone), so a close
-- waits until the confirmations in flight commit, and a confirmation whose next statement runs after a close
-- committed sees the next batch: each order lands in exactly one batch. Advisory locks live in memory, unlike row
-- locks, so many confirmations share one without writing to the batch row. Held until the transaction ends.
CREATE FUNCTION sisconf_lock_open_batch(p_business_id integer, p_alone boolean) RETURNS void
LANGUAGE plpgsql
AS $$
BEGIN
  IF p_alone THEN
    PERFORM pg_advisory_xact_lock(7316, p_business_id);
  ELSE
    PERFORM pg_advisory_xact_lock_shared(7316, p_business_id);
  END IF;
END
$$;
--> statement-breakpoint

-- Order numbers come from a sequence per business: handing one out takes no lock that others wait on. This is its
-- name; sisconf_create_order_numbers makes it when the business is set up.
CREATE FUNCTION sisconf_order_numbers(p_business_id integer) RETURNS text
LANGUAGE sql IMMUTABLE
AS $$ SELECT format('order_number_business_%s', p_business_id) $$;
--> statement-breakpoint

CREATE FUNCTION sisconf_create_order_numbers(p_business_id integer) RETURNS void
LANGUAGE plpgsql
AS $$
BEGIN
  EXECUTE format('CREATE SEQUENCE IF NOT EXISTS %I', sisconf_order_numbers(p_business_id));
END
$$;
--> statement-breakpoint

-- The customer's order still open to changes: received, in the open batch. The one definition of it: read when a
-- message arrives, and locked before it is changed (below, and core/app/find-open-order.ts) or cancelled.
CREATE FUNCTION sisconf_editable_order(p_business_id integer, p_phone text)
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
--> statement-breakpoint

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
CREATE FUNCTION sisconf_place_order(p_business_id integer, p_phone text, p_name text, p_locale text,
  p_items jsonb, p_only_order_id integer, p_now timestamptz, p_max_quantity_milli bigint)
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
