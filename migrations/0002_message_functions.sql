-- Every chat message is handled in one transaction (bot/dialogue/handle-inbound.ts): recorded by its transport id,
-- its conversation locked and read, the dialogue's effects, the new state saved and the replies queued. The first
-- and last steps are these two functions: one statement each, with plans the server keeps, instead of five.

-- Records a message as received and handled, once per transport id, then locks its conversation and reads its
-- state, makes sure its sender is a customer, and reads the customer's editable order (the dialogue asks on most
-- messages). A transport id already recorded (a redelivery, even one arriving at the same moment, which waits here
-- for the first to commit) answers no row and changes nothing.
CREATE FUNCTION sisconf_receive_message(p_business_id integer, p_transport text, p_message_id text, p_phone text,
  p_name text, p_text text, p_received_at timestamptz, p_now timestamptz)
RETURNS TABLE (inbound_id integer, conversation_state jsonb, editable_order_id integer, editable_order_number integer)
LANGUAGE plpgsql
AS $$
DECLARE
  recorded_id integer;
  stored_state jsonb;
BEGIN
  INSERT INTO inbound_messages (business_id, transport, message_id, phone, text, received_at, handled_at)
  VALUES (p_business_id, p_transport, p_message_id, p_phone, p_text, p_received_at, p_now)
  ON CONFLICT DO NOTHING
  RETURNING id INTO recorded_id;
  IF recorded_id IS NULL THEN
    RETURN;
  END IF;
  -- Locked until the transaction ends: two messages of one phone are answered one after the other. Locking writes
  -- no new version of the row; sisconf_answer_message writes the one the message leaves.
  INSERT INTO conversations (business_id, phone, state) VALUES (p_business_id, p_phone, '{}'::jsonb)
  ON CONFLICT (business_id, phone) DO NOTHING;
  SELECT c.state INTO STRICT stored_state FROM conversations c
  WHERE c.business_id = p_business_id AND c.phone = p_phone
  FOR UPDATE;
  PERFORM sisconf_upsert_customer(p_business_id, p_phone, p_name, NULL);
  RETURN QUERY SELECT recorded_id, stored_state, e.order_id, e.order_number
    FROM (SELECT 1) AS one LEFT JOIN sisconf_editable_order(p_business_id, p_phone) e ON true;
END
$$;
--> statement-breakpoint

-- Saves the conversation's new state (unless p_state is null) and queues the replies to inbound message
-- p_inbound_id, keyed by it, at p_priority, already claimed for p_lease_seconds by the caller, who sends them as
-- soon as it commits. Answers the claimed replies in order.
CREATE FUNCTION sisconf_answer_message(p_business_id integer, p_phone text, p_inbound_id integer, p_state jsonb,
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
