import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { selectRows } from "../../core/db/database.ts";
import { chatAs, eventually } from "../support/chat.ts";
import { exampleCatalog } from "../support/example-catalog.ts";
import { startTestSystem, type TestSystem } from "../support/test-system.ts";

const ADMIN = "5584999990020";

describe("announcements and the cut-off in chat, through the simulator", () => {
  let system: TestSystem;

  beforeAll(async () => {
    system = await startTestSystem("postgres", { ADMIN_PHONES: ADMIN, BATCH_SCHEDULE_CHECK_SECONDS: "1" });
    await system.request("PUT", "/api/v1/catalog", exampleCatalog());
  });
  afterAll(async () => {
    await system?.close();
  });

  it("an announcement reaches every customer but the one who said parar, once, and order news still reaches that one", async () => {
    const admin = chatAs(system, ADMIN);
    const ana = chatAs(system, "5584988810001");
    const bruno = chatAs(system, "5584988810002");
    const carla = chatAs(system, "5584988810003");
    const dan = chatAs(system, "5584988810004");
    await ana.say("oi");
    await bruno.say("oi");
    await dan.say("hello");
    expect(await carla.say("2kg de tomate")).toEqual([expect.stringMatching(/SIM/)]);
    await carla.say("sim");
    expect(await bruno.say("parar")).toEqual([expect.stringContaining("não vai mais receber avisos")]);
    expect(await bruno.say("parar")).toEqual([expect.stringContaining("já não recebe avisos")]);
    expect(await dan.say("stop")).toEqual([expect.stringContaining("won't get announcements")]);
    expect(await dan.say("resume")).toEqual([expect.stringContaining("get our announcements again")]);

    expect(await admin.say("clientes")).toEqual(["4 clientes; 1 pediu para não receber avisos."]);
    expect(await admin.say("avisar clientes:")).toEqual([expect.stringContaining("Faltou o texto do aviso")]);
    expect(await admin.say("avisar clientes: Chegaram as mangas! 🥭")).toEqual([
      expect.stringContaining("Aviso a caminho de 3 clientes (1 pediu para não receber avisos)"),
    ]);
    const announced = async (person: ReturnType<typeof chatAs>) =>
      (await person.transcript()).filter((message) => message.direction === "out" && message.text.startsWith("📢"));
    for (const person of [ana, carla, dan]) {
      const got = await eventually(async () => {
        const messages = await announced(person);
        return messages.length > 0 && messages;
      });
      expect(got).toHaveLength(1);
      expect(got[0]?.text).toMatch(/^📢 Chegaram as mangas! 🥭/);
    }
    expect((await announced(carla))[0]?.text).toContain("responda PARAR");
    expect((await announced(dan))[0]?.text).toContain("reply STOP");
    expect(await announced(bruno)).toEqual([]);
    expect(await announced(admin)).toEqual([]);

    // Order news is not an announcement: it reaches whoever said "parar".
    await bruno.say("1kg de cebola");
    await bruno.say("sim");
    expect(await admin.say("fechar lote")).toEqual([expect.stringContaining("Lote 1")]);
    await eventually(async () =>
      (await bruno.transcript()).some((message) => message.direction === "out" && /pedido #\d+/i.test(message.text)),
    );
  });

  it("a scheduled close happens once, tells the entrepreneur once, and the status reply says when the batch closes", async () => {
    const admin = chatAs(system, ADMIN);
    const eva = chatAs(system, "5584988810005");
    // The sheet links of the close above may still come in with these replies.
    expect(await admin.say("fechar lote quinta")).toContainEqual(expect.stringContaining("Não entendi o dia e a hora"));
    expect(await admin.say("fechar lote quinta 18h")).toContainEqual(
      expect.stringMatching(
        /^Combinado: o lote fecha sozinho toda semana\. Próximo fechamento: quinta-feira, \d\d\/\d\d, às 18:00\./,
      ),
    );
    expect(await eva.say("2kg de tomate")).toHaveLength(1);
    await eva.say("sim");
    expect((await eva.say("cadê meu pedido?")).join("\n")).toMatch(
      /O lote atual fecha quinta-feira, \d\d\/\d\d, às 18:00\./,
    );

    // The process was away when Thursday came: the schedule was set, and the batch opened, a week before it.
    const db = system.runtime.context.db;
    await db.execute(sql`update batches set opened_at = opened_at - interval '8 days' where status = 'open'`);
    await db.execute(sql`update batch_close_schedules set since = since - interval '8 days'`);
    const told = await eventually(async () => {
      const texts = (await admin.transcript()).filter((message) => message.text.includes("no horário marcado"));
      return texts.length > 0 && texts;
    });
    expect(told.map((message) => message.text)).toEqual([expect.stringContaining("Lote 2 fechado no horário marcado")]);
    await new Promise((resolve) => setTimeout(resolve, 3000));
    const closed = await selectRows<{ number: number }>(
      db,
      sql`select number from batches where status = 'closed' order by number`,
    );
    expect(closed).toEqual([{ number: 1 }, { number: 2 }]);
    expect((await admin.transcript()).filter((message) => message.text.includes("no horário marcado"))).toHaveLength(1);

    expect(await admin.say("fechamento automático desligado")).toContainEqual(
      "Fechamento automático desligado. O lote fecha quando você mandar *fechar lote*.",
    );
    expect((await eva.say("status")).join("\n")).not.toMatch(/O lote atual fecha/);
  });
});
