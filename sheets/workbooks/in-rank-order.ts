/** `lines` by rank, equal ranks as they came: each rank looked up once, and an order has only a few lines. */
export function inRankOrder<Line>(lines: readonly Line[], rankOf: (line: Line) => number): Line[] {
  const sorted: Line[] = [];
  const ranks: number[] = [];
  for (const line of lines) {
    const rank = rankOf(line);
    let at = sorted.length;
    while (at > 0 && (ranks[at - 1] ?? 0) > rank) at--;
    sorted.splice(at, 0, line);
    ranks.splice(at, 0, rank);
  }
  return sorted;
}
