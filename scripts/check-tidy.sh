#!/usr/bin/env bash
# scripts/check-tidy.sh [BUILD]: clang-tidy with the repository's .clang-tidy over every library
# and CLI source, using BUILD's compile_commands.json (default build/ci, configured by test.sh).
# Any finding fails the run (WarningsAsErrors in .clang-tidy).
set -euo pipefail
cd "$(dirname "$0")/.."
build=${1:-build/ci}
[ -f "$build/compile_commands.json" ] || { echo "check-tidy: no $build/compile_commands.json; configure first" >&2; exit 2; }
libraries='graph|custody|resolve|importers|queries|analysis|viz|commands|serve|cli'
run-clang-tidy -p "$build" -j "$(nproc)" -quiet "$(pwd)/($libraries)/.*\.cpp\$"
