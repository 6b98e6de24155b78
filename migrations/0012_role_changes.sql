-- The entrepreneur's "adicionar admin …" and "remover admin …": the identity provider (Keycloak) is another system,
-- so the message's transaction only records the request here, and it is carried out once that transaction
-- committed (core/app/apply-role-changes.ts): no HTTP call while the conversation is locked, and a message rolled
-- back changes no role. The request is claimed for the process that handled the message until `claimed_until`;
-- should that process die first, another takes it over. The outcome goes to `requested_by` in the notifications
-- outbox, in the same transaction that records it.
CREATE TABLE IF NOT EXISTS "role_changes" (
  "id" serial PRIMARY KEY NOT NULL,
  "business_id" integer NOT NULL REFERENCES "businesses"("id"),
  "requested_by" text NOT NULL,
  "phone" text NOT NULL,
  "action" text NOT NULL,
  "language" text NOT NULL,
  "claimed_until" timestamp with time zone NOT NULL,
  "outcome" text,
  "created_at" timestamp with time zone DEFAULT now() NOT NULL,
  "done_at" timestamp with time zone,
  CONSTRAINT "role_changes_action" CHECK ("action" IN ('grant', 'revoke'))
);
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "role_changes_waiting" ON "role_changes" USING btree ("business_id", "requested_by")
  WHERE "done_at" IS NULL;
