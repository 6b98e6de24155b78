import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import {
  closeSync,
  copyFileSync,
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  readFileSync,
  renameSync,
  rmSync,
} from "node:fs";
import { homedir, tmpdir } from "node:os";
import path from "node:path";
import { freePort } from "./free-port.ts";

/** The server CI fetches (`.ci/run`) and the tests start: Keycloak's own distribution, from Maven Central. */
export const KEYCLOAK_VERSION = "26.4.7";
export const KEYCLOAK_ARTIFACT = `org.keycloak:keycloak-quarkus-dist:${KEYCLOAK_VERSION}:tar.gz`;
export const KEYCLOAK_ADMIN = { username: "admin", password: "admin-test-password" };

const REALM_FILE = new URL("../../deploy/keycloak/realm-sisconf.json", import.meta.url);

/** Outside the repository, so that the 170 MB distribution is unpacked once per machine, not once per clone. */
function cacheDirectory(): string {
  return process.env.SISCONF_CACHE_DIR ?? path.join(homedir(), ".cache", "sisconf");
}

export interface KeycloakServer {
  /** http://127.0.0.1:PORT, what KEYCLOAK_URL is set to. */
  url: string;
  /** The realm's issuer, as it writes it into tokens. */
  issuer: string;
  /** The realm file's service client and its secret. */
  serviceClient: { clientId: string; secret: string };
  /** Stops the server, keeping its database (H2 in its folder), as an outage would. */
  stop(): Promise<void>;
  /** Starts it again after `stop`, on the same port, with the same data. */
  restart(): Promise<void>;
  /** Stops it for good and removes its folder. */
  close(): Promise<void>;
  /** The login errors Keycloak logged (its events listener writes them at WARN), to say why a login was refused. */
  loginErrors(): string[];
}

/**
 * The unpacked distribution: fetched with Maven into ~/.m2 (and a copy in the cache folder) and unpacked once.
 * `.ci/run` fetches it ahead; here it is fetched too when missing, so `npm test` works on a developer's machine.
 */
export function keycloakDistribution(): string {
  const cache = cacheDirectory();
  const home = path.join(cache, `keycloak-${KEYCLOAK_VERSION}`);
  if (existsSync(path.join(home, "bin", "kc.sh"))) return home;
  mkdirSync(cache, { recursive: true });
  const archive = path.join(cache, `keycloak-quarkus-dist-${KEYCLOAK_VERSION}.tar.gz`);
  if (!existsSync(archive)) {
    try {
      execFileSync(
        "mvn",
        ["-q", "-B", "dependency:copy", `-Dartifact=${KEYCLOAK_ARTIFACT}`, `-DoutputDirectory=${cache}`],
        { stdio: ["ignore", "pipe", "pipe"], timeout: 600_000 },
      );
    } catch (error) {
      const output = (error as { stdout?: Buffer; stderr?: Buffer }).stdout?.toString() ?? String(error);
      throw new Error(
        `could not fetch ${KEYCLOAK_ARTIFACT} with Maven (apt-get install -y maven default-jdk-headless): ${output.slice(-2000)}`,
      );
    }
  }
  // Unpacked beside the final folder and renamed, so that a run stopped half-way leaves no broken distribution.
  const unpacking = mkdtempSync(path.join(cache, "unpacking-"));
  try {
    execFileSync("tar", ["-xzf", archive, "-C", unpacking]);
    try {
      renameSync(path.join(unpacking, `keycloak-${KEYCLOAK_VERSION}`), home);
    } catch (error) {
      // Another run unpacked it at the same time.
      if (!existsSync(path.join(home, "bin", "kc.sh"))) throw error;
    }
  } finally {
    rmSync(unpacking, { recursive: true, force: true });
  }
  return home;
}

/**
 * Keycloak in development mode on free loopback ports, with the realm file imported and a bootstrap admin. Each call
 * works on its own copy of the distribution (start-up writes its build and its H2 database into it).
 */
export async function startKeycloak(options: { startTimeoutMs?: number } = {}): Promise<KeycloakServer> {
  const distribution = keycloakDistribution();
  const folder = mkdtempSync(path.join(tmpdir(), "sisconf-keycloak-"));
  const home = path.join(folder, "keycloak");
  cpSync(distribution, home, { recursive: true });
  mkdirSync(path.join(home, "data", "import"), { recursive: true });
  copyFileSync(REALM_FILE, path.join(home, "data", "import", "realm-sisconf.json"));
  const realm = JSON.parse(readFileSync(REALM_FILE, "utf8")) as {
    clients: { clientId: string; secret?: string }[];
  };
  const service = realm.clients.find((client) => client.secret !== undefined);
  if (!service?.secret) throw new Error("the realm file has no confidential client");
  const port = await freePort();
  const managementPort = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const logFile = path.join(folder, "keycloak.log");
  const timeoutMs = options.startTimeoutMs ?? 240_000;
  let child: ChildProcess | null = null;

  const launch = async () => {
    const log = openSync(logFile, "a");
    child = spawn(
      path.join(home, "bin", "kc.sh"),
      [
        "start-dev",
        "--http-host=127.0.0.1",
        `--http-port=${port}`,
        `--http-management-port=${managementPort}`,
        "--health-enabled=true",
        "--import-realm",
      ],
      {
        detached: true,
        stdio: ["ignore", log, log],
        env: {
          ...process.env,
          KC_BOOTSTRAP_ADMIN_USERNAME: KEYCLOAK_ADMIN.username,
          KC_BOOTSTRAP_ADMIN_PASSWORD: KEYCLOAK_ADMIN.password,
        },
      },
    );
    closeSync(log);
    const started = child;
    let exited: string | null = null;
    started.once("exit", (code, signal) => {
      exited = `exited with ${code ?? signal}`;
    });
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      if (exited) throw new Error(`Keycloak ${exited}:\n${tail(logFile)}`);
      if (
        (await ok(`http://127.0.0.1:${managementPort}/health/ready`)) &&
        (await ok(`${url}/realms/sisconf/.well-known/openid-configuration`))
      ) {
        return;
      }
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
    await halt();
    throw new Error(`Keycloak was not ready within ${timeoutMs} ms:\n${tail(logFile)}`);
  };

  const halt = async () => {
    const running = child;
    child = null;
    if (!running?.pid || running.exitCode !== null || running.signalCode !== null) return;
    const exited = new Promise<void>((resolve) => running.once("exit", () => resolve()));
    // The whole group: kc.sh and the JVM it starts.
    process.kill(-running.pid, "SIGTERM");
    const killed = await Promise.race([
      exited.then(() => false),
      new Promise<boolean>((resolve) => setTimeout(() => resolve(true), 30_000)),
    ]);
    if (killed) {
      process.kill(-running.pid, "SIGKILL");
      await exited;
    }
  };

  try {
    await launch();
  } catch (error) {
    rmSync(folder, { recursive: true, force: true });
    throw error;
  }
  return {
    url,
    issuer: `${url}/realms/sisconf`,
    serviceClient: { clientId: service.clientId, secret: service.secret },
    stop: halt,
    restart: launch,
    async close() {
      await halt();
      rmSync(folder, { recursive: true, force: true });
    },
    loginErrors() {
      return readFileSync(logFile, "utf8")
        .split("\n")
        .filter((line) => line.includes("LOGIN_ERROR"));
    },
  };
}

async function ok(url: string): Promise<boolean> {
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(2000) });
    await response.arrayBuffer();
    return response.ok;
  } catch {
    return false;
  }
}

function tail(file: string): string {
  try {
    return readFileSync(file, "utf8").split("\n").slice(-40).join("\n");
  } catch {
    return "(no log)";
  }
}
