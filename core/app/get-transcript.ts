import { and, desc, eq } from "drizzle-orm";
import { inboundMessages, notifications } from "../db/schema.ts";
import type { CoreContext } from "./context.ts";

export interface TranscriptEntry {
  direction: "in" | "out";
  text: string;
  document?: { url: string; filename: string };
  /** A picture sent (the Pix QR code), as a `data:` URL. */
  image?: { url: string; filename: string };
  at: Date;
}

/**
 * The last `limit` things said with one phone: what it sent, and what was sent to it, in time order. Each side is
 * read newest first up to `limit`: what is answered stays bounded, though the server still sorts the phone's whole
 * history (found through its (business, phone) index) to pick the newest.
 */
export async function getTranscript(
  context: CoreContext,
  businessId: number,
  phone: string,
  limit = 500,
): Promise<TranscriptEntry[]> {
  const [received, sent] = await Promise.all([
    context.db
      .select({ text: inboundMessages.text, at: inboundMessages.receivedAt })
      .from(inboundMessages)
      .where(and(eq(inboundMessages.businessId, businessId), eq(inboundMessages.phone, phone)))
      .orderBy(desc(inboundMessages.id))
      .limit(limit),
    context.db
      .select({ message: notifications.sentMessage, at: notifications.sentAt })
      .from(notifications)
      .where(
        and(eq(notifications.businessId, businessId), eq(notifications.phone, phone), eq(notifications.status, "sent")),
      )
      .orderBy(desc(notifications.sentAt), desc(notifications.id))
      .limit(limit),
  ]);
  const entries: TranscriptEntry[] = [
    ...received.reverse().map((row) => ({ direction: "in" as const, text: row.text, at: row.at })),
    ...sent.reverse().map((row) => {
      const message = (row.message ?? {}) as Pick<TranscriptEntry, "document" | "image"> & { text?: string };
      return {
        direction: "out" as const,
        text: message.text ?? "",
        ...(message.document ? { document: message.document } : {}),
        ...(message.image ? { image: message.image } : {}),
        at: row.at ?? new Date(0),
      };
    }),
  ];
  // Stable: an answer sent in the same millisecond as its question stays after it.
  return entries
    .map((entry, index) => ({ entry, index }))
    .sort((left, right) => left.entry.at.getTime() - right.entry.at.getTime() || left.index - right.index)
    .map(({ entry }) => entry)
    .slice(-limit);
}
