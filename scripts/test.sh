#!/usr/bin/env bash
# Runs every test. Needs only the Swift toolchain; the seeds and answer keys are read from ../shared.
set -euo pipefail
cd "$(dirname "$0")/.."
swift build --build-tests
swift test --disable-xctest
