-- Makes the business's order number sequence (sisconf_order_numbers) when the business is set up; harmless when it
-- exists.
CREATE OR REPLACE FUNCTION sisconf_create_order_numbers(p_business_id integer) RETURNS void
LANGUAGE plpgsql
AS $$
BEGIN
  EXECUTE format('CREATE SEQUENCE IF NOT EXISTS %I', sisconf_order_numbers(p_business_id));
END
$$;
