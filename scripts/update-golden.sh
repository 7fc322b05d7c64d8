#!/usr/bin/env bash
# scripts/update-golden.sh: rewrite every golden file of tests/golden/ from the current build, on
# purpose (after a change to an output that is meant). Review the result with `git diff tests/golden`.
# Builds build/ci first; BUILD_DIR and JOBS (default 2) override.
set -euo pipefail
cd "$(dirname "$0")/.."
build=${BUILD_DIR:-build/ci}
cmake --build "$build" -j "${JOBS:-2}"
FLGRAPH_UPDATE_GOLDEN=1 ctest --test-dir "$build" -L golden -j "${JOBS:-2}" --output-on-failure
git status --short tests/golden
