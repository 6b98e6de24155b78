import { type ChildProcess, spawn } from "node:child_process";
import { setTimeout as sleep } from "node:timers/promises";
import { Redis } from "ioredis";
import { requireBinary } from "./find-binary.ts";
import { freePort } from "./free-port.ts";
import type { InterruptibleService } from "./postgres-server.ts";

/**
 * A throwaway redis-server on a free port, without persistence, with BullMQ's required eviction policy. A halt
 * loses what it held, as a crash of a Redis without persistence would.
 */
export async function startRedis(): Promise<InterruptibleService> {
  const binary = requireBinary("redis-server", "redis-server");
  const port = await freePort();
  const url = `redis://127.0.0.1:${port}`;
  let child: ChildProcess | null = null;
  const start = async () => {
    child = spawn(
      binary,
      [
        "--port",
        String(port),
        "--bind",
        "127.0.0.1",
        "--save",
        "",
        "--appendonly",
        "no",
        "--maxmemory-policy",
        "noeviction",
      ],
      { stdio: "ignore" },
    );
    await waitUntilAnswering(url);
  };
  const halt = async () => {
    const running = child;
    child = null;
    if (!running || running.exitCode !== null) return;
    running.kill("SIGKILL");
    await new Promise((resolve) => running.once("exit", resolve));
  };
  await start();
  return { url, halt, resume: start, stop: halt };
}

async function waitUntilAnswering(url: string): Promise<void> {
  for (let attempt = 0; ; attempt++) {
    const client = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
    client.on("error", () => {});
    try {
      await client.connect();
      await client.ping();
      client.disconnect();
      return;
    } catch (error) {
      client.disconnect();
      if (attempt > 100) throw error;
      await sleep(100);
    }
  }
}
