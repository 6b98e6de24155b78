import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { beforeAll, describe, expect, it } from "vitest";
import { findBinary } from "../support/find-binary.ts";
import { parseYaml } from "./read-yaml.ts";

const REPOSITORY = fileURLToPath(new URL("../../", import.meta.url));
const read = (file: string) => readFileSync(new URL(`../../${file}`, import.meta.url), "utf8");

interface Service {
  image?: string;
  build?: { context: string; dockerfile?: string };
  command?: string[];
  entrypoint?: string[];
  environment?: Record<string, string | null>;
  depends_on?: Record<string, { condition: string }>;
  healthcheck?: { test: string[] };
  ports?: unknown[];
  container_name?: string;
  volumes?: string[];
}

const SISCONF_ROLES = ["core", "bot", "sheets"] as const;

/**
 * docker-compose.yml as Docker reads it, checked without a Docker engine: Debian's docker-compose (1.29) validates
 * the file against the compose schema and resolves `${…}` defaults and YAML anchors; `docker compose` (v2) reads
 * the same file. What it cannot check here is that the images build and the services start.
 */
describe("docker-compose.yml runs the whole system", () => {
  let services: Record<string, Service>;

  beforeAll(() => {
    const binary = findBinary("docker-compose");
    if (!binary) throw new Error("docker-compose is not installed: run `apt-get install -y docker-compose`");
    // Only the defaults in the file, not whatever this shell happens to set.
    const environment = { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "/tmp" };
    const quiet = spawnSync(binary, ["-f", "docker-compose.yml", "config", "-q"], {
      cwd: REPOSITORY,
      env: environment,
      encoding: "utf8",
    });
    expect(quiet.status, quiet.stderr).toBe(0);
    const resolved = spawnSync(binary, ["-f", "docker-compose.yml", "config"], {
      cwd: REPOSITORY,
      env: environment,
      encoding: "utf8",
    });
    expect(resolved.status, resolved.stderr).toBe(0);
    services = (parseYaml(resolved.stdout) as { services: Record<string, Service> }).services;
  });

  it("has every server the system needs beside the three SISCONF roles", () => {
    expect(Object.keys(services).sort()).toEqual(
      expect.arrayContaining([
        "postgres",
        "redis",
        "minio",
        "minio-setup",
        "keycloak",
        "prometheus",
        "grafana",
        ...SISCONF_ROLES,
      ]),
    );
  });

  it("builds core, bot and sheets from the one Dockerfile, each with its role as command and ready on /readyz", () => {
    const images = new Set<string | undefined>();
    for (const role of SISCONF_ROLES) {
      const service = services[role] as Service;
      expect(service.build?.context.replace(/\/$/, ""), role).toBe(REPOSITORY.replace(/\/$/, ""));
      expect(service.build?.dockerfile ?? "Dockerfile", role).toBe("Dockerfile");
      images.add(service.image);
      expect(service.command, role).toEqual([role]);
      expect(service.healthcheck?.test.join(" "), role).toContain("/readyz");
      expect(service.depends_on?.postgres?.condition, role).toBe("service_healthy");
      expect(service.depends_on?.redis?.condition, role).toBe("service_healthy");
      expect(service.depends_on?.["minio-setup"]?.condition, role).toBe("service_completed_successfully");
    }
    expect(images.size).toBe(1);
  });

  it("wires the roles to PostgreSQL, Redis, MinIO and Keycloak by their service names", () => {
    for (const role of SISCONF_ROLES) {
      const environment = services[role]?.environment ?? {};
      expect(environment.DATABASE_URL, role).toMatch(/^postgres:\/\/sisconf:[^@]+@postgres:5432\/sisconf$/);
      expect(environment.REDIS_URL, role).toBe("redis://redis:6379");
      expect(environment.S3_ENDPOINT, role).toBe("http://minio:9000");
      expect(environment.S3_BUCKET, role).toBe(services["minio-setup"]?.environment?.S3_BUCKET);
      expect(environment.S3_ACCESS_KEY_ID, role).toBe(services.minio?.environment?.MINIO_ROOT_USER);
      expect(environment.S3_SECRET_ACCESS_KEY, role).toBe(services.minio?.environment?.MINIO_ROOT_PASSWORD);
      expect(environment.KEYCLOAK_URL, role).toBe("http://keycloak:8080");
      for (const name of ["KEYCLOAK_CLIENT_ID", "KEYCLOAK_CLIENT_SECRET", "PUBLIC_URL", "ADMIN_PHONES", "API_TOKEN"]) {
        expect(environment, `${role} ${name}`).toHaveProperty(name);
      }
    }
    // Secrets and the people's numbers come from the operator's environment, never written in the file.
    const file = read("docker-compose.yml");
    for (const name of ["API_TOKEN", "ADMIN_PHONES", "PUBLIC_URL", "KEYCLOAK_CLIENT_SECRET", "S3_SECRET_ACCESS_KEY"]) {
      expect(file).toContain(`${name}: \${${name}`);
    }
  });

  it("lets sheets scale: no container name and no host port", () => {
    expect(services.sheets?.container_name).toBeUndefined();
    expect(services.sheets?.ports ?? []).toEqual([]);
  });

  it("keeps the WhatsApp session and the data in volumes", () => {
    expect(services.bot?.volumes?.some((volume) => /^[\w-]+:\/data\/whatsapp(:|$)/.test(volume))).toBe(true);
    expect(services.core?.volumes?.some((volume) => /^[\w-]+:\/data(:|$)/.test(volume))).toBe(true);
  });

  it("runs Redis as BullMQ requires: append-only file and no eviction", () => {
    const command = (services.redis?.command ?? []).join(" ");
    expect(command).toContain("--appendonly yes");
    expect(command).toContain("--maxmemory-policy noeviction");
  });

  it("creates the sheets bucket with a one-shot mc service once MinIO is healthy", () => {
    const setup = services["minio-setup"] as Service;
    expect(setup.image).toMatch(/^minio\/mc/);
    expect(setup.depends_on?.minio?.condition).toBe("service_healthy");
    expect([...(setup.entrypoint ?? []), ...(setup.command ?? [])].join(" ")).toMatch(/mc mb --ignore-existing/);
  });

  it("gives Prometheus the configuration and rules of deploy/prometheus, scraping the roles on their PORT", () => {
    expect(services.prometheus?.volumes).toContainEqual(
      expect.stringMatching(/\/deploy\/prometheus:\/etc\/prometheus/),
    );
    const config = parseYaml(read("deploy/prometheus/prometheus.yml")) as {
      rule_files: string[];
      scrape_configs: {
        job_name: string;
        static_configs?: { targets: string[] }[];
        dns_sd_configs?: { names: string[]; port: number }[];
      }[];
    };
    expect(config.rule_files).toEqual(["alerts.yml"]);
    for (const role of SISCONF_ROLES) {
      const job = config.scrape_configs.find((candidate) => candidate.job_name === role);
      const targets = [
        ...(job?.static_configs ?? []).flatMap((group) => group.targets),
        ...(job?.dns_sd_configs ?? []).flatMap((lookup) => lookup.names.map((name) => `${name}:${lookup.port}`)),
      ];
      expect(targets, role).toEqual([`${role}:${services[role]?.environment?.PORT}`]);
    }
    // Found by DNS, so that every replica of `--scale sheets=N` is scraped.
    expect(config.scrape_configs.find((job) => job.job_name === "sheets")?.dns_sd_configs).toBeDefined();
  });

  it("provisions Grafana with the Prometheus service as datasource and the dashboards where the provider looks", () => {
    const volumes = services.grafana?.volumes ?? [];
    const target = (source: string) =>
      volumes.find((volume) => volume.includes(`/deploy/grafana/${source}:`))?.split(":")[1] ?? "missing";
    expect(target("provisioning")).toBe("/etc/grafana/provisioning");
    const provider = parseYaml(read("deploy/grafana/provisioning/dashboards/sisconf.yml")) as {
      providers: { options: { path: string } }[];
    };
    expect(provider.providers[0]?.options.path).toBe(target("dashboards"));
    const datasources = parseYaml(read("deploy/grafana/provisioning/datasources/prometheus.yml")) as {
      datasources: { uid: string; url: string }[];
    };
    expect(datasources.datasources[0]?.url).toBe("http://prometheus:9090");
    // The dashboard's panels name the datasource by its uid.
    const dashboard = read("deploy/grafana/dashboards/sisconf.json");
    const uids = new Set([...dashboard.matchAll(/"uid": "([^"]+)"/g)].map((match) => match[1]));
    expect([...uids].sort()).toEqual([datasources.datasources[0]?.uid, "sisconf-overview"].sort());
  });

  it("builds the image in stages, with Debian's chromium, as a non-root user, starting the CLI", () => {
    const dockerfile = read("Dockerfile");
    expect(dockerfile).toMatch(/^FROM node:20-bookworm-slim AS deps$/m);
    expect(dockerfile).toMatch(/RUN npm ci /);
    expect(dockerfile).toMatch(/^FROM node:20-bookworm-slim AS runtime$/m);
    expect(dockerfile).toMatch(/apt-get install -y --no-install-recommends chromium/);
    expect(dockerfile).toMatch(/PUPPETEER_SKIP_DOWNLOAD=true/);
    expect(dockerfile).toMatch(/^USER node$/m);
    expect(dockerfile).toMatch(/^VOLUME \["\/data", "\/data\/whatsapp"\]$/m);
    expect(dockerfile).toMatch(/^ENTRYPOINT \["node", "bin\/sisconf.js"\]$/m);
    // The build context leaves out what the image does not need, and every folder the image copies is kept.
    const ignored = read(".dockerignore").split("\n");
    expect(ignored).toEqual(expect.arrayContaining(["node_modules", ".git", "data", "test"]));
    for (const [, folder] of dockerfile.matchAll(/^COPY (?!--from)(\S+) \.\/\S*$/gm)) {
      expect(ignored, `${folder} is copied`).not.toContain(folder);
    }
  });
});
