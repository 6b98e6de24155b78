#!/usr/bin/env bash
# Schemathesis (https://schemathesis.readthedocs.io) against a running SISCONF's own OpenAPI document: starts
# `sisconf start` on embedded defaults (PGlite, simulator, local files) on a free port with a fresh data folder,
# loads a catalog, fuzzes every documented operation for SCHEMATHESIS_MAX_TIME seconds (default 180), and stops it.
# Fails on any 5xx, any answer the document does not describe (status, content type, schema, headers), any accepted
# invalid input, any undeclared method answered otherwise than 405, and any request that takes longer than
# SCHEMATHESIS_REQUEST_TIMEOUT seconds (default 10). Not checked: that every schema-valid body is accepted, since
# rules across fields (a product's provider must be listed, keys unique, no NUL) are not JSON Schema's to say.
# Installs schemathesis with pip into a virtual environment under SISCONF_CACHE_DIR when `st` is missing (needs
# python3 with its venv module). Usage: scripts/schemathesis.sh [extra `st run` options]
set -euo pipefail
cd "$(dirname "$0")/.."

max_time="${SCHEMATHESIS_MAX_TIME:-180}"
request_timeout="${SCHEMATHESIS_REQUEST_TIMEOUT:-10}"
schemathesis_version="${SCHEMATHESIS_VERSION:->=4.32,<5}"

# Schemathesis from PyPI in a virtual environment of its own, kept in the cache folder CI already keeps (Debian's
# python3 refuses `pip install` outside one); an `st` already on PATH is used as it is.
st_bin="$(command -v st || true)"
if [[ -z "$st_bin" ]]; then
  venv="${SISCONF_CACHE_DIR:-$HOME/.cache/sisconf}/schemathesis-venv"
  st_bin="$venv/bin/st"
  if [[ ! -x "$st_bin" ]]; then
    echo "installing schemathesis ($schemathesis_version) in $venv"
    python3 -m venv "$venv"
    "$venv/bin/pip" install --quiet --disable-pip-version-check "schemathesis$schemathesis_version"
  fi
fi

port="$(node -e 'const s = require("net").createServer().listen(0, "127.0.0.1", () => { console.log(s.address().port); s.close(); })')"
data_dir="$(mktemp -d)"
log_file="$data_dir/sisconf.log"
token="schemathesis-$(node -e 'console.log(require("crypto").randomBytes(16).toString("hex"))')"
url="http://127.0.0.1:$port"

PORT="$port" DATA_DIR="$data_dir/data" API_TOKEN="$token" LOG_LEVEL=warn BOT_TRANSPORT=simulator \
  node bin/sisconf.js start >"$log_file" 2>&1 &
server_pid=$!
stop_server() {
  if kill -0 "$server_pid" 2>/dev/null; then
    kill -TERM "$server_pid"
    wait "$server_pid" || true
  fi
  rm -rf "$data_dir"
}
trap stop_server EXIT

# Node's fetch rather than curl, which a fresh machine may lack.
ready() { node -e 'fetch(process.argv[1]).then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))' "$url/readyz"; }
for _ in $(seq 1 600); do
  if ready; then break; fi
  if ! kill -0 "$server_pid" 2>/dev/null; then
    echo "sisconf exited before it was ready:" >&2
    cat "$log_file" >&2
    exit 1
  fi
  sleep 0.1
done
ready

# A catalog, so that reads and orders meet real products rather than an empty shop.
node -e '
  const [url, token, file] = process.argv.slice(1);
  const body = require("fs").readFileSync(file);
  const headers = { authorization: `Bearer ${token}`, "content-type": "application/json" };
  fetch(`${url}/api/v1/catalog`, { method: "PUT", headers, body }).then(
    (r) => process.exit(r.ok ? 0 : 1),
    () => process.exit(1),
  );
' "$url" "$token" bot/understand/test-support/grocer/catalog.json

status=0
# Run from the temporary folder: schemathesis keeps its cache in the working directory.
(cd "$data_dir" && "$st_bin" run "$url/api/v1/openapi.json" \
  --header "Authorization: Bearer $token" \
  --checks all \
  --exclude-checks positive_data_acceptance \
  --max-time "$max_time" \
  --request-timeout "$request_timeout" \
  --workers "${SCHEMATHESIS_WORKERS:-1}" \
  --seed "${SCHEMATHESIS_SEED:-20261206}" \
  "$@") || status=$?

if ! kill -0 "$server_pid" 2>/dev/null; then
  echo "sisconf is no longer running after the run:" >&2
  cat "$log_file" >&2
  status=1
fi
if grep -qE '"level":(50|60)' "$log_file"; then
  echo "sisconf logged errors during the run:" >&2
  grep -E '"level":(50|60)' "$log_file" | head -20 >&2
  status=1
fi
exit "$status"
