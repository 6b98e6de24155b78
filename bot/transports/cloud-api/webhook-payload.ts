import { z } from "zod";
import { isBusinessUserId } from "../../../core/domain/user-id.ts";
import type { DeliveryStatus, InboundMessage, MediaKind } from "../transport.ts";
import { refusalFor } from "./graph-error.ts";

/*
 * Meta's notification, read leniently: unknown fields pass, and a part that does not fit is skipped on its own
 * so that one odd message never costs the others (nor a 500, which would make Meta redeliver the whole batch).
 */

/** A list whose unreadable items are dropped; a missing or malformed list reads as empty. */
const listOf = <Schema extends z.ZodType>(item: Schema) =>
  z
    .array(z.unknown())
    .catch([])
    .transform((entries) =>
      entries.flatMap((entry) => {
        const parsed = item.safeParse(entry);
        return parsed.success ? [parsed.data] : [];
      }),
    );

const contactSchema = z.object({
  /** The phone: absent since 2026 for people who hide it behind a username. */
  wa_id: z.string().optional(),
  /** The business-scoped user id (BSUID), always there since 2026. */
  user_id: z.string().optional(),
  profile: z.object({ name: z.string() }).partial().optional(),
});

const captioned = z.object({ caption: z.string().optional() }).optional();

const messageSchema = z.object({
  id: z.string().min(1),
  /** Set when the message was written in a group chat: the bot talks to people one to one only. */
  group_id: z.string().optional(),
  /** Absent for people who hide their number behind a username: they cannot be answered by phone. */
  from: z.string().optional(),
  /** The sender's business-scoped user id (BSUID): with or without `from`. */
  from_user_id: z.string().optional(),
  timestamp: z.union([z.string(), z.number()]).optional(),
  type: z.string(),
  text: z.object({ body: z.string() }).optional(),
  image: captioned,
  video: captioned,
  document: z
    .object({
      caption: z.string().optional(),
      id: z.string().optional(),
      filename: z.string().optional(),
      mime_type: z.string().optional(),
    })
    .optional(),
  button: z.object({ text: z.string().optional() }).optional(),
  /** The message a reply refers to: for a tapped button, the message that carried it. */
  context: z.object({ id: z.string().optional() }).optional(),
  interactive: z
    .object({
      type: z.string().optional(),
      button_reply: z.object({ title: z.string(), id: z.string().optional() }).optional(),
      list_reply: z.object({ title: z.string() }).optional(),
    })
    .optional(),
});

export type CloudApiMessage = z.output<typeof messageSchema>;

const valueSchema = z.object({
  metadata: z.object({ phone_number_id: z.string().optional() }).optional(),
  contacts: listOf(contactSchema),
  messages: listOf(messageSchema),
});

const changeSchema = z.object({ field: z.string().optional(), value: valueSchema });
const entrySchema = z.object({ changes: listOf(changeSchema) });
const notificationSchema = z.object({ object: z.string().optional(), entry: listOf(entrySchema) });

/** Kinds that are not something a person wrote to the bot: left unanswered. */
const IGNORED_TYPES = new Set(["reaction", "system", "request_welcome", "ephemeral", "revoke", "edit"]);
const CAPTIONED_TYPES = ["image", "video", "document"] as const;

/** What the message says, or null when it is not a message to answer. */
function readContent(message: CloudApiMessage): { text: string; media: boolean; mediaKind?: MediaKind } | null {
  if (IGNORED_TYPES.has(message.type)) return null;
  if (message.type === "text" && message.text) return { text: message.text.body, media: false };
  if (message.type === "interactive") {
    const title = message.interactive?.button_reply?.title ?? message.interactive?.list_reply?.title;
    if (title !== undefined) return { text: title, media: false };
  }
  if (message.type === "button" && message.button?.text !== undefined) {
    return { text: message.button.text, media: false };
  }
  for (const kind of CAPTIONED_TYPES) {
    if (message.type === kind) {
      return { text: message[kind]?.caption ?? "", media: true, mediaKind: kind === "image" ? "image" : "other" };
    }
  }
  // Audio, stickers, locations, contacts, "unsupported": the dialogue asks for text.
  return { text: "", media: true, mediaKind: message.type === "audio" ? "audio" : "other" };
}

/**
 * A tapped reply button is keyed by the message that carried it and the button: tapping "Confirmar" twice is one
 * answer (the second is a redelivery to the bot), while another button of the same message still counts. A list row
 * is not: looking at a category twice is two answers.
 */
function tapId(message: CloudApiMessage): string | undefined {
  const button = message.interactive?.button_reply;
  const carrier = message.context?.id;
  if (message.type !== "interactive" || !button || !carrier) return undefined;
  return `tap:${carrier}:${button.id ?? button.title}`;
}

/** Later than any message can be sent: a timestamp past it is garbage, and so is one before WhatsApp existed. */
const LATEST_SECONDS = 253_402_300_799; // 9999-12-31T23:59:59Z
const EARLIEST_SECONDS = 1_230_768_000; // 2009-01-01

/** When Meta says the message was sent, or now when its timestamp is missing or not a plausible time. */
function readTimestamp(timestamp: string | number | undefined): Date {
  const seconds = typeof timestamp === "string" && /^\d{1,12}$/.test(timestamp) ? Number(timestamp) : timestamp;
  const plausible =
    typeof seconds === "number" &&
    Number.isInteger(seconds) &&
    seconds >= EARLIEST_SECONDS &&
    seconds <= LATEST_SECONDS;
  return plausible ? new Date(seconds * 1000) : new Date();
}

/**
 * A change meant for this bot: a message notification (`field` "messages") for our own number. Meta sends one
 * app's webhooks for every number and subscription it has (echoes of messages sent from the WhatsApp Business app,
 * other numbers of the same account), and none of those are ours to answer.
 */
function isForUs(change: z.output<typeof changeSchema>, phoneNumberId: string): boolean {
  return change.field === "messages" && change.value.metadata?.phone_number_id === phoneNumberId;
}

/** A document a message carries, to download by its media id before the message is handled. */
export interface DocumentReference {
  mediaId: string;
  filename: string;
  mimeType: string | undefined;
}

export interface ReadNotification {
  messages: InboundMessage[];
  /** By message id: the documents to download (their bytes are not in the notification). */
  documents: Map<string, DocumentReference>;
  /** Messages left out (reactions, system notices, senders without a phone): counted for the log. */
  skipped: number;
}

/**
 * The person-to-bot messages of one webhook notification for the number `phoneNumberId`, in the order Meta listed
 * them (statuses are read apart). Group messages, other numbers' and other subscriptions' changes, and notifications for another
 * product (`object` other than "whatsapp_business_account") are left out.
 */
export function readNotification(payload: unknown, phoneNumberId: string): ReadNotification {
  const parsed = notificationSchema.safeParse(payload);
  const documents = new Map<string, DocumentReference>();
  if (!parsed.success || parsed.data.object !== "whatsapp_business_account") {
    return { messages: [], documents, skipped: 0 };
  }
  const messages: InboundMessage[] = [];
  let skipped = 0;
  for (const entry of parsed.data.entry) {
    for (const change of entry.changes) {
      if (!isForUs(change, phoneNumberId)) {
        skipped += change.value.messages.length;
        continue;
      }
      const names = new Map(
        change.value.contacts.flatMap((contact) =>
          [contact.wa_id, contact.user_id].flatMap((id) => (id ? [[id, contact.profile?.name] as const] : [])),
        ),
      );
      for (const message of change.value.messages) {
        const content = readContent(message);
        const platformUserId = isBusinessUserId(message.from_user_id ?? "") ? message.from_user_id : undefined;
        // Answered on the phone when it came, else on the business-scoped id: where the person wrote from.
        const from = message.from || platformUserId;
        if (!content || !from || message.group_id !== undefined) {
          skipped++;
          continue;
        }
        messages.push({
          transport: "cloud-api",
          id: tapId(message) ?? message.id,
          from,
          ...(platformUserId ? { platformUserId } : {}),
          name: names.get(from) ?? (platformUserId ? names.get(platformUserId) : undefined),
          text: content.text,
          ...(content.media ? { media: true, mediaKind: content.mediaKind } : {}),
          at: readTimestamp(message.timestamp),
        });
        const document = message.type === "document" ? message.document : undefined;
        if (document?.id) {
          documents.set(message.id, {
            mediaId: document.id,
            filename: document.filename ?? "document",
            mimeType: document.mime_type,
          });
        }
      }
    }
  }
  return { messages, documents, skipped };
}

const statusSchema = z.object({
  id: z.string().min(1),
  status: z.enum(["sent", "delivered", "read", "failed"]),
  timestamp: z.union([z.string(), z.number()]).optional(),
  errors: listOf(z.object({ code: z.number(), title: z.string().optional(), message: z.string().optional() })),
  /** What the send carried in `biz_opaque_callback_data`, echoed as it was. */
  biz_opaque_callback_data: z.string().optional().catch(undefined),
});

/** How an outbox entry's id travels in `biz_opaque_callback_data`: marked, so another app's data is never read as one. */
const OUTBOX_REFERENCE = /^sisconf-outbox:(\d{1,15})$/;

/** The `biz_opaque_callback_data` a send for an outbox entry carries. */
export function outboxReference(outboxEntryId: number): string {
  return `sisconf-outbox:${outboxEntryId}`;
}

function outboxEntryOf(reference: string | undefined): number | undefined {
  const match = OUTBOX_REFERENCE.exec(reference ?? "");
  return match?.[1] ? Number(match[1]) : undefined;
}

const statusesNotificationSchema = z.object({
  object: z.string().optional(),
  entry: listOf(
    z.object({
      changes: listOf(
        z.object({
          field: z.string().optional(),
          value: z.object({
            metadata: z.object({ phone_number_id: z.string().optional() }).optional(),
            statuses: listOf(statusSchema),
          }),
        }),
      ),
    }),
  ),
});

/**
 * The delivery statuses of one notification (`statuses[]`: sent, delivered, read, failed with its error), in the
 * order Meta listed them. Statuses of kinds this system does not follow (`deleted`, `warning`), and those of another
 * number, subscription or product, are left out, as their messages are.
 */
export function readStatuses(payload: unknown, phoneNumberId: string): DeliveryStatus[] {
  const parsed = statusesNotificationSchema.safeParse(payload);
  if (!parsed.success || parsed.data.object !== "whatsapp_business_account") return [];
  return parsed.data.entry.flatMap((entry) =>
    entry.changes.flatMap((change) =>
      (change.field === "messages" && change.value.metadata?.phone_number_id === phoneNumberId
        ? change.value.statuses
        : []
      ).map((status): DeliveryStatus => {
        const error = status.errors[0];
        const outboxEntryId = outboxEntryOf(status.biz_opaque_callback_data);
        return {
          messageId: status.id,
          ...(outboxEntryId === undefined ? {} : { outboxEntryId }),
          status: status.status,
          at: readTimestamp(status.timestamp),
          ...(status.status === "failed"
            ? {
                error: {
                  code: error?.code ?? 0,
                  title: error?.title ?? error?.message ?? "failed",
                  refusal: refusalFor(error?.code),
                },
              }
            : {}),
        };
      }),
    ),
  );
}
