import { pipeline } from "node:stream/promises";
import { type Request, type Response, Router } from "express";
import { AppError } from "../../core/app/errors.ts";
import { XLSX_CONTENT_TYPE } from "../workbooks/xlsx-content-type.ts";
import { attachmentDisposition } from "./content-disposition.ts";
import { isFileNotFound } from "./file-not-found.ts";
import type { FileStore } from "./file-store.ts";
import { verifyLink } from "./link-signature.ts";

/**
 * Serves the local file store's signed links (`GET /files/<key>?expires=…&filename=…&signature=…`), mounted at
 * the root of `PUBLIC_URL`. No login: the signature is the permission, as a presigned S3 link is. Answers 403
 * for a missing, altered or expired signature, 404 when the file is gone, JSON `{"error"}` either way.
 */
export function localFilesRouter(store: Pick<FileStore, "get">, secret: string): Router {
  const router = Router();
  router.get("/files/*key", async (request: Request, response: Response) => {
    const link = readLink(request);
    if (!link) {
      response.status(403).json({ error: "this download link is incomplete" });
      return;
    }
    const check = verifyLink(link, link.signature, secret);
    if (!check.valid) {
      const error = check.reason === "expired" ? "this download link has expired" : "this download link is not valid";
      response.status(403).json({ error });
      return;
    }
    let body: Awaited<ReturnType<FileStore["get"]>>;
    try {
      body = await store.get(link.key);
    } catch (error) {
      if (isFileNotFound(error)) {
        response.status(404).json({ error: "this file no longer exists" });
        return;
      }
      // Only reachable with the secret itself, for a key the store refuses ("../x"): still never served.
      if (error instanceof AppError && error.reason === "invalid_storage_key") {
        response.status(403).json({ error: "this download link is not valid" });
        return;
      }
      throw error;
    }
    response.setHeader("Content-Type", XLSX_CONTENT_TYPE);
    response.setHeader("Content-Disposition", attachmentDisposition(link.filename));
    response.setHeader("Cache-Control", "private, no-store");
    // A client hanging up mid-download is not a server error; pipeline closes the file either way.
    await pipeline(body, response).catch(() => response.destroy());
  });
  return router;
}

function readLink(request: Request): { key: string; expires: number; filename: string; signature: string } | null {
  const segments: unknown = request.params.key;
  const key = Array.isArray(segments) ? segments.join("/") : typeof segments === "string" ? segments : "";
  const { expires, filename, signature } = request.query;
  if (!key || typeof expires !== "string" || typeof filename !== "string" || typeof signature !== "string") return null;
  if (!/^\d{1,12}$/.test(expires)) return null;
  return { key, expires: Number(expires), filename, signature };
}
