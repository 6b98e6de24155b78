import { parseArgs } from "node:util";
import { loadConfiguredTemplates } from "../../bot/transports/cloud-api/message-templates.ts";
import { syncTemplates, type TemplateOutcome } from "../../bot/transports/cloud-api/sync-templates.ts";
import { ensureBusiness } from "../../core/app/ensure-business.ts";
import { releaseHeldNotifications } from "../../core/app/release-held-notifications.ts";
import { ConfigError, loadConfig } from "../../core/config/config.ts";
import { openDatabase } from "../../core/db/database.ts";

/**
 * `sisconf whatsapp templates [--check]`: creates the message templates of deploy/whatsapp/templates.json that the
 * WhatsApp Business Account lacks (or, with --check, only says which), and reports those that are not approved or
 * differ. Once all are approved, messages kept for a template problem are due again (with PostgreSQL; the
 * embedded database belongs to the running server, whose sender retries them within the hour).
 */
export async function whatsappTemplatesCommand(argv: string[]): Promise<number> {
  const { values } = parseArgs({ args: argv, options: { check: { type: "boolean", default: false } } });
  const config = loadConfig();
  const problems = [
    ...(config.WHATSAPP_CLOUD_ACCESS_TOKEN ? [] : ["WHATSAPP_CLOUD_ACCESS_TOKEN: required to manage templates"]),
    ...(config.WHATSAPP_CLOUD_BUSINESS_ACCOUNT_ID
      ? []
      : ["WHATSAPP_CLOUD_BUSINESS_ACCOUNT_ID: required to manage templates (the WhatsApp Business Account id)"]),
  ];
  if (problems.length > 0) throw new ConfigError(problems.join("\n"));
  const templates = loadConfiguredTemplates(config.WHATSAPP_CLOUD_TEMPLATE_LANGUAGE);
  const outcomes = await syncTemplates(
    {
      graphUrl: config.WHATSAPP_CLOUD_GRAPH_URL,
      accessToken: config.WHATSAPP_CLOUD_ACCESS_TOKEN ?? "",
      businessAccountId: config.WHATSAPP_CLOUD_BUSINESS_ACCOUNT_ID ?? "",
    },
    templates,
    values.check,
  );
  for (const outcome of outcomes) process.stdout.write(`${describe(outcome)}\n`);
  const approved = outcomes.every(
    (outcome) => outcome.kind === "ok" || (outcome.kind === "created" && outcome.status === "APPROVED"),
  );
  if (approved && config.DATABASE_URL) {
    const database = await openDatabase({ url: config.DATABASE_URL, dataDir: config.DATA_DIR, poolSize: 1 });
    try {
      const context = { db: database.db, now: () => new Date(), emit: () => {} };
      const released = await releaseHeldNotifications(context, await ensureBusiness(context));
      if (released > 0) process.stdout.write(`${released} messages waiting on a template are due again\n`);
    } finally {
      await database.close();
    }
  }
  return outcomes.some(
    (outcome) => outcome.kind === "missing" || outcome.kind === "differs" || outcome.kind === "refused",
  )
    ? 1
    : 0;
}

function describe(outcome: TemplateOutcome): string {
  switch (outcome.kind) {
    case "ok":
      return `${outcome.name}: ok (${outcome.status})`;
    case "created":
      return `${outcome.name}: created (${outcome.status})`;
    case "missing":
      return `${outcome.name}: missing`;
    case "not_approved":
      return `${outcome.name}: ${outcome.status}, not approved yet`;
    case "differs":
      return `${outcome.name}: differs from templates.json: ${outcome.detail}`;
    case "refused":
      return `${outcome.name}: not created: ${outcome.detail}`;
  }
}
