/**
 * bench/soak: mixed traffic against `sisconf start` on PostgreSQL for a while (10 minutes by default): customers
 * ordering, confirming, changing and asking for status, and the entrepreneur closing the batch every two minutes.
 * At the end it counts: messages sent = messages handled, orders confirmed = orders in the database = orders in
 * the consolidated sheets, and compares the server's RSS at the end with its RSS after warm-up.
 *   npx tsx bench/soak/run.ts [seconds] [customers]
 */
import postgres from "postgres";
import { exampleCatalog } from "../../test/support/example-catalog.ts";
import { freePort } from "../../test/support/free-port.ts";
import { openWorkbook } from "../../test/support/open-workbook.ts";
import { startPostgres } from "../../test/support/postgres-server.ts";
import { loadCatalog, spawnSisconf } from "../support/spawn-sisconf.ts";

const SECONDS = Number(process.argv[2] ?? 600);
const CUSTOMERS = Number(process.argv[3] ?? 30);
const CLOSE_EVERY_MS = Math.min(120_000, (SECONDS * 1000) / 3);
const TOKEN = "soak-token-0123456789abcdef";
const ADMIN = "5584999990009";
const catalog = exampleCatalog();
const lists = [
  "2kg de tomate e meia dúzia de ovos",
  "1 maço de coentro e 3 alfaces",
  "1,5 kg de batata",
  "2 litros de leite",
];
const chatter = ["cadê meu pedido?", "mais 1kg de cebola", "catálogo", "obrigado!", "tira o coentro"];

const database = await startPostgres();
const server = await spawnSisconf("start", await freePort(), {
  DATABASE_URL: database.url,
  API_TOKEN: TOKEN,
  ADMIN_PHONES: ADMIN,
  BOT_MESSAGES_PER_MINUTE: "1000",
});
const sql = postgres(database.url, { max: 2, onnotice: () => {} });
try {
  await loadCatalog(server.url, TOKEN, catalog);
  let sent = 0;
  let failed = 0;
  let confirmations = 0;
  const say = async (from: string, text: string): Promise<string[]> => {
    sent++;
    const response = await fetch(`${server.url}/sim/messages`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ from, text, id: `soak-${sent}` }),
    });
    if (response.status !== 200) failed++;
    return ((await response.json()) as { replies?: { text: string }[] }).replies?.map((reply) => reply.text) ?? [];
  };
  const deadline = Date.now() + SECONDS * 1000;
  const warmUpAt = Date.now() + Math.min(60_000, (SECONDS * 1000) / 5);
  let warmRss = 0;
  const customer = async (index: number) => {
    const phone = `5584944${String(index).padStart(6, "0")}`;
    for (let round = 0; Date.now() < deadline; round++) {
      await say(phone, lists[(index + round) % lists.length] ?? "1kg de tomate");
      // The answer may also hold news sent to the phone meanwhile (its last order's batch closed, say).
      const answer = await say(phone, "sim");
      if (answer.some((reply) => reply.includes("confirmado"))) confirmations++;
      await say(phone, chatter[(index + round) % chatter.length] ?? "status");
      await new Promise((resolve) => setTimeout(resolve, 200 + ((index * 37 + round * 11) % 300)));
    }
  };
  const admin = async () => {
    while (Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, Math.min(CLOSE_EVERY_MS, Math.max(0, deadline - Date.now()))));
      if (!warmRss && Date.now() >= warmUpAt) warmRss = server.currentRssMb();
      await say(ADMIN, "fechar lote");
    }
  };
  const sampler = setInterval(() => {
    if (!warmRss && Date.now() >= warmUpAt) warmRss = server.currentRssMb();
  }, 1000);
  await Promise.all([...Array.from({ length: CUSTOMERS }, (_, index) => customer(index)), admin()]);
  clearInterval(sampler);
  // The last batch too, so that every confirmed order is in a sheet.
  await say(ADMIN, "fechar lote");
  await new Promise((resolve) => setTimeout(resolve, 5000));
  const endRss = server.currentRssMb();

  const [handled] = await sql`select count(*)::int as count from inbound_messages where message_id like 'soak-%'`;
  const [orders] = await sql`select count(*)::int as count from orders where status <> 'cancelled'`;
  const [created] = await sql`select count(*)::int as count from orders`;
  const sheets = await sql`select url from sheets where kind = 'consolidated' and status = 'ready'`;
  let sheetOrders = 0;
  for (const sheet of sheets) {
    const workbook = await openWorkbook(await (await fetch(sheet.url as string)).arrayBuffer());
    // Mapa has one row per order, its first cell the order's number.
    workbook.getWorksheet("Mapa")?.eachRow((row) => {
      if (/^#\d+$/.test(String(row.getCell(1).value))) sheetOrders++;
    });
  }
  console.log(
    `soak ${SECONDS} s, ${CUSTOMERS} customers: messages sent ${sent}, handled ${handled?.count}, refused ${failed}; ` +
      `confirmations answered ${confirmations}, orders created ${created?.count}, orders not cancelled ${orders?.count}, ` +
      `orders in consolidated sheets ${sheetOrders} (${sheets.length} batches); RSS after warm-up ${warmRss} MB, at the end ${endRss} MB ` +
      `(${warmRss ? Math.round(((endRss - warmRss) / warmRss) * 100) : 0}%)`,
  );
} finally {
  await sql.end();
  await server.stop();
  await database.stop();
}
