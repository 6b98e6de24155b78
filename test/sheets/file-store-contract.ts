import { randomUUID } from "node:crypto";
import { Readable } from "node:stream";
import { describe, expect, it } from "vitest";
import { AppError } from "../../core/app/errors.ts";
import type { FileStore } from "../../sheets/storage/file-store.ts";
import { XLSX_CONTENT_TYPE } from "../../sheets/workbooks/xlsx-content-type.ts";

export interface ContractOptions {
  /**
   * The adapter itself keeps concurrent puts of one key from mixing (the local disk writes aside and renames). On S3
   * a PutObject replaces the whole object by the server's own guarantee; s3rver, standing in for it here, writes
   * concurrent puts into the same file in place, so that promise can only be checked where the adapter keeps it.
   */
  ownsConcurrentReplace: boolean;
}

/** The promises of `FileStore`, run against every adapter; `store()` is called once the adapter is running. */
export function describeFileStoreContract(adapter: string, store: () => FileStore, options: ContractOptions): void {
  describe(`${adapter} file store contract`, () => {
    const folder = () => `batches/${randomUUID()}`;
    const read = async (body: Readable) => {
      const chunks: Buffer[] = [];
      for await (const chunk of body) chunks.push(chunk as Buffer);
      return Buffer.concat(chunks);
    };

    it("gives back the bytes that were put, from a buffer or a stream", async () => {
      const base = folder();
      await store().put(`${base}/a.xlsx`, Buffer.from("from a buffer"), XLSX_CONTENT_TYPE);
      await store().put(
        `${base}/b.xlsx`,
        Readable.from([Buffer.from("from "), Buffer.from("a stream")]),
        XLSX_CONTENT_TYPE,
      );
      expect((await read(await store().get(`${base}/a.xlsx`))).toString()).toBe("from a buffer");
      expect((await read(await store().get(`${base}/b.xlsx`))).toString()).toBe("from a stream");
      expect(await store().exists(`${base}/a.xlsx`)).toBe(true);
    });

    it("overwrites a key that is put again instead of keeping two files", async () => {
      const key = `${folder()}/consolidado-1.xlsx`;
      await store().put(key, Buffer.from("first try"), XLSX_CONTENT_TYPE);
      await store().put(key, Buffer.from("retry"), XLSX_CONTENT_TYPE);
      expect((await read(await store().get(key))).toString()).toBe("retry");
      expect(await store().list(key)).toEqual([key]);
    });

    if (options.ownsConcurrentReplace) {
      it("keeps one whole file when the same key is put concurrently", async () => {
        const key = `${folder()}/race.xlsx`;
        const bodies = ["a", "b", "c", "d"].map((letter) => Buffer.alloc(200_000, letter));
        await Promise.all(bodies.map((body) => store().put(key, body, XLSX_CONTENT_TYPE)));
        const stored = await read(await store().get(key));
        expect(bodies.some((body) => body.equals(stored))).toBe(true);
        expect(await store().list(key)).toEqual([key]);
      });
    }

    it("rejects reading a missing key with a not-found error", async () => {
      const key = `${folder()}/missing.xlsx`;
      await expect(store().get(key)).rejects.toMatchObject({ code: "not_found", reason: "file_not_found" });
      await expect(store().get(key)).rejects.toBeInstanceOf(AppError);
      expect(await store().exists(key)).toBe(false);
    });

    it("deletes a file, and deleting a missing one succeeds", async () => {
      const key = `${folder()}/gone.xlsx`;
      await store().put(key, Buffer.from("x"), XLSX_CONTENT_TYPE);
      await store().delete(key);
      expect(await store().exists(key)).toBe(false);
      await expect(store().delete(key)).resolves.toBeUndefined();
    });

    it("lists the keys under a plain string prefix, sorted", async () => {
      const base = folder();
      for (const name of ["b/2.xlsx", "a.xlsx", "b/1.xlsx", "ab.xlsx"]) {
        await store().put(`${base}/${name}`, Buffer.from(name), XLSX_CONTENT_TYPE);
      }
      expect(await store().list(`${base}/`)).toEqual([
        `${base}/a.xlsx`,
        `${base}/ab.xlsx`,
        `${base}/b/1.xlsx`,
        `${base}/b/2.xlsx`,
      ]);
      expect(await store().list(`${base}/a`)).toEqual([`${base}/a.xlsx`, `${base}/ab.xlsx`]);
      expect(await store().list(`${base}/b/`)).toEqual([`${base}/b/1.xlsx`, `${base}/b/2.xlsx`]);
      expect(await store().list(`${folder()}/`)).toEqual([]);
    });

    it.each([
      ["a parent segment", "batches/../secret"],
      ["an absolute path", "/etc/passwd"],
      ["an empty segment", "batches//x.xlsx"],
      ["a backslash", "batches\\x.xlsx"],
      ["a dot segment", "batches/./x.xlsx"],
      ["an empty key", ""],
      ["a control character", "batches/x\n.xlsx"],
    ])("refuses a key with %s", async (_problem, key) => {
      const refused = { code: "invalid_input", reason: "invalid_storage_key" };
      await expect(store().put(key, Buffer.from("x"), XLSX_CONTENT_TYPE)).rejects.toMatchObject(refused);
      await expect(store().get(key)).rejects.toMatchObject(refused);
      await expect(store().exists(key)).rejects.toMatchObject(refused);
      await expect(store().delete(key)).rejects.toMatchObject(refused);
    });

    it("gives a download link that fetches the file as a named attachment", async () => {
      const key = `${folder()}/hortifruti-7.xlsx`;
      const bytes = Buffer.from("PK fake workbook bytes");
      await store().put(key, bytes, XLSX_CONTENT_TYPE);
      const url = await store().downloadUrl(key, "Hortifrúti lote 7.xlsx", 600);
      const response = await fetch(url);
      expect(response.status).toBe(200);
      expect(Buffer.from(await response.arrayBuffer())).toEqual(bytes);
      expect(response.headers.get("content-type")).toBe(XLSX_CONTENT_TYPE);
      const disposition = response.headers.get("content-disposition") ?? "";
      expect(disposition).toMatch(/^attachment;/);
      expect(disposition).toContain(`filename*=UTF-8''${encodeURIComponent("Hortifrúti lote 7.xlsx")}`);
    });

    it("refuses a download link for a missing key, or with an expiry out of range", async () => {
      const key = `${folder()}/missing.xlsx`;
      await expect(store().downloadUrl(key, "x.xlsx", 60)).rejects.toMatchObject({ reason: "file_not_found" });
      await store().put(key, Buffer.from("x"), XLSX_CONTENT_TYPE);
      for (const expiry of [0, -1, 1.5, 7 * 24 * 3600 + 1]) {
        await expect(store().downloadUrl(key, "x.xlsx", expiry)).rejects.toMatchObject({
          reason: "invalid_link_expiry",
        });
      }
      await expect(store().downloadUrl(key, "x.xlsx", 7 * 24 * 3600)).resolves.toMatch(/^http/);
    });
  });
}
