import { Readable, Writable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { createInflateRaw } from "node:zlib";
import { invalidInput } from "./errors.ts";

const END_OF_CENTRAL_DIRECTORY = 0x06054b50;
const CENTRAL_DIRECTORY_ENTRY = 0x02014b50;
const LOCAL_FILE_HEADER = 0x04034b50;
const STORED = 0;
const DEFLATED = 8;

interface ZipEntry {
  name: string;
  method: number;
  compressedSize: number;
  declaredSize: number;
  localHeaderOffset: number;
}

/**
 * Refuses a zip (an .xlsx is one) whose entries would inflate past `limitBytes` in all, before anything parses it:
 * first by the sizes its central directory declares, then by inflating every entry and counting, since a hostile
 * file can declare small sizes and inflate to gigabytes. Inflated bytes are counted and dropped, never kept, so
 * checking costs little memory and stops as soon as the limit is passed.
 */
export async function checkZipInflation(bytes: Uint8Array, limitBytes: number): Promise<void> {
  const entries = readCentralDirectory(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
  const declared = entries.reduce((total, entry) => total + entry.declaredSize, 0);
  if (declared > limitBytes) throw tooLarge(limitBytes);
  let inflated = 0;
  for (const entry of entries) {
    const size = await inflatedSize(
      entryData(bytes, entry),
      entry,
      Math.min(entry.declaredSize, limitBytes - inflated),
    );
    if (inflated + size > limitBytes) throw tooLarge(limitBytes);
    // An entry that inflates to other than it declares is damaged, or built to mislead whatever reads it next.
    if (size !== entry.declaredSize) throw corrupt(`${entry.name} inflates to other than the size it declares`);
    inflated += size;
  }
}

/** How many bytes the entry inflates to, counted without keeping them, stopping once past `stopAfter`. */
async function inflatedSize(data: Uint8Array, entry: ZipEntry, stopAfter: number): Promise<number> {
  if (entry.method === STORED) return data.byteLength;
  if (entry.method !== DEFLATED) throw corrupt(`${entry.name} uses a compression other than deflate`);
  let size = 0;
  try {
    await pipeline(
      Readable.from([data]),
      createInflateRaw(),
      new Writable({
        write(chunk: Buffer, _encoding, done) {
          size += chunk.byteLength;
          done(size > stopAfter ? new InflatedTooFar() : null);
        },
      }),
    );
  } catch (error) {
    if (!(error instanceof InflatedTooFar)) throw corrupt(`${entry.name} does not inflate`);
  }
  return size;
}

class InflatedTooFar extends Error {}

function readCentralDirectory(buffer: Buffer): ZipEntry[] {
  // The end record is the last 22 bytes, unless a comment of up to 65,535 bytes follows it.
  let end = -1;
  for (let offset = buffer.length - 22; offset >= Math.max(0, buffer.length - 22 - 65_535); offset--) {
    if (buffer.readUInt32LE(offset) === END_OF_CENTRAL_DIRECTORY) {
      end = offset;
      break;
    }
  }
  if (end < 0) throw corrupt("it has no zip directory");
  const count = buffer.readUInt16LE(end + 10);
  const directoryOffset = buffer.readUInt32LE(end + 16);
  if (count === 0xffff || directoryOffset === 0xffffffff) throw corrupt("zip64 archives are not read");
  const entries: ZipEntry[] = [];
  let offset = directoryOffset;
  for (let index = 0; index < count; index++) {
    if (offset + 46 > buffer.length || buffer.readUInt32LE(offset) !== CENTRAL_DIRECTORY_ENTRY) {
      throw corrupt("its zip directory is damaged");
    }
    const nameLength = buffer.readUInt16LE(offset + 28);
    const entry: ZipEntry = {
      // Named in error messages, so kept short and printable whatever the file holds.
      name: buffer
        .toString("utf8", offset + 46, offset + 46 + Math.min(nameLength, 100))
        .replace(/[\u0000-\u001f\u007f]/g, "?"),
      method: buffer.readUInt16LE(offset + 10),
      compressedSize: buffer.readUInt32LE(offset + 20),
      declaredSize: buffer.readUInt32LE(offset + 24),
      localHeaderOffset: buffer.readUInt32LE(offset + 42),
    };
    if (entry.compressedSize === 0xffffffff || entry.declaredSize === 0xffffffff) {
      throw corrupt("zip64 archives are not read");
    }
    entries.push(entry);
    offset += 46 + nameLength + buffer.readUInt16LE(offset + 30) + buffer.readUInt16LE(offset + 32);
  }
  return entries;
}

function entryData(bytes: Uint8Array, entry: ZipEntry): Uint8Array {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const header = entry.localHeaderOffset;
  if (header + 30 > buffer.length || buffer.readUInt32LE(header) !== LOCAL_FILE_HEADER) {
    throw corrupt(`${entry.name} has no local header`);
  }
  const start = header + 30 + buffer.readUInt16LE(header + 26) + buffer.readUInt16LE(header + 28);
  if (start + entry.compressedSize > buffer.length) throw corrupt(`${entry.name} is cut short`);
  return bytes.subarray(start, start + entry.compressedSize);
}

function tooLarge(limitBytes: number) {
  return invalidInput(
    "file_too_large",
    `the workbook inflates to more than ${Math.round(limitBytes / 1_000_000)} MB: refused before reading it`,
  );
}

function corrupt(reason: string) {
  return invalidInput("invalid_file", `not a readable .xlsx file: ${reason}`);
}
