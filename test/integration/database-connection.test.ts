import { sql } from "drizzle-orm";
import postgres from "postgres";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AfterCommit, openDatabase, selectRows, sendLast, transactionEndingWith } from "../../core/db/database.ts";
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

  describe("transactions", () => {
    let database: Awaited<ReturnType<typeof openDatabase>>;
    beforeAll(async () => {
      database = await openDatabase({ url: created.url, dataDir: "", poolSize: 3 });
      await database.db.execute(sql`create table if not exists tx_probe (value text primary key)`);
    });
    afterAll(async () => {
      await database?.close();
    });
    const values = async () =>
      (await selectRows<{ value: string }>(database.db, sql`select value from tx_probe order by value`)).map(
        (row) => row.value,
      );

    it("commits what the callback wrote, which no other session sees before the commit", async () => {
      await database.db.transaction(async (tx) => {
        await tx.execute(sql`insert into tx_probe values ('commit-1')`);
        expect(await values()).not.toContain("commit-1");
        await tx.execute(sql`insert into tx_probe values ('commit-2')`);
      });
      expect(await values()).toEqual(expect.arrayContaining(["commit-1", "commit-2"]));
    });

    it("rolls everything back when the callback fails, from the first statement on", async () => {
      await expect(
        database.db.transaction(async (tx) => {
          await tx.execute(sql`insert into tx_probe values ('rolled-back')`);
          throw new Error("changed my mind");
        }),
      ).rejects.toThrow("changed my mind");
      await expect(
        database.db.transaction(async (tx) => {
          await tx.execute(sql`insert into tx_probe values ('rolled-back-too')`);
          await tx.execute(sql`select 1 / 0`);
        }),
      ).rejects.toThrow();
      expect(await values()).not.toContain("rolled-back");
      expect(await values()).not.toContain("rolled-back-too");
    });

    it("undoes a failed nested transaction alone, keeping the outer one's work", async () => {
      await database.db.transaction(async (tx) => {
        await tx.execute(sql`insert into tx_probe values ('outer')`);
        await expect(
          tx.transaction(async (inner) => {
            await inner.execute(sql`insert into tx_probe values ('inner-undone')`);
            throw new Error("inner fails");
          }),
        ).rejects.toThrow("inner fails");
        await tx.transaction(async (inner) => {
          await inner.execute(sql`insert into tx_probe values ('inner-kept')`);
        });
      });
      const stored = await values();
      expect(stored).toEqual(expect.arrayContaining(["outer", "inner-kept"]));
      expect(stored).not.toContain("inner-undone");
    });

    it("sends a transaction's last statement with its commit and answers that statement's rows once committed", async () => {
      const rows = await transactionEndingWith(database.db, async (tx) => {
        await tx.execute(sql`insert into tx_probe values ('last-1')`);
        const inserted = await sendLast<{ value: string }>(
          tx,
          sql`insert into tx_probe values (${"last-2"}) returning value`,
        );
        return inserted.map((answered) => answered.map((row) => row.value));
      });
      expect(rows).toEqual(["last-2"]);
      expect(await values()).toEqual(expect.arrayContaining(["last-1", "last-2"]));
    });

    it("rolls back everything, and fails with its error, when the last statement fails behind the commit", async () => {
      await expect(
        transactionEndingWith(database.db, async (tx) => {
          await tx.execute(sql`insert into tx_probe values ('before-failed-last')`);
          return sendLast(tx, sql`select 1 / ${0}::int as impossible`);
        }),
      ).rejects.toThrow("division by zero");
      // The commit itself answers that it rolled back, even to a callback that dropped the statement's answer.
      await expect(
        transactionEndingWith(database.db, async (tx) => {
          await tx.execute(sql`insert into tx_probe values ('before-dropped-last')`);
          await sendLast(tx, sql`select 1 / ${0}::int as impossible`);
          return AfterCommit.of("committed, it thinks");
        }),
      ).rejects.toThrow("division by zero");
      expect(await values()).not.toContain("before-failed-last");
      expect(await values()).not.toContain("before-dropped-last");
    });

    it("rolls back when a last statement never sent before fails on this side, before it reached the server", async () => {
      await expect(
        transactionEndingWith(database.db, async (tx) => {
          await tx.execute(sql`insert into tx_probe values ('before-unsendable-last')`);
          return sendLast(tx, sql`select ${new Date(Number.NaN)}::timestamptz as never_sent`);
        }),
      ).rejects.toThrow();
      expect(await values()).not.toContain("before-unsendable-last");
    });

    it("with the commit behind the last statement turned off, awaits that statement and fails as before", async () => {
      const awaiting = await openDatabase({ url: created.url, dataDir: "", poolSize: 1, commitBehindLast: false });
      try {
        const rows = await transactionEndingWith(awaiting.db, async (tx) => {
          const inserted = await sendLast<{ value: string }>(
            tx,
            sql`insert into tx_probe values (${"awaited-last"}) returning value`,
          );
          // Awaited inside the transaction: the rows are there before the commit.
          expect(await inserted.result).toEqual([{ value: "awaited-last" }]);
          return inserted.map((answered) => answered.map((row) => row.value));
        });
        expect(rows).toEqual(["awaited-last"]);
        await expect(
          transactionEndingWith(awaiting.db, async (tx) => {
            await tx.execute(sql`insert into tx_probe values ('before-awaited-failure')`);
            return sendLast(tx, sql`select 1 / ${0}::int as impossible`);
          }),
        ).rejects.toThrow();
        expect(await values()).not.toContain("before-awaited-failure");
      } finally {
        await awaiting.close();
      }
    });

    it("runs on the driver as patched at install, which sends a commit behind the last statement", () => {
      expect((postgres as unknown as { sisconfCommitBehindLast?: boolean }).sisconfCommitBehindLast).toBe(true);
    });

    it("answers a result left for after the commit when the transaction sent nothing last", async () => {
      const answer = await transactionEndingWith(database.db, async (tx) => {
        await tx.execute(sql`insert into tx_probe values ('plain')`);
        return AfterCommit.of("done");
      });
      expect(answer).toBe("done");
      expect(await values()).toContain("plain");
    });

    it("does not run again, outside its transaction, a last statement whose prepared plan went stale", async () => {
      // One connection, so the statement prepared below is the one the transaction finds stale.
      const single = await openDatabase({ url: created.url, dataDir: "", poolSize: 1 });
      const defineProbe = (columns: string) =>
        single.db.execute(
          sql.raw(`create or replace function tx_probe_write(tag text) returns table (${columns}) language sql as
            $$ insert into tx_probe values (tag) returning value, 1 $$`),
        );
      try {
        await defineProbe("value text, n int");
        await selectRows(single.db, sql`select * from tx_probe_write(${"stale-warmup"})`);
        // Another result type: PostgreSQL refuses the cached plan, which postgres.js would prepare and run again.
        await single.db.execute(sql`drop function tx_probe_write(text)`);
        await defineProbe("value text, n bigint");
        await expect(
          transactionEndingWith(single.db, async (tx) => {
            await tx.execute(sql`insert into tx_probe values ('stale-first')`);
            return sendLast(tx, sql`select * from tx_probe_write(${"stale-last"})`);
          }),
        ).rejects.toThrow("cached plan must not change result type");
        expect(await values()).not.toContain("stale-first");
        expect(await values()).not.toContain("stale-last");
        // The stale statement was forgotten: the next transaction prepares it afresh instead of failing again.
        const rows = await transactionEndingWith(single.db, async (tx) =>
          sendLast<{ value: string }>(tx, sql`select * from tx_probe_write(${"stale-again"})`),
        );
        expect(rows.map((row) => row.value)).toEqual(["stale-again"]);
      } finally {
        await single.close();
      }
    });

    it("gives every connection of the pool back, after failures too", async () => {
      const attempts = Array.from({ length: 12 }, (_, index) =>
        database.db
          .transaction(async (tx) => {
            await tx.execute(sql`select pg_sleep(0.01)`);
            if (index % 3 === 0) throw new Error("fails");
            return index;
          })
          .catch(() => null),
      );
      expect((await Promise.all(attempts)).filter((result) => result !== null)).toHaveLength(8);
      // With 3 connections, a lost one would leave this waiting.
      const answers = await Promise.all(
        Array.from({ length: 3 }, () => database.db.transaction(async (tx) => selectRows(tx, sql`select 1 as one`))),
      );
      expect(answers).toEqual([[{ one: 1 }], [{ one: 1 }], [{ one: 1 }]]);
    });
  });
});
