-- Announcements with consent and a scheduled cut-off.

-- When the customer said "parar" (announcements stop; order news always goes); null: it hears announcements.
ALTER TABLE "customers" ADD COLUMN IF NOT EXISTS "announcements_stopped_at" timestamp with time zone;
--> statement-breakpoint

-- One row per "avisar clientes": its recipients are queued in the notifications outbox in the same transaction,
-- one entry each, keyed by announcement and phone, so a crash loses none and a retry adds none.
CREATE TABLE IF NOT EXISTS "announcements" (
  "id" serial PRIMARY KEY NOT NULL,
  "business_id" integer NOT NULL REFERENCES "businesses"("id"),
  "text" text NOT NULL,
  "sent_by" text NOT NULL,
  "recipients" integer NOT NULL,
  "created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint

-- The schedule in force ("thu 18:00", null: closed by command only), where it came from (BATCH_CLOSE_SCHEDULE, or
-- the chat, which then overrides the variable) and since when: only moments after `since` close a batch, so a
-- schedule set on Sunday for Thursday does not close the batch at once for last Thursday.
CREATE TABLE IF NOT EXISTS "batch_close_schedules" (
  "business_id" integer PRIMARY KEY NOT NULL REFERENCES "businesses"("id"),
  "schedule" text,
  "source" text NOT NULL,
  "since" timestamp with time zone NOT NULL,
  CONSTRAINT "batch_close_schedules_source" CHECK ("source" IN ('environment', 'chat'))
);
--> statement-breakpoint

-- What the scheduler did for one scheduled moment: the unique key makes it happen once however many processes
-- try (the loser's insert waits for the winner's transaction, then finds the row taken).
CREATE TABLE IF NOT EXISTS "scheduled_runs" (
  "business_id" integer NOT NULL REFERENCES "businesses"("id"),
  "kind" text NOT NULL,
  "due_at" timestamp with time zone NOT NULL,
  "batch_id" integer REFERENCES "batches"("id"),
  "outcome" text NOT NULL,
  "created_at" timestamp with time zone DEFAULT now() NOT NULL,
  CONSTRAINT "scheduled_runs_kind" CHECK ("kind" IN ('close', 'reminder')),
  PRIMARY KEY ("business_id", "kind", "due_at")
);
