import type { Router } from "express";
import { createFileStore } from "../../sheets/storage/create-file-store.ts";
import type { FileStore } from "../../sheets/storage/file-store.ts";
import { loadLinkSecret } from "../../sheets/storage/link-secret.ts";
import { localFilesRouter } from "../../sheets/storage/local-files-router.ts";
import type { Runtime } from "../runtime.ts";

/**
 * The file store the configuration chose, and the route that serves its links when it is the local disk: the sheets
 * role writes to it, the API serves it.
 */
export async function openFileStore(runtime: Runtime): Promise<{ store: FileStore; routers: Router[] }> {
  const secret = await loadLinkSecret(runtime.config.DATA_DIR);
  const store = createFileStore(runtime.config, secret);
  return { store, routers: store.kind === "local" ? [localFilesRouter(store, secret)] : [] };
}
