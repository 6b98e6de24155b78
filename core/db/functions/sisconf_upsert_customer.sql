-- Finds the customer by phone or creates it, and answers its id; a name or language given replaces the stored
-- one. Most calls find the customer as it is and write nothing.
CREATE OR REPLACE FUNCTION sisconf_upsert_customer(p_business_id integer, p_phone text, p_name text, p_locale text)
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
