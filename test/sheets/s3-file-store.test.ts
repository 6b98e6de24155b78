import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadConfig } from "../../core/config/config.ts";
import { BucketMissingError } from "../../sheets/storage/bucket-missing-error.ts";
import type { FileStore } from "../../sheets/storage/file-store.ts";
import { openFileStore } from "../../sheets/storage/open-file-store.ts";
import { type RunningS3, startS3Server } from "../support/s3-server.ts";

describe("S3 file store when the bucket does not exist", () => {
  let server: RunningS3;
  let store: FileStore;

  beforeAll(async () => {
    server = await startS3Server([]);
    // Built the way SISCONF builds it, from the environment that points at this server.
    ({ store } = await openFileStore(loadConfig({ ...server.environment, S3_BUCKET: "no-such-bucket" })));
  });

  afterAll(async () => {
    await server?.stop();
  });

  const missingBucket = /the S3 bucket "no-such-bucket" does not exist at http:\/\/127\.0\.0\.1:\d+/;

  it("fails an upload with an error naming the bucket, not as a missing file", async () => {
    const upload = store.put("batches/1/consolidado-1.xlsx", Buffer.from("x"), "application/octet-stream");
    await expect(upload).rejects.toBeInstanceOf(BucketMissingError);
    await expect(store.put("batches/1/a.xlsx", Buffer.from("x"), "text/plain")).rejects.toThrow(missingBucket);
  });

  it("fails reads, existence checks, listings and links the same way", async () => {
    await expect(store.get("batches/1/a.xlsx")).rejects.toThrow(missingBucket);
    await expect(store.exists("batches/1/a.xlsx")).rejects.toThrow(missingBucket);
    await expect(store.list("batches/")).rejects.toThrow(missingBucket);
    await expect(store.downloadUrl("batches/1/a.xlsx", "a.xlsx", 60)).rejects.toThrow(missingBucket);
  });
});
