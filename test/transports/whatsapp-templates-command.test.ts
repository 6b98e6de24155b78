import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MessageTemplates } from "../../bot/transports/cloud-api/message-templates.ts";
import { type GraphApiStandIn, startGraphApiStandIn } from "./graph-api-stand-in.ts";

const REPOSITORY = fileURLToPath(new URL("../../", import.meta.url));

/** `sisconf whatsapp templates` as a child process: its exit code and output. */
function run(args: string[], environment: Record<string, string>) {
  const child = spawn(process.execPath, ["bin/sisconf.js", "whatsapp", "templates", ...args], {
    cwd: REPOSITORY,
    env: { ...process.env, DATABASE_URL: "", LOG_LEVEL: "silent", ...environment },
  });
  let stdout = "";
  let stderr = "";
  child.stdout.setEncoding("utf8").on("data", (chunk: string) => {
    stdout += chunk;
  });
  child.stderr.setEncoding("utf8").on("data", (chunk: string) => {
    stderr += chunk;
  });
  return new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) =>
    child.on("close", (code) => resolve({ code, stdout, stderr })),
  );
}

describe("sisconf whatsapp templates", () => {
  let graph: GraphApiStandIn;
  let environment: Record<string, string>;
  const names = MessageTemplates.load("pt_BR")
    .all()
    .map((template) => template.name);

  beforeAll(async () => {
    graph = await startGraphApiStandIn({ approvedTemplates: false });
    environment = {
      WHATSAPP_CLOUD_GRAPH_URL: graph.url,
      WHATSAPP_CLOUD_ACCESS_TOKEN: "EAAG-templates",
      WHATSAPP_CLOUD_BUSINESS_ACCOUNT_ID: "102290129340398",
    };
  });
  afterAll(async () => {
    await graph?.close();
  });

  it("with --check, names the missing templates, creates nothing and fails", async () => {
    const result = await run(["--check"], environment);
    expect(result.code).toBe(1);
    for (const name of names) expect(result.stdout).toContain(`${name}: missing`);
    expect(graph.templates.size).toBe(0);
  });

  it("creates every template in the configured language with its category, and then finds them approved", async () => {
    const created = await run([], environment);
    expect(created.code).toBe(0);
    for (const name of names) expect(created.stdout).toContain(`${name}: created`);
    expect([...graph.templates.values()].map((template) => [template.name, template.language]).sort()).toEqual(
      names.map((name) => [name, "pt_BR"]).sort(),
    );
    expect(graph.templates.get("sisconf_aviso/pt_BR")?.category).toBe("MARKETING");
    expect(graph.templates.get("sisconf_pedido_status/pt_BR")?.category).toBe("UTILITY");
    const checked = await run(["--check"], environment);
    expect(checked.code).toBe(0);
    for (const name of names) expect(checked.stdout).toContain(`${name}: ok (APPROVED)`);
  });

  it("reports a paused template without failing, and a template whose text differs as a failure", async () => {
    graph.pauseTemplate("sisconf_lembrete");
    const stored = graph.templates.get("sisconf_aviso/pt_BR");
    if (stored) stored.body = "Outro texto {{1}} {{2}}";
    const result = await run(["--check"], environment);
    expect(result.stdout).toContain("sisconf_lembrete: PAUSED, not approved yet");
    expect(result.stdout).toMatch(/sisconf_aviso: differs from templates.json/);
    expect(result.code).toBe(1);
  });

  it("refuses to start without the business account, naming the variable", async () => {
    const result = await run([], { ...environment, WHATSAPP_CLOUD_BUSINESS_ACCOUNT_ID: "" });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/WHATSAPP_CLOUD_BUSINESS_ACCOUNT_ID/);
  });

  it("refuses a template language that templates.json lacks", async () => {
    const result = await run([], { ...environment, WHATSAPP_CLOUD_TEMPLATE_LANGUAGE: "es_ES" });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^sisconf: WHATSAPP_CLOUD_TEMPLATE_LANGUAGE: templates.json has no es_ES text/);
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });
});
