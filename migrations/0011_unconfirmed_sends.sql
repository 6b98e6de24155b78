-- Sends a sender may have made and never recorded (it died between the platform's acceptance and the record, or its
-- claim ran out): the span of the claims under which the message may have gone. The next sender asks the transport
-- whether it went (the simulator's record, WhatsApp Web's chat, the Cloud API's statuses carrying the entry's id)
-- before sending it again; null once the outcome is recorded.
ALTER TABLE "notifications" ADD COLUMN IF NOT EXISTS "unconfirmed_from" timestamp with time zone;
--> statement-breakpoint
ALTER TABLE "notifications" ADD COLUMN IF NOT EXISTS "unconfirmed_until" timestamp with time zone;
