import { type DestinationStream, type Logger, type LoggerOptions, pino } from "pino";
import { maskPhone } from "./domain/phone.ts";

export type { Logger };

/** Fields that hold phone numbers, wherever they appear: logs show only their last four digits (LGPD). */
const PHONE_FIELDS = ["phone", "from", "to", "*.phone", "*.from", "*.to"];

/** JSON lines for machines; readable lines when a person watches the terminal. */
export function createLogger(level: string, destination?: DestinationStream): Logger {
  const pretty = !destination && process.stdout.isTTY && process.env.NODE_ENV !== "test";
  const options: LoggerOptions = {
    level,
    base: { service: "sisconf" },
    redact: { paths: PHONE_FIELDS, censor: (value) => (typeof value === "string" ? maskPhone(value) : value) },
    ...(pretty ? { transport: { target: "pino-pretty", options: { translateTime: "SYS:HH:MM:ss" } } } : {}),
  };
  return destination ? pino(options, destination) : pino(options);
}
