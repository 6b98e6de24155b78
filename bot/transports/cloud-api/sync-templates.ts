import { z } from "zod";
import { readGraphError } from "./graph-error.ts";
import type { MessageTemplate, MessageTemplates } from "./message-templates.ts";

export interface TemplateAccount {
  /** `https://graph.facebook.com/v23.0`, or a stand-in. */
  graphUrl: string;
  accessToken: string;
  /** The WhatsApp Business Account that owns the templates. */
  businessAccountId: string;
  timeoutMs?: number;
}

/** What became of one template: it is there as defined, was created now, or needs a person. */
export type TemplateOutcome =
  | { name: string; kind: "ok"; status: string }
  | { name: string; kind: "created"; status: string }
  | { name: string; kind: "missing" }
  | { name: string; kind: "not_approved"; status: string }
  | { name: string; kind: "differs"; detail: string }
  | { name: string; kind: "refused"; detail: string };

const listed = z.object({
  data: z.array(
    z.object({
      name: z.string(),
      language: z.string(),
      status: z.string(),
      category: z.string().optional(),
      components: z.array(z.object({ type: z.string(), text: z.string().optional() })).optional(),
    }),
  ),
});
const created = z.object({ id: z.string(), status: z.string().optional() });

/**
 * Checks each template of deploy/whatsapp/templates.json against the account's `message_templates`, in the
 * configured language, and creates the missing ones unless `checkOnly`. A template that exists with another text
 * or category is reported, never changed: editing an approved template sends it back to review.
 */
export async function syncTemplates(
  account: TemplateAccount,
  templates: MessageTemplates,
  checkOnly: boolean,
): Promise<TemplateOutcome[]> {
  const endpoint = `${account.graphUrl.replace(/\/+$/, "")}/${encodeURIComponent(account.businessAccountId)}/message_templates`;
  const call = async (url: string, init: RequestInit = {}): Promise<unknown> => {
    const response = await fetch(url, {
      ...init,
      headers: {
        ...(init.headers as Record<string, string>),
        authorization: `Bearer ${account.accessToken}`,
      },
      signal: AbortSignal.timeout(account.timeoutMs ?? 15_000),
    });
    const text = await response.text();
    if (!response.ok) throw new Error(readGraphError(text).description);
    return JSON.parse(text) as unknown;
  };
  const outcomes: TemplateOutcome[] = [];
  for (const template of templates.all()) {
    const body = template.body[templates.language] ?? "";
    const query = new URLSearchParams({ name: template.name, fields: "name,language,status,category,components" });
    const found = listed
      .parse(await call(`${endpoint}?${query}`))
      .data.find((entry) => entry.name === template.name && entry.language === templates.language);
    if (found) {
      const text = found.components?.find((component) => component.type.toUpperCase() === "BODY")?.text;
      if (text !== body) outcomes.push({ name: template.name, kind: "differs", detail: `its text is "${text ?? ""}"` });
      else if (found.category && found.category !== template.category) {
        outcomes.push({ name: template.name, kind: "differs", detail: `its category is ${found.category}` });
      } else if (found.status !== "APPROVED") {
        outcomes.push({ name: template.name, kind: "not_approved", status: found.status });
      } else outcomes.push({ name: template.name, kind: "ok", status: found.status });
      continue;
    }
    if (checkOnly) {
      outcomes.push({ name: template.name, kind: "missing" });
      continue;
    }
    try {
      const answer = created.parse(
        await call(endpoint, {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify(creation(template, templates.language, body)),
        }),
      );
      outcomes.push({ name: template.name, kind: "created", status: answer.status ?? "PENDING" });
    } catch (error) {
      outcomes.push({
        name: template.name,
        kind: "refused",
        detail: error instanceof Error ? error.message : String(error),
      });
    }
  }
  return outcomes;
}

/** The `message_templates` creation request: a body with its example values, as Meta's review requires. */
function creation(template: MessageTemplate, language: string, body: string): Record<string, unknown> {
  return {
    name: template.name,
    language,
    category: template.category,
    components: [{ type: "BODY", text: body, example: { body_text: [template.example] } }],
  };
}
