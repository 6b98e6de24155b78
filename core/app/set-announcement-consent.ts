import { sql } from "drizzle-orm";
import { selectRows } from "../db/database.ts";
import type { CoreContext } from "./context.ts";

/**
 * "parar" (listening false) stops announcements to the phone, "voltar" resumes them; order news always goes. Kept
 * on the customer, made a customer if it was none. Says whether anything changed (a second "parar" changes nothing).
 */
export async function setAnnouncementConsent(
  context: CoreContext,
  input: {
    businessId: number;
    phone: string;
    listening: boolean;
    /** The language the command was said in: announcements' own words (how to stop them) go in it. */
    locale: "pt-BR" | "en";
  },
): Promise<{ changed: boolean }> {
  const stoppedAt = input.listening ? null : context.now().toISOString();
  const rows = await selectRows<{ changed: boolean }>(
    context.db,
    // The statement's snapshot is taken before its insert: `before` holds the customer's choice until now.
    sql`with before as (
        select announcements_stopped_at is null as listening from customers
        where business_id = ${input.businessId} and phone = ${input.phone})
      insert into customers (business_id, phone, locale, announcements_stopped_at)
      values (${input.businessId}, ${input.phone}, ${input.locale}, ${stoppedAt}::timestamptz)
      on conflict (business_id, phone) do update
        -- A second "parar" keeps the moment of the first.
        set announcements_stopped_at = case when excluded.announcements_stopped_at is null then null
            else coalesce(customers.announcements_stopped_at, excluded.announcements_stopped_at) end,
          locale = excluded.locale
      returning coalesce((select listening from before), true) <> ${input.listening}::boolean as changed`,
  );
  return { changed: rows[0]?.changed ?? false };
}
