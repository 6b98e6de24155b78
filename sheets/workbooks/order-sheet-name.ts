import type { OrderSheetSource } from "./sheet-source.ts";

/**
 * "#12 Maria": the sheet name an order asks for, before Excel's rules are applied. Without a name, the phone's
 * last four digits tell orders apart in the sorting list.
 */
export function orderSheetName(order: Pick<OrderSheetSource, "number" | "customerName" | "phone">): string {
  const who = order.customerName?.trim() || order.phone.replace(/\D/g, "").slice(-4);
  return who ? `#${order.number} ${who}` : `#${order.number}`;
}
