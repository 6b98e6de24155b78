-- Price × quantity in thousandths, rounded half up to the cent: the same rule as lineTotal in
-- core/domain/money.ts (a test holds the two together).
CREATE OR REPLACE FUNCTION sisconf_line_total(p_unit_price_cents integer, p_quantity_milli bigint) RETURNS bigint
LANGUAGE sql IMMUTABLE PARALLEL SAFE
AS $$ SELECT (p_unit_price_cents::bigint * p_quantity_milli + 500) / 1000 $$;
