import { readFileSync } from "node:fs";
import { z } from "zod";
import { ConfigError } from "../../../core/config/config.ts";
import type { TemplateKind } from "../transport.ts";

/*
 * The approved message templates (deploy/whatsapp/templates.json): what a business-initiated message becomes when
 * WhatsApp's 24-hour window is closed. The file is data, read and checked once; `sisconf whatsapp templates` creates
 * the templates from it, the Cloud API transport sends them, and the tests' Graph API stand-in holds sends to it.
 */

export const TEMPLATE_KINDS = [
  "order_status",
  "final_total",
  "sheet_ready",
  "entrepreneur_notice",
  "reminder",
  "sold_out",
  "question_answer",
  "announcement",
] as const satisfies readonly TemplateKind[];

const placeholders = (body: string) => [...body.matchAll(/\{\{(\d+)\}\}/g)].map((match) => Number(match[1]));

const templateSchema = z
  .object({
    kind: z.enum(TEMPLATE_KINDS),
    name: z.string().regex(/^[a-z0-9_]{1,512}$/, "lowercase letters, digits and '_'"),
    category: z.enum(["UTILITY", "MARKETING"]),
    parameters: z.array(z.string().min(1)).min(1),
    body: z.record(z.string().regex(/^[a-z]{2,3}(_[A-Z]{2})?$/), z.string().min(1).max(1024)),
    example: z.array(z.string().min(1)),
  })
  .superRefine((template, context) => {
    const count = template.parameters.length;
    if (template.example.length !== count) {
      context.addIssue({ code: "custom", message: `${template.name}: ${count} parameters but other examples` });
    }
    for (const [language, body] of Object.entries(template.body)) {
      const numbers = placeholders(body);
      const expected = Array.from({ length: count }, (_, index) => index + 1);
      if (numbers.length !== count || !expected.every((number, index) => numbers[index] === number)) {
        context.addIssue({
          code: "custom",
          message: `${template.name} (${language}): the body must use {{1}} to {{${count}}} once each, in order`,
        });
      }
    }
  });

const fileSchema = z.object({ templates: z.array(templateSchema) }).superRefine((file, context) => {
  for (const kind of TEMPLATE_KINDS) {
    if (file.templates.filter((template) => template.kind === kind).length !== 1) {
      context.addIssue({ code: "custom", message: `exactly one template of kind ${kind} is needed` });
    }
  }
});

export type MessageTemplate = z.output<typeof templateSchema>;

export const TEMPLATES_FILE = new URL("../../../deploy/whatsapp/templates.json", import.meta.url);

/** The templates of one language, by kind. */
export class MessageTemplates {
  private constructor(
    readonly language: string,
    private readonly byKind: ReadonlyMap<TemplateKind, MessageTemplate>,
  ) {}

  /** Reads and checks the file; throws naming the problem, and when `language` is missing from a template. */
  static load(language: string, file: URL | string = TEMPLATES_FILE): MessageTemplates {
    return MessageTemplates.from(JSON.parse(readFileSync(file, "utf8")), language);
  }

  static from(json: unknown, language: string): MessageTemplates {
    const parsed = fileSchema.safeParse(json);
    if (!parsed.success) {
      throw new Error(`templates.json: ${parsed.error.issues.map((issue) => issue.message).join("; ")}`);
    }
    const missing = parsed.data.templates.filter((template) => template.body[language] === undefined);
    if (missing.length > 0) {
      throw new Error(
        `templates.json has no ${language} text for ${missing.map((template) => template.name).join(", ")}`,
      );
    }
    return new MessageTemplates(language, new Map(parsed.data.templates.map((template) => [template.kind, template])));
  }

  of(kind: TemplateKind): MessageTemplate {
    const template = this.byKind.get(kind);
    if (!template) throw new Error(`no template of kind ${kind}`);
    return template;
  }

  all(): MessageTemplate[] {
    return [...this.byKind.values()];
  }
}

/**
 * The templates in WHATSAPP_CLOUD_TEMPLATE_LANGUAGE: the file is part of the build, so a broken one, or one without
 * that language, stops start-up (and the templates command) with a line naming the variable.
 */
export function loadConfiguredTemplates(language: string): MessageTemplates {
  try {
    return MessageTemplates.load(language);
  } catch (error) {
    throw new ConfigError(
      `WHATSAPP_CLOUD_TEMPLATE_LANGUAGE: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
}

/**
 * Meta refuses a template parameter with a line break, a tab or more than four spaces in a row (132018); a long
 * free-form text is cut so that the whole message stays within a template body's 1024 characters.
 */
export function templateParameter(text: string, most = 700): string {
  const flat = text
    .replace(/[\r\n\t]+/g, " ")
    .replace(/ {2,}/g, " ")
    .trim();
  return flat.length <= most ? flat : `${flat.slice(0, most - 1)}…`;
}
