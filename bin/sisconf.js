#!/usr/bin/env node
// The sources are TypeScript run through tsx, so the command always runs the code as it is in the tree.
import { register } from "tsx/esm/api";

register();
(await import("../cli/load-drizzle-as-commonjs.ts")).loadDrizzleAsCommonJs();
await import("../cli/main.ts");
