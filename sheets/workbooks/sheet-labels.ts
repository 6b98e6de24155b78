import type { SheetLocale } from "./sheet-source.ts";

export interface SheetLabels {
  /** The provider workbook's only sheet, and the order column of `Mapa` and `Pedidos`. */
  order: string;
  summarySheet: string;
  mapSheet: string;
  ordersSheet: string;
  /** The subjects of the packing workbook's title blocks. */
  summarySubject: string;
  mapSubject: string;
  ordersSubject: string;
  batch: (number: number) => string;
  closedAt: (date: string) => string;
  product: string;
  unit: string;
  quantity: string;
  delivered: string;
  unitPrice: string;
  unitCost: string;
  total: string;
  provider: string;
  cost: string;
  customer: string;
  totalRow: string;
  orderTotal: string;
  pickup: string;
  delivery: (address: string) => string;
  deliveredError: string;
}

const LABELS: Record<SheetLocale, SheetLabels> = {
  "pt-BR": {
    order: "Pedido",
    summarySheet: "Resumo",
    mapSheet: "Mapa",
    ordersSheet: "Pedidos",
    summarySubject: "Resumo do lote",
    mapSubject: "Mapa de separação",
    ordersSubject: "Pedidos para embalar",
    batch: (number) => `Lote ${number}`,
    closedAt: (date) => `Fechado em ${date}`,
    product: "Produto",
    unit: "Unidade",
    quantity: "Quantidade",
    delivered: "Entregue",
    unitPrice: "Preço unitário",
    unitCost: "Custo unitário",
    total: "Total",
    provider: "Fornecedor",
    cost: "Custo",
    customer: "Cliente",
    totalRow: "Total",
    orderTotal: "Total do pedido",
    pickup: "Retirada",
    delivery: (address) => `Entrega: ${address}`,
    deliveredError: "Escreva a quantidade entregue: um número maior ou igual a zero.",
  },
  en: {
    order: "Order",
    summarySheet: "Summary",
    mapSheet: "Map",
    ordersSheet: "Orders",
    summarySubject: "Batch summary",
    mapSubject: "Sorting map",
    ordersSubject: "Orders to pack",
    batch: (number) => `Batch ${number}`,
    closedAt: (date) => `Closed on ${date}`,
    product: "Product",
    unit: "Unit",
    quantity: "Quantity",
    delivered: "Delivered",
    unitPrice: "Unit price",
    unitCost: "Unit cost",
    total: "Total",
    provider: "Provider",
    cost: "Cost",
    customer: "Customer",
    totalRow: "Total",
    orderTotal: "Order total",
    pickup: "Pickup",
    delivery: (address) => `Delivery: ${address}`,
    deliveredError: "Type the delivered quantity: a number of zero or more.",
  },
};

/** Every word a workbook shows, in PRODUCT.md's `LOCALE` language. */
export function sheetLabels(locale: SheetLocale): SheetLabels {
  return LABELS[locale];
}
