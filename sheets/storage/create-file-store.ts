import path from "node:path";
import type { Config } from "../../core/config/config.ts";
import type { FileStore } from "./file-store.ts";
import { LocalFileStore } from "./local-file-store.ts";
import { S3FileStore } from "./s3-file-store.ts";

/**
 * The file store the configuration asks for, chosen once: S3 when `S3_BUCKET` is set, else local disk under
 * `DATA_DIR/sheets` (whose links need `localFilesRouter` mounted with the same `linkSecret`).
 */
export function createFileStore(
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
  linkSecret: string,
): FileStore {
  if (config.S3_BUCKET) {
    return new S3FileStore({
      bucket: config.S3_BUCKET,
      region: config.S3_REGION,
      endpoint: config.S3_ENDPOINT,
      forcePathStyle: config.S3_FORCE_PATH_STYLE,
      credentials:
        config.S3_ACCESS_KEY_ID && config.S3_SECRET_ACCESS_KEY
          ? { accessKeyId: config.S3_ACCESS_KEY_ID, secretAccessKey: config.S3_SECRET_ACCESS_KEY }
          : undefined,
    });
  }
  return new LocalFileStore({
    directory: path.join(config.DATA_DIR, "sheets"),
    publicUrl: config.PUBLIC_URL,
    secret: linkSecret,
  });
}
