import { drizzle } from "drizzle-orm/postgres-js";
import postgres from "postgres";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CoreContext } from "../../core/app/context.ts";
import { handleMessage } from "../../core/app/handle-message.ts";
import type { Db } from "../../core/db/database.ts";
import * as schema from "../../core/db/schema.ts";
import { createTestDatabase, type TestDatabase } from "../support/test-database.ts";

/** What a statement is, to compare: `begin`, `commit`, or the SQL function it calls. */
function statementName(query: string): string {
  return /\b(sisconf_\w+)\s*\(/.exec(query)?.[1] ?? query.trim().split(/\s+/)[0]?.toLowerCase() ?? "";
}

describe("a chat message on PostgreSQL", () => {
  let test: TestDatabase;
  let client: postgres.Sql;
  let context: CoreContext;
  const statements: string[] = [];

  beforeAll(async () => {
    test = await createTestDatabase("postgres");
    // A client of its own that tells every statement it sends (the shared one sends the commit behind the last).
    client = postgres(test.url ?? "", {
      max: 1,
      onnotice: () => {},
      debug: (_connection, query) => statements.push(query),
    });
    context = { db: drizzle(client, { schema }) as unknown as Db, now: () => new Date(), emit: () => {} };
    // The driver reads the server's types once, on its connection's first statement.
    await client.unsafe("select 1");
  });
  afterAll(async () => {
    await client?.end();
    await test?.close();
  });

  const message = (messageId: string) => ({
    businessId: test.businessId,
    transport: "simulator",
    messageId,
    phone: "5584966660001",
    text: "oi",
    receivedAt: new Date(),
  });

  it("is handled in four statements: begin, the message, the answer and the commit (sent behind the answer when patched)", async () => {
    statements.length = 0;
    const outcome = await handleMessage(context, message("statements-1"), async () => ({
      state: { locale: "pt-BR" },
      replies: [{ text: "Olá!" }],
    }));
    expect(outcome).toMatchObject({ kind: "handled", replies: [{ payload: { kind: "reply", text: "Olá!" } }] });
    expect(statements.map(statementName)).toEqual([
      "begin",
      "sisconf_receive_message",
      "sisconf_answer_message",
      "commit",
    ]);
  });

  it("is found taken on redelivery in three statements, without running the dialogue", async () => {
    statements.length = 0;
    let dialogueRan = false;
    const outcome = await handleMessage(context, message("statements-1"), async () => {
      dialogueRan = true;
      return { state: null, replies: [] };
    });
    expect(outcome).toEqual({ kind: "duplicate" });
    expect(dialogueRan).toBe(false);
    expect(statements.map(statementName)).toEqual(["begin", "sisconf_receive_message", "commit"]);
  });
});
