-- The WhatsApp Web session as the bot role last saw it, one row per business, written by the bot when its state or
-- its last loss changes: the API runs in a role that may be another process, and reads it here
-- (GET /api/v1/whatsapp, the dashboard's banner, the notice on the entrepreneur's next write).
CREATE TABLE IF NOT EXISTS "whatsapp_sessions" (
  "business_id" integer PRIMARY KEY NOT NULL REFERENCES "businesses"("id"),
  "state" text NOT NULL,
  "changed_at" timestamp with time zone NOT NULL,
  "loss_at" timestamp with time zone,
  "loss_kind" text,
  "back_at" timestamp with time zone,
  CONSTRAINT "whatsapp_sessions_state" CHECK ("state" IN ('starting', 'qr', 'connected', 'reconnecting', 'retrying', 'stopped')),
  CONSTRAINT "whatsapp_sessions_loss_kind" CHECK ("loss_kind" IN ('logged_out', 'refused', 'dropped'))
);
--> statement-breakpoint
-- Which loss each API caller (the token's subject) was last told of, on one of their writes: told once per loss.
CREATE TABLE IF NOT EXISTS "whatsapp_session_notices" (
  "business_id" integer NOT NULL REFERENCES "businesses"("id"),
  "subject" text NOT NULL,
  "loss_at" timestamp with time zone NOT NULL,
  CONSTRAINT "whatsapp_session_notices_pk" PRIMARY KEY ("business_id", "subject")
);
