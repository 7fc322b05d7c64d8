#!/usr/bin/env bash
# scripts/fuzz.sh [SECONDS] [HARNESS...]: builds the libFuzzer harnesses of fuzz/ with clang,
# ASan and UBSan, and runs each for SECONDS (default 60) on its corpus, one after the other.
#
# Seeds come from tests/fixtures (the bad-input corpus too) and slices of ../shared/data; the
# corpus each run grows, the crashers and the logs stay under the build folder, never in shared/.
# Prints each harness's executions, exec/s and coverage, and exits 1 if any harness found a crash
# (its input is in BUILD/crashes/HARNESS/; turn it into a fixture under tests/fixtures/bad/).
#
# Environment: FLGRAPH_FUZZ_BUILD (build folder, default build/fuzz), FLGRAPH_FUZZ_MAX_LEN
# (largest generated input, default 65536), FLGRAPH_FUZZ_JOBS (build parallelism, default nproc).
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$(pwd)

seconds=${1:-60}
shift || true
all_harnesses=(fuzz_bulk_csv fuzz_json_bundle fuzz_ftm fuzz_ofac_sdn fuzz_un_xml fuzz_bill_of_lading
               fuzz_name_normalizer fuzz_sealed_value)
harnesses=("${@:-${all_harnesses[@]}}")
build=${FLGRAPH_FUZZ_BUILD:-build/fuzz}
max_len=${FLGRAPH_FUZZ_MAX_LEN:-65536}
jobs=${FLGRAPH_FUZZ_JOBS:-$(nproc)}
shared=${FLGRAPH_SHARED:-$repo/../shared}

# clang and its runtime (libFuzzer, ASan, UBSan) are needed only here, so install-deps.sh leaves them.
bash scripts/install-deps.sh
if ! command -v clang++ >/dev/null || ! ls /usr/lib/llvm-*/lib/clang/*/lib/linux/libclang_rt.fuzzer-x86_64.a >/dev/null 2>&1; then
  if [ "$(id -u)" -ne 0 ]; then
    echo "fuzz.sh: clang with libFuzzer is missing; run as root or: apt-get install clang libclang-rt-dev" >&2
    exit 1
  fi
  echo "fuzz.sh: installing clang and libclang-rt-dev" >&2
  DEBIAN_FRONTEND=noninteractive apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends clang libclang-rt-dev >/dev/null
fi

cmake -S . -B "$build" -G Ninja -DCMAKE_CXX_COMPILER=clang++ -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DFLGRAPH_BUILD_FUZZERS=ON -DFLGRAPH_BUILD_TESTS=OFF -DFLGRAPH_BUILD_BENCH=OFF >/dev/null
cmake --build "$build" -j "$jobs" --target "${harnesses[@]}"

python3 fuzz/make_seeds.py "$repo" "$shared" "$build/seeds"
export TMPDIR=${TMPDIR:-/dev/shm}  # the harnesses write each input to a file there
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=0}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}

failed=()
printf '%-22s %8s %12s %9s %13s %7s %s\n' harness seconds executions exec/s cov/edges ft corpus
for harness in "${harnesses[@]}"; do
  corpus="$build/corpus/$harness"
  crashes="$build/crashes/$harness"
  log="$build/logs/$harness.log"
  mkdir -p "$corpus" "$crashes" "$(dirname "$log")"
  dict="fuzz/dicts/${harness#fuzz_}.dict"
  harness_max_len=$max_len
  # Names are short: long ones only slow the normaliser's search down (its cost is linear).
  [ "$harness" = fuzz_name_normalizer ] && harness_max_len=${FLGRAPH_FUZZ_MAX_LEN:-4096}
  status=0
  "$build/fuzz/$harness" -max_total_time="$seconds" -max_len="$harness_max_len" -timeout=30 -rss_limit_mb=2560 \
    -print_final_stats=1 -dict="$dict" -artifact_prefix="$crashes/" "$corpus" "$build/seeds/$harness" \
    >"$log" 2>&1 || status=$?
  # The last status line ("#N DONE cov: X ft: Y corp: Z/...") and the final stats.
  last=$(grep -E '^#[0-9]+' "$log" | tail -1 || true)
  cov=$(sed -nE 's/.* cov: ([0-9]+).*/\1/p' <<<"$last")
  ft=$(sed -nE 's/.* ft: ([0-9]+).*/\1/p' <<<"$last")
  corp=$(sed -nE 's/.* corp: ([0-9]+\/[0-9a-zA-Z]+).*/\1/p' <<<"$last")
  runs=$(sed -nE 's/^stat::number_of_executed_units: ([0-9]+)/\1/p' "$log")
  rate=$(sed -nE 's/^stat::average_exec_per_sec: +([0-9]+)/\1/p' "$log")
  # The instrumented edges of the binary (libFuzzer's "inline 8-bit counters"): cov counts those hit.
  edges=$(sed -nE 's/.*\(([0-9]+) inline 8-bit counters\).*/\1/p' "$log" | head -1)
  printf '%-22s %8s %12s %9s %13s %7s %s\n' "$harness" "$seconds" "${runs:-?}" "${rate:-?}" "${cov:-?}/${edges:-?}" \
    "${ft:-?}" "${corp:-?}"
  if [ "$status" -ne 0 ]; then
    failed+=("$harness")
    echo "fuzz.sh: $harness failed (exit $status); log: $log; inputs: $crashes" >&2
    grep -E 'ERROR: |SUMMARY: |runtime error|terminate called|what\(\)' "$log" | head -5 >&2 || true
  fi
done
if [ ${#failed[@]} -ne 0 ]; then
  echo "fuzz.sh: findings in: ${failed[*]}" >&2
  exit 1
fi
