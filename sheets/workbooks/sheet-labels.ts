import type { SheetLocale } from "./sheet-source.ts";

export interface SheetLabels {
  providerSheet: string;
  summarySheet: string;
  product: string;
  unit: string;
  quantity: string;
  unitPrice: string;
  total: string;
  provider: string;
  totalRow: string;
}

const LABELS: Record<SheetLocale, SheetLabels> = {
  "pt-BR": {
    providerSheet: "Pedido",
    summarySheet: "Resumo",
    product: "Produto",
    unit: "Unidade",
    quantity: "Quantidade",
    unitPrice: "Preço unitário",
    total: "Total",
    provider: "Fornecedor",
    totalRow: "Total",
  },
  en: {
    providerSheet: "Order",
    summarySheet: "Summary",
    product: "Product",
    unit: "Unit",
    quantity: "Quantity",
    unitPrice: "Unit price",
    total: "Total",
    provider: "Provider",
    totalRow: "Total",
  },
};

/** Every word a workbook shows, in PRODUCT.md's `LOCALE` language. */
export function sheetLabels(locale: SheetLocale): SheetLabels {
  return LABELS[locale];
}
