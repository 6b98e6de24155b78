-- Questions the bot cannot answer, passed on to the entrepreneur (PRODUCT.md, "handoff"): numbered per business,
-- open until answered through the bot ("responder #3 …").
CREATE TABLE "handoffs" (
	"id" serial PRIMARY KEY NOT NULL,
	"business_id" integer NOT NULL,
	"number" integer NOT NULL,
	"phone" text NOT NULL,
	"customer_name" text,
	"text" text NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"answer" text,
	"answered_by" text,
	"asked_at" timestamp with time zone NOT NULL,
	"answered_at" timestamp with time zone,
	CONSTRAINT "handoffs_status" CHECK ("status" in ('open', 'answered'))
);
--> statement-breakpoint
ALTER TABLE "handoffs" ADD CONSTRAINT "handoffs_business_id_businesses_id_fk" FOREIGN KEY ("business_id") REFERENCES "public"."businesses"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "handoffs_business_number" ON "handoffs" USING btree ("business_id","number");--> statement-breakpoint
CREATE INDEX "handoffs_open" ON "handoffs" USING btree ("business_id","phone") WHERE "handoffs"."status" = 'open';
