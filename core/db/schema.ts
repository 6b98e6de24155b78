import { sql } from "drizzle-orm";
import {
  bigint,
  boolean,
  check,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  serial,
  text,
  timestamp,
  uniqueIndex,
} from "drizzle-orm/pg-core";
import type { DeliveryAddress } from "../domain/delivery.ts";

const createdAt = () => timestamp("created_at", { withTimezone: true }).notNull().defaultNow();
const businessId = () =>
  integer("business_id")
    .notNull()
    .references(() => businesses.id);

/** The entrepreneur's account. Every other row belongs to exactly one business. */
export const businesses = pgTable("businesses", {
  id: serial("id").primaryKey(),
  slug: text("slug").notNull().unique(),
  name: text("name").notNull(),
  /** The WhatsApp number the bot answers on for this business; null for the default one. */
  whatsappPhone: text("whatsapp_phone").unique(),
  createdAt: createdAt(),
});

export const providers = pgTable(
  "providers",
  {
    id: serial("id").primaryKey(),
    businessId: businessId(),
    key: text("key").notNull(),
    name: text("name").notNull(),
    phone: text("phone"),
    email: text("email"),
    active: boolean("active").notNull().default(true),
  },
  (table) => [uniqueIndex("providers_business_key").on(table.businessId, table.key)],
);

export const products = pgTable(
  "products",
  {
    id: serial("id").primaryKey(),
    businessId: businessId(),
    sku: text("sku").notNull(),
    name: text("name").notNull(),
    unit: text("unit").notNull(),
    priceCents: integer("price_cents").notNull(),
    /** What the provider charges: its sheet shows this, never the selling price. Null when the catalog gives none. */
    costCents: integer("cost_cents"),
    providerId: integer("provider_id")
      .notNull()
      .references(() => providers.id),
    category: text("category"),
    aliases: jsonb("aliases").$type<string[]>().notNull().default([]),
    /** Listed but out of stock this week ("acabou morango"); `active` false means the catalog no longer lists it. */
    available: boolean("available").notNull().default(true),
    active: boolean("active").notNull().default(true),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [uniqueIndex("products_business_sku").on(table.businessId, table.sku)],
);

export const customers = pgTable(
  "customers",
  {
    id: serial("id").primaryKey(),
    businessId: businessId(),
    phone: text("phone").notNull(),
    name: text("name"),
    locale: text("locale").notNull().default("pt-BR"),
    /** The user's id in Keycloak once synced; null with the built-in identity or while Keycloak is away. */
    identityId: text("identity_id"),
    /**
     * The platform's id for the person: the Cloud API's business-scoped user id (BSUID) or WhatsApp Web's privacy id
     * (LID). `phone` holds the phone once one is known, and this id until then: the customer stays the same row when
     * the phone shows up.
     */
    platformUserId: text("platform_user_id"),
    /** When the platform said this person is not on WhatsApp (131026): news stop until they write. */
    unreachableAt: timestamp("unreachable_at", { withTimezone: true }),
    /** pickup or delivery; null while the customer was never asked (its orders are pickup). */
    deliveryKind: text("delivery_kind"),
    deliveryStreet: text("delivery_street"),
    deliveryNumber: text("delivery_number"),
    deliveryNeighbourhood: text("delivery_neighbourhood"),
    deliveryReference: text("delivery_reference"),
    /** What DELIVERY_FEES charged the neighbourhood when the address was chosen; new orders take it. */
    deliveryFeeCents: integer("delivery_fee_cents"),
    /** When the customer said "parar": announcements stop, order news goes on. Null: it hears announcements. */
    announcementsStoppedAt: timestamp("announcements_stopped_at", { withTimezone: true }),
    createdAt: createdAt(),
  },
  (table) => [
    uniqueIndex("customers_business_phone").on(table.businessId, table.phone),
    uniqueIndex("customers_platform_user_id")
      .on(table.businessId, table.platformUserId)
      .where(sql`${table.platformUserId} is not null`),
    check(
      "customers_delivery_kind",
      sql`${table.deliveryKind} IS NULL OR ${table.deliveryKind} = 'pickup' OR (${table.deliveryKind} = 'delivery' AND ${table.deliveryStreet} IS NOT NULL AND ${table.deliveryNumber} IS NOT NULL AND ${table.deliveryNeighbourhood} IS NOT NULL AND ${table.deliveryFeeCents} >= 0)`,
    ),
  ],
);

export const batches = pgTable(
  "batches",
  {
    id: serial("id").primaryKey(),
    businessId: businessId(),
    number: integer("number").notNull(),
    status: text("status").notNull().default("open"),
    openedAt: timestamp("opened_at", { withTimezone: true }).notNull().defaultNow(),
    closedAt: timestamp("closed_at", { withTimezone: true }),
    onTheWayAt: timestamp("on_the_way_at", { withTimezone: true }),
    arrivedAt: timestamp("arrived_at", { withTimezone: true }),
    deliveredAt: timestamp("delivered_at", { withTimezone: true }),
    /** Who gets the sheet links of this batch: the phone that closed it, or the entrepreneur's phones. */
    sheetRecipients: jsonb("sheet_recipients").$type<string[]>().notNull().default([]),
  },
  (table) => [
    uniqueIndex("batches_business_number").on(table.businessId, table.number),
    // Exactly one open batch per business: the database enforces it, not only the code.
    uniqueIndex("batches_one_open").on(table.businessId).where(sql`${table.status} = 'open'`),
  ],
);

export const orders = pgTable(
  "orders",
  {
    id: serial("id").primaryKey(),
    businessId: businessId(),
    number: integer("number").notNull(),
    customerId: integer("customer_id")
      .notNull()
      .references(() => customers.id),
    batchId: integer("batch_id")
      .notNull()
      .references(() => batches.id),
    status: text("status").notNull().default("received"),
    totalCents: bigint("total_cents", { mode: "number" }).notNull().default(0),
    confirmedAt: timestamp("confirmed_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
    /** pickup or delivery, copied from the customer's choice when the order is made (a trigger, core/db/functions/). */
    deliveryKind: text("delivery_kind").notNull().default("pickup"),
    deliveryAddress: jsonb("delivery_address").$type<DeliveryAddress>(),
    deliveryFeeCents: integer("delivery_fee_cents").notNull().default(0),
    /** Null until delivered quantities are recorded: the lines as delivered (or as ordered) plus the fee. */
    finalTotalCents: bigint("final_total_cents", { mode: "number" }),
    /** pending or paid; paid once, at `paidAt`. */
    paymentStatus: text("payment_status").notNull().default("pending"),
    paidAt: timestamp("paid_at", { withTimezone: true }),
    deliveredAt: timestamp("delivered_at", { withTimezone: true }),
  },
  (table) => [
    check(
      "orders_delivery",
      sql`(${table.deliveryKind} = 'pickup' AND ${table.deliveryAddress} IS NULL AND ${table.deliveryFeeCents} = 0) OR (${table.deliveryKind} = 'delivery' AND ${table.deliveryAddress} IS NOT NULL AND ${table.deliveryFeeCents} >= 0)`,
    ),
    check(
      "orders_payment",
      sql`(${table.paymentStatus} = 'pending' AND ${table.paidAt} IS NULL) OR (${table.paymentStatus} = 'paid' AND ${table.paidAt} IS NOT NULL)`,
    ),
    check("orders_final_total", sql`${table.finalTotalCents} IS NULL OR ${table.finalTotalCents} >= 0`),
    index("orders_unpaid")
      .on(table.businessId, table.deliveredAt)
      .where(sql`${table.status} = 'delivered' AND ${table.paymentStatus} = 'pending'`),
    uniqueIndex("orders_business_number").on(table.businessId, table.number),
    // A customer has at most one order still open to changes per batch; more items merge into it.
    uniqueIndex("orders_one_received_per_batch")
      .on(table.batchId, table.customerId)
      .where(sql`${table.status} = 'received'`),
    // By number too: the lowest and highest number of a batch are two probes (sisconf_place_order's bound).
    index("orders_batch").on(table.batchId, table.number),
    index("orders_customer").on(table.customerId),
  ],
);

export const orderItems = pgTable(
  "order_items",
  {
    id: serial("id").primaryKey(),
    orderId: integer("order_id")
      .notNull()
      .references(() => orders.id, { onDelete: "cascade" }),
    productId: integer("product_id")
      .notNull()
      .references(() => products.id),
    /** The product's provider when the customer confirmed: the batch's sheets go to it even if the catalog moves
     * the product to another provider later. */
    providerId: integer("provider_id")
      .notNull()
      .references(() => providers.id),
    quantityMilli: bigint("quantity_milli", { mode: "number" }).notNull(),
    /** The price when the customer confirmed: later catalog changes do not touch placed orders. */
    unitPriceCents: integer("unit_price_cents").notNull(),
    totalCents: bigint("total_cents", { mode: "number" }).notNull(),
    /** What was really delivered after weighing; null until recorded, zero when it was missing. */
    deliveredQuantityMilli: bigint("delivered_quantity_milli", { mode: "number" }),
  },
  (table) => [
    uniqueIndex("order_items_order_product").on(table.orderId, table.productId),
    check(
      "order_items_delivered_quantity",
      sql`${table.deliveredQuantityMilli} IS NULL OR ${table.deliveredQuantityMilli} >= 0`,
    ),
  ],
);

export const sheets = pgTable(
  "sheets",
  {
    id: serial("id").primaryKey(),
    businessId: businessId(),
    batchId: integer("batch_id")
      .notNull()
      .references(() => batches.id),
    kind: text("kind").notNull(),
    providerId: integer("provider_id").references(() => providers.id),
    status: text("status").notNull().default("pending"),
    storageKey: text("storage_key").notNull(),
    url: text("url"),
    attempts: integer("attempts").notNull().default(0),
    /** Bumped by each retry the entrepreneur asks for, so the retried job gets a new queue id. */
    generation: integer("generation").notNull().default(0),
    error: text("error"),
    /** Job outbox: null until the relay has handed the job to the queue. */
    enqueuedAt: timestamp("enqueued_at", { withTimezone: true }),
    readyAt: timestamp("ready_at", { withTimezone: true }),
    createdAt: createdAt(),
  },
  (table) => [
    uniqueIndex("sheets_storage_key").on(table.storageKey),
    index("sheets_pending_enqueue").on(table.createdAt).where(sql`${table.enqueuedAt} is null`),
  ],
);

/** Every message a transport delivered, keyed by its id there, so a redelivery has no new effect. */
export const inboundMessages = pgTable(
  "inbound_messages",
  {
    id: serial("id").primaryKey(),
    businessId: businessId(),
    transport: text("transport").notNull(),
    messageId: text("message_id").notNull(),
    phone: text("phone").notNull(),
    text: text("text").notNull(),
    receivedAt: timestamp("received_at", { withTimezone: true }).notNull().defaultNow(),
    handledAt: timestamp("handled_at", { withTimezone: true }),
  },
  (table) => [
    uniqueIndex("inbound_messages_transport_id").on(table.businessId, table.transport, table.messageId),
    index("inbound_messages_phone").on(table.businessId, table.phone),
    // The last message of a phone opens WhatsApp's 24-hour window: one probe of this index finds it.
    index("inbound_messages_phone_received").on(table.businessId, table.phone, table.receivedAt),
  ],
);

/** The dialogue state of one phone (a summary waiting for "sim", the language it speaks). */
export const conversations = pgTable(
  "conversations",
  {
    businessId: businessId(),
    phone: text("phone").notNull(),
    state: jsonb("state").$type<Record<string, unknown>>().notNull().default({}),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [uniqueIndex("conversations_business_phone").on(table.businessId, table.phone)],
);

/**
 * Outbox of every message to a person: replies and notifications alike. Written in the same transaction as the
 * change it reports; a sender claims due rows for a while (`claimed_until`), sends, and records what it sent.
 */
export const notifications = pgTable(
  "notifications",
  {
    id: serial("id").primaryKey(),
    businessId: businessId(),
    phone: text("phone").notNull(),
    /** What to say, as data: notifications are worded in the recipient's language when sent. */
    payload: jsonb("payload").$type<Record<string, unknown>>().notNull(),
    /** Makes a repeated effect (a retried job, a redelivered message) queue the message once. */
    dedupeKey: text("dedupe_key"),
    /** 0 answers someone waiting (replies), 1 the entrepreneur's sheets, 2 bulk status news: lower goes first. */
    priority: integer("priority").notNull().default(2),
    /** pending, sending (claimed until `claimed_until`), sent or failed. */
    status: text("status").notNull().default("pending"),
    attempts: integer("attempts").notNull().default(0),
    nextAttemptAt: timestamp("next_attempt_at", { withTimezone: true }).notNull().defaultNow(),
    claimedUntil: timestamp("claimed_until", { withTimezone: true }),
    lastError: text("last_error"),
    /** The platform's code for the last refusal (131047, 132001 …): template problems are retried once fixed. */
    errorCode: integer("error_code"),
    /** The platform refused it free-form (outside the 24-hour window): it goes as its template. */
    templateRequired: boolean("template_required").notNull().default(false),
    /** The message as it was sent (text, document), for the conversation's transcript. */
    sentMessage: jsonb("sent_message").$type<Record<string, unknown>>(),
    createdAt: createdAt(),
    sentAt: timestamp("sent_at", { withTimezone: true }),
    /**
     * A claim lapsed while sending (the sender died, or ran out of time): from the first such claim's start to the
     * last one's end, the message may have gone unrecorded. The transport is asked before it is sent again.
     */
    unconfirmedFrom: timestamp("unconfirmed_from", { withTimezone: true }),
    unconfirmedUntil: timestamp("unconfirmed_until", { withTimezone: true }),
  },
  (table) => [
    uniqueIndex("notifications_dedupe").on(table.businessId, table.dedupeKey),
    index("notifications_due").on(table.nextAttemptAt).where(sql`${table.status} in ('pending', 'sending')`),
    index("notifications_phone").on(table.businessId, table.phone),
  ],
);

/** A customer's question the bot could not answer, passed on to the entrepreneur, open until answered. */
export const handoffs = pgTable(
  "handoffs",
  {
    id: serial("id").primaryKey(),
    businessId: businessId(),
    /** Shown to people as `#3`; per business. */
    number: integer("number").notNull(),
    phone: text("phone").notNull(),
    customerName: text("customer_name"),
    text: text("text").notNull(),
    /** open or answered. */
    status: text("status").notNull().default("open"),
    answer: text("answer"),
    /** The entrepreneur's phone that answered. */
    answeredBy: text("answered_by"),
    askedAt: timestamp("asked_at", { withTimezone: true }).notNull(),
    answeredAt: timestamp("answered_at", { withTimezone: true }),
  },
  (table) => [
    uniqueIndex("handoffs_business_number").on(table.businessId, table.number),
    index("handoffs_open").on(table.businessId, table.phone).where(sql`${table.status} = 'open'`),
  ],
);

/**
 * What the platform said became of each message it accepted (Cloud API `statuses[]`), by its id there. A status
 * may arrive before the send is recorded, or for a message this system never sent: the row is kept either way, and
 * `notification_id` is filled in when the send is recorded.
 */
export const messageDeliveries = pgTable(
  "message_deliveries",
  {
    id: serial("id").primaryKey(),
    businessId: businessId(),
    platformMessageId: text("platform_message_id").notNull(),
    notificationId: integer("notification_id").references(() => notifications.id),
    /** accepted, sent, delivered, read or failed: only ever moves forward (failed is final). */
    status: text("status").notNull().default("accepted"),
    errorCode: integer("error_code"),
    errorTitle: text("error_title"),
    acceptedAt: timestamp("accepted_at", { withTimezone: true }),
    sentAt: timestamp("sent_at", { withTimezone: true }),
    deliveredAt: timestamp("delivered_at", { withTimezone: true }),
    readAt: timestamp("read_at", { withTimezone: true }),
    failedAt: timestamp("failed_at", { withTimezone: true }),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    uniqueIndex("message_deliveries_platform_id").on(table.businessId, table.platformMessageId),
    index("message_deliveries_notification").on(table.notificationId),
  ],
);

/** One "avisar clientes": its recipients were queued in the notifications outbox in the same transaction. */
export const announcements = pgTable("announcements", {
  id: serial("id").primaryKey(),
  businessId: businessId(),
  text: text("text").notNull(),
  sentBy: text("sent_by").notNull(),
  recipients: integer("recipients").notNull(),
  createdAt: createdAt(),
});

/**
 * The close schedule in force ("thu 18:00"; null: by command only), from BATCH_CLOSE_SCHEDULE or the chat (which
 * overrides the variable), and since when: only moments after `since` close a batch.
 */
export const batchCloseSchedules = pgTable(
  "batch_close_schedules",
  {
    businessId: integer("business_id")
      .primaryKey()
      .references(() => businesses.id),
    schedule: text("schedule"),
    /** environment or chat. */
    source: text("source").notNull(),
    since: timestamp("since", { withTimezone: true }).notNull(),
  },
  (table) => [check("batch_close_schedules_source", sql`${table.source} IN ('environment', 'chat')`)],
);

/** What the scheduler did for one scheduled moment (a close, a reminder): the key makes it happen once. */
export const scheduledRuns = pgTable(
  "scheduled_runs",
  {
    businessId: businessId(),
    /** close or reminder. */
    kind: text("kind").notNull(),
    dueAt: timestamp("due_at", { withTimezone: true }).notNull(),
    batchId: integer("batch_id").references(() => batches.id),
    /** closed, empty (nothing to close), already_closed, or how many reminders were queued. */
    outcome: text("outcome").notNull(),
    createdAt: createdAt(),
  },
  (table) => [
    primaryKey({ columns: [table.businessId, table.kind, table.dueAt] }),
    check("scheduled_runs_kind", sql`${table.kind} IN ('close', 'reminder')`),
  ],
);

/**
 * The entrepreneur's role changes asked in chat, an outbox: recorded in the message's transaction, carried out with
 * the identity provider once it committed (migrations/0012), the outcome told to `requestedBy`.
 */
export const roleChanges = pgTable(
  "role_changes",
  {
    id: serial("id").primaryKey(),
    businessId: businessId(),
    /** The entrepreneur who asked, told the outcome. */
    requestedBy: text("requested_by").notNull(),
    /** The phone whose role changes. */
    phone: text("phone").notNull(),
    /** grant or revoke. */
    action: text("action").$type<"grant" | "revoke">().notNull(),
    /** The language the outcome is told in: the command's. */
    language: text("language").notNull(),
    /** Until then the process that claimed it carries it out; afterwards any may. */
    claimedUntil: timestamp("claimed_until", { withTimezone: true }).notNull(),
    /** What the identity answered (RoleChange's kind); null until done. */
    outcome: text("outcome"),
    createdAt: createdAt(),
    doneAt: timestamp("done_at", { withTimezone: true }),
  },
  (table) => [
    index("role_changes_waiting").on(table.businessId, table.requestedBy).where(sql`${table.doneAt} IS NULL`),
    check("role_changes_action", sql`${table.action} IN ('grant', 'revoke')`),
  ],
);

/**
 * The WhatsApp Web session as the bot role last saw it (migrations/0014): its state and its last loss, written when
 * either changes, so that the API, in whatever process it runs, can say so; and when the bot last vouched for it
 * (migrations/0016).
 */
export const whatsappSessions = pgTable(
  "whatsapp_sessions",
  {
    businessId: integer("business_id")
      .primaryKey()
      .references(() => businesses.id),
    /** starting, qr, connected, reconnecting, retrying or stopped. */
    state: text("state").notNull(),
    changedAt: timestamp("changed_at", { withTimezone: true }).notNull(),
    lossAt: timestamp("loss_at", { withTimezone: true }),
    /** logged_out, refused or dropped; null while the session was never lost. */
    lossKind: text("loss_kind"),
    backAt: timestamp("back_at", { withTimezone: true }),
    /** Written with every change and by the bot's heartbeat between: a bot gone silent left the state behind. */
    seenAt: timestamp("seen_at", { withTimezone: true }).notNull(),
  },
  (table) => [
    check(
      "whatsapp_sessions_state",
      sql`${table.state} IN ('starting', 'qr', 'connected', 'reconnecting', 'retrying', 'stopped')`,
    ),
    check("whatsapp_sessions_loss_kind", sql`${table.lossKind} IN ('logged_out', 'refused', 'dropped')`),
  ],
);

/** Which session loss each API caller was last told of on one of their writes: told once per loss. */
export const whatsappSessionNotices = pgTable(
  "whatsapp_session_notices",
  {
    businessId: businessId(),
    /** The bearer token's subject. */
    subject: text("subject").notNull(),
    lossAt: timestamp("loss_at", { withTimezone: true }).notNull(),
  },
  (table) => [primaryKey({ name: "whatsapp_session_notices_pk", columns: [table.businessId, table.subject] })],
);
