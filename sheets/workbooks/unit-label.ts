import type { Unit } from "../../core/domain/units.ts";
import type { SheetLocale } from "./sheet-source.ts";

// The catalog stores ASCII unit codes ("maco", "l"); a spreadsheet is read by people, so it shows the word.
const UNIT_LABELS: Record<SheetLocale, Record<Unit, string>> = {
  "pt-BR": { kg: "kg", g: "g", un: "un", dz: "dz", maco: "maço", bandeja: "bandeja", cx: "cx", l: "L", pct: "pct" },
  en: { kg: "kg", g: "g", un: "pc", dz: "doz", maco: "bunch", bandeja: "tray", cx: "box", l: "L", pct: "pack" },
};

/** The readable word of a unit in the sheet's language: "maço" for `maco`, "L" for `l`. */
export function unitLabel(unit: Unit, locale: SheetLocale): string {
  return UNIT_LABELS[locale][unit];
}
