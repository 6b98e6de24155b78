import { sql } from "drizzle-orm";
import { selectRows } from "../db/database.ts";
import type { CoreContext } from "./context.ts";

/** "clientes": how many customers the business has (the entrepreneurs excepted) and how many said "parar". */
export async function countCustomers(
  context: CoreContext,
  input: { businessId: number; entrepreneurPhones: readonly string[] },
): Promise<{ customers: number; stopped: number }> {
  const [row] = await selectRows<{ customers: number; stopped: number }>(
    context.db,
    sql`select count(*)::integer as customers, count(announcements_stopped_at)::integer as stopped
      from customers
      where business_id = ${input.businessId} and phone <> all(${`{${input.entrepreneurPhones.join(",")}}`}::text[])`,
  );
  return { customers: row?.customers ?? 0, stopped: row?.stopped ?? 0 };
}
