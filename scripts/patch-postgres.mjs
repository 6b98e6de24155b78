// Runs after every `npm install` / `npm ci`: guards postgres.js 3.4.x against writing to a socket that closed
// (porsager/postgres#1154, #1208; fix proposed in #1209, not released). Unpatched, a PostgreSQL restart can throw
// "Cannot read properties of null (reading 'write')" from a timer, which no caller can catch and which ends the
// process; patched, the query in flight fails with CONNECTION_CLOSED, which SISCONF answers with "tente de novo".
// Idempotent; when the driver's code no longer matches (a fixed release), it says so and changes nothing.
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

const MARK = "/* sisconf: null-socket guard */";
const files = ["../node_modules/postgres/src/connection.js", "../node_modules/postgres/cjs/src/connection.js"].map(
  (relative) => fileURLToPath(new URL(relative, import.meta.url)),
);

const edits = [
  {
    from: "  function nextWrite(fn) {\n    const x = socket.write(chunk, fn)",
    to: `  function nextWrite(fn) {\n    if (!socket) { ${MARK}\n      nextWriteTimer !== null && clearImmediate(nextWriteTimer)\n      chunk = nextWriteTimer = null\n      error(Errors.connection('CONNECTION_CLOSED', options))\n      return false\n    }\n    const x = socket.write(chunk, fn)`,
  },
  // Teardown cancels the pending write; forgetting it lets the next query on this connection schedule its own.
  {
    from: "    clearImmediate(nextWriteTimer)\n    if (socket) {",
    to: "    clearImmediate(nextWriteTimer)\n    nextWriteTimer = null\n    if (socket) {",
  },
  {
    from: "    clearImmediate(nextWriteTimer)\n    socket.removeListener('data', data)",
    to: "    clearImmediate(nextWriteTimer)\n    nextWriteTimer = null\n    socket.removeListener('data', data)",
  },
];

for (const file of files) {
  if (!existsSync(file)) continue;
  const source = readFileSync(file, "utf8");
  if (source.includes(MARK)) continue;
  if (!edits.every((edit) => source.includes(edit.from))) {
    console.warn(`patch-postgres: ${file} does not look like postgres.js 3.4.x any more; left as it is`);
    continue;
  }
  writeFileSync(
    file,
    edits.reduce((text, edit) => text.replace(edit.from, edit.to), source),
  );
}
