import { sql } from "drizzle-orm";
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

/** The same, inside a caller's transaction. */
export async function upsertCustomer(executor: Executor, input: RegisterCustomerInput): Promise<RegisteredCustomer> {
  const phone = normalizePhone(input.phone);
  if (!phone) throw invalidInput("invalid_phone", "phone must have 10 to 15 digits");
  const name = input.name?.trim().slice(0, 200) || null;
  const [row] = await executor
    .insert(customers)
    .values({ businessId: input.businessId, phone, name, locale: input.locale ?? "pt-BR" })
    .onConflictDoUpdate({
      target: [customers.businessId, customers.phone],
      set: {
        name: sql`coalesce(excluded.name, ${customers.name})`,
        locale: input.locale ? sql`excluded.locale` : sql`${customers.locale}`,
      },
    })
    .returning({
      id: customers.id,
      phone: customers.phone,
      name: customers.name,
      locale: customers.locale,
      identityId: customers.identityId,
      created: sql<boolean>`(xmax = 0)`,
    });
  if (!row) throw new Error("customer upsert returned no row");
  return row;
}
