import type { TestProject } from "vitest/node";
import { type RunningService, startPostgres } from "./postgres-server.ts";
import { startRedis } from "./redis-server.ts";

declare module "vitest" {
  export interface ProvidedContext {
    postgresUrl: string;
    redisUrl: string;
  }
}

/**
 * Starts the servers the tests talk to, unless TEST_POSTGRES_URL / TEST_REDIS_URL point at running ones.
 * Each test file makes its own database on the shared server.
 */
export default async function setup(project: TestProject) {
  const started: RunningService[] = [];
  try {
    const postgresUrl = process.env.TEST_POSTGRES_URL ?? (await remember(started, startPostgres())).url;
    const redisUrl = process.env.TEST_REDIS_URL ?? (await remember(started, startRedis())).url;
    project.provide("postgresUrl", postgresUrl);
    project.provide("redisUrl", redisUrl);
  } catch (error) {
    await Promise.allSettled(started.map((service) => service.stop()));
    throw error;
  }
  return async () => {
    await Promise.allSettled(started.map((service) => service.stop()));
  };
}

async function remember(started: RunningService[], starting: Promise<RunningService>): Promise<RunningService> {
  const service = await starting;
  started.push(service);
  return service;
}
