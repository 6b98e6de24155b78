import { and, eq } from "drizzle-orm";
import type { Executor } from "../db/database.ts";
import { customers } from "../db/schema.ts";
import { normalizePhone } from "../domain/phone.ts";
import type { CoreContext } from "./context.ts";
import { invalidInput } from "./errors.ts";

export interface RegisterCustomerInput {
  businessId: number;
  phone: string;
  name?: string | undefined;
  locale?: string | undefined;
}

export interface RegisteredCustomer {
  id: number;
  phone: string;
  name: string | null;
  locale: string;
  identityId: string | null;
  /** True on the customer's first contact. */
  created: boolean;
}

/** Finds the customer by phone or creates it; a name or language given later replaces the old one. */
export async function registerCustomer(
  context: CoreContext,
  input: RegisterCustomerInput,
): Promise<RegisteredCustomer> {
  return upsertCustomer(context.db, input);
}

/**
 * The same, inside a caller's transaction. Most calls find the customer as it is: one read, and a write only on
 * first contact or when the name or language changed.
 */
export async function upsertCustomer(executor: Executor, input: RegisterCustomerInput): Promise<RegisteredCustomer> {
  const phone = normalizePhone(input.phone);
  if (!phone) throw invalidInput("invalid_phone", "phone must have 10 to 15 digits");
  const name = input.name?.trim().slice(0, 200) || null;
  const columns = {
    id: customers.id,
    phone: customers.phone,
    name: customers.name,
    locale: customers.locale,
    identityId: customers.identityId,
  };
  const existing = () =>
    executor
      .select(columns)
      .from(customers)
      .where(and(eq(customers.businessId, input.businessId), eq(customers.phone, phone)));
  let [found] = await existing();
  if (!found) {
    const [created] = await executor
      .insert(customers)
      .values({ businessId: input.businessId, phone, name, locale: input.locale ?? "pt-BR" })
      .onConflictDoNothing()
      .returning(columns);
    if (created) return { ...created, created: true };
    // Another first message of the same phone won the race.
    [found] = await existing();
    if (!found) throw new Error("customer neither inserted nor found");
  }
  const changes = {
    ...(name && name !== found.name ? { name } : {}),
    ...(input.locale && input.locale !== found.locale ? { locale: input.locale } : {}),
  };
  if (Object.keys(changes).length === 0) return { ...found, created: false };
  await executor.update(customers).set(changes).where(eq(customers.id, found.id));
  return { ...found, ...changes, created: false };
}
