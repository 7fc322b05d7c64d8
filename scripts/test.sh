#!/usr/bin/env bash
# scripts/test.sh: install what is missing, build everything with warnings as errors, and run the
# whole test suite through ctest.
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/install-deps.sh
cmake --preset ci -G Ninja >/dev/null
cmake --build build/ci -j "$(nproc)"
ctest --preset ci -j "$(nproc)"
