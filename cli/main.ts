import type { Role } from "./start-system.ts";
import { startupProblem } from "./startup-problem.ts";

const USAGE = `usage: sisconf <command>

  start                  API, bot and sheets worker in one process (embedded defaults)
  core                   the order service's API only
  bot                    the conversation only (transport, dialogue, outbox)
  sheets                 the sheets worker only (run several to share the jobs)
  migrate                apply database migrations and exit
  catalog import FILE [--replace]
                         add and update the products of a catalog (.json, .csv or .xlsx) and print what
                         changed; --replace also deactivates the products the file lacks
  chat --as PHONE [--name NAME] [--url URL]   talk to a running SISCONF from the terminal
  whatsapp templates [--check]   create (or only check) the Cloud API message templates of deploy/whatsapp
`;

// Each command's modules are loaded when it runs: a sheets worker has no use for the catalog import's readers (all
// of exceljs, the CSV parser) nor the chat client, and would keep them in memory for as long as it runs.
const startCommand = async (roles: readonly Role[]) =>
  (await import("./commands/start-command.ts")).startCommand(roles);

async function main(argv: string[]): Promise<number | null> {
  const [command, ...rest] = argv;
  switch (command) {
    case "start":
      return startCommand(["api", "bot", "sheets"]);
    case "core":
      return startCommand(["api"]);
    case "bot":
      return startCommand(["bot"]);
    case "sheets":
      return startCommand(["sheets"]);
    case "migrate":
      return (await import("./commands/migrate-command.ts")).migrateCommand();
    case "catalog": {
      const [subcommand, ...options] = rest;
      const files = options.filter((option) => option !== "--replace");
      if (subcommand === "import" && files.length === 1 && files[0] && !files[0].startsWith("--")) {
        return (await import("./commands/import-catalog-command.ts")).importCatalogCommand(
          files[0],
          options.includes("--replace"),
        );
      }
      break;
    }
    case "chat":
      return (await import("./commands/chat-command.ts")).chatCommand(rest);
    case "whatsapp":
      if (rest[0] === "templates")
        return (await import("./commands/whatsapp-templates-command.ts")).whatsappTemplatesCommand(rest.slice(1));
      break;
    case "help":
    case "--help":
    case "-h":
      process.stdout.write(USAGE);
      return 0;
  }
  process.stderr.write(USAGE);
  return 2;
}

try {
  const code = await main(process.argv.slice(2));
  // Long-running roles return null and keep the process alive until a signal.
  if (code !== null) process.exitCode = code;
} catch (error) {
  // An operator reads this, not a developer: what went wrong in a line, never a stack trace.
  process.stderr.write(`sisconf: ${startupProblem(error)}\n`);
  // What start-up had begun is stopped already (startSystem stops it on failure); a timer or socket that a library
  // leaves behind must not keep a failed start running.
  process.exit(1);
}
