#!/usr/bin/env bash
# Instructions per document of `jixiao bench read` over the seeds, counted by valgrind: unlike the
# time on a shared virtual machine (±20% from run to run), the count is the same on every run, so it
# tells whether a change to the reader made it faster. Usage: scripts/count-instructions.sh [BINARY]
set -euo pipefail
cd "$(dirname "$0")/.."
bin=${1:-.build/release/jixiao}
command -v valgrind >/dev/null || { apt-get update -qq && apt-get install -y -qq valgrind >/dev/null; }
# valgrind 3.19 cannot read the DWARF 5 debug information Swift writes: count a stripped copy.
stripped=$(mktemp)
trap 'rm -f "$stripped"' EXIT
strip -o "$stripped" "$bin"
count() {
    valgrind --tool=lackey --basic-counts=yes "$stripped" bench read ../shared/seeds/*.txt --documents "$1" 2>&1 |
        awk '/guest instrs:/ { gsub(",", "", $4); print $4 }'
}
documents=20
with=$(count $documents)
without=$(count 0)  # start-up and loading the files, left out
echo "instructions per document: $(( (with - without) / documents ))"
