-- Saves the conversation's new state (unless p_state is null) and queues the replies to inbound message
-- p_inbound_id, keyed by it, at p_priority, already claimed for p_lease_seconds by the caller, who sends them as
-- soon as it commits. Answers the claimed replies in order.
CREATE OR REPLACE FUNCTION sisconf_answer_message(p_business_id integer, p_phone text, p_inbound_id integer, p_state jsonb,
  p_replies jsonb, p_priority integer, p_lease_seconds double precision, p_now timestamptz)
RETURNS TABLE (notification_id integer, notification_payload jsonb, notification_attempts integer,
  notification_claimed_until timestamptz)
LANGUAGE plpgsql
AS $$
BEGIN
  IF p_state IS NOT NULL THEN
    UPDATE conversations c SET state = p_state, updated_at = p_now
    WHERE c.business_id = p_business_id AND c.phone = p_phone;
  END IF;
  RETURN QUERY
  INSERT INTO notifications AS n (business_id, phone, payload, dedupe_key, priority, status, attempts, claimed_until)
  SELECT p_business_id, p_phone, reply.payload, format('reply:%s:%s', p_inbound_id, reply.position - 1), p_priority,
    'sending', 1, now() + make_interval(secs => p_lease_seconds)
  FROM jsonb_array_elements(p_replies) WITH ORDINALITY AS reply(payload, position)
  ORDER BY reply.position
  RETURNING n.id, n.payload, n.attempts, n.claimed_until;
END
$$;
