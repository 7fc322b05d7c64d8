#!/usr/bin/env bash
# flgraph beside the peers of ../shared/bench, on the same data, in the same run folder.
#   bench/run_bench.sh SIZE [PEER...]
# SIZE: tiny | small | medium | large. PEER: sqlite igraph networkx kuzu duckdb (default: every
# peer run_peers.sh runs at that size), or "none" for flgraph alone. Builds flgraph_workload in
# build/release, runs the peers through run_peers.sh (which installs them and fills
# $PEERBENCH/results/SIZE/run-TIMESTAMP), adds flgraph.{tsv,json,witness.tsv,time.txt} to that
# folder and prints compare_results.py's cross-check and table. Same environment knobs as
# run_peers.sh: PEERBENCH, PEER_BUDGET_S, PEER_QUERY_TIMEOUT_S, ENGINE_TIMEOUT_S, PEER_QUERIES, SEED.
set -uo pipefail
SIZE=${1:?usage: run_bench.sh SIZE [PEER...|none]}
shift
REPO=$(cd "$(dirname "$0")/.." && pwd)
SHARED_BENCH=$(cd "$REPO/../shared/bench" && pwd) || { echo "no ../shared/bench beside $REPO" >&2; exit 1; }
export PEERBENCH=${PEERBENCH:-/tmp/peerbench}
DATA=$PEERBENCH/data/$SIZE
SEED=${SEED:-42}
# The same budgets as run_peers.sh, so flgraph and the peers stop at the same point.
if [ "$SIZE" = large ]; then export PEER_BUDGET_S=${PEER_BUDGET_S:-240}; else export PEER_BUDGET_S=${PEER_BUDGET_S:-300}; fi
export PEER_QUERY_TIMEOUT_S=${PEER_QUERY_TIMEOUT_S:-60}
export PEER_QUERIES=${PEER_QUERIES:-q1,q2,q3}
export ENGINE_TIMEOUT_S=${ENGINE_TIMEOUT_S:-1500}
BUILD=$REPO/build/release
RUNNER=$BUILD/bench/flgraph_workload

mkdir -p "$PEERBENCH"
if [ ! -f "$DATA/manifest.json" ]; then
  echo "== generating $SIZE data in $DATA" >&2
  /usr/bin/time -v -o "$PEERBENCH/gen-$SIZE.time.txt" \
    python3 "$SHARED_BENCH/gen_supply_graph.py" --preset "$SIZE" --seed "$SEED" --out "$DATA" || exit 1
fi

echo "== building flgraph_workload (release)" >&2
# Tests are off: this tree only builds the benchmark, and must not depend on test sources in flux.
(cd "$REPO" && cmake --preset release -DFLGRAPH_BUILD_TESTS=OFF -DFLGRAPH_BUILD_BENCH=ON &&
  cmake --build "$BUILD" --target flgraph_workload -j2) > "$PEERBENCH/flgraph-build.log" 2>&1 ||
  { echo "build failed (see $PEERBENCH/flgraph-build.log)" >&2; exit 1; }

if [ "${1:-}" = none ]; then
  # The run folder that run_peers.sh would have made, without peers in it.
  RES=$PEERBENCH/results/$SIZE/run-$(date -u +%Y%m%dT%H%M%SZ)
  mkdir -p "$RES"
  ln -sfn "$RES" "$PEERBENCH/results/$SIZE/latest"
  {
    echo "date: $(date -u +%Y-%m-%dT%H:%M:%SZ)"
    echo "host: $(uname -srm); $(nproc) cores; $(free -g | awk '/Mem:/{print $2}') GiB RAM"
    echo "cpu: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')"
    echo "size: $SIZE; phases $PEER_QUERIES; budget per phase ${PEER_BUDGET_S}s; query timeout ${PEER_QUERY_TIMEOUT_S}s"
  } > "$RES/machine.txt"
else
  previous=$(readlink -f "$PEERBENCH/results/$SIZE/latest" 2>/dev/null || true)
  # Its exit status only reports disagreements among the peers; the full check runs below.
  bash "$SHARED_BENCH/run_peers.sh" "$SIZE" "$@"
  RES=$(readlink -f "$PEERBENCH/results/$SIZE/latest" 2>/dev/null || true)
  if [ -z "$RES" ] || [ "$RES" = "$previous" ]; then
    echo "run_peers.sh made no new run folder" >&2
    exit 1
  fi
fi

echo "== flgraph ($SIZE)" >&2
WORK=$PEERBENCH/work/$SIZE/flgraph
rm -rf "$WORK"
/usr/bin/time -v -o "$RES/flgraph.time.txt" timeout -k 10 "$ENGINE_TIMEOUT_S" \
  "$RUNNER" --data "$DATA" --out "$RES" --work "$WORK" --queries "$PEER_QUERIES" \
  > "$RES/flgraph.stdout" 2> "$RES/flgraph.stderr"
rc=$?
tail -n 4 "$RES/flgraph.stderr" >&2
[ $rc -ne 0 ] && echo "!! flgraph exited with status $rc (see $RES/flgraph.stderr)" >&2
rm -rf "$WORK"   # the SQLite store can be large

echo "== cross-check" >&2
(cd "$SHARED_BENCH" && python3 compare_results.py "$RES" "$DATA")
rc=$?
echo "results: $RES" >&2
exit $rc
