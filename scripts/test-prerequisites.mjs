#!/usr/bin/env node
// The servers and tools the test suite starts for real, and the Debian packages that bring them: the one list
// `npm test` and CI use. On Debian or Ubuntu as root (or with passwordless sudo) the missing ones are installed,
// once, saying what; anywhere else the run stops at once with the command that installs them.
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync } from "node:fs";
import path from "node:path";

/** [what the tests run, the Debian package that brings it, how to tell it is there when not by the command alone]. */
const PREREQUISITES = [
  ["initdb", "postgresql"],
  ["redis-server", "redis-server"],
  ["chromium", "chromium"],
  ["soffice", "libreoffice-calc-nogui"],
  ["pdftotext", "poppler-utils"],
  ["prometheus", "prometheus"],
  // Compose v1 validates docker-compose.yml offline (no Docker engine); its python3-yaml reads YAML in test/ops.
  ["docker-compose", "docker-compose"],
  // Keycloak's distribution comes from Maven Central and runs on a JRE.
  ["java", "default-jre-headless"],
  ["mvn", "maven"],
  // scripts/schemathesis.sh installs Schemathesis from PyPI into a virtual environment of its own.
  ["python3", "python3-venv", () => succeeds("python3", ["-c", "import ensurepip, venv"])],
];

/** PostgreSQL's server programs live in a versioned folder off PATH on Debian. */
function isInstalled(command) {
  const folders = (process.env.PATH ?? "").split(":");
  const postgres = "/usr/lib/postgresql";
  if (existsSync(postgres)) {
    for (const version of readdirSync(postgres)) folders.push(path.join(postgres, version, "bin"));
  }
  return folders.some((folder) => folder && existsSync(path.join(folder, command)));
}

function succeeds(command, args) {
  return spawnSync(command, args, { stdio: "ignore" }).status === 0;
}

const missing = PREREQUISITES.filter(([command, , isThere]) => !isInstalled(command) || (isThere && !isThere())).map(
  ([, debianPackage]) => debianPackage,
);
if (missing.length === 0) process.exit(0);

const packages = [...new Set(missing)];
const installCommand = `apt-get update && apt-get install -y --no-install-recommends ${packages.join(" ")}`;
const isRoot = process.getuid?.() === 0;
const hasApt = isInstalled("apt-get");
const canSudo = !isRoot && hasApt && isInstalled("sudo") && succeeds("sudo", ["-n", "true"]);

if (!hasApt || (!isRoot && !canSudo)) {
  console.error(`The tests need programs this machine lacks. Install them, then run npm test again:`);
  console.error(hasApt ? `  sudo sh -c '${installCommand}'` : `  the Debian/Ubuntu packages ${packages.join(", ")}`);
  process.exit(1);
}

console.log(`Installing the Debian packages the tests need (once): ${packages.join(", ")}`);
const prefix = isRoot ? [] : ["sudo", "-n"];
const environment = { ...process.env, DEBIAN_FRONTEND: "noninteractive" };
for (const args of [
  ["apt-get", "update", "-qq"],
  ["apt-get", "install", "-y", "-qq", "--no-install-recommends", ...packages],
]) {
  const command = [...prefix, ...args];
  const result = spawnSync(command[0], command.slice(1), { stdio: ["ignore", "ignore", "inherit"], env: environment });
  if (result.status !== 0) {
    console.error(`Installing failed (${command.join(" ")}); run it by hand: ${installCommand}`);
    process.exit(1);
  }
}
