// Runs after every `npm install` / `npm ci` and patches postgres.js 3.4.x in node_modules, in two places.
//
// connection.js, a crash: guards against writing to a socket that closed (porsager/postgres#1154, #1208; fix
// proposed in #1209, not released). Unpatched, a PostgreSQL restart can throw "Cannot read properties of null
// (reading 'write')" from a timer, which no caller can catch and which ends the process; patched, the query in flight
// fails with CONNECTION_CLOSED, which SISCONF answers with "tente de novo".
//
// index.js and connection.js, a round trip: a transaction may send its last statement and `commit` together
// (`sendLast` in core/db/database.ts): a message in chat is one short transaction, and at hundreds of messages a
// second each round trip is a wake-up of the server and of PostgreSQL. What keeps it safe:
// - A `commit` sent behind a statement that then failed ends the transaction as a rollback and answers ROLLBACK
//   without an error: the patched `begin` throws the statement's error then, instead of resolving as committed.
// - A statement that runs for the first time on a connection is described before it is bound, so it can still fail
//   on this side (a value that cannot be serialized) after `commit` was queued: such statements are awaited before
//   `commit` is sent. That costs a round trip once per statement text and connection.
// - postgres.js re-runs a prepared statement that failed because its cached plan went stale (after a migration).
//   Re-run behind a `commit` it would run alone, outside its transaction: the patch re-runs one only outside a
//   transaction, and inside one forgets the stale statement, so that the next transaction prepares it afresh.
// - The driver says it is patched (`Postgres.sisconfCommitBehindLast`); without that, `sendLast` awaits its statement.
//
// Idempotent; when the driver's code no longer matches (a fixed release), it says so and changes nothing.
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

const CONNECTION_MARK = "/* sisconf: null-socket guard */";
const COMMIT_MARK = "/* sisconf: commit behind the last statement */";

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
    mark: COMMIT_MARK,
    edits: [
      {
        from: "          : query.prepared && retryRoutines.has(errorResponse.routine)\n            ? retry(query, errorResponse)",
        to: [
          `          : query.prepared && retryRoutines.has(errorResponse.routine) ${COMMIT_MARK}`,
          "            ? x[5] === 73 ? retry(query, errorResponse) : (delete statements[query.signature], errored(errorResponse))",
        ].join("\n"),
      },
    ],
  },
  {
    file: "index.js",
    mark: COMMIT_MARK,
    edits: [
      {
        from: "function Postgres(a, b) {",
        to: `Postgres.sisconfCommitBehindLast = true ${COMMIT_MARK}\n\nfunction Postgres(a, b) {`,
      },
      {
        from: "    let savepoints = 0",
        to: "    const issued = new Set()\n    let savepoints = 0",
      },
      {
        from: "        if (uncaughtError)\n          throw uncaughtError\n      } catch (e) {",
        to: [
          "        if (!name)",
          "          for (const q of issued) (q.describeFirst || !q.statement) && await q.catch(() => {})",
          "        if (uncaughtError)",
          "          throw uncaughtError",
          "      } catch (e) {",
        ].join("\n"),
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
        from: "        q.catch(e => uncaughtError || (uncaughtError = e))",
        to: "        issued.add(q)\n        q.catch(e => uncaughtError || (uncaughtError = e))",
      },
    ],
  },
];

const folders = ["../node_modules/postgres/src/", "../node_modules/postgres/cjs/src/"];

// Per folder, every patch or none: a driver half patched would pipeline without the guards that make it safe.
for (const folder of folders) {
  const sources = new Map();
  for (const patch of patches) {
    const file = fileURLToPath(new URL(folder + patch.file, import.meta.url));
    if (!existsSync(file)) continue;
    sources.set(file, sources.get(file) ?? readFileSync(file, "utf8"));
  }
  if (sources.size === 0) continue;
  const pending = patches
    .map((patch) => ({ ...patch, path: fileURLToPath(new URL(folder + patch.file, import.meta.url)) }))
    .filter((patch) => !sources.get(patch.path)?.includes(patch.mark));
  if (!pending.every((patch) => patch.edits.every((edit) => sources.get(patch.path)?.includes(edit.from)))) {
    console.warn(`patch-postgres: ${folder} does not look like postgres.js 3.4.x any more; left as it is`);
    continue;
  }
  for (const patch of pending) {
    sources.set(
      patch.path,
      patch.edits.reduce((text, edit) => text.replace(edit.from, edit.to), sources.get(patch.path)),
    );
  }
  for (const [file, text] of sources) writeFileSync(file, text);
}
