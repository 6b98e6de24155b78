/**
 * The singular of a folded Portuguese word, by the regular rules: tomates → tomate, limoes → limao,
 * paes → pao, pasteis → pastel, bombons → bombom. Catalog names and message words go through the same
 * function, so an irregular plural still matches as long as both sides fold to the same form.
 */
export function singularize(word: string): string {
  const length = word.length;
  if (length <= 3 || word.charCodeAt(length - 1) !== 115 /* s */) return word;
  if (word.endsWith("oes") || word.endsWith("aes") || word.endsWith("aos")) return `${word.slice(0, -3)}ao`;
  if (word.endsWith("eis")) return `${word.slice(0, -3)}el`;
  if (word.endsWith("ais")) return `${word.slice(0, -3)}al`;
  if (word.endsWith("ois")) return `${word.slice(0, -3)}ol`;
  if (word.endsWith("uis")) return `${word.slice(0, -3)}ul`;
  if (word.endsWith("ns")) return `${word.slice(0, -2)}m`;
  // flores → flor, nozes → noz; but padres → padre, doses → dose: only these endings drop "es".
  if (word.endsWith("ores") || word.endsWith("zes")) return word.slice(0, -2);
  if (word.endsWith("ss")) return word;
  return word.slice(0, -1);
}
