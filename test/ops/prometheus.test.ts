import { readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { chatAs, eventually } from "../support/chat.ts";
import { exampleCatalog } from "../support/example-catalog.ts";
import {
  type PromRule,
  promtool,
  type QueryResult,
  type RunningPrometheus,
  requirePrometheusBinary,
  startPrometheus,
} from "../support/prometheus-server.ts";
import { startTestSystem, type TestSystem } from "../support/test-system.ts";
import { measuresOf } from "./promql-measures.ts";
import { parseYaml } from "./read-yaml.ts";

const ADMIN = "5584999990009";
const PROMETHEUS_CONFIG = fileURLToPath(new URL("../../deploy/prometheus/prometheus.yml", import.meta.url));
const ALERT_RULES = fileURLToPath(new URL("../../deploy/prometheus/alerts.yml", import.meta.url));
const DASHBOARD = fileURLToPath(new URL("../../deploy/grafana/dashboards/sisconf.json", import.meta.url));

/**
 * Grafana's own variables in the dashboard's queries, as Grafana would fill them for this short run: every
 * message of the test was sent within the last minute, after Prometheus's first scrapes.
 */
const GRAFANA_VARIABLES: Record<string, string> = { $__rate_interval: "1m", $__range: "1m", $__interval: "1s" };

interface Panel {
  title?: string;
  targets?: { expr?: string }[];
  panels?: Panel[];
}

/** Every query of the dashboard, with its panel's title, as Grafana would send it to Prometheus. */
function dashboardQueries(): { panel: string; expression: string }[] {
  const dashboard = JSON.parse(readFileSync(DASHBOARD, "utf8")) as { panels: Panel[] };
  const flat = (panels: Panel[]): Panel[] => panels.flatMap((panel) => [panel, ...flat(panel.panels ?? [])]);
  return flat(dashboard.panels).flatMap((panel) =>
    (panel.targets ?? []).flatMap((target) =>
      target.expr
        ? [
            {
              panel: panel.title ?? "",
              expression: target.expr.replace(/\$__\w+/g, (name) => GRAFANA_VARIABLES[name] ?? name),
            },
          ]
        : [],
    ),
  );
}

/** The scrape jobs of the deployment's configuration: one per SISCONF role, plus Prometheus itself. */
function deployedJobs(): string[] {
  const config = parseYaml(readFileSync(PROMETHEUS_CONFIG, "utf8")) as { scrape_configs: { job_name: string }[] };
  return config.scrape_configs.map((job) => job.job_name);
}

function samples(result: QueryResult): string[] {
  if (result.resultType === "vector") return result.result.map((sample) => sample.value[1]);
  if (result.resultType === "scalar") return [result.result[1]];
  return [];
}

const hasValue = (value: string) => Number.isFinite(Number(value));

/** Metric names an expression reads (SISCONF's, Node's and the process's defaults, `up`), outside strings. */
function metricNamesIn(expression: string): string[] {
  const code = expression.replace(/"(?:[^"\\]|\\.)*"/g, '""');
  return [...new Set(code.match(/\b(?:sisconf_|process_|nodejs_)[a-z0-9_]+\b|\bup\b/g) ?? [])];
}

describe("Prometheus and Grafana provisioning against a running SISCONF", () => {
  let system: TestSystem;
  let prometheus: RunningPrometheus;

  beforeAll(async () => {
    // Before anything starts: without Debian's prometheus the test fails saying what to install.
    requirePrometheusBinary("prometheus");
    // One try per sheet job, so the failure provoked below is final at once.
    system = await startTestSystem("pglite", { ADMIN_PHONES: ADMIN, SHEET_JOB_ATTEMPTS: "1" });
    expect((await system.request("PUT", "/api/v1/catalog", exampleCatalog())).status).toBe(200);

    // The deployment's SISCONF jobs (core, bot, sheets) all find this one process, which runs every role:
    // selectors such as up{job="sheets"} in the rules and the dashboard then match as they do under compose.
    const target = `127.0.0.1:${new URL(system.url).port}`;
    const jobs: Record<string, string[]> = {};
    for (const job of deployedJobs()) if (job !== "prometheus") jobs[job] = [target];
    prometheus = await startPrometheus({ jobs, ruleFiles: [ALERT_RULES] });
    await eventually(async () => {
      const up = await prometheus.query("up");
      return (
        up.resultType === "vector" && up.result.length === 3 && up.result.every((sample) => sample.value[1] === "1")
      );
    }, 10_000);

    // Traffic after the first scrapes, so that rates and quantiles have a sample before it and after it.
    const ana = chatAs(system, "5584988000001", "Ana");
    const bia = chatAs(system, "5584988000002", "Bia");
    const caio = chatAs(system, "5584988000003", "Caio");
    await ana.say("2kg de tomate, meia dúzia de ovos e 1 maço de coentro");
    await ana.say("sim");
    await bia.say("1,5kg de tomate e 2 abacaxis");
    await bia.say("sim");
    await caio.say("2 alfaces");
    await caio.say("sim");
    await caio.say("cancelar");
    await caio.say("sim");
    await caio.say("quero um unicórnio azul");
    await caio.say("obrigado!");
    const admin = chatAs(system, ADMIN);
    await admin.say("fechar lote");
    await eventually(async () => (await admin.transcript()).some((line) => line.text.includes("Todas as 4 planilhas")));
    // Labelled series are born with their first observation, which rate() cannot see: the second batch's jobs
    // must land after a scrape of the first batch's, or the duration quantiles would have no rate to work on.
    await eventually(async () => {
      const jobs = await prometheus.query('sisconf_sheet_job_duration_seconds_count{job="sheets", phase="total"}');
      return samples(jobs).some((value) => Number(value) >= 4);
    });

    // A sheet job that fails: the local store's folder becomes a file, so the next batch's uploads cannot write.
    const sheetsFolder = path.join(system.dataDir, "sheets");
    rmSync(sheetsFolder, { recursive: true, force: true });
    writeFileSync(sheetsFolder, "not a folder");
    await bia.say("1 abacaxi");
    await bia.say("sim");
    await admin.say("fechar lote");
    await eventually(async () => {
      const failed = await prometheus.query('sisconf_sheet_jobs_total{outcome="failed"}');
      return samples(failed).length > 0;
    });
    // A few more scrapes and rule evaluations (1 s each) after the last change.
    await new Promise((resolve) => setTimeout(resolve, 3_000));
  }, 60_000);

  afterAll(async () => {
    await prometheus?.stop();
    await system?.close();
  });

  it("promtool accepts the deployment's configuration and alert rules", () => {
    const config = promtool("check", "config", PROMETHEUS_CONFIG);
    expect(config.status, config.output).toBe(0);
    const rules = promtool("check", "rules", ALERT_RULES);
    expect(rules.status, rules.output).toBe(0);
  });

  it("every query of the Grafana dashboard is valid PromQL and returns a number from a running SISCONF", async () => {
    const queries = dashboardQueries();
    expect(queries.length).toBeGreaterThan(20);
    const known = new Set(await prometheus.metricNames());
    const problems: string[] = [];
    for (const { panel, expression } of queries) {
      // Only Grafana's variables above are filled in; any other would reach Prometheus as a syntax error.
      if (expression.includes("$")) problems.push(`${panel}: unknown variable in ${expression}`);
      // The error panels' `x{outcome="failed"} or x * 0` return 0 while nothing failed (no 5xx or failed send
      // happens here by design), so they return data even without failures: their metric names must be known.
      for (const name of metricNamesIn(expression)) {
        if (!known.has(name)) problems.push(`${panel}: no metric ${name} in ${expression}`);
      }
      try {
        const values = samples(await prometheus.query(expression));
        // NaN is what a quantile gives for a series without traffic; at least one series must have a value.
        if (!values.some(hasValue)) problems.push(`${panel}: no data (${values.join(", ")}) for ${expression}`);
      } catch (error) {
        problems.push(`${panel}: ${String(error)} in ${expression}`);
      }
    }
    expect(problems).toEqual([]);
  });

  it("every alert rule evaluates, the measures under each condition return data, and only the provoked failure fires", async () => {
    const rules = await eventually(async () => {
      const loaded = await prometheus.rules();
      return loaded.length > 0 && loaded.every((rule) => !rule.lastEvaluation.startsWith("0001")) && loaded;
    });
    const problems: string[] = [];
    for (const rule of rules) {
      if (rule.health !== "ok") problems.push(`${rule.name}: ${rule.health} ${rule.lastError ?? ""}`);
      // The whole condition is valid PromQL; its result is empty whenever the condition is false.
      await prometheus.query(rule.query).catch((error: unknown) => problems.push(`${rule.name}: ${String(error)}`));
      for (const measure of measuresOf(rule.query)) {
        const values = await prometheus.query(measure).then(samples, (error: unknown) => [String(error)]);
        if (!values.some(hasValue)) problems.push(`${rule.name}: no data for ${measure}`);
      }
    }
    expect(problems).toEqual([]);
    // By design of the scenario: every role is up, messages were just handled, the outboxes were drained, and
    // the second batch's sheet jobs failed. Business hours do not matter: messages were handled minutes ago.
    const states = Object.fromEntries(rules.map((rule: PromRule) => [rule.name, rule.state]));
    expect(states).toEqual({
      SisconfRoleDown: "inactive",
      SisconfSheetsWorkersMissing: "inactive",
      SisconfNoMessagesHandled: "inactive",
      SisconfSheetJobsFailing: "firing",
      SisconfOutboxBacklogStale: "inactive",
      SisconfWhatsappTemplateRefused: "inactive",
    });
  });

  it("shows in PromQL the orders, the cancellation, the batch closes and the messages of the chats", async () => {
    // The process runs every role and is scraped once per job: the job core alone counts each event once.
    const value = async (expression: string) => Number(samples(await prometheus.query(expression))[0] ?? "NaN");
    expect(await value('sisconf_orders_confirmed_total{job="core"}')).toBe(4);
    expect(await value('sisconf_orders_cancelled_total{job="core"}')).toBe(1);
    expect(await value('sisconf_batches_closed_total{job="core"}')).toBe(2);
    expect(await value('sum(sisconf_messages_received_total{job="core", outcome="handled"})')).toBe(14);
    expect(await value('sisconf_sheet_jobs_total{job="core", outcome="ready"}')).toBe(4);
    for (const result of ["understood", "clarify", "not_understood"]) {
      expect(await value(`sisconf_messages_understanding_total{job="core", result="${result}"}`)).toBeGreaterThan(0);
    }
  });
});
