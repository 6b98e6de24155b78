import { type ChildProcessWithoutNullStreams, spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseChatArguments } from "../../cli/chat/chat-arguments.ts";
import { serverSentEvents } from "../../cli/chat/server-sent-events.ts";
import { whatsappToAnsi } from "../../cli/chat/terminal-format.ts";
import { exampleCatalog } from "../support/example-catalog.ts";
import { startTestSystem, type TestSystem } from "../support/test-system.ts";

const REPOSITORY = fileURLToPath(new URL("../../", import.meta.url));
const ADMIN = "5584999990009";

/** `sisconf chat` as a child process, its output gathered as it comes. */
function startChat(args: string[]) {
  const child: ChildProcessWithoutNullStreams = spawn(process.execPath, ["bin/sisconf.js", "chat", ...args], {
    cwd: REPOSITORY,
    env: { ...process.env, NO_COLOR: "1", API_TOKEN: "", PORT: "" },
    stdio: ["pipe", "pipe", "pipe"],
  });
  let stdout = "";
  let stderr = "";
  const waiters: Array<() => void> = [];
  const wake = () => {
    for (const waiter of waiters.splice(0)) waiter();
  };
  child.stdout.setEncoding("utf8").on("data", (chunk: string) => {
    stdout += chunk;
    wake();
  });
  child.stderr.setEncoding("utf8").on("data", (chunk: string) => {
    stderr += chunk;
    wake();
  });
  const exited = new Promise<number | null>((resolve) => child.on("close", (code) => resolve(code)));
  return {
    child,
    exited,
    output: () => stdout,
    errors: () => stderr,
    write: (line: string) => child.stdin.write(`${line}\n`),
    /** Resolves once stdout holds `text` (counted from `from`), failing with what was printed after a while. */
    async waitFor(text: string, from = 0, timeoutMs = 15_000): Promise<number> {
      const deadline = Date.now() + timeoutMs;
      while (true) {
        const found = stdout.indexOf(text, from);
        if (found >= 0) return found + text.length;
        if (Date.now() > deadline || child.exitCode !== null) {
          throw new Error(`"${text}" never came; stdout:\n${stdout}\nstderr:\n${stderr}`);
        }
        await new Promise<void>((resolve) => {
          waiters.push(resolve);
          setTimeout(resolve, 200);
        });
      }
    },
  };
}

/**
 * `sisconf chat` in a terminal of its own (util-linux's `script` gives it one), where a person types and pastes:
 * what is written goes in as keystrokes.
 */
function startChatInTerminal(args: string[]) {
  const command = [process.execPath, "bin/sisconf.js", "chat", ...args].map((part) => `'${part}'`).join(" ");
  const child: ChildProcessWithoutNullStreams = spawn("script", ["-qfec", command, "/dev/null"], {
    cwd: REPOSITORY,
    env: { ...process.env, NO_COLOR: "1", API_TOKEN: "", PORT: "", TERM: "xterm" },
    stdio: ["pipe", "pipe", "pipe"],
  });
  let output = "";
  child.stdout.setEncoding("utf8").on("data", (chunk: string) => {
    output += chunk;
  });
  const exited = new Promise<number | null>((resolve) => child.on("close", (code) => resolve(code)));
  return {
    child,
    exited,
    output: () => output,
    keys: (keys: string) => child.stdin.write(keys),
    async waitFor(text: string, timeoutMs = 20_000): Promise<void> {
      const deadline = Date.now() + timeoutMs;
      while (!output.includes(text)) {
        if (Date.now() > deadline || child.exitCode !== null) throw new Error(`"${text}" never came:\n${output}`);
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    },
  };
}

function occurrences(text: string, part: string): number {
  return text.split(part).length - 1;
}

describe("sisconf chat", () => {
  let system: TestSystem;

  beforeAll(async () => {
    system = await startTestSystem("pglite", { ADMIN_PHONES: ADMIN });
    const imported = await system.request("PUT", "/api/v1/catalog", exampleCatalog());
    expect(imported.status).toBe(200);
  });
  afterAll(async () => {
    await system?.close();
  });

  it("orders and confirms from the terminal, printing each reply once, and exits 0 at the end of input", async () => {
    const chat = startChat(["--as", "5584999990001", "--name", "Ana", "--url", system.url]);
    await chat.waitFor("Talking to SISCONF");
    chat.write("2kg de tomate");
    const afterSummary = await chat.waitFor("Responda *SIM* para confirmar.");
    expect(chat.output()).toContain("*Total: R$ 15,00*");
    chat.write("sim");
    await chat.waitFor("confirmado", afterSummary);
    chat.child.stdin.end();
    await expect(chat.exited).resolves.toBe(0);
    // The replies came both in the POST's answer and on the event stream; each is printed once, our lines never.
    expect(occurrences(chat.output(), "Responda *SIM*")).toBe(1);
    expect(occurrences(chat.output(), "confirmado")).toBe(1);
    expect(chat.output()).not.toContain("elsewhere");
    expect(chat.output()).not.toContain("\u001b[");
    expect(chat.errors()).toBe("");
  }, 60_000);

  it("prints messages that arrive later, such as a status change after the batch closes", async () => {
    const chat = startChat(["--as", "5584999990002", "--url", system.url]);
    await chat.waitFor("Talking to SISCONF");
    chat.write("1 alface");
    await chat.waitFor("Responda *SIM*");
    chat.write("sim");
    const confirmed = await chat.waitFor("confirmado");
    const closed = await system.request("POST", "/sim/messages", { from: ADMIN, text: "fechar lote" });
    expect(closed.status).toBe(200);
    await chat.waitFor("foi fechado e encomendado aos fornecedores", confirmed);
    chat.write("/sair");
    await expect(chat.exited).resolves.toBe(0);
    expect(occurrences(chat.output(), "encomendado aos fornecedores")).toBe(1);
  }, 60_000);

  it("shows a line sent as the same phone from elsewhere, and its reply", async () => {
    const chat = startChat(["--as", "5584999990003", "--url", system.url]);
    await chat.waitFor("Talking to SISCONF");
    await system.request("POST", "/sim/messages", { from: "5584999990003", text: "catálogo" });
    await chat.waitFor("elsewhere) > catálogo");
    await chat.waitFor("R$");
    chat.child.stdin.end();
    await expect(chat.exited).resolves.toBe(0);
  }, 60_000);

  it("sends lines pasted together in a terminal as one message, and shows each reply once, in order", async () => {
    const phone = "5584999990005";
    const chat = startChatInTerminal(["--as", "84 99999-0005", "--url", system.url]);
    await chat.waitFor("Talking to SISCONF");
    // A terminal that marks pastes (bracketed paste, which the chat asks for), the last line finished with Enter.
    expect(chat.output()).toContain("\u001b[?2004h");
    chat.keys("\u001b[200~2kg de tomate\r1 alface\u001b[201~");
    await new Promise((resolve) => setTimeout(resolve, 300));
    chat.keys("\r");
    await chat.waitFor("Responda *SIM* para confirmar.");
    chat.keys("sim\r");
    await chat.waitFor("confirmado");
    // A terminal that does not mark pastes: the lines come in one read, which nobody types.
    chat.keys("status\rcatálogo\r");
    const transcript = async () =>
      (await system.request("GET", `/sim/messages?phone=${phone}`)).body.messages as Array<{
        direction: "in" | "out";
        text: string;
      }>;
    await expect
      .poll(async () => (await transcript()).filter((message) => message.direction === "in").map((m) => m.text))
      .toEqual(["2kg de tomate\n1 alface", "sim", "status\ncatálogo"]);
    const replies = (await transcript()).filter((message) => message.direction === "out");
    await chat.waitFor((replies.at(-1)?.text ?? "").split("\n")[0] ?? "");
    chat.keys("/sair\r");
    await expect(chat.exited).resolves.toBe(0);
    // Each reply once, in the order the bot sent them.
    const output = chat.output().replace(/\r/g, "");
    let from = 0;
    for (const reply of replies) {
      const firstLine = reply.text.split("\n")[0] ?? "";
      expect(occurrences(output, firstLine)).toBe(1);
      const at = output.indexOf(firstLine, from);
      expect(at).toBeGreaterThan(from);
      from = at;
    }
  }, 60_000);

  it("refuses a phone that is not 10 to 15 digits with exit code 2", async () => {
    const chat = startChat(["--as", "12345", "--url", system.url]);
    await expect(chat.exited).resolves.toBe(2);
    expect(chat.errors()).toContain("10 to 15 digits");
  });

  it("refuses a missing --as and unknown options with exit code 2", async () => {
    const missing = startChat(["--url", system.url]);
    await expect(missing.exited).resolves.toBe(2);
    expect(missing.errors()).toContain("--as PHONE is required");
    const unknown = startChat(["--as", "5584999990001", "--colour"]);
    await expect(unknown.exited).resolves.toBe(2);
    expect(unknown.errors()).toContain("usage: sisconf chat");
  });

  it("says it could not reach SISCONF and exits 1 when nothing listens at the URL", async () => {
    const chat = startChat(["--as", "5584999990001", "--url", "http://127.0.0.1:9"]);
    chat.child.stdin.end();
    await expect(chat.exited).resolves.toBe(1);
    expect(chat.errors()).toContain("could not reach SISCONF at http://127.0.0.1:9");
  });

  it("reports the server's refusal of an over-long message and exits 1", async () => {
    const chat = startChat(["--as", "5584999990004", "--url", system.url]);
    await chat.waitFor("Talking to SISCONF");
    chat.write("a".repeat(5000));
    chat.child.stdin.end();
    await expect(chat.exited).resolves.toBe(1);
    expect(chat.errors()).toContain("not sent: text: must be at most 4096 characters");
  }, 30_000);
});

describe("sisconf chat's pieces", () => {
  it.each([
    ["the default URL from PORT", ["--as", "5584999990001"], { PORT: "4000" }, "http://localhost:4000/", undefined],
    ["port 3000 without PORT", ["--as", "5584999990001"], {}, "http://localhost:3000/", undefined],
    [
      "no token to loopback",
      ["--as", "5584999990001", "--url", "http://127.0.0.1:3000"],
      { API_TOKEN: "t0k" },
      "http://127.0.0.1:3000/",
      undefined,
    ],
    [
      "the token to another host",
      ["--as", "5584999990001", "--url", "https://bot.example.com"],
      { API_TOKEN: "t0k" },
      "https://bot.example.com/",
      "t0k",
    ],
  ])("reads %s", (_label, args, environment, url, token) => {
    const options = parseChatArguments(args, environment);
    if ("problem" in options) throw new Error(options.problem);
    expect(options.baseUrl.href).toBe(url);
    expect(options.token).toBe(token);
    expect(options.phone).toBe("5584999990001");
  });

  it.each([
    [["--as", "+55 (84) 99999-0001"], null],
    [["--as", "(84) 99999-0001"], null],
    [["--as", "84999990001"], null],
    [["--as", "55849999900019999"], "10 to 15 digits"],
    [["--as", "5584999990001", "--url", "ftp://x"], "not an http or https URL"],
    [["--as", "5584999990001", "--url", "nope"], "not a URL"],
    [["--as", "5584999990001", "extra"], "positional"],
  ])("checks %j", (args, problem) => {
    const options = parseChatArguments(args, {});
    if (problem === null) expect(options).toMatchObject({ phone: "5584999990001" });
    else expect("problem" in options && options.problem).toContain(problem);
  });

  it("reads server-sent events split anywhere, skipping comments", async () => {
    const text = ': connected\n\ndata: {"a":1}\n\n: ping\n\ndata: {"b":"é"}\r\n\r\ndata: x\ndata: y\n\n';
    const bytes = new TextEncoder().encode(text);
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        for (let index = 0; index < bytes.length; index += 3) controller.enqueue(bytes.slice(index, index + 3));
        controller.close();
      },
    });
    const events: string[] = [];
    for await (const data of serverSentEvents(stream)) events.push(data);
    expect(events).toEqual(['{"a":1}', '{"b":"é"}', "x\ny"]);
  });

  it("turns WhatsApp formatting into terminal styles, leaving words with inner markers alone", () => {
    expect(whatsappToAnsi("*Total: R$ 3,00* e _oi_ ~não~ a_b_c 2*3*4")).toBe(
      "\u001b[1mTotal: R$ 3,00\u001b[22m e \u001b[3moi\u001b[23m \u001b[9mnão\u001b[29m a_b_c 2*3*4",
    );
  });
});
