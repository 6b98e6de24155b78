import { describe, expect, it } from "vitest";
import {
  COUNTED_UNITS,
  conversionFactor,
  MEASURED_UNITS,
  type MeasureUnit,
  UNIT_TABLE,
  UNITS,
  type Unit,
  type UnitLanguage,
  unitLabel,
  unitWords,
} from "../../core/domain/units.ts";

describe("the table of units names every unit in both languages", () => {
  it.each<[Unit, UnitLanguage, string, string, string]>([
    ["kg", "pt-BR", "kg", "kg", "kg"],
    ["l", "pt-BR", "l", "litro", "litros"],
    ["l", "en", "l", "liter", "liters"],
    ["un", "pt-BR", "unidade", "unidade", "unidades"],
    ["un", "en", "unit", "unit", "units"],
    ["dz", "pt-BR", "dúzia", "dúzia", "dúzias"],
    ["dz", "en", "dozen", "dozen", "dozen"],
    ["maco", "pt-BR", "maço", "maço", "maços"],
    ["maco", "en", "bunch", "bunch", "bunches"],
    ["cx", "pt-BR", "caixa", "caixa", "caixas"],
    ["pct", "en", "pack", "pack", "packs"],
  ])("%s in %s is labelled %s, one %s, several %s", (unit, language, label, one, many) => {
    expect(unitLabel(unit, language)).toBe(label);
    expect(unitWords(unit, language)).toEqual([one, many]);
  });

  it("has a row, a positive whole factor and words for every sales unit", () => {
    for (const unit of UNITS) {
      const definition = UNIT_TABLE[unit];
      expect(Number.isSafeInteger(definition.factor) && definition.factor > 0, unit).toBe(true);
      for (const language of ["pt-BR", "en"] as const) expect(definition.words[language][0]).not.toBe("");
    }
  });
});

describe("the table's kinds say which units convert and how a bare number reads", () => {
  it.each<[MeasureUnit, MeasureUnit, { multiply: number; divide: number } | null]>([
    ["g", "kg", { multiply: 1, divide: 1000 }],
    ["kg", "g", { multiply: 1000, divide: 1 }],
    ["ml", "l", { multiply: 1, divide: 1000 }],
    ["dz", "un", { multiply: 12, divide: 1 }],
    ["un", "dz", { multiply: 1, divide: 12 }],
    ["maco", "maco", { multiply: 1, divide: 1 }],
    ["maco", "pct", null],
    ["maco", "un", null],
    ["l", "kg", null],
    ["un", "kg", null],
  ])("%s to %s is %o", (from, to, factor) => {
    expect(conversionFactor(from, to)).toEqual(factor);
  });

  it("measures kg, g and l, counts un and the packages, and leaves the dúzia, sold by halves, to neither", () => {
    expect([...MEASURED_UNITS].sort()).toEqual(["g", "kg", "l"]);
    expect([...COUNTED_UNITS].sort()).toEqual(["bandeja", "cx", "maco", "pct", "un"]);
  });
});
