import type { BatchView } from "../../../core/app/get-batch.ts";
import type { BatchFigures } from "../messages/messages.ts";

export function batchFigures(batch: BatchView): BatchFigures {
  return {
    number: batch.number,
    orders: batch.orders,
    items: batch.items,
    totalCents: batch.totalCents,
    providers: batch.providers.map((provider) => ({
      name: provider.providerName,
      items: provider.items,
      totalCents: provider.totalCents,
    })),
  };
}
