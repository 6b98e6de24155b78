import { type ChildProcess, spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { setTimeout as sleep } from "node:timers/promises";

export interface SpawnedSisconf {
  child: ChildProcess;
  url: string;
  /** Peak resident memory of the process so far (VmHWM), in MB. */
  peakRssMb(): number;
  /** Resident memory now (VmRSS), in MB. */
  currentRssMb(): number;
  stop(): Promise<void>;
}

/** Runs `sisconf <role>` as its own process, as an operator would, and waits until it is ready. */
export async function spawnSisconf(
  role: string,
  port: number,
  environment: Record<string, string>,
): Promise<SpawnedSisconf> {
  const child = spawn(process.execPath, ["bin/sisconf.js", role], {
    env: { ...process.env, PORT: String(port), LOG_LEVEL: "warn", ...environment },
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
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise((resolve) => child.once("exit", resolve));
      child.kill("SIGTERM");
      await exited;
    },
  };
}

function memoryMb(pid: number | undefined, field: "VmHWM" | "VmRSS"): number {
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  const kilobytes = Number(new RegExp(`${field}:\\s+(\\d+)`).exec(status)?.[1] ?? 0);
  return Math.round(kilobytes / 1024);
}
