import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase, selectRows } from "../../core/db/database.ts";
import { createPostgresDatabase } from "../support/test-database.ts";

describe("connecting to PostgreSQL", () => {
  let created: Awaited<ReturnType<typeof createPostgresDatabase>>;
  beforeAll(async () => {
    created = await createPostgresDatabase();
  });
  afterAll(async () => {
    await created?.drop();
  });

  it("goes through a Unix socket when DATABASE_URL names its folder as libpq does (?host=/folder)", async () => {
    const overTcp = await openDatabase({ url: created.url, dataDir: "" });
    const [server] = await selectRows<{ folder: string; port: number }>(
      overTcp.db,
      sql`select split_part(current_setting('unix_socket_directories'), ',', 1) as folder,
        current_setting('port')::int as port`,
    );
    await overTcp.close();
    const url = new URL(created.url);
    url.hostname = "localhost";
    url.port = String(server?.port);
    url.searchParams.set("host", server?.folder ?? "");
    const overSocket = await openDatabase({ url: url.toString(), dataDir: "" });
    try {
      await overSocket.migrate();
      // A Unix-socket session has no server address.
      const [session] = await selectRows<{ address: string | null }>(
        overSocket.db,
        sql`select inet_server_addr()::text as address`,
      );
      expect(session).toEqual({ address: null });
    } finally {
      await overSocket.close();
    }
  });
});
