import { sql } from "drizzle-orm";
import { selectRows } from "../db/database.ts";
import type { CoreContext } from "./context.ts";

/** WhatsApp's template errors (missing, paused, disabled, wrong parameters): 132000 to 132016. */
const TEMPLATE_ERRORS = { first: 132000, last: 132016 } as const;

/**
 * Messages kept because their template was refused are due at once: the templates were fixed (created, approved,
 * unpaused). Answers how many were released.
 */
export async function releaseHeldNotifications(context: CoreContext, businessId: number): Promise<number> {
  const rows = await selectRows<{ id: number }>(
    context.db,
    sql`update notifications set next_attempt_at = now()
      where business_id = ${businessId} and status = 'pending'
        and error_code between ${TEMPLATE_ERRORS.first} and ${TEMPLATE_ERRORS.last}
      returning id`,
  );
  return rows.length;
}
