-- Order numbers come from a sequence per business: handing one out takes no lock that others wait on. This is its
-- name; sisconf_create_order_numbers makes it when the business is set up.
CREATE OR REPLACE FUNCTION sisconf_order_numbers(p_business_id integer) RETURNS text
LANGUAGE sql IMMUTABLE
AS $$ SELECT format('order_number_business_%s', p_business_id) $$;
