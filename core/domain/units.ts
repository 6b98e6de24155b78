/** Sales units of the catalog, as PRODUCT.md lists them. */
export const UNITS = ["kg", "g", "un", "dz", "maco", "bandeja", "cx", "l", "pct"] as const;
export type Unit = (typeof UNITS)[number];

/** Units whose quantity is a count of pieces or packages: a bare number is the quantity itself. */
export const COUNTED_UNITS: ReadonlySet<Unit> = new Set<Unit>(["un", "maco", "bandeja", "cx", "pct"]);

/** Units measured by weight or volume: a bare number of pieces cannot be converted to them. */
export const MEASURED_UNITS: ReadonlySet<Unit> = new Set<Unit>(["kg", "g", "l"]);
