-- A new order is delivered the way its customer chose last (trigger orders_take_customer_delivery). Done here
-- rather than in sisconf_place_order, so that the hottest write keeps its one statement.
CREATE OR REPLACE FUNCTION sisconf_order_takes_customer_delivery() RETURNS trigger
LANGUAGE plpgsql
AS $$
DECLARE
  chosen customers%ROWTYPE;
BEGIN
  SELECT * INTO chosen FROM customers c WHERE c.id = NEW.customer_id;
  IF chosen.delivery_kind = 'delivery' THEN
    NEW.delivery_kind := 'delivery';
    NEW.delivery_address := jsonb_strip_nulls(jsonb_build_object(
      'street', chosen.delivery_street, 'number', chosen.delivery_number,
      'neighbourhood', chosen.delivery_neighbourhood, 'reference', chosen.delivery_reference));
    NEW.delivery_fee_cents := chosen.delivery_fee_cents;
  END IF;
  RETURN NEW;
END
$$;
