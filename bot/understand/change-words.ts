import { wordSet } from "./word-lists.ts";

/**
 * Words that say how a line changes an order already made (PRODUCT.md, "Changing an order, exactly"). All folded.
 * A line without any of them is a plain item: for a product already in the order the dialogue asks add or replace.
 */

/** "mais 1kg de cebola", "adiciona 2 alfaces", "add 1kg of onions": add to what the order has. */
export const ADD_WORDS = wordSet(`
  mais adiciona adicione adicionar acrescenta acrescente acrescentar inclui inclua incluir tambem tb tbm outro
  outra outros outras more add also another extra`);

/** "menos 1kg de cebola", "1kg a menos de tomate", "less 1kg of onions": take that much off. */
export const TAKE_OFF_WORDS = wordSet("menos less minus");

/** "só 1kg de cebola", "na verdade quero 1kg", "actually 1kg", "only 2 lettuces": the line sets the quantity. */
export const SET_WORDS = wordSet("so somente apenas verdade only actually just instead");
