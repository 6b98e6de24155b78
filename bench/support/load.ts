import http from "node:http";
import { setTimeout as sleep } from "node:timers/promises";
import { summarize } from "./latency.ts";

/** One request of a run: `client` is its client's index, `turn` how many that client sent before. True if it went well. */
export type Send = (client: number, turn: number) => Promise<boolean>;

export interface LoadResult {
  label: string;
  /** Requests that went well, per second of the run. */
  perSecond: number;
  p50: number;
  p99: number;
  done: number;
  failures: number;
}

/**
 * `clients` clients each sending its next request as soon as the previous one is answered, for `seconds`: the most the
 * server does, and the latency it takes at that load.
 */
export async function closedLoop(label: string, clients: number, seconds: number, send: Send): Promise<LoadResult> {
  const deadline = performance.now() + seconds * 1000;
  return measure(label, clients, async (client, record) => {
    for (let turn = 0; performance.now() < deadline; turn++) {
      const started = performance.now();
      record(await attempt(send, client, turn), started);
    }
  });
}

/**
 * `clients` clients sending `rate` requests per second between them on a fixed schedule, for `seconds`. A client whose
 * previous request is still unanswered when the next is due sends it late, and the latency of every request counts
 * from when it was due: a server that falls behind is charged for the wait, not hidden by it.
 */
export async function paced(
  label: string,
  clients: number,
  rate: number,
  seconds: number,
  send: Send,
): Promise<LoadResult> {
  const start = performance.now() + 50;
  const total = Math.round(rate * seconds);
  return measure(label, clients, async (client, record) => {
    for (let turn = 0; turn * clients + client < total; turn++) {
      const due = start + ((turn * clients + client) * 1000) / rate;
      const wait = due - performance.now();
      if (wait > 0) await sleep(wait);
      record(await attempt(send, client, turn), due);
    }
  });
}

/** A request that failed at the socket (reset, refused under overload) counts as a failure, not the end of the run. */
async function attempt(send: Send, client: number, turn: number): Promise<boolean> {
  try {
    return await send(client, turn);
  } catch {
    return false;
  }
}

async function measure(
  label: string,
  clients: number,
  client: (index: number, record: (ok: boolean, since: number) => void) => Promise<void>,
): Promise<LoadResult> {
  const latencies: number[] = [];
  let failures = 0;
  const record = (ok: boolean, since: number) => {
    if (ok) latencies.push(performance.now() - since);
    else failures++;
  };
  const started = performance.now();
  await Promise.all(Array.from({ length: clients }, (_, index) => client(index, record)));
  const seconds = (performance.now() - started) / 1000;
  const { p50, p99 } = summarize(latencies);
  return { label, perSecond: Math.round(latencies.length / seconds), p50, p99, done: latencies.length, failures };
}

export interface JsonClient {
  post(path: string, body: unknown): Promise<{ status: number; body: unknown }>;
}

/**
 * A keep-alive JSON client on node:http. Lighter than fetch: the load generator shares the machine with the server,
 * and every cycle it spends is one the server does not get.
 */
export function jsonClient(origin: string, connections: number, headers: Record<string, string> = {}): JsonClient {
  const url = new URL(origin);
  const agent = new http.Agent({ keepAlive: true, maxSockets: connections });
  return {
    post(path, body) {
      const payload = JSON.stringify(body);
      return new Promise((resolve, reject) => {
        const request = http.request(
          {
            agent,
            hostname: url.hostname,
            port: url.port,
            path,
            method: "POST",
            headers: { ...headers, "content-type": "application/json", "content-length": Buffer.byteLength(payload) },
          },
          (response) => {
            const chunks: Buffer[] = [];
            response.on("data", (chunk: Buffer) => chunks.push(chunk));
            response.on("end", () => {
              const text = Buffer.concat(chunks).toString("utf8");
              try {
                resolve({ status: response.statusCode ?? 0, body: text ? JSON.parse(text) : null });
              } catch {
                // Not JSON (a proxy's error page, a cut answer): the caller sees no body and counts a failure.
                resolve({ status: response.statusCode ?? 0, body: null });
              }
            });
            response.on("error", reject);
          },
        );
        request.on("error", reject);
        request.end(payload);
      });
    },
  };
}

export function formatResult(result: LoadResult, unit: string): string {
  return (
    `${result.label}: ${result.perSecond} ${unit}/s, p50 ${result.p50} ms, p99 ${result.p99} ms ` +
    `(${result.done} ${unit}, ${result.failures} failures)`
  );
}
