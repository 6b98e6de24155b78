import { type Logger, pino } from "pino";

export type { Logger };

/** JSON lines for machines; readable lines when a person watches the terminal. */
export function createLogger(level: string): Logger {
  const pretty = process.stdout.isTTY && process.env.NODE_ENV !== "test";
  return pino({
    level,
    base: { service: "sisconf" },
    ...(pretty ? { transport: { target: "pino-pretty", options: { translateTime: "SYS:HH:MM:ss" } } } : {}),
  });
}
