import { and, eq, inArray, sql } from "drizzle-orm";
import { selectRows } from "../db/database.ts";
import { customers, orders } from "../db/schema.ts";
import { type AddressProblem, checkAddress, type DeliveryChoice, normalizeAddress } from "../domain/delivery.ts";
import { type DeliveryFees, deliveryFee } from "../domain/delivery-fees.ts";
import type { CoreContext } from "./context.ts";
import { requireCustomerKey } from "./validation.ts";

export interface SetDeliveryChoiceInput {
  businessId: number;
  phone: string;
  choice: DeliveryChoice;
  /** DELIVERY_FEES, from the configuration. */
  fees: DeliveryFees;
}

export type SetDeliveryChoiceOutcome =
  | {
      kind: "set";
      choice: DeliveryChoice;
      feeCents: number;
      /** The customer's orders not yet delivered nor paid, which now go this way. */
      orderNumbers: number[];
    }
  | { kind: "invalid_address"; problem: AddressProblem };

/** Orders whose delivery can still change: not delivered, not cancelled, not paid. */
const CHANGEABLE_STATUSES = ["received", "placed", "on_the_way", "arrived"];

/**
 * Keeps how a customer gets its goods (pickup, or delivery to an address with its neighbourhood's fee) for its
 * later orders, and applies it to its orders still on their way to it; a final total already known moves by the
 * difference in fee. An address without street, number or neighbourhood is answered, not kept.
 */
export async function setDeliveryChoice(
  context: CoreContext,
  input: SetDeliveryChoiceInput,
): Promise<SetDeliveryChoiceOutcome> {
  const phone = requireCustomerKey(input.phone);
  const choice: DeliveryChoice =
    input.choice.kind === "pickup"
      ? { kind: "pickup" }
      : { kind: "delivery", address: normalizeAddress(input.choice.address) };
  if (choice.kind === "delivery") {
    const problem = checkAddress(choice.address);
    if (problem) return { kind: "invalid_address", problem };
  }
  const feeCents = deliveryFee(input.fees, choice);
  const address = choice.kind === "delivery" ? choice.address : null;
  const now = context.now();

  const orderNumbers = await context.db.transaction(async (tx) => {
    const [customer] = await selectRows<{ id: number }>(
      tx,
      sql`select sisconf_upsert_customer(${input.businessId}, ${phone}, null, null) as id`,
    );
    if (!customer) throw new Error("sisconf_upsert_customer answered no row");
    await tx
      .update(customers)
      .set({
        deliveryKind: choice.kind,
        deliveryStreet: address?.street ?? null,
        deliveryNumber: address?.number ?? null,
        deliveryNeighbourhood: address?.neighbourhood ?? null,
        deliveryReference: address?.reference ?? null,
        deliveryFeeCents: address ? feeCents : null,
      })
      .where(eq(customers.id, customer.id));
    const changed = await tx
      .update(orders)
      .set({
        deliveryKind: choice.kind,
        deliveryAddress: address,
        deliveryFeeCents: feeCents,
        finalTotalCents: sql`${orders.finalTotalCents} - ${orders.deliveryFeeCents} + ${feeCents}`,
        updatedAt: now,
      })
      .where(
        and(
          eq(orders.customerId, customer.id),
          inArray(orders.status, CHANGEABLE_STATUSES),
          eq(orders.paymentStatus, "pending"),
        ),
      )
      .returning({ number: orders.number });
    return changed.map((order) => order.number).sort((a, b) => a - b);
  });
  return { kind: "set", choice, feeCents, orderNumbers };
}
