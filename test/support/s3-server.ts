import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { S3Client } from "@aws-sdk/client-s3";
import S3rver from "s3rver";

export interface RunningS3 {
  /** http://127.0.0.1:PORT */
  endpoint: string;
  /** The environment that points SISCONF at this server and bucket. */
  environment: Record<string, string>;
  /** Takes the server away, keeping its files, and brings it back on the same port. */
  halt(): Promise<void>;
  resume(): Promise<void>;
  stop(): Promise<void>;
  /** An S3 client for this server, for tests that look at the bucket themselves. */
  client(): S3Client;
}

/** A real S3-compatible server (s3rver) on a free loopback port, with the given buckets, files in a temp folder. */
export async function startS3Server(buckets: readonly string[] = ["sisconf-test"]): Promise<RunningS3> {
  const directory = await mkdtemp(path.join(os.tmpdir(), "sisconf-s3rver-"));
  const create = (port: number) =>
    new S3rver({
      port,
      address: "127.0.0.1",
      silent: true,
      directory,
      configureBuckets: buckets.map((name) => ({ name })),
    });
  let server: S3rver | null = create(0);
  const { port } = await server.run();
  const endpoint = `http://127.0.0.1:${port}`;
  const halt = async () => {
    await server?.close();
    server = null;
  };
  return {
    endpoint,
    environment: {
      S3_BUCKET: buckets[0] ?? "sisconf-test",
      S3_ENDPOINT: endpoint,
      S3_REGION: "us-east-1",
      S3_ACCESS_KEY_ID: "S3RVER",
      S3_SECRET_ACCESS_KEY: "S3RVER",
      S3_FORCE_PATH_STYLE: "true",
    },
    halt,
    async resume() {
      server = create(port);
      await server.run();
    },
    client: () =>
      new S3Client({
        region: "us-east-1",
        endpoint,
        forcePathStyle: true,
        credentials: { accessKeyId: "S3RVER", secretAccessKey: "S3RVER" },
      }),
    async stop() {
      await halt();
      await rm(directory, { recursive: true, force: true });
    },
  };
}
