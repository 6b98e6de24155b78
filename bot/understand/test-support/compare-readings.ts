/** Text as the accuracy tests compare unknown fragments: no accents, lower case, single spaces. */
export const fold = (text: string) =>
  text
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/\s+/g, " ")
    .trim();

/** An item as the accuracy tests compare it: the sku, with its quantity and unit when the label gives them. */
export const itemKey = (item: { sku: string; quantity?: number; unit?: string }) =>
  item.quantity === undefined ? item.sku : `${item.sku} ${item.quantity} ${item.unit}`;
