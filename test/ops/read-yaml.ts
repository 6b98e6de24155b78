import { spawnSync } from "node:child_process";

/**
 * Parses YAML with Python's yaml module (python3-yaml, which Debian's docker-compose package depends on), so the
 * tests need no YAML package of their own. YAML anchors and merge keys are resolved as compose resolves them.
 */
export function parseYaml(text: string): unknown {
  const result = spawnSync(
    "python3",
    ["-c", "import json, sys, yaml; json.dump(yaml.safe_load(sys.stdin), sys.stdout)"],
    { input: text, encoding: "utf8" },
  );
  if (result.error || result.status !== 0) {
    throw new Error(
      `python3 with its yaml module is needed: run \`apt-get install -y python3-yaml\` (${result.error?.message ?? result.stderr})`,
    );
  }
  return JSON.parse(result.stdout);
}
