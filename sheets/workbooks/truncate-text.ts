/**
 * The first `maxLength` UTF-16 code units of `text` (Excel counts lengths in them), never cutting an emoji or
 * any other surrogate pair in half.
 */
export function truncateText(text: string, maxLength: number): string {
  if (text.length <= maxLength) return text;
  const cut = text.slice(0, maxLength);
  const last = cut.charCodeAt(cut.length - 1);
  return last >= 0xd800 && last <= 0xdbff ? cut.slice(0, -1) : cut;
}
