import { randomBytes } from "node:crypto";
import { gzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadCatalog, type SpawnedSisconf, spawnSisconf } from "../../bench/support/spawn-sisconf.ts";
import { exampleCatalog } from "../support/example-catalog.ts";
import { freePort } from "../support/free-port.ts";
import { rawRequest } from "../support/logged-sisconf.ts";
import { createPostgresDatabase } from "../support/test-database.ts";

const TOKEN = "hostile-token-0123456789abcdef";
const MESSAGES = 10_000;
const CONCURRENCY = 16;

/** A deterministic generator, so a failure can be replayed: the same seed gives the same 10,000 messages. */
function generator(seed: number) {
  let state = seed >>> 0;
  const next = () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)] as T;
  const kinds: (() => string)[] = [
    () => randomBytes(1 + Math.floor(next() * 200)).toString("latin1"),
    () => "x".repeat(100_000),
    () => Array.from({ length: 50 }, () => String.fromCharCode(Math.floor(next() * 32))).join(""),
    () => pick(["'; drop table orders; --", "1 OR 1=1", "$" + "{jndi:ldap://x}", "{{7*7}}", "\\x00\\x1b[2J"]),
    () => pick(["<script>alert(1)</script>", "<img src=x onerror=alert(1)>", "</textarea><b>oi</b>"]),
    () => "🍅🥚🧅😂🔥".repeat(1 + Math.floor(next() * 500)),
    () => `${Math.floor(next() * 1e9)}kg de tomate`,
    () =>
      pick([
        "-5 kg de cebola",
        "0 ovos",
        "999999 abacaxis",
        "1,23456 kg de uva",
        "fechar lote",
        "pedido 99999 entregue",
      ]),
    () => pick(["oi", "sim", "cancelar", "status", "catálogo", "2kg de tomate e meia dúzia de ovos"]),
    () => String.fromCharCode(...Array.from({ length: 300 }, () => 0xd800 + Math.floor(next() * 0x800))),
  ];
  const message = () => ({ from: `55849${String(Math.floor(next() * 1e8)).padStart(8, "0")}`, text: pick(kinds)() });
  /** How the message travels: most as they should, the rest as the probe sent them. */
  const deliveries: Delivery["kind"][] = [
    "plain",
    "plain",
    "plain",
    "plain",
    "plain",
    "nul",
    "gzip",
    "bad-gzip",
    "rebinding",
  ];
  return (): Delivery => ({ kind: pick(deliveries), message: message(), cut: next() });
}

interface Delivery {
  /** plain JSON; a NUL inside the text; gzip-compressed; bytes that claim gzip and are not; a foreign Host and Origin. */
  kind: "plain" | "nul" | "gzip" | "bad-gzip" | "rebinding";
  message: { from: string; text: string };
  /** Where in the text a NUL goes, as a fraction of its length. */
  cut: number;
}

/** Sends one delivery to the simulator; answers its status and JSON body. */
async function deliver(url: string, delivery: Delivery): Promise<{ status: number; body: unknown }> {
  const { message } = delivery;
  const json = { "content-type": "application/json" };
  let response: { status: number; text: string };
  if (delivery.kind === "rebinding") {
    const body = JSON.stringify(message);
    response = await rawRequest(`${url}/sim/messages`, {
      method: "POST",
      headers: { ...json, host: "rebind.attacker.example", origin: "http://rebind.attacker.example" },
      body,
    });
  } else {
    const at = Math.floor(delivery.cut * message.text.length);
    const text = delivery.kind === "nul" ? `${message.text.slice(0, at)}\u0000${message.text.slice(at)}` : message.text;
    const plain = Buffer.from(JSON.stringify({ ...message, text }));
    const compressed = delivery.kind === "gzip" || delivery.kind === "bad-gzip";
    const body = delivery.kind === "gzip" ? gzipSync(plain) : plain;
    const sent = await fetch(`${url}/sim/messages`, {
      method: "POST",
      headers: { ...json, ...(compressed ? { "content-encoding": "gzip" } : {}) },
      body,
    });
    response = { status: sent.status, text: await sent.text() };
  }
  return { status: response.status, body: JSON.parse(response.text) };
}

describe("drill: 10,000 random and hostile messages through the simulator, some with NUL, gzip or a rebound Host", () => {
  let database: { url: string; drop: () => Promise<void> };
  let server: SpawnedSisconf;

  beforeAll(async () => {
    database = await createPostgresDatabase();
    server = await spawnSisconf("start", await freePort(), {
      DATABASE_URL: database.url,
      API_TOKEN: TOKEN,
      BOT_MESSAGES_PER_MINUTE: "1000",
    });
    await loadCatalog(server.url, TOKEN, exampleCatalog());
  });
  afterAll(async () => {
    await server?.stop();
    await database?.drop();
  });

  it("never crashes or answers 5xx, keeps every reply under 4,096 characters, and memory stays flat", {
    timeout: 240_000,
  }, async () => {
    const next = generator(20261124);
    const statuses = new Map<number, number>();
    let longest = 0;
    let sent = 0;
    let warmRss = 0;
    const worker = async () => {
      while (sent < MESSAGES) {
        const index = sent++;
        if (index === 2_000) warmRss = server.currentRssMb();
        const delivery = next();
        const response = await deliver(server.url, delivery);
        statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
        const body = response.body as { replies?: { text: string }[]; error?: string };
        // A page elsewhere that rebinds its name to this machine never speaks through the simulator without the token.
        if (delivery.kind === "rebinding") expect(response.status).toBe(401);
        if (delivery.kind === "bad-gzip") expect(response.status).toBe(400);
        if (response.status === 200) {
          for (const reply of body.replies ?? []) longest = Math.max(longest, reply.text.length);
        } else {
          expect(typeof body.error).toBe("string");
        }
      }
    };
    await Promise.all(Array.from({ length: CONCURRENCY }, worker));
    const finalRss = server.currentRssMb();

    expect(server.child.exitCode).toBeNull();
    expect([...statuses.keys()].filter((status) => status >= 500)).toEqual([]);
    expect(statuses.get(200) ?? 0).toBeGreaterThan(MESSAGES / 2);
    expect(longest).toBeLessThanOrEqual(4096);
    expect(finalRss).toBeLessThan(warmRss * 1.5);
    expect((await fetch(`${server.url}/readyz`)).status).toBe(200);
  });
});
