#!/usr/bin/env bash
# Runs schemathesis against a running `jixiao serve` (on a throwaway SQLite database with the sample
# county) and fails when it finds any failure. Usage: scripts/schemathesis.sh PATH/TO/jixiao
#
# Every check runs but positive_data_acceptance: POST /imports takes any bytes by its schema (a file),
# and rightly answers 422 when they are not a target document, which that check counts as a failure.
set -euo pipefail
jixiao=${1:-.build/debug/jixiao}
command -v schemathesis >/dev/null || python3 -m pip install --quiet schemathesis
dir=$(mktemp -d)
port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
# As an administrator (an API token), so that every operation is reached, not only refused.
echo "schemathesis password 2026" | "$jixiao" user add admin --role administrator --password-stdin --db "$dir/api.sqlite" >/dev/null
token=$("$jixiao" token create admin --db "$dir/api.sqlite")
"$jixiao" serve --db "$dir/api.sqlite" --port "$port" >"$dir/server.log" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null || true; rm -rf "$dir"' EXIT
for _ in $(seq 1 100); do
  curl -sf "http://127.0.0.1:$port/healthz" >/dev/null && break
  sleep 0.1
done
schemathesis run "http://127.0.0.1:$port/openapi.json" --url "http://127.0.0.1:$port/api/v1" \
  --checks all --exclude-checks positive_data_acceptance --generation-codec utf-8 \
  -H "Authorization: Bearer $token" --max-examples ${ST_EXAMPLES:-25} ${ST_SEED:---seed 20251127} --no-color
