import { mkdtemp, rm } from "node:fs/promises";
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import express from "express";
import { afterAll, beforeAll, describe } from "vitest";
import { loadConfig } from "../../core/config/config.ts";
import type { FileStore } from "../../sheets/storage/file-store.ts";
import { LocalFileStore } from "../../sheets/storage/local-file-store.ts";
import { localFilesRouter } from "../../sheets/storage/local-files-router.ts";
import { openFileStore } from "../../sheets/storage/open-file-store.ts";
import { type RunningS3, startS3Server } from "../support/s3-server.ts";
import { describeFileStoreContract } from "./file-store-contract.ts";

describe("S3 adapter against a real S3-compatible server (s3rver)", () => {
  let server: RunningS3;
  let store: FileStore;

  beforeAll(async () => {
    server = await startS3Server(["sisconf-test"]);
    // Built the way SISCONF builds it, from the environment that points at this server.
    ({ store } = await openFileStore(loadConfig({ ...server.environment, S3_BUCKET: "sisconf-test" })));
  });

  afterAll(async () => {
    await server?.stop();
  });

  describeFileStoreContract("S3", () => store, { ownsConcurrentReplace: false });
});

describe("local-disk adapter served by its signed-link router", () => {
  let directory: string;
  let server: Server;
  let store: FileStore;

  beforeAll(async () => {
    directory = await mkdtemp(path.join(os.tmpdir(), "sisconf-local-store-"));
    const secret = "a-test-secret-of-enough-length";
    let publicUrl = "";
    const app = express();
    server = await new Promise<Server>((resolve) => {
      const listening = app.listen(0, "127.0.0.1", () => resolve(listening));
    });
    publicUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const local = new LocalFileStore({ directory, publicUrl, secret });
    app.use(localFilesRouter(local, secret));
    store = local;
  });

  afterAll(async () => {
    await new Promise((resolve) => server?.close(resolve));
    await rm(directory, { recursive: true, force: true });
  });

  describeFileStoreContract("local", () => store, { ownsConcurrentReplace: true });
});
