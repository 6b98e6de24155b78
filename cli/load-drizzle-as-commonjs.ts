import module from "node:module";

/**
 * Resolves `drizzle-orm` and its entry points to the package's CommonJS build, everything else as usual.
 *
 * Node 24's ESM loader looks up the package scope of every file it loads and, doing so, parses the package's
 * `exports` map again each time. drizzle-orm's map is 178 KB and its ESM build about 450 files: a process importing
 * it parsed that map hundreds of times, which took a second at start and left the heap it grew behind, about 120 MB
 * of resident memory that no collection gives back (a `sisconf sheets` idled at 235 MB, 100 MB after this). Its
 * CommonJS build loads each file once by path. The whole process gets one copy: every import goes here.
 */
function resolveDrizzleAsCommonJs(
  specifier: string,
  context: module.ResolveHookContext,
  nextResolve: (specifier: string, context?: Partial<module.ResolveHookContext>) => module.ResolveFnOutput,
): module.ResolveFnOutput {
  if (specifier !== "drizzle-orm" && !specifier.startsWith("drizzle-orm/")) return nextResolve(specifier, context);
  const conditions = context.conditions.filter((condition) => condition !== "import");
  return nextResolve(specifier, { ...context, conditions: [...conditions, "require"] });
}

/** Installs `resolveDrizzleAsCommonJs` for this process, before anything imports drizzle-orm. */
export function loadDrizzleAsCommonJs(): void {
  // Node 22.12–22.14 lack in-thread hooks: there drizzle-orm loads as ESM, which only costs the memory above.
  if (typeof module.registerHooks === "function") module.registerHooks({ resolve: resolveDrizzleAsCommonJs });
}
