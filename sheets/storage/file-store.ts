import type { Readable } from "node:stream";

/**
 * The file-store port: where generated sheets live (S3 or any S3-compatible store, or local disk in embedded mode).
 *
 * Guarantees, checked by one contract suite against every adapter (on S3, whole-object replacement under concurrent
 * puts is the server's own guarantee, which the S3-compatible server used in tests does not give):
 * - Keys are relative, slash-separated paths ("batches/12/consolidado-3.xlsx"): no empty segment and none starting with "." (so no ".."),
 *   no leading slash, no backslash, no control character, at most 1,024 characters. Any other key is refused with
 *   an `AppError` (`invalid_input`, reason `invalid_storage_key`) before anything is touched.
 * - `put` with an existing key overwrites it (never duplicates), and a reader never sees a half-written file.
 * - `get`, and `downloadUrl`, of a missing key reject with an `AppError` (`not_found`, reason `file_not_found`).
 * - `delete` of a missing key succeeds (deleting is idempotent, like a retried job needs).
 * - `list(prefix)` gives every key starting with `prefix` (a plain string prefix, not a folder), sorted.
 * - `downloadUrl` gives a link anyone can GET until it expires, answering the bytes as an attachment named
 *   `filename`. `expiresInSeconds` is 1 to 604,800 (7 days, S3's limit for presigned links).
 * - Outages (bucket missing, disk full, store down) are thrown as plain errors, saying what is wrong.
 *
 * Leaves out: content types on `get` (sheets are always .xlsx), metadata, versions, locking between concurrent
 * `put`s of one key (the last one wins), and revoking a link before it expires.
 */
export interface FileStore {
  readonly kind: "s3" | "local";
  put(key: string, body: Readable | Buffer, contentType: string): Promise<void>;
  get(key: string): Promise<Readable>;
  exists(key: string): Promise<boolean>;
  delete(key: string): Promise<void>;
  list(prefix: string): Promise<string[]>;
  downloadUrl(key: string, filename: string, expiresInSeconds: number): Promise<string>;
}
