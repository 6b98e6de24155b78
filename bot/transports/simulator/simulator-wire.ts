import { z } from "zod";
import { PHONE_DIGITS } from "../../../core/domain/phone.ts";
import { exceedsTextLimit, WHATSAPP_TEXT_LIMIT } from "../../../core/domain/whatsapp-text.ts";
import { DOCUMENT_LIMIT_BYTES } from "../transport.ts";

/*
 * The simulator's wire format: what its clients (the /sim page, `sisconf chat`, the tests) send and read. The
 * simulator validates what comes in with these schemas and builds what goes out with these types; a client reads
 * the answers with them, so the two sides cannot drift apart.
 */

export const SIMULATOR_PATHS = {
  /** POST a message as a phone (answered with the bot's replies); GET a phone's transcript. */
  messages: "/sim/messages",
  /** Server-sent events: every message to or from a phone, as it happens. */
  events: "/sim/events",
} as const;

export const simulatorPhone = z.string().regex(PHONE_DIGITS, "must be 10 to 15 digits");
const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;
/** A document's content, refused by its encoded length before a byte of it is decoded. */
const documentContent = z
  .string()
  .refine((content) => decodedLength(content) <= DOCUMENT_LIMIT_BYTES, {
    message: `must be at most ${DOCUMENT_LIMIT_BYTES / 1024 / 1024} MB once decoded`,
  })
  .refine((content) => content.length > 0 && BASE64.test(content), "must be base64");
const text = z.string().refine((text) => !exceedsTextLimit(text), `must be at most ${WHATSAPP_TEXT_LIMIT} characters`);

/** A message as a phone: text, a document (base64) or a photo or voice note; `id` makes a repeat a redelivery. */
export const simulatorPost = z
  .object({
    from: simulatorPhone,
    text: text.optional(),
    document: z.object({ filename: z.string().trim().min(1).max(255), content: documentContent }).optional(),
    media: z.enum(["audio", "image"]).optional(),
    name: z.string().max(200).optional(),
    id: z.string().min(1).max(200).optional(),
  })
  .refine((body) => !(body.document && body.media), { message: "a document or media, not both", path: ["media"] })
  .refine((body) => body.document || body.media || (body.text ?? "").trim().length > 0, {
    message: "must not be empty",
    path: ["text"],
  });

export type SimulatorPost = z.input<typeof simulatorPost>;

function decodedLength(content: string): number {
  const padding = content.endsWith("==") ? 2 : content.endsWith("=") ? 1 : 0;
  return Math.floor((content.length * 3) / 4) - padding;
}

const document = z.object({ url: z.string(), filename: z.string() });
/** A picture the bot sent (a Pix QR code): a `data:` URL the page puts in an `<img>`, and its file name. */
const image = z.object({ url: z.string(), filename: z.string() });
export type SimulatorImage = z.infer<typeof image>;

/** One message of the bot, as a POST's answer lists it: the fields PRODUCT.md names, and a picture where one was sent. */
export const simulatorReply = z.object({ text: z.string(), document: document.optional(), image: image.optional() });
export type SimulatorReply = z.infer<typeof simulatorReply>;

/** The answer to a POST: what the bot sent to that phone while handling the message (none for a redelivery). */
export const simulatorAnswer = z.object({ replies: z.array(simulatorReply) });
export type SimulatorAnswer = z.infer<typeof simulatorAnswer>;

/** One event of a phone's stream, and one line of its transcript: `at` is an ISO date. */
export const simulatorEvent = z.object({
  direction: z.enum(["in", "out"]),
  text: z.string(),
  document: document.optional(),
  image: image.optional(),
  at: z.string(),
});
export type SimulatorEvent = z.infer<typeof simulatorEvent>;

/** A phone's whole conversation, oldest first (GET on the messages path). */
export const simulatorTranscript = z.object({ messages: z.array(simulatorEvent) });
export type SimulatorTranscript = z.infer<typeof simulatorTranscript>;

/** What the stream says last, as the server stops. */
export const simulatorClosing = z.object({ closing: z.literal(true) });
export type SimulatorClosing = z.infer<typeof simulatorClosing>;
