#!/usr/bin/env bash
# bench/network_bench.sh SIZE [SAMPLE]: times brokers, chokepoints (the 100 workload query
# companies) and components on the SIZE graph of ../shared/bench, then NetworkX computing the same
# brokers betweenness from the same sampled sources in the same run (bench/network_peers.py), and
# checks that the scores agree. SIZE: tiny | small | medium | large; SAMPLE: sources (default 200).
# Results go to $PEERBENCH/results/SIZE/network-TIMESTAMP (PEERBENCH defaults to /tmp/peerbench).
# NETWORKX=0 skips the peer (at large it needs hours; its medium figure is the comparison).
set -euo pipefail
SIZE=${1:?usage: network_bench.sh SIZE [SAMPLE]}
SAMPLE=${2:-200}
REPO=$(cd "$(dirname "$0")/.." && pwd)
SHARED_BENCH=$(cd "$REPO/../shared/bench" && pwd)
PEERBENCH=${PEERBENCH:-/tmp/peerbench}
DATA=$PEERBENCH/data/$SIZE
BUILD=$REPO/build/release

if [ ! -f "$DATA/manifest.json" ]; then
  echo "== generating $SIZE data in $DATA" >&2
  python3 "$SHARED_BENCH/gen_supply_graph.py" --preset "$SIZE" --seed "${SEED:-42}" --out "$DATA"
fi
if [ "${NETWORKX:-1}" != 0 ] && ! /usr/bin/python3 -c 'import networkx' 2>/dev/null; then
  bash "$SHARED_BENCH/setup_peers.sh"
fi
echo "== building flgraph_network (release)" >&2
(cd "$REPO" && cmake --preset release -DFLGRAPH_BUILD_TESTS=OFF -DFLGRAPH_BUILD_BENCH=ON >/dev/null &&
  cmake --build "$BUILD" --target flgraph_network -j2 >/dev/null)

RES=$PEERBENCH/results/$SIZE/network-$(date -u +%Y%m%dT%H%M%SZ)
mkdir -p "$RES"
echo "== flgraph ($SIZE, $SAMPLE sampled sources)" >&2
/usr/bin/time -v -o "$RES/flgraph_network.time.txt" "$BUILD/bench/flgraph_network" --data "$DATA" --out "$RES" \
  --sample "$SAMPLE"
if [ "${NETWORKX:-1}" != 0 ]; then
  echo "== networkx ($SIZE, the same sources)" >&2
  /usr/bin/time -v -o "$RES/networkx_network.time.txt" /usr/bin/python3 "$REPO/bench/network_peers.py" "$DATA" "$RES"
fi
echo "results: $RES" >&2
