// Names are Portuguese whatever the labels' language: "Abóbora" goes with the a's, "Produto 2" before "Produto 10".
const COLLATOR = new Intl.Collator("pt-BR", { sensitivity: "base", numeric: true });

/** A copy of `items` in the order people look names up: accents and case ignored, numbers by value. */
export function sortedByName<Item>(items: readonly Item[], ...names: ((item: Item) => string)[]): Item[] {
  return [...items].sort((left, right) => {
    for (const name of names) {
      const order = COLLATOR.compare(name(left), name(right));
      if (order !== 0) return order;
    }
    return 0;
  });
}
