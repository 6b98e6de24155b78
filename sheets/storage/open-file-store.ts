import path from "node:path";
import type { Router } from "express";
import type { Config } from "../../core/config/config.ts";
import type { FileStore } from "./file-store.ts";
import { loadLinkSecret } from "./link-secret.ts";
import { LocalFileStore } from "./local-file-store.ts";
import { localFilesRouter } from "./local-files-router.ts";

export interface OpenedFileStore {
  store: FileStore;
  /** What serves the store's links: the local disk's signed-link route; none for S3, whose links are presigned. */
  routers: Router[];
}

/**
 * The file store the configuration asks for, chosen once: S3 when `S3_BUCKET` is set (the AWS SDK is loaded only
 * then), else local disk under `DATA_DIR/sheets`, whose links are signed with the secret kept in `DATA_DIR`.
 */
export async function openFileStore(
  config: Pick<
    Config,
    | "S3_BUCKET"
    | "S3_ENDPOINT"
    | "S3_REGION"
    | "S3_ACCESS_KEY_ID"
    | "S3_SECRET_ACCESS_KEY"
    | "S3_FORCE_PATH_STYLE"
    | "DATA_DIR"
    | "PUBLIC_URL"
  >,
): Promise<OpenedFileStore> {
  if (config.S3_BUCKET) {
    const { S3FileStore } = await import("./s3-file-store.ts");
    const store = new S3FileStore({
      bucket: config.S3_BUCKET,
      region: config.S3_REGION,
      endpoint: config.S3_ENDPOINT,
      forcePathStyle: config.S3_FORCE_PATH_STYLE,
      credentials:
        config.S3_ACCESS_KEY_ID && config.S3_SECRET_ACCESS_KEY
          ? { accessKeyId: config.S3_ACCESS_KEY_ID, secretAccessKey: config.S3_SECRET_ACCESS_KEY }
          : undefined,
    });
    return { store, routers: [] };
  }
  const secret = await loadLinkSecret(config.DATA_DIR);
  const store = new LocalFileStore({
    directory: path.join(config.DATA_DIR, "sheets"),
    publicUrl: config.PUBLIC_URL,
    secret,
  });
  return { store, routers: [localFilesRouter(store, secret)] };
}
