import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import S3rver from "s3rver";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BucketMissingError } from "../../sheets/storage/bucket-missing-error.ts";
import { S3FileStore } from "../../sheets/storage/s3-file-store.ts";

describe("S3 file store when the bucket does not exist", () => {
  let directory: string;
  let server: S3rver;
  let store: S3FileStore;

  beforeAll(async () => {
    directory = await mkdtemp(path.join(os.tmpdir(), "sisconf-s3rver-"));
    server = new S3rver({ port: 0, address: "127.0.0.1", silent: true, directory, configureBuckets: [] });
    const { port } = await server.run();
    store = new S3FileStore({
      bucket: "no-such-bucket",
      region: "us-east-1",
      endpoint: `http://127.0.0.1:${port}`,
      forcePathStyle: true,
      credentials: { accessKeyId: "S3RVER", secretAccessKey: "S3RVER" },
    });
  });

  afterAll(async () => {
    await server?.close();
    await rm(directory, { recursive: true, force: true });
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
