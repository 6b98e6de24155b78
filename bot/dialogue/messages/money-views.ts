import type { Unit } from "../../../core/domain/units.ts";

/** How an order is delivered, as the chat shows it: the address already written on one line. */
export interface DeliveryView {
  kind: "pickup" | "delivery";
  address: string | null;
  feeCents: number;
}

/** One line whose delivered quantity differs from what was ordered (or from what was recorded before). */
export interface DeliveredChange {
  name: string;
  unit: Unit;
  beforeMilli: number;
  afterMilli: number;
}

/** A problem with a delivered quantity given in chat, named by the product. */
export type DeliveredProblemView =
  | { kind: "not_whole"; name: string; unit: Unit }
  | { kind: "too_large"; name: string; unit: Unit; maxMilli: number }
  | { kind: "given_twice"; name: string };

/** What the customer is told once the order is weighed: what differs, the fee and the final amount. */
export interface FinalTotalNotice {
  orderNumber: number;
  changes: DeliveredChange[];
  feeCents: number;
  finalTotalCents: number;
  /** Whether the Pix code follows in its own message. */
  pix: boolean;
}

export interface UnpaidView {
  number: number;
  name: string | null;
  phone: string;
  amountDueCents: number;
  finalTotalKnown: boolean;
  days: number;
}

/** "pedido 42" for the entrepreneur: the whole order, from delivery to payment and the last news. */
export interface OrderDetailsView {
  number: number;
  name: string | null;
  phone: string;
  status: string;
  lines: { name: string; unit: Unit; quantityMilli: number; deliveredMilli: number | null }[];
  totalCents: number;
  delivery: DeliveryView;
  finalTotalCents: number | null;
  paidAt: Date | null;
  /** How far the last news got ("read", "delivered", …) and which status it told; null when none was sent. */
  news: { state: string; status: string } | null;
}

/** The money side of a customer's order in "meus pedidos". */
export interface OrderMoneyView {
  number: number;
  finalTotalCents: number | null;
  paid: boolean;
}

export type DeliveredRefusal = "order_not_closed" | "order_cancelled" | "order_paid";
