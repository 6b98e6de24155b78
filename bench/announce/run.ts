/**
 * bench/announce: the entrepreneur sends "avisar clientes: …" through POST /sim/messages to 5,000 customers, against
 * `sisconf start` on PostgreSQL with the sender held to the Cloud API's 80 messages/s (BOT_SEND_PER_SECOND=80).
 * Meanwhile 50 other customers order and confirm in chat at 20 messages/s (paced, latency from when each message was
 * due). Prints how long the announcement took to go out, how many went to each customer (duplicates, skipped), and
 * the chat's p50/p99 while it went.
 *   npx tsx bench/announce/run.ts [customers] [chat messages/s]
 */
import postgresClient from "postgres";
import { exampleCatalog } from "../../test/support/example-catalog.ts";
import { freePort } from "../../test/support/free-port.ts";
import { startPostgres } from "../../test/support/postgres-server.ts";
import { formatResult, jsonClient, paced, type Send } from "../support/load.ts";
import { loadCatalog, spawnSisconf } from "../support/spawn-sisconf.ts";

const customers = Number(process.argv[2] ?? 5000);
const chatRate = Number(process.argv[3] ?? 20);
const token = "bench-token-0123456789abcdef";
const admin = "5584999990000";

const postgres = process.env.BENCH_DATABASE_URL ? null : await startPostgres();
const databaseUrl = process.env.BENCH_DATABASE_URL ?? postgres?.url ?? "";
const server = await spawnSisconf("start", await freePort(), {
  DATABASE_URL: databaseUrl,
  API_TOKEN: token,
  ADMIN_PHONES: admin,
  BOT_SEND_PER_SECOND: "80",
});
const sql = postgresClient(databaseUrl, { max: 1, onnotice: () => {} });
try {
  await loadCatalog(server.url, token, exampleCatalog());
  // The customers who once wrote to the bot, as the chat would have made them.
  await sql`insert into customers (business_id, phone)
    select (select min(id) from businesses), '55849880' || lpad(n::text, 5, '0') from generate_series(1, ${customers}) n`;
  const http = jsonClient(server.url, 60);
  let phones = 0;
  const phoneOf = new Map<number, string>();
  const chat: Send = async (client, turn) => {
    if (turn % 2 === 0) phoneOf.set(client, `5584956${String(phones++).padStart(6, "0")}`);
    const from = phoneOf.get(client) ?? "";
    const { status, body } = await http.post("/sim/messages", { from, text: turn % 2 === 0 ? "2kg de tomate" : "sim" });
    const replies = (body as { replies?: { text: string }[] } | null)?.replies ?? [];
    return status === 200 && replies.some((reply) => (turn % 2 === 0 ? /sim/i : /confirmado/).test(reply.text));
  };

  const started = performance.now();
  const { body } = await http.post("/sim/messages", { from: admin, text: "avisar clientes: Chegaram as mangas!" });
  console.log(`command answered in ${Math.round(performance.now() - started)} ms: ${JSON.stringify(body)}`);
  let finished = 0;
  const waitForAll = (async () => {
    for (;;) {
      const [row] = await sql<{ sent: number }[]>`select count(*)::integer as sent from notifications
        where payload ->> 'kind' = 'announcement' and status = 'sent'`;
      if ((row?.sent ?? 0) >= customers) break;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    finished = performance.now();
  })();
  // The chat runs while the announcement goes out (it takes about customers / 80 seconds).
  const chatResult = await paced("chat during the announcement", 50, chatRate, Math.floor(customers / 80) - 5, chat);
  await waitForAll;
  console.log(formatResult(chatResult, "messages"));
  const [counts] = await sql<{ recipients: number; messages: number; twice: number }[]>`
    select count(distinct phone)::integer as recipients, count(*)::integer as messages,
      (select count(*) from (select phone from notifications where payload ->> 'kind' = 'announcement'
        group by phone having count(*) > 1) twice)::integer as twice
    from notifications where payload ->> 'kind' = 'announcement' and status = 'sent'`;
  console.log(
    `announcement to ${customers} customers at 80 messages/s: all sent in ${((finished - started) / 1000).toFixed(1)} s; ` +
      `${counts?.messages} messages to ${counts?.recipients} customers, ${counts?.twice} customers with more than one, ` +
      `${customers - (counts?.recipients ?? 0)} skipped`,
  );
  console.log(`announce: server peak RSS ${server.peakRssMb()} MB`);
} finally {
  await sql.end();
  await server.stop();
  await postgres?.stop();
}
