import type { Message } from "whatsapp-web.js";
import { z } from "zod";
import { PHONE_DIGITS } from "../../../core/domain/phone.ts";
import type { InboundMessage, MediaKind } from "../transport.ts";

/*
 * whatsapp-web.js hands over WhatsApp Web's own message model. A chat id names its kind by its server part:
 * `5584999990001@c.us` a person by phone, `…@lid` a person behind a privacy id (no phone in it), `…@g.us` a group,
 * `status@broadcast` status updates, `…@broadcast` broadcast lists, `…@newsletter` channels.
 */

/** Typed by a person: read as text. Button and list replies carry the chosen option's title as their body. */
const TEXT_TYPES = new Set(["chat", "buttons_response", "list_response", "template_button_reply"]);
/** Media whose caption is the text. */
const CAPTIONED_TYPES = new Set(["image", "video", "document", "album"]);
/** Sent by a person but not as text: the bot answers that it reads text only. */
const OTHER_CONTENT_TYPES = new Set([
  "audio",
  "ptt",
  "ptv",
  "sticker",
  "location",
  "vcard",
  "multi_vcard",
  "poll_creation",
  "product",
  "order",
  "groups_v4_invite",
  "payment",
  "scheduled_event_creation",
  "interactive",
  "oversized",
  "unknown",
]);
// Everything else (revoked, reactions, e2e and group notifications, call logs, protocol and ciphertext
// placeholders) is WhatsApp talking, not the person: never answered.

const rawFields = z.object({
  notifyName: z.string().optional().catch(undefined),
  caption: z.string().optional().catch(undefined),
});

export type SenderAddress =
  | { kind: "phone"; phone: string }
  /** A privacy id: the phone must be looked up (see `resolveLidPhone`). */
  | { kind: "lid"; id: string }
  | { kind: "skip"; reason: string };

/** Who wrote the message, and whether the bot should hear it at all. */
export function senderOf(message: Message): SenderAddress {
  const from = message.from ?? "";
  if (message.fromMe) return { kind: "skip", reason: "own message" };
  if (message.isStatus || from === "status@broadcast") return { kind: "skip", reason: "status update" };
  const [user = "", server = ""] = from.split("@");
  switch (server) {
    case "c.us":
    case "s.whatsapp.net":
      return PHONE_DIGITS.test(user) ? { kind: "phone", phone: user } : { kind: "skip", reason: "not a phone number" };
    case "lid":
      return { kind: "lid", id: from };
    case "g.us":
      return { kind: "skip", reason: "group message" };
    case "newsletter":
      return { kind: "skip", reason: "channel message" };
    case "broadcast":
      return { kind: "skip", reason: "broadcast" };
    default:
      return { kind: "skip", reason: `unknown chat kind "${server}"` };
  }
}

/**
 * The inbound message the bot should handle, or null when it should not hear it (groups, status, channels,
 * broadcasts, its own messages, WhatsApp's notices). `resolvedPhone` is the phone found for an `@lid` sender: it is
 * answered there, and without it on the privacy id itself (the customer is keyed by it until the phone is known).
 */
export function toInboundMessage(message: Message, resolvedPhone?: string | null): InboundMessage | null {
  const sender = senderOf(message);
  if (sender.kind === "skip") return null;
  const known = resolvedPhone && PHONE_DIGITS.test(resolvedPhone) ? resolvedPhone : null;
  const phone = sender.kind === "phone" ? sender.phone : (known ?? sender.id);
  const content = readContent(message);
  if (!content) return null;
  const raw = rawFields.safeParse(message.rawData);
  const name = raw.success ? raw.data.notifyName?.trim() || undefined : undefined;
  return {
    transport: "whatsapp-web",
    id: message.id._serialized,
    from: phone,
    ...(sender.kind === "lid" ? { platformUserId: sender.id } : {}),
    name,
    text: content.text,
    ...(content.media ? { media: true, mediaKind: mediaKindOf(String(message.type)) } : {}),
    at: message.timestamp > 0 ? new Date(message.timestamp * 1000) : new Date(),
  };
}

function mediaKindOf(type: string): MediaKind {
  if (type === "audio" || type === "ptt") return "audio";
  return type === "image" ? "image" : "other";
}

function readContent(message: Message): { text: string; media: boolean } | null {
  const type = String(message.type);
  if (TEXT_TYPES.has(type)) return { text: message.body ?? "", media: false };
  if (CAPTIONED_TYPES.has(type)) {
    // Without its media (expired, not yet downloaded) the body holds a thumbnail, not words: read the caption.
    const raw = rawFields.safeParse(message.rawData);
    const caption = message.hasMedia ? message.body : raw.success ? raw.data.caption : undefined;
    return { text: caption ?? "", media: true };
  }
  if (OTHER_CONTENT_TYPES.has(type)) return { text: "", media: true };
  return null;
}

/** The client's lid-to-phone lookup (`Client.getContactLidAndPhone`); the contact fallback goes through the message. */
export interface LidDirectory {
  getContactLidAndPhone(userIds: string[]): Promise<{ lid: string; pn: string }[]>;
}

/** The digits of a `<phone>@c.us` id, or null. */
function phoneOfId(id: string | undefined | null): string | null {
  const match = /^(\d{10,15})@(c\.us|s\.whatsapp\.net)$/.exec(id ?? "");
  return match?.[1] ?? null;
}

/**
 * The phone behind an `@lid` sender: WhatsApp Web's lid-to-phone mapping first, then the contact (whose id
 * whatsapp-web.js replaces with the phone when it knows it). Null when neither knows; lookups that fail count as
 * not knowing, so one odd contact never stops the others.
 */
export async function resolveLidPhone(message: Message, directory: LidDirectory): Promise<string | null> {
  try {
    const [found] = await directory.getContactLidAndPhone([message.from]);
    const phone = phoneOfId(found?.pn);
    if (phone) return phone;
  } catch {
    // Fall through to the contact.
  }
  try {
    const contact = await message.getContact();
    const fromId = phoneOfId(contact.id?._serialized);
    if (fromId) return fromId;
    if (contact.id?.server === "c.us" && PHONE_DIGITS.test(contact.number ?? "")) return contact.number;
  } catch {
    // Unknown contact.
  }
  return null;
}
