import { z } from "zod";
import type { InboundMessage } from "../transport.ts";

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
  wa_id: z.string(),
  profile: z.object({ name: z.string() }).partial().optional(),
});

const captioned = z.object({ caption: z.string().optional() }).optional();

const messageSchema = z.object({
  id: z.string().min(1),
  /** Set when the message was written in a group chat: the bot talks to people one to one only. */
  group_id: z.string().optional(),
  /** Absent for people who hide their number behind a username: they cannot be answered by phone. */
  from: z.string().optional(),
  timestamp: z.union([z.string(), z.number()]).optional(),
  type: z.string(),
  text: z.object({ body: z.string() }).optional(),
  image: captioned,
  video: captioned,
  document: captioned,
  button: z.object({ text: z.string().optional() }).optional(),
  interactive: z
    .object({
      type: z.string().optional(),
      button_reply: z.object({ title: z.string() }).optional(),
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
function readContent(message: CloudApiMessage): { text: string; media: boolean } | null {
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
    if (message.type === kind) return { text: message[kind]?.caption ?? "", media: true };
  }
  // Audio, stickers, locations, contacts, "unsupported": the dialogue asks for text.
  return { text: "", media: true };
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

export interface ReadNotification {
  messages: InboundMessage[];
  /** Messages left out (reactions, system notices, senders without a phone): counted for the log. */
  skipped: number;
}

/**
 * The person-to-bot messages of one webhook notification for the number `phoneNumberId`, in the order Meta listed
 * them. Statuses, group messages, other numbers' and other subscriptions' changes, and notifications for another
 * product (`object` other than "whatsapp_business_account") are left out.
 */
export function readNotification(payload: unknown, phoneNumberId: string): ReadNotification {
  const parsed = notificationSchema.safeParse(payload);
  if (!parsed.success || parsed.data.object !== "whatsapp_business_account") return { messages: [], skipped: 0 };
  const messages: InboundMessage[] = [];
  let skipped = 0;
  for (const entry of parsed.data.entry) {
    for (const change of entry.changes) {
      if (!isForUs(change, phoneNumberId)) {
        skipped += change.value.messages.length;
        continue;
      }
      const names = new Map(change.value.contacts.map((contact) => [contact.wa_id, contact.profile?.name]));
      for (const message of change.value.messages) {
        const content = readContent(message);
        if (!content || !message.from || message.group_id !== undefined) {
          skipped++;
          continue;
        }
        messages.push({
          transport: "cloud-api",
          id: message.id,
          from: message.from,
          name: names.get(message.from),
          text: content.text,
          ...(content.media ? { media: true } : {}),
          at: readTimestamp(message.timestamp),
        });
      }
    }
  }
  return { messages, skipped };
}
