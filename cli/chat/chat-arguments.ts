import { parseArgs } from "node:util";
import { typedPhone } from "../../core/domain/phone.ts";

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

function isLoopback(url: URL): boolean {
  const host = url.hostname.replace(/^\[|\]$/g, "").toLowerCase();
  return host === "localhost" || host.endsWith(".localhost") || host === "::1" || /^127\.\d+\.\d+\.\d+$/.test(host);
}
