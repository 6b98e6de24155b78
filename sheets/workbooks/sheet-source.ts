import type { Cents } from "../../core/domain/money.ts";
import type { Milli } from "../../core/domain/quantity.ts";
import type { Unit } from "../../core/domain/units.ts";

/** The language of headers, sheet names and unit words; PRODUCT.md's `LOCALE`. */
export type SheetLocale = "pt-BR" | "en";

/** What the title block above every table says: whose sheet, which batch, closed when. */
export interface SheetTitle {
  businessName: string;
  batchNumber: number;
  closedAt: Date;
  /** The zone the closing time is shown in; the process's own when unset. */
  timeZone?: string;
}

/**
 * One product of a provider's order, quantities summed over the batch, priced at the catalog's cost: a provider
 * never sees selling prices. The costs are null when the catalog gives none (an empty cell, never zero).
 */
export interface ProviderLine {
  productName: string;
  unit: Unit;
  quantityMilli: Milli;
  unitCostCents: Cents | null;
  totalCostCents: Cents | null;
}

export interface ProviderSheetSource {
  locale: SheetLocale;
  title: SheetTitle;
  providerName: string;
  lines: readonly ProviderLine[];
}

/** One product of the batch as the entrepreneur sees it: what the customers pay and what the provider charges. */
export interface SummaryLine {
  /** Tells products apart where names do not (the same product from two providers is two lines). */
  productKey: string;
  productName: string;
  unit: Unit;
  quantityMilli: Milli;
  unitPriceCents: Cents;
  totalCents: Cents;
  providerName: string;
  /** Cost of the whole quantity; null when the catalog gives no cost. */
  totalCostCents: Cents | null;
}

/** One item of an order, already priced: the builders never recompute money, so sheets match the orders exactly. */
export interface OrderLine {
  productKey: string;
  productName: string;
  unit: Unit;
  quantityMilli: Milli;
  unitPriceCents: Cents;
  totalCents: Cents;
  providerName: string;
}

/** How the order reaches its customer; `pickup` until the customer has said otherwise. */
export type OrderDelivery = { kind: "pickup" } | { kind: "delivery"; address: string };

export interface PackingOrder {
  number: number;
  customerName: string | null;
  phone: string;
  delivery: OrderDelivery;
  totalCents: Cents;
  lines: readonly OrderLine[];
}

/** The packing workbook of one batch: a summary per product, the sorting map and every order. */
export interface PackingSheetSource {
  locale: SheetLocale;
  title: SheetTitle;
  summary: readonly SummaryLine[];
  orders: readonly PackingOrder[];
}

/** What a builder wrote, for logs and the benchmark. */
export interface WorkbookWritten {
  sheets: number;
  /** Every row written, title blocks and Total rows included, over every sheet. */
  rows: number;
}
