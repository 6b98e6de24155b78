import type { CatalogFileProblem } from "./catalog-file-problem.ts";
import type { DeliveredLineProblem } from "./delivery-lines.ts";

/**
 * The closed set of failures a caller can act on. The HTTP layer maps `code` to a status in one table;
 * the bot maps `reason` to a sentence. Anything else thrown is a bug or an outage. A refusal is thrown, because the
 * throw is what rolls back the use case's transaction, but what a caller matches is a closed, typed value: a
 * `reason` from the table below, and `failure` with the details that reason carries.
 */
export type ErrorCode = "invalid_input" | "unauthorized" | "forbidden" | "not_found" | "conflict" | "unprocessable";

/**
 * Every reason a use case gives for refusing, with the code it maps to: one table, so that a caller matching a
 * reason (`error.reason === "order_closed"`, a `case` of a switch) is checked by the compiler against the reasons
 * that exist, and a new refusal is one line here.
 */
const REASON_CODES = {
  invalid_input: "invalid_input",
  no_items: "invalid_input",
  too_many_items: "invalid_input",
  invalid_quantity: "invalid_input",
  quantity_too_large: "invalid_input",
  invalid_status: "invalid_input",
  invalid_phone: "invalid_input",
  invalid_price: "invalid_input",
  price_too_high: "invalid_input",
  order_given_twice: "invalid_input",
  empty_text: "invalid_input",
  text_too_long: "invalid_input",
  announcement_empty: "invalid_input",
  announcement_too_long: "invalid_input",
  invalid_file: "invalid_input",
  file_too_large: "invalid_input",
  empty_catalog: "invalid_input",
  invalid_json: "invalid_input",
  nul_character: "invalid_input",
  invalid_storage_key: "invalid_input",
  invalid_link_expiry: "invalid_input",
  unauthorized: "unauthorized",
  bad_signature: "unauthorized",
  forbidden: "forbidden",
  verification_failed: "forbidden",
  batch_not_found: "not_found",
  order_not_found: "not_found",
  sheet_not_found: "not_found",
  file_not_found: "not_found",
  handoff_not_found: "not_found",
  unknown_product: "not_found",
  no_editable_order: "not_found",
  order_closed: "conflict",
  too_many_lines: "conflict",
  batch_full: "conflict",
  order_not_closed: "conflict",
  order_cancelled: "conflict",
  order_paid: "conflict",
  already_paid: "conflict",
  placed_by_close: "conflict",
  closed_by_close: "conflict",
  invalid_transition: "conflict",
  batch_empty: "conflict",
  nothing_to_retry: "conflict",
  cannot_revoke_self: "conflict",
  admins_fixed_by_configuration: "conflict",
  stopping: "conflict",
  unknown_sku: "unprocessable",
  not_in_order: "unprocessable",
  invalid_delivered_quantity: "unprocessable",
} as const satisfies Record<string, ErrorCode>;

export type FailureReason = keyof typeof REASON_CODES;

/** The reasons that one code carries (`ReasonOf<"not_found">` is "batch_not_found" | "order_not_found" | …). */
export type ReasonOf<Code extends ErrorCode> = {
  [Reason in FailureReason]: (typeof REASON_CODES)[Reason] extends Code ? Reason : never;
}[FailureReason];

/** What a refusal carries besides its message, for the reasons that carry something. */
interface DetailsByReason {
  invalid_input: { problems: string[] };
  invalid_file: { problem: CatalogFileProblem };
  unknown_sku: { skus: string[] };
  order_not_closed: { orderNumber: number };
  order_cancelled: { orderNumber: number };
  order_paid: { orderNumber: number };
  invalid_transition: { entity: "order" | "batch"; number: number; from: string; to: string };
  not_in_order: { problems: DeliveredLineProblem[] };
  invalid_delivered_quantity: { problems: DeliveredLineProblem[] };
}

export type DetailsOf<Reason extends FailureReason> = Reason extends keyof DetailsByReason
  ? DetailsByReason[Reason]
  : undefined;

/**
 * A refusal as a value, discriminated by its reason: `switch (error.failure.reason)` types each case's `details`.
 */
export type Failure<Reason extends FailureReason = FailureReason> = {
  [Each in Reason]: { code: (typeof REASON_CODES)[Each]; reason: Each; message: string; details: DetailsOf<Each> };
}[Reason];

/** The arguments of `new AppError`: a code and one of its own reasons, so a reason cannot travel under another code. */
type AppErrorArguments = {
  [Code in ErrorCode]: {
    [Reason in ReasonOf<Code>]: [code: Code, reason: Reason, message: string, details?: DetailsOf<Reason>];
  }[ReasonOf<Code>];
}[ErrorCode];

export class AppError extends Error {
  override name = "AppError";
  readonly code: ErrorCode;
  /** A stable, machine-readable reason ("batch_empty", "unknown_sku"), for callers that word it themselves. */
  readonly reason: FailureReason;
  readonly details: DetailsOf<FailureReason> | undefined;

  constructor(...[code, reason, message, details]: AppErrorArguments) {
    super(message);
    this.code = code;
    this.reason = reason;
    this.details = details;
  }

  /** This refusal as a value whose `details` the compiler knows from its `reason`. */
  get failure(): Failure {
    return { code: this.code, reason: this.reason, message: this.message, details: this.details } as Failure;
  }
}

function refusalsOf<Code extends ErrorCode>(code: Code) {
  return <Reason extends ReasonOf<Code>>(reason: Reason, message: string, details?: DetailsOf<Reason>) =>
    new AppError(...([code, reason, message, details] as AppErrorArguments));
}

export const invalidInput = refusalsOf("invalid_input");
export const notFound = refusalsOf("not_found");
export const conflict = refusalsOf("conflict");
export const unprocessable = refusalsOf("unprocessable");
