import { sql } from "drizzle-orm";
import { selectRows } from "../db/database.ts";
import type { CoreContext } from "./context.ts";

/**
 * "parar" (listening false) stops announcements to the phone, "voltar" resumes them; order news always goes. Kept
 * on the customer, made a customer if it was none. Says whether anything changed (a second "parar" changes nothing).
 */
export async function setAnnouncementConsent(
  context: CoreContext,
  input: { businessId: number; phone: string; listening: boolean },
): Promise<{ changed: boolean }> {
  const stoppedAt = input.listening ? null : context.now().toISOString();
  const rows = await selectRows<{ changed: number }>(
    context.db,
    sql`insert into customers (business_id, phone, announcements_stopped_at)
      values (${input.businessId}, ${input.phone}, ${stoppedAt}::timestamptz)
      on conflict (business_id, phone) do update set announcements_stopped_at = excluded.announcements_stopped_at
        where (customers.announcements_stopped_at is null) <> (excluded.announcements_stopped_at is null)
      returning 1 as changed`,
  );
  return { changed: rows.length > 0 };
}
