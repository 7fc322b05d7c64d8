#!/usr/bin/env bash
# scripts/demo.sh: install what is missing, build flgraph, import the curated public dataset into a
# new SQLite file, trace an importer to documented forced-labour cases, score its exposure and
# write a due-diligence brief to build/demo-brief/.
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/install-deps.sh
cmake --preset release -G Ninja -DFLGRAPH_BUILD_TESTS=OFF -DFLGRAPH_BUILD_BENCH=OFF >/dev/null
cmake --build build/release --target flgraph -j "$(nproc)"

flgraph=build/release/cli/flgraph
db=build/demo.db
brief=build/demo-brief
rm -f "$db" "$db-wal" "$db-shm" "$db.qgraph" "$db.names"
rm -rf "$brief"
run() {
  echo
  echo "== flgraph --db $db $*"
  "$flgraph" --db "$db" "$@"
}
# The curated real-facts dataset (datasets/dprk-public/README.md lists its sources).
run import datasets/dprk-public
run stats
run trace --from co-poof-apparel --temporal --paths-per-case 1
run exposure co-poof-apparel
run brief co-poof-apparel -o "$brief"
echo
echo "The due-diligence brief is in $brief/brief.html (open it in a browser, or print it)."
