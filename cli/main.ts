import { AppError } from "../core/app/errors.ts";
import { ConfigError } from "../core/config/config.ts";
import { chatCommand } from "./commands/chat-command.ts";
import { importCatalogCommand } from "./commands/import-catalog-command.ts";
import { migrateCommand } from "./commands/migrate-command.ts";
import { startCommand } from "./commands/start-command.ts";

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
`;

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
      return migrateCommand();
    case "catalog": {
      const [subcommand, ...options] = rest;
      const files = options.filter((option) => option !== "--replace");
      if (subcommand === "import" && files.length === 1 && files[0] && !files[0].startsWith("--")) {
        return importCatalogCommand(files[0], options.includes("--replace"));
      }
      break;
    }
    case "chat":
      return chatCommand(rest);
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
  if (error instanceof ConfigError || error instanceof AppError) {
    process.stderr.write(`sisconf: ${error.message}\n`);
    process.exitCode = 1;
  } else {
    throw error;
  }
}
