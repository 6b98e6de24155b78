import type { handoffs } from "../db/schema.ts";
import { invalidInput } from "./errors.ts";

export type HandoffStatus = "open" | "answered";

/** A customer's question passed on to the entrepreneur (PRODUCT.md, "handoff"). */
export interface HandoffView {
  number: number;
  phone: string;
  customerName: string | null;
  text: string;
  status: HandoffStatus;
  answer: string | null;
  askedAt: Date;
  answeredAt: Date | null;
}

/** The longest question or answer kept: one WhatsApp message. */
const MAX_TEXT = 4096;
/** A question's or an answer's text as kept: trimmed, not empty, at most one WhatsApp message. */
export function requireText(text: string): string {
  const trimmed = text.trim();
  if (trimmed.length === 0) throw invalidInput("empty_text", "the text is empty");
  if ([...trimmed].length > MAX_TEXT) throw invalidInput("text_too_long", `the text is over ${MAX_TEXT} characters`);
  return trimmed;
}

export function viewOf(row: typeof handoffs.$inferSelect): HandoffView {
  return {
    number: row.number,
    phone: row.phone,
    customerName: row.customerName,
    text: row.text,
    status: row.status === "answered" ? "answered" : "open",
    answer: row.answer,
    askedAt: row.askedAt,
    answeredAt: row.answeredAt,
  };
}
