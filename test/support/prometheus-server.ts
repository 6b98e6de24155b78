import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { findBinary } from "./find-binary.ts";
import { freePort } from "./free-port.ts";

/** One sample of an instant query: the series' labels and its value as Prometheus writes it ("1", "NaN"). */
export interface PromSample {
  metric: Record<string, string>;
  value: [number, string];
}

export type QueryResult =
  | { resultType: "vector"; result: PromSample[] }
  | { resultType: "scalar" | "string"; result: [number, string] }
  | { resultType: "matrix"; result: unknown[] };

export interface PromRule {
  type: "alerting" | "recording";
  name: string;
  query: string;
  health: "ok" | "err" | "unknown";
  lastError?: string;
  state?: "inactive" | "pending" | "firing";
  lastEvaluation: string;
}

export interface RunningPrometheus {
  /** http://127.0.0.1:PORT */
  url: string;
  /** An instant query now; rejects with Prometheus's own error when the expression is not valid PromQL. */
  query(expression: string): Promise<QueryResult>;
  /** Every loaded rule with its expression as Prometheus parsed it from the rule files, its health and state. */
  rules(): Promise<PromRule[]>;
  /** Metric names Prometheus has stored. */
  metricNames(): Promise<string[]>;
  stop(): Promise<void>;
}

export interface PrometheusOptions {
  /** Scrape jobs: job name → `host:port` targets. */
  jobs: Record<string, string[]>;
  /** Absolute paths of rule files to load. */
  ruleFiles?: string[];
  /** Scrape and rule evaluation interval; 1s keeps tests short. */
  interval?: string;
}

export const MISSING_PROMETHEUS = "prometheus is not installed: run `apt-get install -y prometheus`";

export function requirePrometheusBinary(name: "prometheus" | "promtool"): string {
  const found = findBinary(name);
  if (!found) throw new Error(MISSING_PROMETHEUS);
  return found;
}

/** Runs promtool (`check config FILE`, `check rules FILE`) and returns its exit status and output. */
export function promtool(...args: string[]): { status: number | null; output: string } {
  const result = spawnSync(requirePrometheusBinary("promtool"), args, { encoding: "utf8" });
  return { status: result.status, output: `${result.stdout}${result.stderr}` };
}

/**
 * A real Prometheus (Debian's binary) on a free port, with its own storage in a temporary folder, scraping the
 * given targets. Resolves once Prometheus says it is ready.
 */
export async function startPrometheus(options: PrometheusOptions): Promise<RunningPrometheus> {
  const binary = requirePrometheusBinary("prometheus");
  const directory = mkdtempSync(path.join(tmpdir(), "sisconf-prometheus-"));
  const interval = options.interval ?? "1s";
  const configFile = path.join(directory, "prometheus.yml");
  // JSON is YAML: Prometheus reads it as it is.
  const config = {
    global: { scrape_interval: interval, scrape_timeout: interval, evaluation_interval: interval },
    rule_files: options.ruleFiles ?? [],
    scrape_configs: Object.entries(options.jobs).map(([job, targets]) => ({
      job_name: job,
      static_configs: [{ targets }],
    })),
  };
  writeFileSync(configFile, JSON.stringify(config, null, 2));
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  let log = "";
  const child = spawn(
    binary,
    [
      `--config.file=${configFile}`,
      `--storage.tsdb.path=${path.join(directory, "data")}`,
      `--web.listen-address=127.0.0.1:${port}`,
      "--log.level=warn",
    ],
    { stdio: ["ignore", "ignore", "pipe"] },
  );
  child.stderr?.on("data", (chunk: Buffer) => {
    log = `${log}${chunk.toString("utf8")}`.slice(-4000);
  });
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));

  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill("SIGTERM");
      await exited;
    }
    rmSync(directory, { recursive: true, force: true });
  };

  try {
    await waitUntilReady(url, child, () => log);
  } catch (error) {
    await stop();
    throw error;
  }

  async function api<T>(pathAndQuery: string): Promise<T> {
    const response = await fetch(`${url}${pathAndQuery}`);
    const body = (await response.json()) as { status: string; data: T; error?: string; errorType?: string };
    if (body.status !== "success") throw new Error(`Prometheus: ${body.errorType ?? ""} ${body.error ?? ""}`.trim());
    return body.data;
  }

  return {
    url,
    query: (expression) => api<QueryResult>(`/api/v1/query?query=${encodeURIComponent(expression)}`),
    async rules() {
      const data = await api<{ groups: { rules: PromRule[] }[] }>("/api/v1/rules");
      return data.groups.flatMap((group) => group.rules);
    },
    metricNames: () => api<string[]>("/api/v1/label/__name__/values"),
    stop,
  };
}

async function waitUntilReady(url: string, child: ChildProcess, log: () => string): Promise<void> {
  const deadline = Date.now() + 20_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`prometheus exited with ${child.exitCode}: ${log()}`);
    try {
      if ((await fetch(`${url}/-/ready`)).ok) return;
    } catch {
      // Not listening yet.
    }
    await sleep(100);
  }
  throw new Error(`prometheus was not ready within 20 s: ${log()}`);
}
