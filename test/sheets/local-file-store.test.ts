import { mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { request, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import express from "express";
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from "vitest";
import { loadLinkSecret } from "../../sheets/storage/link-secret.ts";
import { signLink, verifyLink } from "../../sheets/storage/link-signature.ts";
import { LocalFileStore } from "../../sheets/storage/local-file-store.ts";
import { localFilesRouter } from "../../sheets/storage/local-files-router.ts";

const SECRET = "a-test-secret-of-enough-length";

describe("local download link signatures", () => {
  const link = { key: "batches/1/consolidado-1.xlsx", expires: 2_000_000_000, filename: "consolidado-1.xlsx" };

  it("accepts its own signature until the expiry, then refuses it as expired", () => {
    const signature = signLink(link, SECRET);
    expect(signature).toMatch(/^[0-9a-f]{64}$/);
    expect(verifyLink(link, signature, SECRET, link.expires)).toEqual({ valid: true });
    expect(verifyLink(link, signature, SECRET, link.expires + 1)).toEqual({ valid: false, reason: "expired" });
  });

  it.each([
    ["another key", { ...link, key: "batches/2/consolidado-1.xlsx" }, SECRET],
    ["a later expiry", { ...link, expires: link.expires + 1 }, SECRET],
    ["another file name", { ...link, filename: "x.xlsx" }, SECRET],
    ["another secret", link, "another-secret-of-enough-length"],
  ])("refuses a signature checked against %s", (_change, checked, secret) => {
    expect(verifyLink(checked, signLink(link, SECRET), secret, 0)).toEqual({ valid: false, reason: "bad_signature" });
  });

  it("refuses a signature that is not hex without throwing", () => {
    expect(verifyLink(link, "not-a-signature", SECRET, 0)).toEqual({ valid: false, reason: "bad_signature" });
  });

  it("keeps the link secret in the data folder so links survive a restart", async () => {
    const dataDirectory = await mkdtemp(path.join(os.tmpdir(), "sisconf-secret-"));
    try {
      const first = await loadLinkSecret(dataDirectory);
      expect(first).toMatch(/^[0-9a-f]{64}$/);
      expect(await loadLinkSecret(dataDirectory)).toBe(first);
    } finally {
      await rm(dataDirectory, { recursive: true, force: true });
    }
  });
});

describe("local file store and its download route", () => {
  let directory: string;
  let server: Server;
  let baseUrl: string;
  let store: LocalFileStore;
  let now = new Date("2030-01-01T00:00:00Z");

  beforeAll(async () => {
    directory = await mkdtemp(path.join(os.tmpdir(), "sisconf-local-"));
    const app = express();
    server = await new Promise<Server>((resolve) => {
      const listening = app.listen(0, "127.0.0.1", () => resolve(listening));
    });
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    store = new LocalFileStore({ directory, publicUrl: `${baseUrl}/`, secret: SECRET, clock: () => now });
    app.use(localFilesRouter(store, SECRET));
  });

  afterAll(async () => {
    await new Promise((resolve) => server?.close(resolve));
    await rm(directory, { recursive: true, force: true });
  });

  it("writes the file under its key and leaves no temporary file behind", async () => {
    await store.put("batches/3/hortifruti-2.xlsx", Buffer.from("bytes"), "application/octet-stream");
    expect(await readFile(path.join(directory, "batches", "3", "hortifruti-2.xlsx"), "utf8")).toBe("bytes");
    expect(await readdir(path.join(directory, "batches", "3"))).toEqual(["hortifruti-2.xlsx"]);
  });

  it("builds links on PUBLIC_URL with the expiry, file name and signature", async () => {
    now = new Date("2030-01-01T00:00:00Z");
    await store.put("batches/3/a b.xlsx", Buffer.from("x"), "application/octet-stream");
    const url = new URL(await store.downloadUrl("batches/3/a b.xlsx", "a b.xlsx", 3600));
    expect(`${url.origin}${url.pathname}`).toBe(`${baseUrl}/files/batches/3/a%20b.xlsx`);
    expect(url.searchParams.get("expires")).toBe(String(Date.parse("2030-01-01T01:00:00Z") / 1000));
    expect(url.searchParams.get("filename")).toBe("a b.xlsx");
    expect(url.searchParams.get("signature")).toMatch(/^[0-9a-f]{64}$/);
  });

  it("answers 403 with a JSON error for an expired link", async () => {
    now = new Date(Date.now() - 7200_000);
    await store.put("batches/4/old.xlsx", Buffer.from("x"), "application/octet-stream");
    const url = await store.downloadUrl("batches/4/old.xlsx", "old.xlsx", 3600);
    now = new Date();
    const response = await fetch(url);
    expect(response.status).toBe(403);
    expect(await response.json()).toEqual({ error: "this download link has expired" });
  });

  it("answers 403 when the signature, the file name or the key of a link was changed", async () => {
    await store.put("batches/5/a.xlsx", Buffer.from("a"), "application/octet-stream");
    await store.put("batches/5/b.xlsx", Buffer.from("b"), "application/octet-stream");
    const url = new URL(await store.downloadUrl("batches/5/a.xlsx", "a.xlsx", 3600));
    const variants = [
      new URL(url.href.replace(/signature=[0-9a-f]/, "signature=x")),
      new URL(url.href.replace("filename=a.xlsx", "filename=evil.html")),
      new URL(url.href.replace("/a.xlsx?", "/b.xlsx?")),
      new URL(`${url.origin}${url.pathname}`),
    ];
    for (const variant of variants) {
      const response = await fetch(variant);
      expect(response.status).toBe(403);
      expect(await response.json()).toHaveProperty("error");
    }
  });

  it("answers 404 with a JSON error when the file was deleted after the link was made", async () => {
    await store.put("batches/6/a.xlsx", Buffer.from("a"), "application/octet-stream");
    const url = await store.downloadUrl("batches/6/a.xlsx", "a.xlsx", 3600);
    await store.delete("batches/6/a.xlsx");
    const response = await fetch(url);
    expect(response.status).toBe(404);
    expect(await response.json()).toEqual({ error: "this file no longer exists" });
  });

  it("answers 404 with a JSON error for a correctly signed link to a folder, and keeps the connection", async () => {
    await store.put("batches/7/a.xlsx", Buffer.from("a"), "application/octet-stream");
    const expires = Math.floor(Date.now() / 1000) + 600;
    const signature = signLink({ key: "batches/7", expires, filename: "a.xlsx" }, SECRET);
    const response = await fetch(
      `${baseUrl}/files/batches/7?expires=${expires}&filename=a.xlsx&signature=${signature}`,
    );
    expect(response.status).toBe(404);
    expect(await response.json()).toEqual({ error: "this file no longer exists" });
  });

  it("does not serve a file outside the store, even for a correctly signed parent-segment key", async () => {
    const outside = path.join(directory, "..", `${path.basename(directory)}-outside.xlsx`);
    await writeFile(outside, "secret");
    onTestFinished(() => rm(outside, { force: true }));
    const key = `../${path.basename(directory)}-outside.xlsx`;
    const expires = Math.floor(Date.now() / 1000) + 600;
    const signature = signLink({ key, expires, filename: "x.xlsx" }, SECRET);
    // A raw request: fetch would resolve the ".." itself before sending.
    const encodedKey = key
      .split("/")
      .map((segment) => (segment === ".." ? "%2e%2e" : segment))
      .join("/");
    const { status, body } = await rawGet(
      `${baseUrl}/files/${encodedKey}?expires=${expires}&filename=x.xlsx&signature=${signature}`,
    );
    expect(status).toBe(403);
    expect(body).not.toContain("secret");
  });

  it("refuses a link secret shorter than 16 characters", () => {
    expect(() => new LocalFileStore({ directory, publicUrl: baseUrl, secret: "short" })).toThrow(/16 characters/);
  });
});

function rawGet(url: string): Promise<{ status: number; body: string }> {
  const { hostname, port } = new URL(url);
  const pathAndQuery = url.slice(url.indexOf("/", url.indexOf("//") + 2));
  return new Promise((resolve, reject) => {
    request({ hostname, port, path: pathAndQuery, method: "GET" }, (response) => {
      let body = "";
      response.on("data", (chunk: Buffer) => {
        body += chunk.toString();
      });
      response.on("end", () => resolve({ status: response.statusCode ?? 0, body }));
    })
      .on("error", reject)
      .end();
  });
}
