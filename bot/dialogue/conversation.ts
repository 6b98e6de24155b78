import { z } from "zod";

const pendingOrder = z.object({
  kind: z.literal("order"),
  items: z.array(
    z.object({ sku: z.string(), quantityMilli: z.number().int().positive(), replace: z.boolean().optional() }),
  ),
  at: z.string(),
});
const pendingCancel = z.object({ kind: z.literal("cancel"), orderNumber: z.number().int(), at: z.string() });
const line = z.object({ sku: z.string(), quantityMilli: z.number().int().nonnegative() });
/** A change to a confirmed order, shown before → after: each line's quantity afterwards (0: the line goes). */
const pendingChange = z.object({
  kind: z.literal("change"),
  orderId: z.number().int(),
  orderNumber: z.number().int(),
  lines: z.array(line),
  at: z.string(),
});
/**
 * Plain items for products the order already has ("1kg de cebola" when it has 2kg): add or replace? `items` are the
 * whole message's items, applied once the customer chooses.
 */
const pendingChoice = z.object({
  kind: z.literal("choice"),
  items: z.array(
    z.object({
      sku: z.string(),
      quantityMilli: z.number().int().nonnegative(),
      replace: z.boolean().optional(),
      change: z.enum(["add", "take_off", "remove"]).optional(),
    }),
  ),
  /** What the question interrupted (the draft, or a change waiting for "sim"), taken up again after the answer. */
  resume: z.discriminatedUnion("kind", [pendingOrder, pendingChange]).optional(),
  at: z.string(),
});

/**
 * A catalog spreadsheet the entrepreneur sent, read and waiting for "sim" or "substituir". Kept as the parsed catalog
 * (prices already in cents), not the file: the bytes never reach the store, and the import compares it again with the
 * catalog as it is when confirmed. Only catalogs up to PENDING_CATALOG_LIMIT products wait here.
 */
const pendingCatalog = z.object({
  kind: z.literal("catalog"),
  catalog: z.object({
    providers: z.array(z.object({ key: z.string() }).passthrough()),
    products: z.array(z.object({ sku: z.string(), price: z.number().int() }).passthrough()),
  }),
  at: z.string(),
});
/** A packing workbook sent back, read and waiting for "sim": the delivered quantities it records, per order id. */
const pendingDelivered = z.object({
  kind: z.literal("delivered"),
  batchId: z.number().int(),
  batchNumber: z.number().int(),
  orders: z.array(
    z.object({
      orderId: z.number().int(),
      items: z.array(z.object({ product: z.string(), quantityMilli: z.number().int().nonnegative() })),
    }),
  ),
  at: z.string(),
});

/** The most products a catalog sent in chat may have to wait for "sim" in the conversation's state. */
export const PENDING_CATALOG_LIMIT = 2000;

/** What the bot remembers of one phone between messages, kept in the database so it survives restarts. */
const conversationSchema = z.object({
  locale: z.enum(["pt-BR", "en"]).optional(),
  /** A summary waiting for "sim" (a draft, a change, a cancellation) or for "somar" / "trocar". */
  pending: z
    .discriminatedUnion("kind", [
      pendingOrder,
      pendingCancel,
      pendingChange,
      pendingChoice,
      pendingCatalog,
      pendingDelivered,
    ])
    .optional(),
  /** The catalog message to send next when the customer asks for "mais" (the catalog is sent a few at a time). */
  catalogNext: z.number().int().positive().optional(),
  /** The delivery question the customer has not answered yet: "entrega ou retirada?", or the address (asked again once). */
  deliveryQuestion: z
    .object({ asked: z.enum(["choice", "address"]), askedAgain: z.boolean().optional(), at: z.string() })
    .optional(),
  /** Whether "entrega ou retirada?" was asked: it is asked once, after the first confirmation since. */
  deliveryAsked: z.boolean().optional(),
  /** The entrepreneur's delivered quantities of one order, shown and waiting for "sim". */
  deliveredPending: z
    .object({
      orderNumber: z.number().int(),
      items: z.array(z.object({ product: z.string(), quantityMilli: z.number().int().nonnegative() })),
      at: z.string(),
    })
    .optional(),
});

export type Conversation = z.infer<typeof conversationSchema>;
export type PendingOrder = z.infer<typeof pendingOrder>;
export type PendingChange = z.infer<typeof pendingChange>;
export type PendingChoice = z.infer<typeof pendingChoice>;
export type DeliveredPending = NonNullable<Conversation["deliveredPending"]>;
export type PendingCatalog = z.infer<typeof pendingCatalog>;
export type PendingDelivered = z.infer<typeof pendingDelivered>;

/** Stored state is read defensively: anything unreadable (an older shape) starts a fresh conversation. */
export function readConversation(stored: Record<string, unknown>): Conversation {
  const parsed = conversationSchema.safeParse(stored);
  return parsed.success ? parsed.data : {};
}

/** Drops a pending summary older than the time-to-live; says whether it did. */
export function expirePending(conversation: Conversation, now: Date, ttlMs: number): boolean {
  if (!conversation.pending) return false;
  if (now.getTime() - Date.parse(conversation.pending.at) <= ttlMs) return false;
  delete conversation.pending;
  return true;
}
