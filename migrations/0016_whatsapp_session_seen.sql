-- When the bot last said its WhatsApp session was as recorded: written with every change and every 30 seconds
-- between (the bot's heartbeat), so that a bot killed without a word is told apart from one that is connected.
ALTER TABLE "whatsapp_sessions" ADD COLUMN IF NOT EXISTS "seen_at" timestamp with time zone;
--> statement-breakpoint
UPDATE "whatsapp_sessions" SET "seen_at" = "changed_at" WHERE "seen_at" IS NULL;
--> statement-breakpoint
ALTER TABLE "whatsapp_sessions" ALTER COLUMN "seen_at" SET NOT NULL;
