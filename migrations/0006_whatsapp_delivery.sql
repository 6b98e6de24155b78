-- WhatsApp as the platforms really behave: a customer may be known only by the platform's id for them (a Cloud API
-- business-scoped user id, a WhatsApp Web privacy id) until a phone shows; a customer may not be on WhatsApp at all (error 131026); each message sent is followed
-- by the platform's statuses (sent, delivered, read, failed); the last inbound message opens the 24-hour window
-- (read from inbound_messages, which this index makes one probe per phone).
ALTER TABLE "customers" ADD COLUMN IF NOT EXISTS "platform_user_id" text;
--> statement-breakpoint
ALTER TABLE "customers" ADD COLUMN IF NOT EXISTS "unreachable_at" timestamp with time zone;
--> statement-breakpoint
CREATE UNIQUE INDEX IF NOT EXISTS "customers_platform_user_id" ON "customers" ("business_id", "platform_user_id")
  WHERE "platform_user_id" IS NOT NULL;
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "inbound_messages_phone_received" ON "inbound_messages" ("business_id", "phone", "received_at");
--> statement-breakpoint
ALTER TABLE "notifications" ADD COLUMN IF NOT EXISTS "error_code" integer;
--> statement-breakpoint
ALTER TABLE "notifications" ADD COLUMN IF NOT EXISTS "template_required" boolean DEFAULT false NOT NULL;
--> statement-breakpoint
CREATE TABLE IF NOT EXISTS "message_deliveries" (
  "id" serial PRIMARY KEY NOT NULL,
  "business_id" integer NOT NULL REFERENCES "businesses"("id"),
  "platform_message_id" text NOT NULL,
  "notification_id" integer REFERENCES "notifications"("id"),
  "status" text DEFAULT 'accepted' NOT NULL,
  "error_code" integer,
  "error_title" text,
  "accepted_at" timestamp with time zone,
  "sent_at" timestamp with time zone,
  "delivered_at" timestamp with time zone,
  "read_at" timestamp with time zone,
  "failed_at" timestamp with time zone,
  "updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX IF NOT EXISTS "message_deliveries_platform_id" ON "message_deliveries" ("business_id", "platform_message_id");
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "message_deliveries_notification" ON "message_deliveries" ("notification_id");
