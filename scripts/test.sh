#!/usr/bin/env bash
# Runs every test. Sets up what the tests need on a fresh machine:
# - python3's jsonschema (the schema test), installed when missing;
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
swift test --disable-xctest
