import { execFileSync, spawnSync } from "node:child_process";
import { chownSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { requireBinary } from "./find-binary.ts";
import { freePort } from "./free-port.ts";

export interface RunningService {
  url: string;
  /** Stops the server and removes its data. */
  stop(): Promise<void>;
}

/** A server a fault drill can take away and bring back, with its data, on the same address. */
export interface InterruptibleService extends RunningService {
  halt(): Promise<void>;
  resume(): Promise<void>;
}

/**
 * A throwaway PostgreSQL cluster on a free port. initdb refuses to run as root, so as root the cluster belongs
 * to the `postgres` user. Unless `durable`, commits are not flushed (the data dies with the tests anyway); a fault
 * drill that crashes the server asks for durable commits, as production has.
 */
export async function startPostgres(options: { durable?: boolean } = {}): Promise<InterruptibleService> {
  const initdb = requireBinary("initdb", "postgresql");
  const pgCtl = requireBinary("pg_ctl", "postgresql");
  const port = await freePort();
  const directory = mkdtempSync(path.join(tmpdir(), "sisconf-pg-"));
  const dataDir = path.join(directory, "data");
  const asRoot = process.getuid?.() === 0;
  const run = (command: string, args: string[]) => {
    const full = asRoot ? ["-u", "postgres", "--", command, ...args] : args;
    const result = spawnSync(asRoot ? "runuser" : command, full, { encoding: "utf8" });
    if (result.status !== 0) throw new Error(`${path.basename(command)} failed: ${result.stderr || result.stdout}`);
  };
  if (asRoot) {
    const ids = execFileSync("id", ["-u", "postgres"], { encoding: "utf8" }).trim();
    const group = execFileSync("id", ["-g", "postgres"], { encoding: "utf8" }).trim();
    chownSync(directory, Number(ids), Number(group));
  }
  run(initdb, ["-D", dataDir, "-U", "postgres", "-A", "trust", "--no-sync", "-E", "UTF8"]);
  const settings = `-p ${port} -k ${directory} -c listen_addresses=127.0.0.1 -c max_connections=300`;
  const serverOptions = options.durable
    ? settings
    : `${settings} -c fsync=off -c synchronous_commit=off -c full_page_writes=off`;
  const start = () =>
    run(pgCtl, ["-D", dataDir, "-o", serverOptions, "-l", path.join(directory, "log"), "-w", "-t", "60", "start"]);
  const halt = () => run(pgCtl, ["-D", dataDir, "-m", "immediate", "-w", "stop"]);
  start();
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    async halt() {
      halt();
    },
    async resume() {
      start();
    },
    async stop() {
      try {
        halt();
      } finally {
        rmSync(directory, { recursive: true, force: true });
      }
    },
  };
}
