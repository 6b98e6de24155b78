import path from "node:path";
import { z } from "zod";
import {
  CLOSE_SCHEDULE_EXPECTED,
  type CloseSchedule,
  isKnownTimeZone,
  parseCloseSchedule,
} from "../domain/close-schedule.ts";
import { type DeliveryFees, NO_DELIVERY_FEES, parseDeliveryFees } from "../domain/delivery-fees.ts";
import { PHONE_DIGITS, typedPhone } from "../domain/phone.ts";
import { type PixSettings, readPixSettings } from "../domain/pix.ts";

const optionalText = z
  .string()
  .trim()
  .transform((value) => (value === "" ? undefined : value))
  .optional();

const phone = z.string().regex(PHONE_DIGITS, "a phone number of 10 to 15 digits");

const booleanFlag = z
  .enum(["true", "false", "1", "0", ""])
  .optional()
  .transform((value) => value === "true" || value === "1");

/** A flag that is on unless set to false. */
const flagOnByDefault = z
  .enum(["true", "false", "1", "0", ""])
  .optional()
  .transform((value) => value !== "false" && value !== "0");

const positiveInteger = (fallback: number) =>
  z.coerce
    .number({ error: "a positive whole number" })
    .int("a positive whole number")
    .positive("a positive whole number")
    .default(fallback);

/**
 * A URL of one of the given schemes. Checked whole here, so that a malformed one (a port that is not a number, an
 * unencoded "@" or "/" in the password) stops start-up with its variable named instead of failing later inside a
 * driver, whose message may quote the URL and the password in it.
 */
const serviceUrl = (schemes: readonly string[], expected: string) =>
  optionalText.pipe(
    z
      .string()
      .refine((text) => {
        try {
          const url = new URL(text);
          return schemes.includes(url.protocol);
        } catch {
          return false;
        }
      }, expected)
      .optional(),
  );

/** Every environment variable SISCONF reads, with PRODUCT.md's defaults. */
const environmentSchema = z.object({
  PORT: z.coerce
    .number({ error: "a port number from 0 to 65535" })
    .int("a port number from 0 to 65535")
    .min(0, "a port number from 0 to 65535")
    .max(65535, "a port number from 0 to 65535")
    .default(3000),
  DATA_DIR: z.string().min(1).default("./data"),
  DATABASE_URL: serviceUrl(
    ["postgres:", "postgresql:"],
    "a postgres://user:password@host:port/database URL (special characters in the password percent-encoded)",
  ),
  /** Send a transaction's commit with its last statement on the patched driver (scripts/patch-postgres.mjs). */
  POSTGRES_COMMIT_BEHIND_LAST: flagOnByDefault,
  REDIS_URL: serviceUrl(["redis:", "rediss:"], "a redis://host:port URL (special characters percent-encoded)"),
  S3_BUCKET: optionalText,
  S3_ENDPOINT: optionalText.pipe(z.url().optional()),
  S3_REGION: z.string().default("us-east-1"),
  S3_ACCESS_KEY_ID: optionalText,
  S3_SECRET_ACCESS_KEY: optionalText,
  S3_FORCE_PATH_STYLE: booleanFlag,
  KEYCLOAK_URL: optionalText.pipe(z.url().optional()),
  KEYCLOAK_REALM: z.string().default("sisconf"),
  KEYCLOAK_CLIENT_ID: optionalText,
  KEYCLOAK_CLIENT_SECRET: optionalText,
  /** The `aud` every API access token must carry (the realm's audience mapper puts it there). */
  KEYCLOAK_AUDIENCE: z.string().min(1).default("sisconf-api"),
  /** The realm's public client the dashboard logs in through (authorization code with PKCE). */
  KEYCLOAK_DASHBOARD_CLIENT_ID: z.string().min(1).default("sisconf-app"),
  /** The `iss` of the realm's tokens when people reach Keycloak by another URL than KEYCLOAK_URL. */
  KEYCLOAK_ISSUER: optionalText.pipe(z.url().optional()),
  /** How long the entrepreneurs read from Keycloak are trusted before they are read again. */
  KEYCLOAK_ROLE_CACHE_SECONDS: positiveInteger(60),
  /** How long one call to Keycloak may take before it counts as an outage. */
  KEYCLOAK_TIMEOUT_MS: positiveInteger(3000),
  /** How often customers not yet linked to a Keycloak user are retried. */
  KEYCLOAK_SYNC_INTERVAL_SECONDS: positiveInteger(30),
  /** Tolerance for clocks that disagree when checking a token's expiry. */
  KEYCLOAK_CLOCK_SKEW_SECONDS: z.coerce.number().int().min(0).max(300).default(30),
  ADMIN_PHONES: z
    .string()
    .default("")
    .transform((value) =>
      value
        .split(",")
        .map((entry) => entry.trim())
        .filter(Boolean)
        // As the simulator page and `sisconf chat` read a typed phone: "(84) 99999-0001" is 5584999990001.
        .map((entry) => typedPhone(entry) ?? entry),
    )
    .pipe(z.array(phone)),
  API_TOKEN: optionalText.pipe(z.string().min(16, "at least 16 characters").optional()),
  BOT_TRANSPORT: z.enum(["simulator", "whatsapp-web", "cloud-api"]).default("simulator"),
  CHROMIUM_PATH: z.string().default("/usr/bin/chromium"),
  /** The WhatsApp Web version whatsapp-web.js runs; unset: the one pinned in the transport. */
  WHATSAPP_WEB_VERSION: optionalText.pipe(
    z
      .string()
      .regex(/^2\.\d{4}\.\d{1,15}$/, "a WhatsApp Web version such as 2.3000.1017054665")
      .optional(),
  ),
  WHATSAPP_CLOUD_VERIFY_TOKEN: optionalText,
  WHATSAPP_CLOUD_APP_SECRET: optionalText,
  WHATSAPP_CLOUD_ACCESS_TOKEN: optionalText,
  WHATSAPP_CLOUD_PHONE_NUMBER_ID: optionalText,
  WHATSAPP_CLOUD_GRAPH_URL: z.url().default("https://graph.facebook.com/v23.0"),
  /** Language code of the message templates sent outside the 24-hour window (deploy/whatsapp/templates.json). */
  WHATSAPP_CLOUD_TEMPLATE_LANGUAGE: z
    .string()
    .regex(/^[a-z]{2,3}(_[A-Z]{2})?$/, "a WhatsApp language code such as pt_BR or en_US")
    .default("pt_BR"),
  /** The WhatsApp Business Account that owns the templates: `sisconf whatsapp templates` needs it. */
  WHATSAPP_CLOUD_BUSINESS_ACCOUNT_ID: optionalText.pipe(
    z
      .string()
      .regex(/^\d{1,30}$/, "the WhatsApp Business Account id (digits)")
      .optional(),
  ),
  PUBLIC_URL: optionalText.pipe(z.url().optional()),
  LOCALE: z.enum(["pt-BR", "en"]).default("pt-BR"),
  /** The entrepreneur's business as customers and providers see it: the first line of every sheet's title. */
  BUSINESS_NAME: z
    .string()
    .trim()
    .min(1, "a name that is not empty")
    .max(200, "at most 200 characters")
    .default("SISCONF"),
  /** Each provider's sheet goes to the provider's phone by WhatsApp as soon as it is ready after a close. */
  SEND_TO_PROVIDERS: booleanFlag,
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  /** How long a summary waits for "sim" before it is dropped. */
  PENDING_ORDER_TTL_MINUTES: positiveInteger(120),
  /** Messages one phone may send per minute before the bot asks it to slow down. */
  BOT_MESSAGES_PER_MINUTE: positiveInteger(30),
  /** Least time between two messages the bot sends to the same person (unset: the transport's own default). */
  BOT_SEND_INTERVAL_MS: z.coerce.number().int().min(0).optional(),
  /** Messages one person may get at once before BOT_SEND_INTERVAL_MS applies (unset: the transport's default). */
  BOT_SEND_BURST: z.coerce.number().int().positive().optional(),
  /** Most messages the bot sends per second over everyone. */
  BOT_SEND_PER_SECOND: z.coerce.number().int().positive().optional(),
  /** Prefix of SISCONF's keys in Redis, so deployments (or test runs) can share one Redis. */
  QUEUE_PREFIX: z
    .string()
    .regex(/^[a-z0-9_-]{1,40}$/, "1 to 40 lowercase letters, digits, '-' or '_'")
    .default("sisconf"),
  /** Sheet jobs one worker process runs at once. */
  SHEETS_CONCURRENCY: positiveInteger(2),
  /** Tries of a sheet job before it is reported as failed, and the delay before the second (doubled after). */
  SHEET_JOB_ATTEMPTS: positiveInteger(5),
  SHEET_JOB_BACKOFF_MS: positiveInteger(1000),
  /** How long a worker holds a job before another takes it over (a killed worker). */
  SHEET_JOB_LOCK_MS: positiveInteger(30_000),
  /** How long a sheet link sent in chat works (S3 allows 7 days at most). */
  SHEET_LINK_TTL_HOURS: z.coerce.number().int().min(1).max(168).default(168),
  /** How long a role may take to finish its work in hand after SIGTERM before it exits anyway. */
  SHUTDOWN_GRACE_MS: positiveInteger(20_000),
  /** `bairro=valor` pairs separated by `;`, `*` for the rest: the delivery fee by neighbourhood. */
  DELIVERY_FEES: optionalText.transform((value, context) => {
    if (value === undefined) return NO_DELIVERY_FEES;
    const read = parseDeliveryFees(value);
    if (read.ok) return read.fees;
    context.addIssue({
      code: "custom",
      message: `${read.problem} (expected e.g. Centro=5.00;Lagoa Nova=7.50;*=10.00)`,
    });
    return z.NEVER;
  }),
  /** When the open batch closes on its own, in TZ; unset: by command only (the chat may set it). */
  BATCH_CLOSE_SCHEDULE: optionalText.transform((value, context): CloseSchedule | null => {
    if (value === undefined) return null;
    const schedule = parseCloseSchedule(value);
    if (schedule) return schedule;
    context.addIssue({ code: "custom", message: CLOSE_SCHEDULE_EXPECTED });
    return z.NEVER;
  }),
  /** How long before a scheduled close customers with an unconfirmed list are reminded. */
  BATCH_REMINDER_HOURS: z.coerce
    .number({ error: "a whole number of hours from 0 to 144" })
    .int("a whole number of hours from 0 to 144")
    .min(0, "a whole number of hours from 0 to 144")
    .max(144, "a whole number of hours from 0 to 144")
    .default(6),
  /** How often the scheduler looks whether a close or a reminder is due. */
  BATCH_SCHEDULE_CHECK_SECONDS: positiveInteger(15),
  /** The time zone of BATCH_CLOSE_SCHEDULE and of the times the bot tells. */
  TZ: optionalText
    .transform((value) => value ?? "America/Fortaleza")
    .pipe(z.string().refine(isKnownTimeZone, "an IANA time zone such as America/Fortaleza")),
  PIX_KEY: optionalText,
  PIX_MERCHANT_NAME: optionalText,
  PIX_MERCHANT_CITY: optionalText,
  /** Database connections of one process (PostgreSQL only). */
  DATABASE_POOL_SIZE: positiveInteger(10),
});

export type Environment = z.input<typeof environmentSchema>;
type ParsedEnvironment = z.output<typeof environmentSchema>;

export interface Config
  extends Omit<ParsedEnvironment, "PUBLIC_URL" | "DATA_DIR" | "PIX_KEY" | "PIX_MERCHANT_NAME" | "PIX_MERCHANT_CITY"> {
  DATA_DIR: string;
  PUBLIC_URL: string;
  /**
   * Whether PUBLIC_URL was set: its localhost default serves links on this machine only, so what customers open on
   * their phones (the price list) is linked only when it was.
   */
  publicUrlGiven: boolean;
  DELIVERY_FEES: DeliveryFees;
  /** The Pix key and its holder: null when PIX_KEY is unset (no Pix codes). */
  pix: PixSettings | null;
  /** PENDING_ORDER_TTL_MINUTES in milliseconds: how long a drafted list waits for "sim". */
  pendingTtlMs: number;
}

export class ConfigError extends Error {
  override name = "ConfigError";
}

/**
 * Reads the environment once. Every problem is reported together, one line per variable, so that an operator
 * fixes them in one go. A line names the variable and what is expected, never the value: values hold passwords
 * (inside URLs) and tokens, and start-up errors end up in terminals and log collectors.
 */
export function loadConfig(environment: Record<string, string | undefined> = process.env): Config {
  const parsed = environmentSchema.safeParse(environment);
  if (!parsed.success) {
    const lines = new Set(
      parsed.error.issues.map((issue) => `${String(issue.path[0] ?? "environment")}: ${issue.message}`),
    );
    throw new ConfigError([...lines].join("\n"));
  }
  const value = parsed.data;
  const problems: string[] = [];
  if (value.BOT_TRANSPORT === "cloud-api") {
    for (const name of [
      "WHATSAPP_CLOUD_VERIFY_TOKEN",
      "WHATSAPP_CLOUD_APP_SECRET",
      "WHATSAPP_CLOUD_ACCESS_TOKEN",
      "WHATSAPP_CLOUD_PHONE_NUMBER_ID",
    ] as const) {
      if (!value[name]) problems.push(`${name}: required when BOT_TRANSPORT=cloud-api`);
    }
  }
  if (value.KEYCLOAK_URL && (!value.KEYCLOAK_CLIENT_ID || !value.KEYCLOAK_CLIENT_SECRET)) {
    problems.push("KEYCLOAK_CLIENT_ID: KEYCLOAK_CLIENT_ID and KEYCLOAK_CLIENT_SECRET are required with KEYCLOAK_URL");
  }
  if (value.S3_BUCKET && (!value.S3_ACCESS_KEY_ID || !value.S3_SECRET_ACCESS_KEY)) {
    problems.push("S3_ACCESS_KEY_ID: S3_ACCESS_KEY_ID and S3_SECRET_ACCESS_KEY are required with S3_BUCKET");
  }
  const pix = readPixSettings({
    key: value.PIX_KEY,
    merchantName: value.PIX_MERCHANT_NAME,
    merchantCity: value.PIX_MERCHANT_CITY,
  });
  if (!pix.ok) {
    for (const { variable, problem } of pix.problems) {
      problems.push(`${variable}: ${problem} (got ${JSON.stringify(environment[variable] ?? "")})`);
    }
  }
  if (problems.length > 0) throw new ConfigError(problems.join("\n"));
  const { PIX_KEY: _key, PIX_MERCHANT_NAME: _name, PIX_MERCHANT_CITY: _city, ...rest } = value;
  return {
    ...rest,
    pix: pix.ok ? pix.settings : null,
    DATA_DIR: path.resolve(value.DATA_DIR),
    PUBLIC_URL: (value.PUBLIC_URL ?? `http://localhost:${value.PORT}`).replace(/\/+$/, ""),
    publicUrlGiven: value.PUBLIC_URL !== undefined,
    pendingTtlMs: value.PENDING_ORDER_TTL_MINUTES * 60_000,
  };
}
