-- Order lines keep the provider they had when confirmed, so a sheet goes to it even if the catalog has since moved
-- the product. The column was first added to 0000 itself, which databases made by the earlier 0000 never ran
-- again: they get it here, filled from each line's product. Databases that have it already are left as they are.
ALTER TABLE "order_items" ADD COLUMN IF NOT EXISTS "provider_id" integer;
--> statement-breakpoint
UPDATE "order_items" i SET "provider_id" = p."provider_id"
FROM "products" p
WHERE p."id" = i."product_id" AND i."provider_id" IS NULL;
--> statement-breakpoint
ALTER TABLE "order_items" ALTER COLUMN "provider_id" SET NOT NULL;
--> statement-breakpoint
DO $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_constraint WHERE conname = 'order_items_provider_id_providers_id_fk') THEN
    ALTER TABLE "order_items" ADD CONSTRAINT "order_items_provider_id_providers_id_fk" FOREIGN KEY ("provider_id")
      REFERENCES "public"."providers"("id") ON DELETE no action ON UPDATE no action;
  END IF;
END
$$;
