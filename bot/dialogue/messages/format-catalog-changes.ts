import type { CatalogChanges } from "../../../core/app/plan-catalog-import.ts";
import { formatReais } from "../../../core/domain/money.ts";

/** The words of one language for a catalog's changes. */
export interface CatalogChangesWording {
  added: string;
  prices: string;
  costs: string;
  availability: string;
  others: string;
  missing: string;
  noCost: string;
  soldOut: string;
  back: string;
  andMore: (count: number) => string;
}

/** At most this many products named per kind of change: a whole new catalog is counted, not listed. */
const NAMED = 8;

/** One line per kind of change that has any: "Preços (2): Tomate R$ 7,50 → R$ 8,50; …". */
export function formatCatalogChanges(wording: CatalogChangesWording, changes: CatalogChanges): string[] {
  const money = (cents: number | null) => (cents === null ? wording.noCost : formatReais(cents));
  const section = <Entry>(title: string, entries: Entry[], describe: (entry: Entry) => string): string[] => {
    if (entries.length === 0) return [];
    const named = entries.slice(0, NAMED).map(describe);
    if (entries.length > NAMED) named.push(wording.andMore(entries.length - NAMED));
    return [`*${title} (${entries.length}):* ${named.join("; ")}`];
  };
  return [
    ...section(wording.added, changes.added, (product) => `${product.name} ${formatReais(product.priceCents)}`),
    ...section(
      wording.prices,
      changes.priceChanges,
      (product) => `${product.name} ${formatReais(product.fromCents)} → ${formatReais(product.toCents)}`,
    ),
    ...section(
      wording.costs,
      changes.costChanges,
      (product) => `${product.name} ${money(product.fromCents)} → ${money(product.toCents)}`,
    ),
    ...section(
      wording.availability,
      changes.availabilityChanges,
      (product) => `${product.name}: ${product.available ? wording.back : wording.soldOut}`,
    ),
    ...section(wording.others, changes.otherChanges, (product) => product.name),
    ...section(wording.missing, changes.missing, (product) => product.name),
  ];
}

/** Whether applying the changes would change anything (the products the file lacks aside). */
export function changesAnything(changes: CatalogChanges): boolean {
  return (
    changes.added.length +
      changes.priceChanges.length +
      changes.costChanges.length +
      changes.availabilityChanges.length +
      changes.otherChanges.length >
    0
  );
}
