import { type Role, startSystem } from "../start-system.ts";

/** Starts the given roles in this process and keeps it running until SIGTERM or SIGINT. */
export async function startCommand(roles: readonly Role[]): Promise<null> {
  const system = await startSystem(roles);
  system.runtime.lifecycle.handleSignals();
  const { config } = system.runtime;
  const lines = [`SISCONF is running (${roles.join(", ")}; database: ${system.runtime.database.kind})`];
  if (roles.includes("bot") && config.BOT_TRANSPORT === "simulator") lines.push(`  chat simulator: ${system.url}/sim`);
  if (roles.includes("bot") && config.BOT_TRANSPORT === "whatsapp-web")
    lines.push(`  WhatsApp QR code: ${system.url}/whatsapp`);
  if (roles.includes("api")) lines.push(`  API: ${system.url}/api/v1 (see ${system.url}/api/v1/openapi.json)`);
  lines.push(`  metrics: ${system.url}/metrics`);
  process.stdout.write(`${lines.join("\n")}\n`);
  return null;
}
