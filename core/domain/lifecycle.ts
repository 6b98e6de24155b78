/** Order and batch lifecycles of PRODUCT.md: the only transitions that exist. */

export const ORDER_STATUSES = ["received", "placed", "on_the_way", "arrived", "delivered", "cancelled"] as const;
export type OrderStatus = (typeof ORDER_STATUSES)[number];

export const BATCH_STATUSES = ["open", "closed", "on_the_way", "arrived", "delivered"] as const;
export type BatchStatus = (typeof BATCH_STATUSES)[number];

const ORDER_TRANSITIONS: Record<OrderStatus, readonly OrderStatus[]> = {
  received: ["placed", "cancelled"],
  placed: ["on_the_way"],
  on_the_way: ["arrived"],
  arrived: ["delivered"],
  delivered: [],
  cancelled: [],
};

const BATCH_TRANSITIONS: Record<BatchStatus, readonly BatchStatus[]> = {
  open: ["closed"],
  closed: ["on_the_way"],
  on_the_way: ["arrived"],
  arrived: ["delivered"],
  delivered: [],
};

export function canChangeOrderStatus(from: OrderStatus, to: OrderStatus): boolean {
  return ORDER_TRANSITIONS[from].includes(to);
}

export function canChangeBatchStatus(from: BatchStatus, to: BatchStatus): boolean {
  return BATCH_TRANSITIONS[from].includes(to);
}

/** Where an order stands along the delivery path, to move a batch's orders forward but never back. */
const DELIVERY_PATH: readonly OrderStatus[] = ["received", "placed", "on_the_way", "arrived", "delivered"];

/**
 * The orders a batch status change moves: those one step behind the batch's new status. An order the entrepreneur
 * already moved ahead on its own (delivered early) stays where it is; a cancelled one is never touched.
 */
export function orderStatusBefore(target: OrderStatus): OrderStatus | null {
  const position = DELIVERY_PATH.indexOf(target);
  return position > 0 ? (DELIVERY_PATH[position - 1] ?? null) : null;
}

export function isOrderStatus(value: string): value is OrderStatus {
  return (ORDER_STATUSES as readonly string[]).includes(value);
}
