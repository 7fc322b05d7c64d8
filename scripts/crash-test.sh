#!/usr/bin/env bash
# scripts/crash-test.sh [KILLS]: kills an import of the medium synthetic graph with SIGKILL at
# KILLS random moments (default 200) and checks after each that the database opens, passes
# PRAGMA integrity_check and holds exactly the state before or after the import
# (tests/cli/crash_safety_test.cpp; the test suite runs the same test with 20 kills on the small graph).
# Environment: FLGRAPH_CRASH_BUILD (build folder, default build/ci), FLGRAPH_CRASH_SEED,
# FLGRAPH_CRASH_PRESET (generator preset, default medium).
set -euo pipefail
cd "$(dirname "$0")/.."
kills=${1:-200}
build=${FLGRAPH_CRASH_BUILD:-build/ci}

bash scripts/install-deps.sh
if [ ! -f "$build/CMakeCache.txt" ]; then
  cmake -S . -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DFLGRAPH_BUILD_BENCH=OFF >/dev/null
fi
cmake --build "$build" -j "${FLGRAPH_CRASH_JOBS:-$(nproc)}" --target flgraph crash_test
FLGRAPH_CRASH_PRESET=${FLGRAPH_CRASH_PRESET:-medium} FLGRAPH_CRASH_KILLS=$kills "$build/tests/crash_test"
