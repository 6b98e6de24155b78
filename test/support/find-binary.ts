import { existsSync, readdirSync } from "node:fs";
import path from "node:path";

/** Finds a server binary on PATH or in Debian's versioned PostgreSQL folders; null when it is not installed. */
export function findBinary(name: string): string | null {
  const candidates = (process.env.PATH ?? "").split(":").map((directory) => path.join(directory, name));
  const postgresRoot = "/usr/lib/postgresql";
  if (existsSync(postgresRoot)) {
    const versions = readdirSync(postgresRoot).sort((left, right) => Number(right) - Number(left));
    candidates.push(...versions.map((version) => path.join(postgresRoot, version, "bin", name)));
  }
  return candidates.find((candidate) => existsSync(candidate)) ?? null;
}

export function requireBinary(name: string, debianPackage: string): string {
  const found = findBinary(name);
  if (!found) {
    throw new Error(
      `${name} is not installed: run \`apt-get install -y ${debianPackage}\` (or set the matching TEST_* URL)`,
    );
  }
  return found;
}
