import { sql } from "drizzle-orm";
import { selectRows } from "../db/database.ts";
import type { CoreContext } from "./context.ts";
import { requirePhone } from "./validation.ts";

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

/**
 * Finds the customer by phone or creates it; a name or language given later replaces the old one. One statement
 * (sisconf_upsert_customer in migrations/), which most calls answer without writing.
 */
export async function registerCustomer(
  context: CoreContext,
  input: RegisterCustomerInput,
): Promise<RegisteredCustomer> {
  const phone = requirePhone(input.phone);
  const [row] = await selectRows<{
    customer_id: number;
    customer_phone: string;
    customer_name: string | null;
    customer_locale: string;
    customer_identity_id: string | null;
    first_contact: boolean;
  }>(
    context.db,
    sql`select * from sisconf_upsert_customer(${input.businessId}, ${phone}, ${customerName(input.name)}, ${input.locale ?? null})`,
  );
  if (!row) throw new Error("customer neither found nor created");
  return {
    id: row.customer_id,
    phone: row.customer_phone,
    name: row.customer_name,
    locale: row.customer_locale,
    identityId: row.customer_identity_id,
    created: row.first_contact,
  };
}

/** A name as stored: trimmed, at most 200 characters, none when blank. */
export function customerName(name: string | undefined): string | null {
  return name?.trim().slice(0, 200) || null;
}
