import { type DestinationStream, type Logger, type LoggerOptions, pino, stdSerializers } from "pino";
import { maskPhone } from "./domain/phone.ts";

export type { Logger };

/** Fields that hold phone numbers, wherever they appear: logs show only their last four digits (LGPD). */
const PHONE_FIELDS = ["phone", "from", "to", "*.phone", "*.from", "*.to"];

/** A run of 10 to 15 digits inside free text: what a phone looks like in an error message or a stack. */
const PHONE_IN_TEXT = /(?<!\d)\d{10,15}(?!\d)/g;
/** Fields in which database drivers put the statement's values: the customer's words, never logged. */
const VALUE_FIELDS = new Set(["parameters", "params", "args", "values"]);

/**
 * An error as logged: pino's own serialization, with phones masked in its message, stack and every other text
 * (errors quote the values that failed) and the statement's values left out.
 */
function maskedError(error: Error): unknown {
  return maskTexts(stdSerializers.err(error), 0);
}

function maskTexts(value: unknown, depth: number): unknown {
  if (typeof value === "string") return value.replace(PHONE_IN_TEXT, maskPhone);
  if (value === null || typeof value !== "object" || depth > 5) return value;
  if (Array.isArray(value)) return value.map((entry) => maskTexts(entry, depth + 1));
  return Object.fromEntries(
    Object.entries(value)
      .filter(([key]) => !VALUE_FIELDS.has(key))
      .map(([key, entry]) => [key, maskTexts(entry, depth + 1)]),
  );
}

/** JSON lines for machines; readable lines when a person watches the terminal. */
export function createLogger(level: string, destination?: DestinationStream): Logger {
  const pretty = !destination && process.stdout.isTTY && process.env.NODE_ENV !== "test";
  const options: LoggerOptions = {
    level,
    base: { service: "sisconf" },
    redact: { paths: PHONE_FIELDS, censor: (value) => (typeof value === "string" ? maskPhone(value) : value) },
    serializers: { err: maskedError },
    ...(pretty ? { transport: { target: "pino-pretty", options: { translateTime: "SYS:HH:MM:ss" } } } : {}),
  };
  return destination ? pino(options, destination) : pino(options);
}
