import { execFileSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));

/** What a fresh process (as `bin/sisconf.js` starts one) loads for drizzle-orm once the hook is in. */
function loadedInFreshProcess(): { sameInstance: boolean; esmFiles: number; commonJsFiles: number; postgres: string } {
  const script = `
    import { createRequire } from "node:module";
    (await import("./cli/load-drizzle-as-commonjs.ts")).loadDrizzleAsCommonJs();
    const { eq } = await import("drizzle-orm");
    const { pgTable } = await import("drizzle-orm/pg-core");
    const require = createRequire(import.meta.url);
    const files = Object.keys(require.cache).filter((file) => file.includes("/node_modules/drizzle-orm/"));
    const postgres = await import("postgres");
    console.log(JSON.stringify({
      sameInstance: eq === require("drizzle-orm").eq && pgTable === require("drizzle-orm/pg-core").pgTable,
      esmFiles: files.filter((file) => file.endsWith(".js")).length,
      commonJsFiles: files.filter((file) => file.endsWith(".cjs")).length,
      postgres: import.meta.resolve("postgres"),
    }));`;
  const output = execFileSync(process.execPath, ["--import", "tsx", "--input-type=module", "-e", script], {
    cwd: ROOT,
    encoding: "utf8",
  });
  return JSON.parse(output);
}

describe("drizzle-orm in a sisconf process", () => {
  it("loads its CommonJS build, one instance for every entry point, and leaves other packages as they resolve", () => {
    const loaded = loadedInFreshProcess();
    expect(loaded.sameInstance).toBe(true);
    expect(loaded.esmFiles).toBe(0);
    expect(loaded.commonJsFiles).toBeGreaterThan(100);
    // postgres.js is patched in its ESM build (scripts/patch-postgres.mjs): SISCONF's own imports still get that one.
    expect(loaded.postgres).toMatch(/\/node_modules\/postgres\/src\/index\.js$/);
  });
});
