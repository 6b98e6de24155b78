import { inflateRawSync } from "node:zlib";

export interface ZipEntry {
  name: string;
  /** 0 for stored, 8 for deflated. */
  method: number;
  /** The entry's bytes as the zip holds them. */
  data: Buffer;
}

/**
 * The files inside a zip (an .xlsx), found through its central directory: the raw XML of a sheet, for what exceljs
 * does not read back (page breaks, the order of a sheet's parts), and how each part is held.
 */
export function zipEntries(zip: Buffer): ZipEntry[] {
  const end = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  if (end < 0) throw new Error("not a zip: no end of central directory");
  const count = zip.readUInt16LE(end + 10);
  let offset = zip.readUInt32LE(end + 16);
  const entries: ZipEntry[] = [];
  for (let index = 0; index < count; index++) {
    const method = zip.readUInt16LE(offset + 10);
    const compressedSize = zip.readUInt32LE(offset + 20);
    const nameLength = zip.readUInt16LE(offset + 28);
    const extraLength = zip.readUInt16LE(offset + 30);
    const commentLength = zip.readUInt16LE(offset + 32);
    const localHeader = zip.readUInt32LE(offset + 42);
    const name = zip.toString("utf8", offset + 46, offset + 46 + nameLength);
    const dataStart = localHeader + 30 + zip.readUInt16LE(localHeader + 26) + zip.readUInt16LE(localHeader + 28);
    entries.push({ name, method, data: zip.subarray(dataStart, dataStart + compressedSize) });
    offset += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

/** The text of the file `name` inside the zip. */
export function zipEntryText(zip: Buffer, name: string): string {
  const entry = zipEntries(zip).find((each) => each.name === name);
  if (!entry) throw new Error(`no ${name} in the zip`);
  return (entry.method === 0 ? entry.data : inflateRawSync(entry.data)).toString("utf8");
}
