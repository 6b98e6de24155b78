/**
 * bench/chat: 200 simulated customers, each placing an order in chat and confirming it with "sim" through
 * POST /sim/messages, against `sisconf start` on PostgreSQL (each customer starts over with a new phone when done).
 * After a warm-up that is not counted:
 *  - at rate: the customers send 500 messages/s between them on a fixed schedule; latency counts from when each
 *    message was due, so a server falling behind is charged for it;
 *  - capacity: each customer sends its next message as soon as the reply to the last arrives.
 * A message counts when its reply came back: a summary asking for "sim", then the confirmation.
 * Prints messages/s, p50/p99 reply latency, how late the server's event loop ran at the rate (a tail the server
 * itself causes shows there) and the server's peak RSS.
 *   npx tsx bench/chat/run.ts [seconds] [customers] [rate]
 */
import { exampleCatalog } from "../../test/support/example-catalog.ts";
import { freePort } from "../../test/support/free-port.ts";
import { startPostgres } from "../../test/support/postgres-server.ts";
import { closedLoop, formatResult, jsonClient, paced, type Send } from "../support/load.ts";
import { loadCatalog, spawnSisconf } from "../support/spawn-sisconf.ts";

const seconds = Number(process.argv[2] ?? 20);
const customers = Number(process.argv[3] ?? 200);
const rate = Number(process.argv[4] ?? 500);
const warmUpSeconds = 5;
const token = "bench-token-0123456789abcdef";
const catalog = exampleCatalog();
const lists = [
  "2kg de tomate e meia dúzia de ovos",
  "1 maço de coentro, 3 alfaces e 1kg de cebola",
  "quero 1,5 kg de batata e 2 litros de leite",
  "- 2kg macaxeira\n- 1kg jerimum\n- 2 maços de couve",
];

const postgres = process.env.BENCH_DATABASE_URL ? null : await startPostgres();
const server = await spawnSisconf("start", await freePort(), {
  DATABASE_URL: process.env.BENCH_DATABASE_URL ?? postgres?.url ?? "",
  API_TOKEN: token,
});
try {
  await loadCatalog(server.url, token, catalog);
  const http = jsonClient(server.url, customers);
  let phones = 0;
  const phoneOf = new Map<number, string>();
  // Even turns start a new customer with a list; odd turns confirm it.
  const chat: Send = async (client, turn) => {
    if (turn % 2 === 0) phoneOf.set(client, `5584955${String(phones++).padStart(6, "0")}`);
    const from = phoneOf.get(client) ?? "";
    const text = turn % 2 === 0 ? (lists[(client + turn) % lists.length] ?? "2kg de tomate") : "sim";
    const { status, body } = await http.post("/sim/messages", { from, text });
    const replies = (body as { replies?: { text: string }[] } | null)?.replies ?? [];
    const expected = turn % 2 === 0 ? /sim/i : /confirmado/;
    return status === 200 && replies.some((reply) => expected.test(reply.text));
  };
  await paced("warm-up", customers, rate, warmUpSeconds, chat);
  await server.eventLoopDelay();
  console.log(formatResult(await paced(`chat at ${rate}/s`, customers, rate, seconds, chat), "messages"));
  const delay = await server.eventLoopDelay();
  console.log(`chat at ${rate}/s: server event-loop delay p99 ${delay.p99} ms, max ${delay.max} ms`);
  console.log(formatResult(await closedLoop("chat capacity", customers, seconds, chat), "messages"));
  console.log(`chat: server peak RSS ${server.peakRssMb()} MB (${customers} customers, ${seconds} s per run)`);
} finally {
  await server.stop();
  await postgres?.stop();
}
