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
// - The driver says it is patched (`Postgres.sisconfCommitBehindLast`); a server refuses to start on a stock driver.
//
// Idempotent. Checksummed: each file must be exactly the stock 3.4.9 (then it is patched and the result checked) or
// exactly the patched one; anything else fails the install, naming the file. `POSTGRES_COMMIT_BEHIND_LAST=false`
// turns the round-trip saving off at run time (the crash guard stays), and every start logs which mode it runs in.
import { createHash } from "node:crypto";
import { readFileSync, writeFileSync } from "node:fs";
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

/**
 * The files this patch was written and reviewed against (postgres 3.4.9, pinned exactly in package.json), and what
 * they become: sha256 of each, before and after. Anything else is refused, so that a driver that changed can never
 * be half patched or silently left stock.
 */
const CHECKSUMS = {
  "src/index.js": {
    stock: "4e21f5733e70d79cffc10d10d4ef01031de4a9ac862210e43f8870029fd103ed",
    patched: "2f9d0e2b4f6fd4ce4540e225341ad9995441d2fe290965bf6ae963f88b6e8931",
  },
  "src/connection.js": {
    stock: "ee3a218d9aa6a6f2887c1a19da50009335fe84c11a5431d5cab72d6bc528632f",
    patched: "a49943fdb83c7996e752e51c7bf51abc897b83a1aab70e12ecd563ec7b57066a",
  },
  "cjs/src/index.js": {
    stock: "d8fea1a5311c47e65004646bc81f57305ac64d48f99004a5b3ca27bcfc6babf8",
    patched: "c33ab9e3dfd4eb23bf37e4c980dcf9936537b5f6af93b40140eaf3878599af99",
  },
  "cjs/src/connection.js": {
    stock: "ce6d375809baad79963ef9b3773e6ac757bcf6da2362d4d85482bb14c2c751be",
    patched: "6e5197c2bc1b70b20f2e63173a2d297c0c32c3a70a85b395a9d0d2bc842ca42e",
  },
};

const driver = new URL("../node_modules/postgres/", import.meta.url);
const sha256 = (text) => createHash("sha256").update(text).digest("hex");

// Every file checked before any is written: the driver is patched whole or not at all.
const results = new Map();
for (const [file, expected] of Object.entries(CHECKSUMS)) {
  const path = fileURLToPath(new URL(file, driver));
  const source = readFileSync(path, "utf8");
  const hash = sha256(source);
  if (hash === expected.patched) continue;
  if (hash !== expected.stock) {
    console.error(
      `patch-postgres: node_modules/postgres/${file} is not the postgres.js 3.4.9 this patch was reviewed against ` +
        "(package.json pins that version); reinstall it with npm ci, or review the patch for the new version",
    );
    process.exit(1);
  }
  const folder = file.slice(0, file.lastIndexOf("/") + 1);
  const patched = patches
    .filter((patch) => folder + patch.file === file)
    .flatMap((patch) => patch.edits)
    .reduce((text, edit) => text.replace(edit.from, edit.to), source);
  if (sha256(patched) !== expected.patched) {
    console.error(`patch-postgres: patching node_modules/postgres/${file} did not give the reviewed result`);
    process.exit(1);
  }
  results.set(path, patched);
}
for (const [path, text] of results) writeFileSync(path, text);
if (results.size > 0)
  console.log(`patch-postgres: postgres.js 3.4.9 patched (${results.size} files, checksums verified)`);
