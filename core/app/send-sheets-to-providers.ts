import { and, eq, inArray } from "drizzle-orm";
import { queueNotifications } from "../db/notification-queries.ts";
import { notifications } from "../db/schema.ts";
import type { CoreContext } from "./context.ts";
import type { BatchSheet } from "./list-batch-sheets.ts";

export type ProviderSheetOutcome = "sent" | "already_sent" | "no_phone" | "no_sheet";

/**
 * Queues each provider's sheet of a batch to the provider's phone, as a document with a short text naming the
 * business and the batch: once per sheet generation (a sheet made again goes again), keyed so that asking twice, or
 * two processes at once, sends it once. Providers without a phone, and sheets not ready, are answered as such.
 * `linkFor` gives the link the document is fetched from (a fresh one: an old link may have expired).
 */
export async function sendSheetsToProviders(
  context: CoreContext,
  input: {
    businessId: number;
    businessName: string;
    batchNumber: number;
    sheets: readonly BatchSheet[];
    linkFor: (sheet: BatchSheet & { providerKey: string }) => Promise<{ url: string; filename: string }>;
  },
): Promise<{ providerName: string; outcome: ProviderSheetOutcome }[]> {
  const providerSheets = input.sheets.flatMap((sheet) =>
    sheet.providerKey === null ? [] : [{ ...sheet, providerKey: sheet.providerKey }],
  );
  const keyOf = (sheet: BatchSheet) => `provider-sheet:${sheet.id}:${sheet.generation}`;
  const sentBefore = new Set(
    providerSheets.length === 0
      ? []
      : (
          await context.db
            .select({ key: notifications.dedupeKey })
            .from(notifications)
            .where(
              and(
                eq(notifications.businessId, input.businessId),
                inArray(notifications.dedupeKey, providerSheets.map(keyOf)),
              ),
            )
        ).map((row) => row.key),
  );
  const lines: { providerName: string; outcome: ProviderSheetOutcome }[] = [];
  for (const sheet of providerSheets) {
    const providerName = sheet.providerName ?? sheet.providerKey;
    if (!sheet.providerPhone) lines.push({ providerName, outcome: "no_phone" });
    else if (sheet.status !== "ready") lines.push({ providerName, outcome: "no_sheet" });
    else if (sentBefore.has(keyOf(sheet))) lines.push({ providerName, outcome: "already_sent" });
    else {
      const { url, filename } = await input.linkFor(sheet);
      await queueNotifications(context.db, [
        {
          businessId: input.businessId,
          phone: sheet.providerPhone,
          payload: {
            kind: "provider_sheet",
            businessName: input.businessName,
            providerName,
            batchNumber: input.batchNumber,
            url,
            filename,
          },
          dedupeKey: keyOf(sheet),
        },
      ]);
      lines.push({ providerName, outcome: "sent" });
    }
  }
  if (lines.some((line) => line.outcome === "sent")) context.emit("notifications_queued");
  return lines;
}
