import { and, eq } from "drizzle-orm";
import { customers } from "../db/schema.ts";
import type { DeliveryChoice } from "../domain/delivery.ts";
import type { CoreContext } from "./context.ts";
import { requireCustomerKey } from "./validation.ts";

/** The customer columns that keep its delivery choice, as `deliveryChoiceOf` reads them. */
export const DELIVERY_COLUMNS = {
  kind: customers.deliveryKind,
  street: customers.deliveryStreet,
  number: customers.deliveryNumber,
  neighbourhood: customers.deliveryNeighbourhood,
  reference: customers.deliveryReference,
  feeCents: customers.deliveryFeeCents,
};

/** A customer's kept delivery choice and its fee; null choice while the customer was never asked. */
export async function getDeliveryChoice(
  context: CoreContext,
  businessId: number,
  phone: string,
): Promise<{ choice: DeliveryChoice | null; feeCents: number }> {
  const [customer] = await context.db
    .select(DELIVERY_COLUMNS)
    .from(customers)
    .where(and(eq(customers.businessId, businessId), eq(customers.phone, requireCustomerKey(phone))));
  return customer ? deliveryChoiceOf(customer) : { choice: null, feeCents: 0 };
}

/** A customer row's kept delivery columns as a choice; a half-kept delivery (never written so) reads as pickup. */
export function deliveryChoiceOf(customer: {
  kind: string | null;
  street: string | null;
  number: string | null;
  neighbourhood: string | null;
  reference: string | null;
  feeCents: number | null;
}): { choice: DeliveryChoice | null; feeCents: number } {
  if (!customer.kind) return { choice: null, feeCents: 0 };
  if (customer.kind === "pickup" || !customer.street || !customer.number || !customer.neighbourhood) {
    return { choice: { kind: "pickup" }, feeCents: 0 };
  }
  return {
    choice: {
      kind: "delivery",
      address: {
        street: customer.street,
        number: customer.number,
        neighbourhood: customer.neighbourhood,
        ...(customer.reference ? { reference: customer.reference } : {}),
      },
    },
    feeCents: customer.feeCents ?? 0,
  };
}
