import { sql } from "drizzle-orm";
import { selectRows } from "../db/database.ts";
import { type OrderView, orderViewOf, type StoredOrderView } from "../db/order-queries.ts";
import { MAX_BATCH_ORDERS, MAX_ORDER_LINES } from "../domain/money-bounds.ts";
import { checkQuantity, formatMilli, MAX_QUANTITY_MILLI, type Milli } from "../domain/quantity.ts";
import type { CoreContext } from "./context.ts";
import { conflict, invalidInput, unprocessable } from "./errors.ts";
import { customerName, requireCustomerKey } from "./validation.ts";

export interface OrderLineInput {
  sku: string;
  /** In the product's own unit, thousandths. */
  quantityMilli: Milli;
  /** Set the line to this quantity instead of adding to what the order already has. */
  replace?: boolean | undefined;
}

export interface PlaceOrderInput {
  businessId: number;
  phone: string;
  name?: string | undefined;
  locale?: string | undefined;
  items: readonly OrderLineInput[];
  /**
   * Change only this order: when it is no longer open to changes (its batch closed meanwhile), fail with
   * `order_closed` instead of starting a new order the customer never confirmed.
   */
  onlyOrderId?: number | undefined;
}

/**
 * Confirms items for a customer in the open batch. The customer's order still open to changes in that batch
 * absorbs them (one order per customer per batch); otherwise a new order gets the business's next number.
 * Prices are taken from the catalog now, at confirmation.
 */
export async function placeOrder(context: CoreContext, input: PlaceOrderInput): Promise<OrderView> {
  if (input.items.length === 0) throw invalidInput("no_items", "an order needs at least one item");
  if (input.items.length > MAX_ORDER_LINES) {
    throw invalidInput("too_many_items", `an order takes at most ${MAX_ORDER_LINES} items at a time`);
  }
  for (const item of input.items) {
    const problem = checkQuantity(item.quantityMilli);
    if (problem?.kind === "not_positive") {
      throw invalidInput("invalid_quantity", `quantity of ${item.sku} must be more than zero`);
    }
    if (problem?.kind === "too_large") {
      throw invalidInput(
        "quantity_too_large",
        `quantity of ${item.sku} must be at most ${formatMilli(problem.maxMilli)}`,
      );
    }
  }
  const phone = requireCustomerKey(input.phone);
  const items = input.items.map((item) => ({
    sku: item.sku,
    quantityMilli: item.quantityMilli,
    replace: item.replace ?? false,
  }));
  // One statement (sisconf_place_order in core/db/functions/) holds the rules that need the rows: the lock shared with
  // closing, the customer, merging into the editable order, numbering, prices and the total.
  const [placed] = await selectRows<{
    order_created: boolean;
    order_view: StoredOrderView | null;
    refusal: string | null;
    refusal_detail: string | null;
  }>(
    context.db,
    sql`select * from sisconf_place_order(${input.businessId}, ${phone}, ${customerName(input.name)},
      ${input.locale ?? null}, ${JSON.stringify(items)}::jsonb, ${input.onlyOrderId ?? null},
      ${context.now().toISOString()}::timestamptz, ${MAX_QUANTITY_MILLI}, ${MAX_ORDER_LINES}, ${MAX_BATCH_ORDERS})`,
  );
  if (!placed) throw new Error("sisconf_place_order returned no row");
  if (placed.refusal !== null || !placed.order_view) throw refusal(placed.refusal, placed.refusal_detail);
  if (placed.order_created) context.emit("order_confirmed");
  return orderViewOf(placed.order_view);
}

/** A refusal sisconf_place_order answered, as the error callers act on; anything else is a bug. */
function refusal(reason: string | null, detail: string | null): Error {
  switch (reason) {
    case "unknown_sku": {
      const skus = JSON.parse(detail ?? "[]") as string[];
      return unprocessable("unknown_sku", `unknown or inactive product: ${skus.join(", ")}`, { skus });
    }
    case "order_closed":
      return conflict("order_closed", "the order is no longer open to changes: its batch was closed");
    // The bounds that keep every money sum exact (core/domain/money-bounds.ts).
    case "too_many_lines":
      return conflict("too_many_lines", `an order holds at most ${MAX_ORDER_LINES} products`);
    case "batch_full":
      return conflict("batch_full", `a batch takes at most ${MAX_BATCH_ORDERS} orders`);
    case "quantity_too_large": {
      const line = JSON.parse(detail ?? "{}") as { sku: string; quantityMilli: number };
      return invalidInput(
        "quantity_too_large",
        `the order would have ${formatMilli(line.quantityMilli)} of ${line.sku}`,
      );
    }
    default:
      return new Error(`sisconf_place_order answered neither an order nor a known refusal: ${reason}`);
  }
}
