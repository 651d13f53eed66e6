#!/usr/bin/env bash
# Runs every test. Needs the Swift toolchain and python3 with jsonschema (installed here when
# missing); the seeds, answer keys and schema are read from ../shared.
set -euo pipefail
cd "$(dirname "$0")/.."
python3 -c "import jsonschema" 2>/dev/null || python3 -m pip install --quiet jsonschema
swift build --build-tests
swift test --disable-xctest
