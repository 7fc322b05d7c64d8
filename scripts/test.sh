#!/usr/bin/env bash
# scripts/test.sh: install what is missing (build dependencies, and the real clients the
# integration tests open exports with), build everything with warnings as errors, and run the
# whole test suite through ctest.
set -euo pipefail
cd "$(dirname "$0")/.."

export FLGRAPH_CLIENTS=${FLGRAPH_CLIENTS:-/tmp/flgraph-clients}
export FLGRAPH_NODE_MODULES="$FLGRAPH_CLIENTS/node_modules"
bash scripts/install-deps.sh
bash scripts/install-test-clients.sh
cmake --preset ci -G Ninja >/dev/null
cmake --build build/ci -j "$(nproc)"
ctest --preset ci -j "$(nproc)"
