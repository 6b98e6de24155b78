/**
 * Why a WhatsApp Web session is not up, in the few kinds an operator can act on differently: the browser does not
 * start, WhatsApp Web cannot be reached from this machine, WhatsApp dropped or refused the session, or something else.
 */
export interface SessionTrouble {
  kind: "browser" | "unreachable" | "disconnected" | "refused" | "other";
  /** The library's own words, short (one line, no stack): what the operator can search for. */
  detail: string;
}

const BROWSER = /Browser was not found|Failed to launch the browser|ENOENT|EACCES|spawn /i;
const UNREACHABLE =
  /net::ERR_|ENOTFOUND|EAI_AGAIN|ECONNREFUSED|ECONNRESET|ETIMEDOUT|EHOSTUNREACH|ENETUNREACH|Navigation timeout|TimeoutError/i;

/** Reads a failure of creating or starting a client (whatsapp-web.js drives Chromium through puppeteer). */
export function troubleOf(error: unknown): SessionTrouble {
  const detail = firstLine(error instanceof Error ? error.message : String(error));
  if (BROWSER.test(detail)) return { kind: "browser", detail };
  if (UNREACHABLE.test(detail)) return { kind: "unreachable", detail };
  return { kind: "other", detail };
}

function firstLine(text: string): string {
  const line = (text.split("\n")[0] ?? "").trim();
  return line.length > 200 ? `${line.slice(0, 199)}…` : line || "no reason given";
}

/** The cause as the log line says it, in a few words. */
export function troubleForLog(trouble: SessionTrouble): string {
  switch (trouble.kind) {
    case "browser":
      return `the browser (CHROMIUM_PATH) did not start: ${trouble.detail}`;
    case "unreachable":
      return `WhatsApp Web cannot be reached from this machine: ${trouble.detail}`;
    case "disconnected":
      return `WhatsApp dropped the session: ${trouble.detail}`;
    case "refused":
      return `WhatsApp refused the saved session: ${trouble.detail}`;
    case "other":
      return trouble.detail;
  }
}
