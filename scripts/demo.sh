#!/usr/bin/env bash
# scripts/demo.sh: install what is missing, build flgraph, import the shipped sample into a new
# SQLite file and trace the sample's buyer to documented forced-labour cases.
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/install-deps.sh
cmake --preset release -G Ninja -DFLGRAPH_BUILD_TESTS=OFF -DFLGRAPH_BUILD_BENCH=OFF >/dev/null
cmake --build build/release --target flgraph -j "$(nproc)"

flgraph=build/release/cli/flgraph
db=build/demo.db
rm -f "$db" "$db-wal" "$db-shm"
echo
echo "== flgraph --db $db import datasets/sample"
"$flgraph" --db "$db" import datasets/sample
echo
echo "== flgraph --db $db stats"
"$flgraph" --db "$db" stats
echo
echo "== flgraph --db $db trace --from co-harbor-retail --temporal --paths-per-case 1"
"$flgraph" --db "$db" trace --from co-harbor-retail --temporal --paths-per-case 1
