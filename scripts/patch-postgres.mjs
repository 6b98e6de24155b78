// Runs after every `npm install` / `npm ci` and patches postgres.js 3.4.x in node_modules, in two places.
//
// connection.js, a crash: guards against writing to a socket that closed (porsager/postgres#1154, #1208; fix
// proposed in #1209, not released). Unpatched, a PostgreSQL restart can throw "Cannot read properties of null
// (reading 'write')" from a timer, which no caller can catch and which ends the process; patched, the query in flight
// fails with CONNECTION_CLOSED, which SISCONF answers with "tente de novo".
//
// index.js and connection.js, round trips: a transaction no longer waits for the answer to `begin` before sending its
// first statement, and may send its last statement and `commit` together (`sendLastStatement` in core/db/database.ts).
// A message in chat is one short transaction, and at hundreds of messages a second each round trip is a wake-up of
// the server and of PostgreSQL. What keeps it safe:
// - PostgreSQL answers in the order it was sent, so `begin` has been answered before the first statement is; its
//   failure is still thrown (after the callback, before `commit`), with a rollback.
// - A `commit` sent behind a statement that then failed ends the transaction as a rollback and answers ROLLBACK
//   without an error: the patched `begin` throws the statement's error then, instead of resolving as committed.
// - postgres.js re-runs a prepared statement that failed because its cached plan went stale (after a migration).
//   Re-run behind a `commit` it would run alone, outside its transaction; the patch re-runs one only outside a
//   transaction, where nothing is behind it that it belongs with (inside one, the re-run failed anyway, the
//   transaction being aborted).
//
// Idempotent; when the driver's code no longer matches (a fixed release), it says so and changes nothing.
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

const CONNECTION_MARK = "/* sisconf: null-socket guard */";
const PIPELINE_MARK = "/* sisconf: pipelined begin and commit */";

const patches = [
  {
    file: "connection.js",
    mark: CONNECTION_MARK,
    edits: [
      {
        from: "  function nextWrite(fn) {\n    const x = socket.write(chunk, fn)",
        to: `  function nextWrite(fn) {\n    if (!socket) { ${CONNECTION_MARK}\n      nextWriteTimer !== null && clearImmediate(nextWriteTimer)\n      chunk = nextWriteTimer = null\n      error(Errors.connection('CONNECTION_CLOSED', options))\n      return false\n    }\n    const x = socket.write(chunk, fn)`,
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
    ],
  },
  {
    file: "connection.js",
    mark: PIPELINE_MARK,
    edits: [
      {
        from: "          : query.prepared && retryRoutines.has(errorResponse.routine)",
        to: `          : query.prepared && x[5] === 73 && retryRoutines.has(errorResponse.routine) ${PIPELINE_MARK}`,
      },
    ],
  },
  {
    file: "index.js",
    mark: PIPELINE_MARK,
    edits: [
      {
        from: [
          "    try {",
          "      await sql.unsafe('begin ' + options.replace(/[^a-z ]/ig, ''), [], { onexecute }).execute()",
          "      return await Promise.race([",
        ].join("\n"),
        to: [
          `    let sent ${PIPELINE_MARK}`,
          "    const beginning = sql.unsafe('begin ' + options.replace(/[^a-z ]/ig, ''), [], { onexecute }).execute()",
          "    beginning.catch(() => {})",
          "    try {",
          "      await Promise.race([new Promise(resolve => sent = resolve), beginning])",
          "      return await Promise.race([",
        ].join("\n"),
      },
      {
        from: "        if (uncaughtError)\n          throw uncaughtError\n      } catch (e) {",
        to: "        name || await beginning\n        if (uncaughtError)\n          throw uncaughtError\n      } catch (e) {",
      },
      {
        from: "        prepare\n          ? await sql`prepare transaction",
        to: "        const ended = prepare\n          ? await sql`prepare transaction",
      },
      {
        from: "          : await sql`commit`\n",
        to: [
          "          : await sql`commit`",
          "        if (ended.command === 'ROLLBACK')",
          "          throw uncaughtError || Errors.generic('ROLLED_BACK', 'a statement failed: the transaction was rolled back')",
          "",
        ].join("\n"),
      },
      {
        from: "    function onexecute(c) {\n      connection = c",
        to: "    function onexecute(c) {\n      connection = c\n      sent()",
      },
    ],
  },
];

const folders = ["../node_modules/postgres/src/", "../node_modules/postgres/cjs/src/"];

for (const folder of folders) {
  for (const patch of patches) {
    const file = fileURLToPath(new URL(folder + patch.file, import.meta.url));
    if (!existsSync(file)) continue;
    const source = readFileSync(file, "utf8");
    if (source.includes(patch.mark)) continue;
    if (!patch.edits.every((edit) => source.includes(edit.from))) {
      console.warn(`patch-postgres: ${file} does not look like postgres.js 3.4.x any more; left as it is`);
      continue;
    }
    writeFileSync(
      file,
      patch.edits.reduce((text, edit) => text.replace(edit.from, edit.to), source),
    );
  }
}
