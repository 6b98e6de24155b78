/**
 * A name as people's spellings of it compare: without accents, case or extra spaces, so that "lagoa nova",
 * "Lagoa  Nova" and "LAGOA NOVA" are one, and "Petrópolis" is "Petropolis".
 */
export function comparableText(text: string): string {
  return text
    .normalize("NFD")
    .replace(/\p{Diacritic}/gu, "")
    .toLowerCase()
    .trim()
    .replace(/\s+/g, " ");
}
