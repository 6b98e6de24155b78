import { Readable } from "node:stream";
import {
  DeleteObjectCommand,
  GetObjectCommand,
  HeadBucketCommand,
  HeadObjectCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  S3Client,
} from "@aws-sdk/client-s3";
import { getSignedUrl } from "@aws-sdk/s3-request-presigner";
import { XLSX_CONTENT_TYPE } from "../workbooks/xlsx-content-type.ts";
import { BucketMissingError } from "./bucket-missing-error.ts";
import { attachmentDisposition } from "./content-disposition.ts";
import { assertLinkExpiry } from "./expiry.ts";
import { fileNotFound, isFileNotFound } from "./file-not-found.ts";
import type { FileStore } from "./file-store.ts";
import { readBody } from "./read-body.ts";
import { assertStorageKey } from "./storage-key.ts";

export interface S3FileStoreOptions {
  bucket: string;
  region: string;
  /** Any S3-compatible server (MinIO, s3rver); unset for AWS itself. */
  endpoint?: string;
  /** Path-style URLs (`endpoint/bucket/key`), which most S3-compatible servers need. */
  forcePathStyle?: boolean;
  /** Unset: the SDK's default chain (environment, profile, instance role). */
  credentials?: { accessKeyId: string; secretAccessKey: string };
}

/**
 * The file store on S3 or any S3-compatible server. Uploads are buffered and sent with one PutObject (no multipart:
 * `@aws-sdk/lib-storage` is not a dependency, and a sheet is a few MB), so a retried put simply overwrites.
 */
export class S3FileStore implements FileStore {
  readonly kind = "s3";
  readonly #client: S3Client;
  readonly #bucket: string;
  readonly #where: string;

  constructor(options: S3FileStoreOptions) {
    this.#bucket = options.bucket;
    this.#where = options.endpoint ?? `AWS S3 (${options.region})`;
    this.#client = new S3Client({
      region: options.region,
      endpoint: options.endpoint,
      forcePathStyle: options.forcePathStyle ?? false,
      credentials: options.credentials,
      // Since SDK 3.729 every upload carries a CRC32 checksum trailer by default, which MinIO releases of the time
      // and s3rver refuse; checksums only where the API requires them keeps every S3-compatible server working.
      requestChecksumCalculation: "WHEN_REQUIRED",
      responseChecksumValidation: "WHEN_REQUIRED",
    });
  }

  async put(key: string, body: Readable | Buffer, contentType: string): Promise<void> {
    assertStorageKey(key);
    const bytes = await readBody(body);
    await this.#call(() =>
      this.#client.send(
        new PutObjectCommand({
          Bucket: this.#bucket,
          Key: key,
          Body: bytes,
          ContentLength: bytes.length,
          ContentType: contentType,
        }),
      ),
    );
  }

  async get(key: string): Promise<Readable> {
    assertStorageKey(key);
    const response = await this.#call(
      () => this.#client.send(new GetObjectCommand({ Bucket: this.#bucket, Key: key })),
      key,
    );
    if (response.Body instanceof Readable) return response.Body;
    throw new Error(`S3 answered GetObject for "${key}" without a readable body`);
  }

  async exists(key: string): Promise<boolean> {
    assertStorageKey(key);
    try {
      await this.#call(() => this.#client.send(new HeadObjectCommand({ Bucket: this.#bucket, Key: key })), key);
      return true;
    } catch (error) {
      if (isFileNotFound(error)) return false;
      throw error;
    }
  }

  async delete(key: string): Promise<void> {
    assertStorageKey(key);
    await this.#call(() => this.#client.send(new DeleteObjectCommand({ Bucket: this.#bucket, Key: key })));
  }

  async list(prefix: string): Promise<string[]> {
    const keys: string[] = [];
    let continuationToken: string | undefined;
    do {
      const page = await this.#call(() =>
        this.#client.send(
          new ListObjectsV2Command({ Bucket: this.#bucket, Prefix: prefix, ContinuationToken: continuationToken }),
        ),
      );
      for (const object of page.Contents ?? []) if (object.Key !== undefined) keys.push(object.Key);
      continuationToken = page.IsTruncated ? page.NextContinuationToken : undefined;
    } while (continuationToken);
    return keys.sort();
  }

  async downloadUrl(key: string, filename: string, expiresInSeconds: number): Promise<string> {
    assertLinkExpiry(expiresInSeconds);
    // A presigned link to nothing would only fail later, in the customer's browser: check now.
    if (!(await this.exists(key))) throw fileNotFound(key);
    const command = new GetObjectCommand({
      Bucket: this.#bucket,
      Key: key,
      ResponseContentDisposition: attachmentDisposition(filename),
      ResponseContentType: XLSX_CONTENT_TYPE,
    });
    return getSignedUrl(this.#client, command, { expiresIn: expiresInSeconds });
  }

  /**
   * Runs one S3 call and turns S3's answers into the port's errors. A 404 without a body (HEAD) does not say
   * whether the key or the bucket is missing, so the bucket is checked before calling it a missing file.
   */
  async #call<Result>(send: () => Promise<Result>, key?: string): Promise<Result> {
    try {
      return await send();
    } catch (error) {
      const name = errorName(error);
      if (name === "NoSuchBucket") throw new BucketMissingError(this.#bucket, this.#where, { cause: error });
      if (key !== undefined && (name === "NoSuchKey" || name === "NotFound")) {
        if (name === "NotFound") await this.#assertBucketExists();
        throw fileNotFound(key);
      }
      throw error;
    }
  }

  async #assertBucketExists(): Promise<void> {
    try {
      await this.#client.send(new HeadBucketCommand({ Bucket: this.#bucket }));
    } catch (error) {
      const name = errorName(error);
      if (name === "NotFound" || name === "NoSuchBucket") {
        throw new BucketMissingError(this.#bucket, this.#where, { cause: error });
      }
      throw error;
    }
  }
}

function errorName(error: unknown): string | undefined {
  return error instanceof Error ? error.name : undefined;
}
