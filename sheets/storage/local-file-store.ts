import { randomUUID } from "node:crypto";
import { createWriteStream, type Dirent } from "node:fs";
import { mkdir, open, readdir, rename, rm, stat, unlink, writeFile } from "node:fs/promises";
import path from "node:path";
import type { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { assertLinkExpiry } from "./expiry.ts";
import { fileNotFound } from "./file-not-found.ts";
import type { FileStore } from "./file-store.ts";
import { signLink } from "./link-signature.ts";
import { assertStorageKey } from "./storage-key.ts";

export interface LocalFileStoreOptions {
  /** Where files live: `DATA_DIR/sheets` in embedded mode. Created when missing. */
  directory: string;
  /** The base of download links (`PUBLIC_URL`), where `localFilesRouter` is mounted. */
  publicUrl: string;
  /** Signs download links; `localFilesRouter` must be given the same one. */
  secret: string;
  clock?: () => Date;
}

// Keys never have a segment starting with ".", so temporary files cannot clash with a key and `list` skips them.
const TEMPORARY_PREFIX = ".upload-";

/**
 * The file store on local disk, for embedded mode. A put writes a temporary file beside the target and renames it
 * over the target, so readers see the old file or the new one, never half of one. Links are signed with HMAC and
 * served by `localFilesRouter`.
 */
export class LocalFileStore implements FileStore {
  readonly kind = "local";
  readonly #directory: string;
  readonly #publicUrl: string;
  readonly #secret: string;
  readonly #clock: () => Date;

  constructor(options: LocalFileStoreOptions) {
    if (options.secret.length < 16) throw new Error("the local file store's link secret needs at least 16 characters");
    this.#directory = path.resolve(options.directory);
    this.#publicUrl = options.publicUrl.replace(/\/+$/, "");
    this.#secret = options.secret;
    this.#clock = options.clock ?? (() => new Date());
  }

  async put(key: string, body: Readable | Buffer, _contentType: string): Promise<void> {
    const target = this.#pathOf(key);
    await mkdir(path.dirname(target), { recursive: true });
    const temporary = path.join(path.dirname(target), `${TEMPORARY_PREFIX}${randomUUID()}`);
    try {
      // Flushed to disk before the rename, so a crash cannot leave a complete-looking name over missing bytes.
      if (Buffer.isBuffer(body)) await writeFile(temporary, body, { flag: "wx", flush: true });
      else await pipeline(body, createWriteStream(temporary, { flags: "wx", flush: true }));
      await rename(temporary, target);
    } catch (error) {
      await rm(temporary, { force: true });
      throw error;
    }
  }

  async get(key: string): Promise<Readable> {
    const file = this.#pathOf(key);
    // Opened here rather than lazily by the stream, so a missing file rejects now instead of erroring mid-read.
    const handle = await open(file, "r").catch((error: unknown) => {
      throw isMissing(error) ? fileNotFound(key) : error;
    });
    // A key naming a folder (a batch's, say) opens fine and fails only when read: it holds no file.
    if (!(await handle.stat()).isFile()) {
      await handle.close();
      throw fileNotFound(key);
    }
    return handle.createReadStream();
  }

  async exists(key: string): Promise<boolean> {
    try {
      return (await stat(this.#pathOf(key))).isFile();
    } catch (error) {
      if (isMissing(error)) return false;
      throw error;
    }
  }

  async delete(key: string): Promise<void> {
    try {
      await unlink(this.#pathOf(key));
    } catch (error) {
      if (!isMissing(error)) throw error;
    }
  }

  async list(prefix: string): Promise<string[]> {
    const keys: string[] = [];
    // Only the folder the prefix points into needs walking: "batches/12/c" starts at "batches/12".
    const folder = prefix.includes("/") ? prefix.slice(0, prefix.lastIndexOf("/")) : "";
    if (folder && !isSafeFolder(folder)) return [];
    await this.#walk(folder, keys);
    return keys.filter((key) => key.startsWith(prefix)).sort();
  }

  async downloadUrl(key: string, filename: string, expiresInSeconds: number): Promise<string> {
    assertLinkExpiry(expiresInSeconds);
    if (!(await this.exists(key))) throw fileNotFound(key);
    const expires = Math.floor(this.#clock().getTime() / 1000) + expiresInSeconds;
    const signature = signLink({ key, expires, filename }, this.#secret);
    const query = new URLSearchParams({ expires: String(expires), filename, signature });
    return `${this.#publicUrl}/files/${key.split("/").map(encodeURIComponent).join("/")}?${query}`;
  }

  /** The file behind a key; the key check keeps every path inside the store's directory. */
  #pathOf(key: string): string {
    assertStorageKey(key);
    return path.join(this.#directory, ...key.split("/"));
  }

  async #walk(folder: string, keys: string[]): Promise<void> {
    let entries: Dirent[];
    try {
      entries = await readdir(path.join(this.#directory, ...folder.split("/").filter(Boolean)), {
        withFileTypes: true,
      });
    } catch (error) {
      if (isMissing(error) || (error as NodeJS.ErrnoException).code === "ENOTDIR") return;
      throw error;
    }
    for (const entry of entries) {
      const key = folder ? `${folder}/${entry.name}` : entry.name;
      if (entry.isDirectory()) await this.#walk(key, keys);
      else if (entry.isFile() && !entry.name.startsWith(".")) keys.push(key);
    }
  }
}

function isMissing(error: unknown): boolean {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  return code === "ENOENT" || code === "ENOTDIR";
}

function isSafeFolder(folder: string): boolean {
  return folder.split("/").every((segment) => segment !== "" && !segment.startsWith(".")) && !folder.includes("\\");
}
