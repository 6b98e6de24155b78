import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";

export interface SpawnedSisconf {
  child: ChildProcess;
  url: string;
  /** Peak resident memory of the process so far (VmHWM), in MB. */
  peakRssMb(): number;
  /** Resident memory now (VmRSS), in MB. */
  currentRssMb(): number;
  /**
   * How late the process's event loop ran its callbacks since the last call (p99 and max, ms), read from /metrics:
   * prom-client starts its measure over at every scrape, so a first call before a run makes the next one cover it.
   */
  eventLoopDelay(): Promise<{ p99: number; max: number }>;
  stop(): Promise<void>;
}

/**
 * Runs `sisconf <role>` as its own process, as an operator would, and waits until it is ready. Without a DATA_DIR
 * in `environment` it gets a temporary one, removed when it stops; a caller restarting on the same data passes its own.
 */
export async function spawnSisconf(
  role: string,
  port: number,
  environment: Record<string, string>,
): Promise<SpawnedSisconf> {
  const ownDataDir = environment.DATA_DIR ? null : mkdtempSync(path.join(tmpdir(), `sisconf-${role}-`));
  const child = spawn(process.execPath, ["bin/sisconf.js", role], {
    env: {
      ...process.env,
      PORT: String(port),
      LOG_LEVEL: "warn",
      ...(ownDataDir ? { DATA_DIR: ownDataDir } : {}),
      ...environment,
    },
    stdio: ["ignore", "ignore", "inherit"],
  });
  const url = `http://127.0.0.1:${port}`;
  for (let attempt = 0; ; attempt++) {
    if (child.exitCode !== null) throw new Error(`sisconf ${role} exited with ${child.exitCode}`);
    try {
      if ((await fetch(`${url}/readyz`)).ok) break;
    } catch {
      // Not listening yet.
    }
    if (attempt > 600) throw new Error(`sisconf ${role} did not become ready`);
    await sleep(100);
  }
  return {
    child,
    url,
    peakRssMb: () => memoryMb(child.pid, "VmHWM"),
    currentRssMb: () => memoryMb(child.pid, "VmRSS"),
    async eventLoopDelay() {
      const metrics = await (await fetch(`${url}/metrics`)).text();
      const seconds = (name: string) =>
        Number(new RegExp(`^${name}(?:\\{[^}]*\\})? ([0-9.e+-]+)`, "m").exec(metrics)?.[1] ?? Number.NaN);
      return {
        p99: Math.round(seconds("nodejs_eventloop_lag_p99_seconds") * 10_000) / 10,
        max: Math.round(seconds("nodejs_eventloop_lag_max_seconds") * 10_000) / 10,
      };
    },
    async stop() {
      if (child.exitCode === null && child.signalCode === null) {
        const exited = new Promise((resolve) => child.once("exit", resolve));
        child.kill("SIGTERM");
        await exited;
      }
      if (ownDataDir) rmSync(ownDataDir, { recursive: true, force: true });
    },
  };
}

function memoryMb(pid: number | undefined, field: "VmHWM" | "VmRSS"): number {
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  const kilobytes = Number(new RegExp(`${field}:\\s+(\\d+)`).exec(status)?.[1] ?? 0);
  return Math.round(kilobytes / 1024);
}

/** Replaces the catalog of a running SISCONF through its API, as the entrepreneur; throws when refused. */
export async function loadCatalog(url: string, token: string, catalog: unknown): Promise<void> {
  const response = await fetch(`${url}/api/v1/catalog`, {
    method: "PUT",
    headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
    body: JSON.stringify(catalog),
  });
  if (!response.ok) throw new Error(`catalog refused: ${response.status} ${await response.text()}`);
}
