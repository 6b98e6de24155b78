import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { type Role, type RunningSystem, startSystem } from "../../cli/start-system.ts";
import { freePort } from "./free-port.ts";
import { createPostgresDatabase, type DatabaseKind } from "./test-database.ts";

// biome-ignore lint/suspicious/noExplicitAny: response bodies are JSON that the assertions reading them check
export type JsonBody = any;

export const TEST_API_TOKEN = "test-token-0123456789abcdef";

export interface TestSystem extends RunningSystem {
  dataDir: string;
  /** fetch against the system with the entrepreneur's token unless `token` is given (null: no header). */
  request(
    method: string,
    urlPath: string,
    body?: unknown,
    token?: string | null,
  ): Promise<{ status: number; body: JsonBody }>;
  close(): Promise<void>;
}

/** The real system, as `sisconf start` wires it, on a free port with its own database and data folder. */
export async function startTestSystem(
  kind: DatabaseKind,
  environment: Record<string, string> = {},
  roles: readonly Role[] = ["api", "bot", "sheets"],
): Promise<TestSystem> {
  const dataDir = mkdtempSync(path.join(tmpdir(), "sisconf-data-"));
  // A drill that brings its own PostgreSQL passes DATABASE_URL.
  const database = kind === "postgres" && !environment.DATABASE_URL ? await createPostgresDatabase() : null;
  const system = await startSystem(roles, {
    PORT: String(await freePort()),
    DATA_DIR: dataDir,
    API_TOKEN: TEST_API_TOKEN,
    LOG_LEVEL: "silent",
    ...(database ? { DATABASE_URL: database.url } : {}),
    ...environment,
  });
  return {
    ...system,
    dataDir,
    async request(method, urlPath, body, token = TEST_API_TOKEN) {
      const response = await fetch(`${system.url}${urlPath}`, {
        method,
        headers: {
          ...(body === undefined ? {} : { "content-type": "application/json" }),
          ...(token === null ? {} : { authorization: `Bearer ${token}` }),
        },
        body: body === undefined ? undefined : typeof body === "string" ? body : JSON.stringify(body),
      });
      const text = await response.text();
      let parsed: unknown = text;
      try {
        parsed = JSON.parse(text);
      } catch {
        // Not JSON (metrics, pages): keep the text.
      }
      return { status: response.status, body: parsed };
    },
    async close() {
      await system.stop("test done");
      await database?.drop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
