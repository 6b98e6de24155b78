/** WhatsApp's limit on one text message, in characters. */
export const WHATSAPP_TEXT_LIMIT = 4096;

/**
 * The one way a text is measured against WHATSAPP_TEXT_LIMIT, wherever it is checked: in code points, so an emoji
 * counts as one character as a person sees it, not as the two UTF-16 units JavaScript's `length` counts.
 */
export function exceedsTextLimit(text: string, limit = WHATSAPP_TEXT_LIMIT): boolean {
  if (text.length <= limit) return false;
  let characters = 0;
  for (const _character of text) if (++characters > limit) return true;
  return false;
}

/** Text as it can be stored and read: without NUL characters, which PostgreSQL text cannot hold. */
export function withoutNul(text: string): string {
  return text.includes("\u0000") ? text.replaceAll("\u0000", "") : text;
}

/**
 * Splits a long text into messages of at most `limit` characters, at line breaks; a line longer than that on its
 * own is cut into pieces, none of it lost.
 */
export function splitMessage(text: string, limit = WHATSAPP_TEXT_LIMIT): string[] {
  if (text.length <= limit) return [text];
  const parts: string[] = [];
  let current = "";
  for (const line of text.split("\n")) {
    for (let start = 0; start === 0 || start < line.length; start += limit) {
      const piece = line.slice(start, start + limit);
      if (current && current.length + 1 + piece.length > limit) {
        parts.push(current);
        current = piece;
      } else {
        current = current ? `${current}\n${piece}` : piece;
      }
    }
  }
  if (current) parts.push(current);
  return parts;
}
