import { and, eq } from "drizzle-orm";
import { customers } from "../db/schema.ts";
import type { DeliveryChoice } from "../domain/delivery.ts";
import type { CoreContext } from "./context.ts";
import { requireCustomerKey } from "./validation.ts";

/** A customer's kept delivery choice and its fee; null choice while the customer was never asked. */
export async function getDeliveryChoice(
  context: CoreContext,
  businessId: number,
  phone: string,
): Promise<{ choice: DeliveryChoice | null; feeCents: number }> {
  const [customer] = await context.db
    .select({
      kind: customers.deliveryKind,
      street: customers.deliveryStreet,
      number: customers.deliveryNumber,
      neighbourhood: customers.deliveryNeighbourhood,
      reference: customers.deliveryReference,
      feeCents: customers.deliveryFeeCents,
    })
    .from(customers)
    .where(and(eq(customers.businessId, businessId), eq(customers.phone, requireCustomerKey(phone))));
  if (!customer?.kind) return { choice: null, feeCents: 0 };
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
