import { inArray } from "drizzle-orm";
import type { Executor } from "./database.ts";
import { customers } from "./schema.ts";

/** Phone numbers by customer id, for addressing notifications. */
export async function phonesByCustomerId(
  executor: Executor,
  customerIds: readonly number[],
): Promise<Map<number, string>> {
  if (customerIds.length === 0) return new Map();
  const ids = [...new Set(customerIds)];
  const phones = new Map<number, string>();
  for (let start = 0; start < ids.length; start += 5000) {
    const rows = await executor
      .select({ id: customers.id, phone: customers.phone })
      .from(customers)
      .where(inArray(customers.id, ids.slice(start, start + 5000)));
    for (const row of rows) phones.set(row.id, row.phone);
  }
  return phones;
}
