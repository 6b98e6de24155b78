import { type ChildProcessWithoutNullStreams, spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { serverSentEvents } from "../../cli/chat/server-sent-events.ts";
import { freePort } from "../support/free-port.ts";

const REPOSITORY = fileURLToPath(new URL("../../", import.meta.url));
const SECRET = "Sup3rSecret";
const STACK_LINE = /^\s+at /m;

/** `sisconf` as an operator runs it, in a process of its own, its output gathered as it comes. */
function sisconf(args: string[], environment: Record<string, string>) {
  const child: ChildProcessWithoutNullStreams = spawn(process.execPath, ["bin/sisconf.js", ...args], {
    cwd: REPOSITORY,
    env: { ...process.env, NO_COLOR: "1", LOG_LEVEL: "warn", API_TOKEN: "", ADMIN_PHONES: "", ...environment },
    stdio: ["pipe", "pipe", "pipe"],
  });
  let stdout = "";
  let stderr = "";
  child.stdout.setEncoding("utf8").on("data", (chunk: string) => {
    stdout += chunk;
  });
  child.stderr.setEncoding("utf8").on("data", (chunk: string) => {
    stderr += chunk;
  });
  const exited = new Promise<number | null>((resolve) => child.on("close", (code) => resolve(code)));
  return {
    child,
    exited,
    output: () => stdout,
    errors: () => stderr,
    async waitFor(text: string, timeoutMs = 150_000): Promise<void> {
      const deadline = Date.now() + timeoutMs;
      while (!stdout.includes(text)) {
        if (Date.now() > deadline || child.exitCode !== null) {
          throw new Error(`"${text}" never came; stdout:\n${stdout}\nstderr:\n${stderr}`);
        }
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    },
  };
}

describe("sisconf start, as an operator sees it", () => {
  const folders: string[] = [];
  const dataDir = () => {
    const folder = mkdtempSync(path.join(tmpdir(), "sisconf-start-"));
    folders.push(folder);
    return folder;
  };
  afterAll(() => {
    for (const folder of folders) rmSync(folder, { recursive: true, force: true });
  });

  it("stops on bad values with one line per variable, naming it and never its value, exit code 1", async () => {
    const started = sisconf(["start"], {
      DATA_DIR: dataDir(),
      PORT: "3000x",
      DATABASE_URL: `postgres://sisconf:${SECRET}@db:54x2/sisconf`,
      API_TOKEN: SECRET,
      KEYCLOAK_URL: `${SECRET}.example`,
    });
    await expect(started.exited).resolves.toBe(1);
    const lines = started.errors().trim().split("\n");
    expect(lines).toEqual([
      "sisconf: PORT: a port number from 0 to 65535",
      expect.stringMatching(/^DATABASE_URL: a postgres:\/\/user:password@host:port\/database URL/),
      expect.stringMatching(/^KEYCLOAK_URL: /),
      "API_TOKEN: at least 16 characters",
    ]);
    expect(started.errors() + started.output()).not.toContain(SECRET);
    expect(started.errors()).not.toMatch(STACK_LINE);
  }, 30_000);

  it("says so in one line when the port is taken or Chromium is missing, and stops in moments with pages, streams and a terminal chat open", async () => {
    const port = await freePort();
    const running = sisconf(["start"], { DATA_DIR: dataDir(), PORT: String(port) });
    await running.waitFor("chat simulator:");
    const url = `http://localhost:${port}`;

    const [taken, noBrowser] = [
      sisconf(["start"], { DATA_DIR: dataDir(), PORT: String(port) }),
      sisconf(["start"], {
        DATA_DIR: dataDir(),
        PORT: String(await freePort()),
        BOT_TRANSPORT: "whatsapp-web",
        CHROMIUM_PATH: "/nonexistent/chromium",
      }),
    ];
    await expect(taken.exited).resolves.toBe(1);
    expect(taken.errors()).toBe(
      `sisconf: PORT: port ${port} is already in use by another program; stop it or set PORT to a free port\n`,
    );
    await expect(noBrowser.exited).resolves.toBe(1);
    expect(noBrowser.errors()).toBe(
      "sisconf: CHROMIUM_PATH: no browser to run at /nonexistent/chromium; install Chromium (apt-get install chromium) or set CHROMIUM_PATH to it\n",
    );

    // What a person leaves open: the page's event streams and a terminal chat.
    const streams = await Promise.all(
      ["5584999990001", "5584999990002"].map(async (phone) => {
        const response = await fetch(`${url}/sim/events?phone=${phone}`);
        expect(response.status).toBe(200);
        const body = response.body;
        if (!body) throw new Error("no stream");
        // Wrapped: an async function returning the promise itself would wait for the stream's end here.
        return {
          events: (async () => {
            const events: string[] = [];
            for await (const data of serverSentEvents(body)) events.push(data);
            return events;
          })(),
        };
      }),
    );
    const page = await fetch(`${url}/sim`);
    expect(page.status).toBe(200);
    const chat = sisconf(["chat", "--as", "84 99999-0003", "--url", url], {});
    await chat.waitFor("Talking to SISCONF at");
    expect(chat.output()).toContain("as 5584999990003");

    const stopping = Date.now();
    running.child.kill("SIGTERM");
    await expect(running.exited).resolves.toBe(0);
    // Idle, it stops in well under the 20 s of grace a busy server gets; the bound is generous for a loaded machine.
    expect(Date.now() - stopping).toBeLessThan(10_000);
    for (const stream of streams) await expect(stream.events).resolves.toEqual(['{"closing":true}']);
    await chat.waitFor("(SISCONF stopped; trying again until it is back, /sair to leave)");
    // Stopped from outside too, the chat leaves as on Ctrl-C.
    chat.child.kill("SIGTERM");
    await expect(chat.exited).resolves.toBe(0);
    expect(running.errors()).toBe("");
  }, 300_000);
});
