import { loadConfig } from "../../core/config/config.ts";
import { openDatabase } from "../../core/db/database.ts";

export async function migrateCommand(): Promise<number> {
  const config = loadConfig();
  const database = await openDatabase({ url: config.DATABASE_URL, dataDir: config.DATA_DIR, poolSize: 1 });
  try {
    await database.migrate();
    process.stdout.write(`migrations applied (${database.kind})\n`);
    return 0;
  } finally {
    await database.close();
  }
}
