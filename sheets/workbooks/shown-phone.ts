/** "+55 (84) 99999-0001" for a Brazilian WhatsApp number, "+<digits>" for any other: how a phone is read aloud. */
export function shownPhone(phone: string): string {
  const digits = phone.replace(/\D/g, "");
  const brazilian = /^55(\d{2})(\d{4,5})(\d{4})$/.exec(digits);
  if (brazilian) return `+55 (${brazilian[1]}) ${brazilian[2]}-${brazilian[3]}`;
  return digits ? `+${digits}` : phone;
}
