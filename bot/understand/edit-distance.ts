const MAX_WORD = 48;
// Three rows of the dynamic programme, reused: fuzzy matching runs on every unknown word.
let rowBeforePrevious = new Int32Array(MAX_WORD + 1);
let previousRow = new Int32Array(MAX_WORD + 1);
let currentRow = new Int32Array(MAX_WORD + 1);

/**
 * Optimal-string-alignment (Damerau-Levenshtein) distance between two words: insertions, deletions,
 * substitutions and swaps of neighbouring letters each cost 1. Returns `limit + 1` as soon as the distance
 * is known to exceed `limit`, so comparing against a long list of words stays cheap.
 */
export function editDistance(first: string, second: string, limit: number): number {
  const firstLength = first.length;
  const secondLength = second.length;
  if (Math.abs(firstLength - secondLength) > limit) return limit + 1;
  if (firstLength > MAX_WORD || secondLength > MAX_WORD) return first === second ? 0 : limit + 1;
  for (let column = 0; column <= secondLength; column++) previousRow[column] = column;
  for (let row = 1; row <= firstLength; row++) {
    currentRow[0] = row;
    let rowMinimum = row;
    const letter = first.charCodeAt(row - 1);
    for (let column = 1; column <= secondLength; column++) {
      const otherLetter = second.charCodeAt(column - 1);
      const cost = letter === otherLetter ? 0 : 1;
      let best = Math.min(
        (previousRow[column] as number) + 1,
        (currentRow[column - 1] as number) + 1,
        (previousRow[column - 1] as number) + cost,
      );
      if (
        row > 1 &&
        column > 1 &&
        letter === second.charCodeAt(column - 2) &&
        first.charCodeAt(row - 2) === otherLetter
      ) {
        best = Math.min(best, (rowBeforePrevious[column - 2] as number) + 1);
      }
      currentRow[column] = best;
      if (best < rowMinimum) rowMinimum = best;
    }
    if (rowMinimum > limit) return limit + 1;
    const oldest = rowBeforePrevious;
    rowBeforePrevious = previousRow;
    previousRow = currentRow;
    currentRow = oldest;
  }
  const distance = previousRow[secondLength] as number;
  return distance > limit ? limit + 1 : distance;
}
