import { count, eq } from "drizzle-orm";
import { customers } from "../db/schema.ts";
import type { CoreContext } from "./context.ts";

/** How many people have written to the business (every customer row is someone who did). */
export async function countCustomers(context: CoreContext, businessId: number): Promise<number> {
  const [row] = await context.db.select({ total: count() }).from(customers).where(eq(customers.businessId, businessId));
  return row?.total ?? 0;
}
