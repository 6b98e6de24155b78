import type { Cents } from "../../core/domain/money.ts";
import type { Milli } from "../../core/domain/quantity.ts";
import type { Unit } from "../../core/domain/units.ts";

/** The language of headers, sheet names and unit words; PRODUCT.md's `LOCALE`. */
export type SheetLocale = "pt-BR" | "en";

/** One product row, already priced: the builders never recompute money, so sheets match the orders exactly. */
export interface SheetLine {
  productName: string;
  unit: Unit;
  quantityMilli: Milli;
  unitPriceCents: Cents;
  totalCents: Cents;
  providerName: string;
}

/** A provider's order for one batch: `lines` are already summed per product over the batch. */
export interface ProviderSheetSource {
  locale: SheetLocale;
  lines: readonly SheetLine[];
}

export interface OrderSheetSource {
  number: number;
  customerName: string | null;
  phone: string;
  lines: readonly SheetLine[];
}

/** The sorting list of one batch: a summary per product and provider, then every order. */
export interface ConsolidatedSheetSource {
  locale: SheetLocale;
  summary: readonly SheetLine[];
  orders: readonly OrderSheetSource[];
}

/** What a builder wrote, for logs and the benchmark. */
export interface WorkbookWritten {
  sheets: number;
  /** Data rows plus header and Total rows, over every sheet. */
  rows: number;
}
