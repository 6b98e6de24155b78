-- Records a message as received and handled, once per transport id, then locks its conversation and reads its
-- state, makes sure its sender is a customer, and reads the customer's editable order (the dialogue asks on most
-- messages) and the number of its latest order the close of a batch sent to the providers (placed, on the way or
-- arrived: what "tira a cebola" with no order open refers to; read here, a new list costs no round trip of its own).
-- A transport id already recorded (a redelivery, even one arriving at the same moment, which waits here
-- for the first to commit) answers no row and changes nothing.
CREATE OR REPLACE FUNCTION sisconf_receive_message(p_business_id integer, p_transport text, p_message_id text, p_phone text,
  p_name text, p_text text, p_received_at timestamptz, p_now timestamptz)
RETURNS TABLE (inbound_id integer, conversation_state jsonb, editable_order_id integer, editable_order_number integer,
  closed_order_number integer)
LANGUAGE plpgsql
AS $$
DECLARE
  recorded_id integer;
  stored_state jsonb;
  the_customer_id integer;
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
  the_customer_id := sisconf_upsert_customer(p_business_id, p_phone, p_name, NULL);
  RETURN QUERY SELECT recorded_id, stored_state, e.order_id, e.order_number,
    (SELECT max(o.number) FROM orders o
      WHERE o.customer_id = the_customer_id AND o.status IN ('placed', 'on_the_way', 'arrived'))
    FROM (SELECT 1) AS one LEFT JOIN sisconf_editable_order(p_business_id, p_phone) e ON true;
END
$$;
