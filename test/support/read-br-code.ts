import { crc16Ccitt } from "../../core/domain/br-code.ts";

/** A BR Code read back field by field, as a bank app's reader would, to check what an encoder wrote. */
export interface ReadBrCode {
  fields: Map<string, string>;
  /** Templates (26, 62) read as fields of their own. */
  templates: Map<string, Map<string, string>>;
  crcValid: boolean;
}

function readFields(text: string): Map<string, string> {
  const fields = new Map<string, string>();
  let position = 0;
  while (position < text.length) {
    const id = text.slice(position, position + 2);
    const lengthText = text.slice(position + 2, position + 4);
    if (!/^\d{2}$/.test(id) || !/^\d{2}$/.test(lengthText)) throw new Error(`bad field at ${position}`);
    const length = Number(lengthText);
    const value = text.slice(position + 4, position + 4 + length);
    if (value.length !== length) throw new Error(`field ${id} runs past the end`);
    if (fields.has(id)) throw new Error(`field ${id} appears twice`);
    fields.set(id, value);
    position += 4 + length;
  }
  return fields;
}

export function readBrCode(code: string): ReadBrCode {
  const fields = readFields(code);
  const templates = new Map<string, Map<string, string>>();
  for (const id of ["26", "62"]) {
    const value = fields.get(id);
    if (value !== undefined) templates.set(id, readFields(value));
  }
  // The CRC covers everything up to and including its own id and length ("6304").
  const crcValid = code.endsWith(fields.get("63") ?? "-") && crc16Ccitt(code.slice(0, -4)) === fields.get("63");
  return { fields, templates, crcValid };
}
