#!/usr/bin/env bash
# The benchmarks behind BENCHMARKS.md, on this machine, in a release build:
# reading, review, import into SQLite and PostgreSQL (throwaway cluster), HTTP under 64 connections (wrk).
set -euo pipefail
cd "$(dirname "$0")/.."
swift build -c release
bin=.build/release/jixiao
work=$(mktemp -d)
source scripts/postgres.sh
start_postgres
server=""
trap 'stop_postgres; [[ -n "$server" ]] && kill $server 2>/dev/null; rm -rf "$work"' EXIT

echo "== read";   $bin bench read ../shared/seeds/*.txt --documents 1000 --runs 7
echo "== read any province's tables"; $bin bench read ../shared/seeds/*.txt ../shared/corpus/targets/*.txt --documents 1000 --runs 7
echo "== read, re-check and re-score 1,000 自评表 on one core"; taskset -c 0 $bin bench self-evaluations ../shared/corpus/self-evaluations/*.txt --documents 1000 --runs 5
echo "== review"; $bin bench review --runs 5
echo "== monitor and score a province"; $bin bench score --runs 5
echo "== export each seed to .xlsx"; $bin bench export ../shared/seeds/*.txt --runs 10
echo "== import into SQLite"; $bin bench import --db "$work/bench.sqlite"
echo "== import into PostgreSQL"
psql "$POSTGRES_URL" -qc "CREATE DATABASE bench"
$bin bench import --db "${POSTGRES_URL/\/postgres\?/\/bench?}"

echo "== HTTP: GET one project and a trivial route, 64 connections"
command -v wrk >/dev/null || { apt-get update -qq && apt-get install -y -qq wrk >/dev/null; }
port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
$bin import ../shared/seeds/*.txt --db "$work/http.sqlite" >/dev/null 2>&1
echo "bench password 2026" | $bin user add admin --role administrator --password-stdin --db "$work/http.sqlite" >/dev/null
printf 'wrk.headers["Authorization"] = "Bearer %s"\n' "$($bin token create admin --db "$work/http.sqlite")" > "$work/signed-in.lua"
$bin serve --db "$work/http.sqlite" --port "$port" --empty >"$work/server.log" 2>&1 &
server=$!
for _ in $(seq 1 100); do curl -sf "http://127.0.0.1:$port/healthz" >/dev/null && break; sleep 0.1; done
echo "-- GET /api/v1/documents/1/projects/1 (with an API token)"
wrk -t2 -c64 -d10s --latency -s "$work/signed-in.lua" "http://127.0.0.1:$port/api/v1/documents/1/projects/1" | grep -E "Requests/sec|50%|99%|Non-2xx|Socket errors"
echo "-- GET /livez"
wrk -t2 -c64 -d10s --latency "http://127.0.0.1:$port/livez" | grep -E "Requests/sec|50%|99%|Non-2xx|Socket errors"

echo "== Pages: the seeds' pages signed in as an administrator, 8 connections (a busy office, not a load test)"
# Seed 001 (document 2) has the most indicator rows; its report holds every table of the unit.
for path in / /documents/2 /documents/2/projects/1 /documents/2/projects/1/edit /documents/2/report; do
  echo "-- GET $path"
  wrk -t2 -c8 -d10s --latency -s "$work/signed-in.lua" "http://127.0.0.1:$port$path" | grep -E "Requests/sec|50%|99%|Non-2xx|Socket errors"
done

echo "== A province on PostgreSQL: 5,000 units × 20 projects × 10 indicators × 3 years (issue 20)"
psql "$POSTGRES_URL" -qc "CREATE DATABASE province"
province="${POSTGRES_URL/\/postgres\?/\/province?}"
$bin bench import --db "$province" --province 13 --units 5000 --years 3
$bin bench library --db "$province" --imports 50
echo "bench password 2026" | $bin user add admin --role administrator --password-stdin --db "$province" >/dev/null
printf 'wrk.headers["Authorization"] = "Bearer %s"\n' "$($bin token create admin --db "$province")" > "$work/province.lua"
kill $server 2>/dev/null || true
$bin serve --db "$province" --port "$port" --empty >"$work/province-server.log" 2>&1 &
server=$!
for _ in $(seq 1 300); do curl -sf "http://127.0.0.1:$port/healthz" >/dev/null && break; sleep 0.1; done
token=$(sed -n 's/.*Bearer \(.*\)".*/\1/p' "$work/province.lua")
# The indicator most units use, and the cost cap whose thousands of different budgets make the widest spread.
top=$(curl -sf -H "Authorization: Bearer $token" "http://127.0.0.1:$port/api/v1/library?limit=1" | python3 -c 'import json, sys, urllib.parse; print(urllib.parse.quote(json.load(sys.stdin)["items"][0]["key"]))')
cost=$(python3 -c 'import urllib.parse; print(urllib.parse.quote("预算成本控制数"))')
for path in / "/monitoring?year=2025&month=12" /library "/library/$top" "/library/$cost" /self-evaluations; do
  echo "-- GET $path (8 connections)"
  wrk -t2 -c8 -d10s --latency -s "$work/province.lua" "http://127.0.0.1:$port$path" | grep -E "Requests/sec|50%|99%|Non-2xx|Socket errors"
done
