import { randomUUID } from "node:crypto";
import readline from "node:readline";
import { parseArgs } from "node:util";
import { z } from "zod";
import { typedPhone } from "../../core/domain/phone.ts";
import { BRACKETED_PASTE_OFF, BRACKETED_PASTE_ON, TypedMessages } from "./typed-messages.ts";

const USAGE = "usage: sisconf chat --as PHONE [--name NAME] [--url URL]\n";
const QUIT_COMMANDS = new Set(["/sair", "/quit", "/exit"]);
/** How long a reply printed from a POST's answer waits for its copy on the event stream, to be dropped there. */
const ECHO_WINDOW_MS = 10_000;
const REQUEST_TIMEOUT_MS = 60_000;
const PREFIX = "SISCONF: ";

const documentSchema = z.object({ url: z.string(), filename: z.string() });
const replySchema = z.object({ text: z.string(), document: documentSchema.optional() });
const postAnswerSchema = z.object({ replies: z.array(replySchema) });
const eventSchema = z.object({
  direction: z.enum(["in", "out"]),
  text: z.string(),
  document: documentSchema.optional(),
  at: z.string(),
});
const errorSchema = z.object({ error: z.string() });
/** What the server sends on its event stream as it stops. */
const closingSchema = z.object({ closing: z.literal(true) });

type Reply = z.infer<typeof replySchema>;
type ChatEvent = z.infer<typeof eventSchema>;

export interface ChatOptions {
  phone: string;
  name: string | undefined;
  baseUrl: URL;
  /** Sent as the bearer token, only to servers off this machine. */
  token: string | undefined;
}

/** Reads the command line; a problem is a message for the person, answered with exit code 2. */
export function parseChatArguments(args: string[], environment: NodeJS.ProcessEnv): ChatOptions | { problem: string } {
  let values: { as?: string | undefined; name?: string | undefined; url?: string | undefined };
  try {
    ({ values } = parseArgs({
      args,
      options: { as: { type: "string" }, name: { type: "string" }, url: { type: "string" } },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    return { problem: error instanceof Error ? error.message : String(error) };
  }
  if (values.as === undefined) return { problem: "--as PHONE is required" };
  const phone = typedPhone(values.as);
  if (!phone) {
    return {
      problem: `"${values.as}" is not a phone: use 10 to 15 digits, country code first (e.g. 5584999990001; 10 or 11 digits are read as a Brazilian number)`,
    };
  }
  const name = values.name?.trim();
  if (name !== undefined && name.length > 200) return { problem: "--name must be at most 200 characters" };
  const rawUrl = values.url ?? `http://localhost:${environment.PORT ?? 3000}`;
  let baseUrl: URL;
  try {
    baseUrl = new URL(rawUrl);
  } catch {
    return { problem: `"${rawUrl}" is not a URL (e.g. http://localhost:3000)` };
  }
  if (baseUrl.protocol !== "http:" && baseUrl.protocol !== "https:") {
    return { problem: `"${rawUrl}" is not an http or https URL` };
  }
  const token = isLoopback(baseUrl) ? undefined : environment.API_TOKEN || undefined;
  return { phone, name: name || undefined, baseUrl, token };
}

/** `sisconf chat`: talk to a running SISCONF as a phone, through its simulator transport. */
export async function chatCommand(args: string[]): Promise<number> {
  const options = parseChatArguments(args, process.env);
  if ("problem" in options) {
    process.stderr.write(`sisconf chat: ${options.problem}\n${USAGE}`);
    return 2;
  }
  const session = new ChatSession(options, process.stdin, process.stdout, process.stderr);
  return session.run();
}

function isLoopback(url: URL): boolean {
  const host = url.hostname.replace(/^\[|\]$/g, "").toLowerCase();
  return host === "localhost" || host.endsWith(".localhost") || host === "::1" || /^127\.\d+\.\d+\.\d+$/.test(host);
}

/** A failure the person can act on: printed as is, ends the session with exit code 1. */
class ChatError extends Error {}

interface PendingEcho {
  direction: "in" | "out";
  text: string;
  documentUrl: string | undefined;
  until: number;
}

/**
 * One terminal conversation. Replies to a typed line are printed from the POST's answer; the event stream adds what
 * arrives at other times (notifications, sheet links, lines sent as this phone elsewhere). The stream also carries
 * copies of our own lines and of the replies, which are recognised and dropped so nothing shows twice.
 */
class ChatSession {
  private readonly color: boolean;
  private readonly events = new AbortController();
  private readonly echoes: PendingEcho[] = [];
  /** Bot messages seen on the stream while a POST is out: its replies are among them. */
  private heldDuringSend: ChatEvent[] | null = null;
  private prompt: readline.Interface | null = null;
  private closing = false;
  private failures = 0;
  /** The event stream dropped (the server stopped or restarted): said once, and said again when it is back. */
  private away = false;

  constructor(
    private readonly options: ChatOptions,
    private readonly input: NodeJS.ReadStream,
    private readonly output: NodeJS.WriteStream,
    private readonly errors: NodeJS.WriteStream,
  ) {
    this.color = output.isTTY === true && !process.env.NO_COLOR;
  }

  async run(): Promise<number> {
    let stream: ReadableStream<Uint8Array>;
    try {
      stream = await this.connectEvents();
    } catch (error) {
      this.fail(error);
      return 1;
    }
    const following = this.followEvents(stream);
    const who = this.options.name ? `${this.options.phone} (${this.options.name})` : this.options.phone;
    this.output.write(
      `Talking to SISCONF at ${this.options.baseUrl.origin} as ${who}. Type /sair or press Ctrl-D to leave.\n`,
    );
    const terminal = this.input.isTTY === true && this.output.isTTY === true;
    const prompt = readline.createInterface({ input: this.input, output: this.output, terminal, prompt: "> " });
    this.prompt = prompt;
    prompt.on("SIGINT", () => prompt.close());
    // Stopped from outside, it leaves as on Ctrl-C: the terminal gets its paste mode back.
    const leave = () => prompt.close();
    process.once("SIGTERM", leave);
    let queue = Promise.resolve();
    const finished = new Promise<void>((resolve) => prompt.once("close", resolve));
    new TypedMessages(prompt, this.input, (typed) => {
      const text = typed.trim();
      if (QUIT_COMMANDS.has(text.toLowerCase())) {
        prompt.close();
        return;
      }
      if (text.length === 0) {
        if (terminal) prompt.prompt();
        return;
      }
      queue = queue.then(() => this.send(text)).catch((error: unknown) => this.fail(error));
    });
    if (terminal) {
      this.output.write(BRACKETED_PASTE_ON);
      prompt.prompt();
    }
    await finished;
    process.off("SIGTERM", leave);
    if (terminal) this.output.write(BRACKETED_PASTE_OFF);
    // Lines already typed (or piped) are still sent and answered before leaving.
    await queue;
    this.closing = true;
    this.prompt = null;
    this.events.abort();
    await following;
    // After /sair the input may still be open (a pipe), and an open stdin would keep the process running.
    this.input.destroy();
    if (terminal) this.output.write("\n");
    return this.failures > 0 ? 1 : 0;
  }

  private endpoint(pathAndQuery: string): string {
    // Keeps a path the server may be mounted under (behind a proxy).
    const base = this.options.baseUrl;
    return new URL(`${base.pathname.replace(/\/+$/, "")}${pathAndQuery}`, base).href;
  }

  private headers(extra: Record<string, string> = {}): Record<string, string> {
    return { ...extra, ...(this.options.token ? { authorization: `Bearer ${this.options.token}` } : {}) };
  }

  private async connectEvents(): Promise<ReadableStream<Uint8Array>> {
    const url = this.endpoint(`/sim/events?phone=${encodeURIComponent(this.options.phone)}`);
    const response = await this.reach(url, {
      headers: this.headers({ accept: "text/event-stream" }),
      signal: this.events.signal,
    });
    if (!response.ok) throw await this.refusal(response);
    if (!response.body) throw new ChatError(`SISCONF at ${this.options.baseUrl.origin} sent no event stream`);
    return response.body;
  }

  /** Keeps reading the stream, and opens it again after a drop, until the session ends. */
  private async followEvents(first: ReadableStream<Uint8Array>): Promise<void> {
    let stream: ReadableStream<Uint8Array> | null = first;
    let delay = 1000;
    while (!this.closing) {
      if (stream) {
        try {
          for await (const data of serverSentEvents(stream)) {
            delay = 1000;
            this.receive(data);
          }
        } catch {
          // A dropped stream: opened again below unless the session is ending.
        }
      }
      if (this.closing) return;
      this.serverAway("the connection to SISCONF dropped");
      stream = null;
      await sleep(delay, this.events.signal);
      delay = Math.min(delay * 2, 15_000);
      if (this.closing) return;
      try {
        stream = await this.connectEvents();
        this.away = false;
        this.printAsync(this.dim("(connected to SISCONF again)\n"));
      } catch {
        // Still unreachable: try again after the next pause.
      }
    }
  }

  private serverAway(why: string): void {
    if (this.away || this.closing) return;
    this.away = true;
    this.printAsync(this.dim(`(${why}; trying again until it is back, /sair to leave)\n`));
  }

  private receive(data: string): void {
    let parsed: unknown;
    try {
      parsed = JSON.parse(data);
    } catch {
      return;
    }
    if (closingSchema.safeParse(parsed).success) {
      this.serverAway("SISCONF stopped");
      return;
    }
    const event = eventSchema.safeParse(parsed);
    if (!event.success) return;
    const message = event.data;
    if (message.direction === "out" && this.heldDuringSend) {
      this.heldDuringSend.push(message);
      return;
    }
    if (this.takeEcho(message.direction, message.text, message.document?.url)) return;
    this.printAsync(
      message.direction === "out"
        ? this.formatBotMessage(message)
        : `${this.dim(`(${this.options.phone}, elsewhere)`)} > ${message.text}\n`,
    );
  }

  private takeEcho(direction: "in" | "out", text: string, documentUrl: string | undefined): boolean {
    const now = Date.now();
    for (let index = this.echoes.length - 1; index >= 0; index--) {
      if ((this.echoes[index]?.until ?? 0) < now) this.echoes.splice(index, 1);
    }
    const index = this.echoes.findIndex(
      (echo) => echo.direction === direction && echo.text === text && echo.documentUrl === documentUrl,
    );
    if (index < 0) return false;
    this.echoes.splice(index, 1);
    return true;
  }

  private async send(text: string): Promise<void> {
    this.echoes.push({ direction: "in", text, documentUrl: undefined, until: Date.now() + ECHO_WINDOW_MS });
    const held: ChatEvent[] = [];
    this.heldDuringSend = held;
    let output = "";
    try {
      const response = await this.reach(this.endpoint("/sim/messages"), {
        method: "POST",
        headers: this.headers({ "content-type": "application/json", accept: "application/json" }),
        body: JSON.stringify({
          from: this.options.phone,
          text,
          ...(this.options.name ? { name: this.options.name } : {}),
          id: `cli-${randomUUID()}`,
        }),
        signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
      });
      if (!response.ok) throw await this.refusal(response);
      const answer = postAnswerSchema.safeParse(await response.json().catch(() => null));
      if (!answer.success)
        throw new ChatError(`SISCONF at ${this.options.baseUrl.origin} answered in a shape not understood`);
      for (const reply of answer.data.replies) {
        output += this.formatBotMessage(reply);
        const copy = held.findIndex(
          (event) => event.text === reply.text && event.document?.url === reply.document?.url,
        );
        if (copy >= 0) held.splice(copy, 1);
        else {
          this.echoes.push({
            direction: "out",
            text: reply.text,
            documentUrl: reply.document?.url,
            until: Date.now() + ECHO_WINDOW_MS,
          });
        }
      }
      if (answer.data.replies.length === 0) output += this.dim("(no reply)\n");
    } catch (error) {
      this.fail(error);
    } finally {
      this.heldDuringSend = null;
    }
    // What the stream brought meanwhile that was not a reply: notifications that happened to come during the send.
    for (const event of held) output += this.formatBotMessage(event);
    this.printAsync(output);
  }

  /** fetch, with "could not reach" for a server that is not there. */
  private async reach(url: string, init: RequestInit): Promise<Response> {
    try {
      return await fetch(url, init);
    } catch (error) {
      if (error instanceof Error && error.name === "AbortError" && this.closing) throw error;
      const cause = error instanceof Error && error.cause instanceof Error ? error.cause : error;
      const reason =
        cause instanceof Error
          ? "code" in cause && typeof cause.code === "string"
            ? cause.code
            : cause.message
          : String(cause);
      throw new ChatError(`could not reach SISCONF at ${this.options.baseUrl.origin} (${reason})`);
    }
  }

  private async refusal(response: Response): Promise<ChatError> {
    const body = errorSchema.safeParse(await response.json().catch(() => null));
    const reason = body.success ? body.data.error : `${response.status} ${response.statusText}`.trim();
    const origin = this.options.baseUrl.origin;
    if (response.status === 401 || response.status === 403) {
      const hint = this.options.token ? "" : " (set API_TOKEN to the server's API token)";
      return new ChatError(`SISCONF at ${origin} refused the simulator: ${reason}${hint}`);
    }
    if (response.status === 404) {
      return new ChatError(`SISCONF at ${origin} has no simulator: is it running with BOT_TRANSPORT=simulator?`);
    }
    if (response.status === 400 || response.status === 422) return new ChatError(`not sent: ${reason}`);
    return new ChatError(`SISCONF at ${origin} answered ${response.status}: ${reason}`);
  }

  private fail(error: unknown): void {
    this.failures++;
    const message = error instanceof ChatError ? error.message : `unexpected error: ${String(error)}`;
    this.printAsync("", `sisconf: ${message}\n`);
  }

  /** Prints above the prompt line without losing what is being typed. */
  private printAsync(text: string, errorText = ""): void {
    if (!text && !errorText) return;
    const prompt = this.prompt?.terminal ? this.prompt : null;
    if (prompt) {
      readline.clearLine(this.output, 0);
      readline.cursorTo(this.output, 0);
    }
    if (errorText) this.errors.write(errorText);
    if (text) this.output.write(text);
    if (prompt) prompt.prompt(true);
  }

  private formatBotMessage(message: Reply | ChatEvent): string {
    const indent = " ".repeat(PREFIX.length);
    const lines = this.whatsappToTerminal(message.text)
      .split("\n")
      .map((line, index) => (index === 0 || line === "" ? line : `${indent}${line}`));
    let text = `${this.color ? `\u001b[32m${PREFIX}\u001b[39m` : PREFIX}${lines.join("\n")}\n`;
    if (message.document) {
      text += `${indent}📄 ${message.document.filename}: ${message.document.url}\n`;
    }
    return text;
  }

  private whatsappToTerminal(text: string): string {
    return this.color ? whatsappToAnsi(text) : text;
  }

  private dim(text: string): string {
    return this.color ? `\u001b[2m${text}\u001b[22m` : text;
  }
}

/** WhatsApp's rule: a marker opens after a line start or a non-word character and closes before one. */
const STYLES: ReadonlyArray<{ pattern: RegExp; open: string; close: string }> = [
  { marker: "\\*", open: "\u001b[1m", close: "\u001b[22m" },
  { marker: "_", open: "\u001b[3m", close: "\u001b[23m" },
  { marker: "~", open: "\u001b[9m", close: "\u001b[29m" },
].map(({ marker, open, close }) => ({
  pattern: new RegExp(
    `(^|[^\\p{L}\\p{N}*_~])${marker}(?![\\s*_~])([^\\n]*?[^\\s])${marker}(?![\\p{L}\\p{N}*_~])`,
    "gmu",
  ),
  open,
  close,
}));

/** WhatsApp formatting as ANSI styles. */
export function whatsappToAnsi(text: string): string {
  return STYLES.reduce((styled, { pattern, open, close }) => styled.replace(pattern, `$1${open}$2${close}`), text);
}

/** The `data` of each server-sent event in a stream (comments and other fields skipped). */
export async function* serverSentEvents(stream: ReadableStream<Uint8Array>): AsyncGenerator<string> {
  const reader = stream.getReader();
  const decoder = new TextDecoder();
  let buffer = "";
  let data: string[] = [];
  try {
    while (true) {
      const { done, value } = await reader.read();
      buffer += done ? decoder.decode() : decoder.decode(value, { stream: true });
      let newline = buffer.indexOf("\n");
      while (newline >= 0) {
        const line = buffer.slice(0, newline).replace(/\r$/, "");
        buffer = buffer.slice(newline + 1);
        newline = buffer.indexOf("\n");
        if (line === "") {
          if (data.length > 0) yield data.join("\n");
          data = [];
        } else if (line.startsWith("data:")) {
          data.push(line.slice(line.startsWith("data: ") ? 6 : 5));
        }
      }
      if (done) return;
    }
  } finally {
    reader.releaseLock();
    await stream.cancel().catch(() => {});
  }
}

function sleep(milliseconds: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, milliseconds);
    signal.addEventListener(
      "abort",
      () => {
        clearTimeout(timer);
        resolve();
      },
      { once: true },
    );
  });
}
