-- The lock of "the open batch of a business": confirmations share it, closing takes it alone (p_alone), so a close
-- waits until the confirmations in flight commit, and a confirmation whose next statement runs after a close
-- committed sees the next batch: each order lands in exactly one batch. Advisory locks live in memory, unlike row
-- locks, so many confirmations share one without writing to the batch row. Held until the transaction ends.
CREATE OR REPLACE FUNCTION sisconf_lock_open_batch(p_business_id integer, p_alone boolean) RETURNS void
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
