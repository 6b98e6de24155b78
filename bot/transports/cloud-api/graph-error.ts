import { z } from "zod";
import type { RefusalReason } from "../transport.ts";

const graphErrorBody = z.object({
  error: z
    .object({
      message: z.string().optional(),
      code: z.number().optional(),
      error_data: z.object({ details: z.string().optional() }).partial().optional(),
    })
    .optional(),
});

/** Meta's `{"error": {"message", "code"}}`, or the start of whatever else came back. */
export function readGraphError(body: string): { code: number | undefined; description: string } {
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    return { code: undefined, description: body.slice(0, 200) || "no details" };
  }
  const parsed = graphErrorBody.safeParse(json);
  const error = parsed.success ? parsed.data.error : undefined;
  if (!error?.message) return { code: error?.code, description: body.slice(0, 200) || "no details" };
  const details = error.error_data?.details ? `: ${error.error_data.details}` : "";
  return {
    code: error.code,
    description: error.code === undefined ? error.message : `${error.message}${details} (code ${error.code})`,
  };
}

/** Template errors: missing, paused, disabled, wrong parameters or format, not in this language. */
const TEMPLATE_CODES = { first: 132000, last: 132016 } as const;

/** What the outbox should make of a Graph API error code (https://developers.facebook.com/docs/whatsapp/cloud-api/support/error-codes). */
export function refusalFor(code: number | undefined): RefusalReason {
  if (code === undefined) return "temporary";
  if (code === 131047) return "window_closed";
  if (code >= TEMPLATE_CODES.first && code <= TEMPLATE_CODES.last) return "template_problem";
  if (code === 131026) return "not_on_whatsapp";
  if (code === 130429 || code === 131056 || code === 80007) return "rate_limited";
  if (code === 131048 || code === 131049) return "policy_limited";
  if (code === 131050) return "opted_out";
  return "temporary";
}
