import { type Role, startSystem } from "../start-system.ts";

/** Starts the given roles in this process and keeps it running until SIGTERM or SIGINT. */
export async function startCommand(roles: readonly Role[]): Promise<null> {
  const system = await startSystem(roles);
  system.runtime.lifecycle.handleSignals();
  process.stdout.write(`SISCONF is running: API on ${system.url}/api/v1\n`);
  return null;
}
