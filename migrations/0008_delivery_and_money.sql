-- Delivery and money: how each customer gets its goods (pickup, or delivery to an address), what each order line
-- really delivered after weighing, the order's final total, and whether the customer paid.

-- The customer's choice, reused by its later orders. Null kind: never asked (its orders are pickup). The fee is the
-- one DELIVERY_FEES gave its neighbourhood when the address was chosen.
ALTER TABLE "customers" ADD COLUMN IF NOT EXISTS "delivery_kind" text;
--> statement-breakpoint
ALTER TABLE "customers" ADD COLUMN IF NOT EXISTS "delivery_street" text;
--> statement-breakpoint
ALTER TABLE "customers" ADD COLUMN IF NOT EXISTS "delivery_number" text;
--> statement-breakpoint
ALTER TABLE "customers" ADD COLUMN IF NOT EXISTS "delivery_neighbourhood" text;
--> statement-breakpoint
ALTER TABLE "customers" ADD COLUMN IF NOT EXISTS "delivery_reference" text;
--> statement-breakpoint
ALTER TABLE "customers" ADD COLUMN IF NOT EXISTS "delivery_fee_cents" integer;
--> statement-breakpoint
ALTER TABLE "customers" ADD CONSTRAINT "customers_delivery_kind" CHECK (
  "delivery_kind" IS NULL OR "delivery_kind" = 'pickup'
  OR ("delivery_kind" = 'delivery' AND "delivery_street" IS NOT NULL AND "delivery_number" IS NOT NULL
    AND "delivery_neighbourhood" IS NOT NULL AND "delivery_fee_cents" >= 0));
--> statement-breakpoint

-- The order's own copy, so that a later change of the customer's address does not rewrite delivered orders.
ALTER TABLE "orders" ADD COLUMN IF NOT EXISTS "delivery_kind" text DEFAULT 'pickup' NOT NULL;
--> statement-breakpoint
ALTER TABLE "orders" ADD COLUMN IF NOT EXISTS "delivery_address" jsonb;
--> statement-breakpoint
ALTER TABLE "orders" ADD COLUMN IF NOT EXISTS "delivery_fee_cents" integer DEFAULT 0 NOT NULL;
--> statement-breakpoint
-- Null until delivered quantities are recorded: the lines (delivered, or as ordered) plus the delivery fee.
ALTER TABLE "orders" ADD COLUMN IF NOT EXISTS "final_total_cents" bigint;
--> statement-breakpoint
ALTER TABLE "orders" ADD COLUMN IF NOT EXISTS "payment_status" text DEFAULT 'pending' NOT NULL;
--> statement-breakpoint
ALTER TABLE "orders" ADD COLUMN IF NOT EXISTS "paid_at" timestamp with time zone;
--> statement-breakpoint
-- When the order became delivered: "quem falta pagar" counts the days since.
ALTER TABLE "orders" ADD COLUMN IF NOT EXISTS "delivered_at" timestamp with time zone;
--> statement-breakpoint
ALTER TABLE "orders" ADD CONSTRAINT "orders_delivery" CHECK (
  ("delivery_kind" = 'pickup' AND "delivery_address" IS NULL AND "delivery_fee_cents" = 0)
  OR ("delivery_kind" = 'delivery' AND "delivery_address" IS NOT NULL AND "delivery_fee_cents" >= 0));
--> statement-breakpoint
-- Paid once: the time a payment was recorded goes with the status and is never overwritten by a second one.
ALTER TABLE "orders" ADD CONSTRAINT "orders_payment" CHECK (
  ("payment_status" = 'pending' AND "paid_at" IS NULL) OR ("payment_status" = 'paid' AND "paid_at" IS NOT NULL));
--> statement-breakpoint
ALTER TABLE "orders" ADD CONSTRAINT "orders_final_total" CHECK ("final_total_cents" IS NULL OR "final_total_cents" >= 0);
--> statement-breakpoint
UPDATE "orders" SET "delivered_at" = "updated_at" WHERE "status" = 'delivered' AND "delivered_at" IS NULL;
--> statement-breakpoint
-- Who still owes: few rows (delivered, not paid) however many orders the business has had.
CREATE INDEX IF NOT EXISTS "orders_unpaid" ON "orders" USING btree ("business_id", "delivered_at")
  WHERE "status" = 'delivered' AND "payment_status" = 'pending';
--> statement-breakpoint

-- Null until recorded (the packing workbook sent back, a correction in chat, the API); zero when it was missing.
ALTER TABLE "order_items" ADD COLUMN IF NOT EXISTS "delivered_quantity_milli" bigint;
--> statement-breakpoint
ALTER TABLE "order_items" ADD CONSTRAINT "order_items_delivered_quantity" CHECK (
  "delivered_quantity_milli" IS NULL OR "delivered_quantity_milli" >= 0);
--> statement-breakpoint

-- A new order is delivered the way its customer chose last. Done here rather than in sisconf_place_order, so that
-- the hottest write keeps its one statement and its definition in 0001.
CREATE FUNCTION sisconf_order_takes_customer_delivery() RETURNS trigger
LANGUAGE plpgsql
AS $$
DECLARE
  chosen customers%ROWTYPE;
BEGIN
  SELECT * INTO chosen FROM customers c WHERE c.id = NEW.customer_id;
  IF chosen.delivery_kind = 'delivery' THEN
    NEW.delivery_kind := 'delivery';
    NEW.delivery_address := jsonb_strip_nulls(jsonb_build_object(
      'street', chosen.delivery_street, 'number', chosen.delivery_number,
      'neighbourhood', chosen.delivery_neighbourhood, 'reference', chosen.delivery_reference));
    NEW.delivery_fee_cents := chosen.delivery_fee_cents;
  END IF;
  RETURN NEW;
END
$$;
--> statement-breakpoint
CREATE TRIGGER "orders_take_customer_delivery" BEFORE INSERT ON "orders"
FOR EACH ROW EXECUTE FUNCTION sisconf_order_takes_customer_delivery();
--> statement-breakpoint

-- sisconf_order_view of 0001, with the order's delivery, final total, payment and each line's delivered quantity.
CREATE OR REPLACE FUNCTION sisconf_order_view(p_order_id integer) RETURNS jsonb
LANGUAGE plpgsql STABLE
AS $$
BEGIN
  RETURN (SELECT jsonb_build_object(
    'id', o.id, 'number', o.number, 'phone', c.phone, 'customerName', c.name, 'customerLocale', c.locale,
    'status', o.status, 'batchId', o.batch_id, 'batchNumber', b.number, 'totalCents', o.total_cents,
    'confirmedAt', o.confirmed_at,
    'delivery', jsonb_build_object('kind', o.delivery_kind, 'address', o.delivery_address,
      'feeCents', o.delivery_fee_cents),
    'finalTotalCents', o.final_total_cents,
    'payment', jsonb_build_object('status', o.payment_status, 'paidAt', o.paid_at),
    'deliveredAt', o.delivered_at,
    'items', coalesce((
      SELECT jsonb_agg(jsonb_build_object(
          'sku', p.sku, 'name', p.name, 'unit', p.unit, 'quantityMilli', i.quantity_milli,
          'deliveredQuantityMilli', i.delivered_quantity_milli,
          'unitPriceCents', i.unit_price_cents, 'totalCents', i.total_cents, 'providerKey', v.key,
          'providerName', v.name)
        ORDER BY i.id)
      FROM order_items i
      JOIN products p ON p.id = i.product_id
      JOIN providers v ON v.id = i.provider_id
      WHERE i.order_id = o.id), '[]'::jsonb))
  FROM orders o
  JOIN customers c ON c.id = o.customer_id
  JOIN batches b ON b.id = o.batch_id
  WHERE o.id = p_order_id);
END
$$;
