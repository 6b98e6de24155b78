import type { Message } from "whatsapp-web.js";
import { DOCUMENT_LIMIT_BYTES, type InboundMessage, mediaTypeOf } from "../transport.ts";

/** What the transport uses of a message to fetch its document: `Message.downloadMedia`, and the size WhatsApp states. */
export type DocumentMessage = Pick<Message, "type" | "hasMedia" | "downloadMedia" | "rawData">;

/**
 * The message with its document's bytes (`downloadMedia`), when it is a document of at most DOCUMENT_LIMIT_BYTES.
 * The size WhatsApp states is checked before the download, and the base64 WhatsApp Web hands over before it is
 * decoded. A document too large, expired or that fails to download arrives as media without a document.
 */
export async function withDownloadedDocument(
  message: DocumentMessage,
  inbound: InboundMessage,
): Promise<InboundMessage> {
  if (message.type !== "document" || !message.hasMedia) return inbound;
  const stated = (message.rawData as { size?: unknown } | undefined)?.size;
  if (typeof stated === "number" && stated > DOCUMENT_LIMIT_BYTES) return inbound;
  const media = await message.downloadMedia();
  if (!media?.data) return inbound;
  const padding = media.data.endsWith("==") ? 2 : media.data.endsWith("=") ? 1 : 0;
  if (Math.floor((media.data.length * 3) / 4) - padding > DOCUMENT_LIMIT_BYTES) return inbound;
  const filename = media.filename || "document";
  return {
    ...inbound,
    document: {
      filename,
      mediaType: media.mimetype || mediaTypeOf(filename),
      bytes: Buffer.from(media.data, "base64"),
    },
  };
}
