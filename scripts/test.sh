#!/usr/bin/env bash
# Runs every test. Sets up what the tests need on a fresh machine:
# - python3's jsonschema (the schema test) and schemathesis (the API test), installed when missing;
# - a throwaway PostgreSQL cluster (initdb into a temporary folder, pg_ctl on a free port), removed after;
#   the PostgreSQL server package is installed with apt-get when missing.
# The seeds, answer keys and schema are read from ../shared.
set -euo pipefail
cd "$(dirname "$0")/.."

python3 -c "import jsonschema" 2>/dev/null || python3 -m pip install --quiet jsonschema

source scripts/postgres.sh
start_postgres
trap stop_postgres EXIT
export JIXIAO_TEST_POSTGRES_URL="$POSTGRES_URL"

swift build --build-tests
# The API against its own OpenAPI document (schemathesis from PyPI) before the test runner, whose
# summary must be the last thing printed.
bash scripts/schemathesis.sh .build/debug/jixiao > .build/schemathesis.log 2>&1 || { cat .build/schemathesis.log; exit 1; }
tail -3 .build/schemathesis.log
swift test --disable-xctest
