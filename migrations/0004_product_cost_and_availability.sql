-- What the provider charges for a product (shown on the provider's sheet instead of the selling price; null when the
-- catalog gives none) and whether it is in stock this week ("acabou morango"): a product out of stock stays in the
-- catalog, unlike one the catalog no longer lists (active = false).
ALTER TABLE "products" ADD COLUMN IF NOT EXISTS "cost_cents" integer;
--> statement-breakpoint
ALTER TABLE "products" ADD COLUMN IF NOT EXISTS "available" boolean DEFAULT true NOT NULL;
