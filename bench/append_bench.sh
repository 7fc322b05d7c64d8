#!/usr/bin/env bash
# bench/append_bench.sh: an append into a 10M-edge store beside a first load of 1M edges, in one
# run (the machine's speed drifts between runs, so only ratios within a run are compared).
#   first   medium (1M edges) imported into a new database
#   append  a later year (1M new relations with their shipments, sites and cases) imported into a
#           copy of a large store (10M edges) whose snapshot is current
#   again   the same later year once more: nothing to do
# The later year is the medium data with its shipment, site and case ids made new ("y1" before
# them); its relations name the companies, products and state entities of the large store by id.
# Each command is timed as a whole process with /usr/bin/time; RUNS rounds (default 3) alternate
# first and append. Environment: PEERBENCH (data and work folders, default /tmp/peerbench), SEED.
set -euo pipefail
REPO=$(cd "$(dirname "$0")/.." && pwd)
SHARED_BENCH=$(cd "$REPO/../shared/bench" && pwd) || { echo "no ../shared/bench beside $REPO" >&2; exit 1; }
PEERBENCH=${PEERBENCH:-/tmp/peerbench}
SEED=${SEED:-42}
RUNS=${RUNS:-3}
CLI=$REPO/build/release/cli/flgraph
WORK=$PEERBENCH/work/append
export FLGRAPH_PASSPHRASE=${FLGRAPH_PASSPHRASE:-append-bench}

(cd "$REPO" && cmake --preset release -DFLGRAPH_BUILD_TESTS=OFF >/dev/null &&
  cmake --build build/release --target flgraph -j2 >/dev/null)

for size in medium large; do
  if [ ! -f "$PEERBENCH/data/$size/manifest.json" ]; then
    echo "== generating $size" >&2
    python3 "$SHARED_BENCH/gen_supply_graph.py" --preset "$size" --seed "$SEED" \
      --out "$PEERBENCH/data/$size" >/dev/null
  fi
done
later=$PEERBENCH/data/later-year
if [ ! -f "$later/edges.csv" ] || [ "$later/edges.csv" -ot "$PEERBENCH/data/medium/edges.csv" ]; then
  mkdir -p "$later"
  awk -F, 'BEGIN { OFS = "," } NR == 1 { print; next }
    $2 == "shipment" || $2 == "site" || $2 == "case" { $1 = "y1" $1; print }' \
    "$PEERBENCH/data/medium/nodes.csv" > "$later/nodes.csv"
  awk -F, 'BEGIN { OFS = "," } NR == 1 { print; next }
    { for (i = 1; i <= 2; i++) if ($i ~ /^(sh|si|ca)/) $i = "y1" $i; print }' \
    "$PEERBENCH/data/medium/edges.csv" > "$later/edges.csv"
fi

rm -rf "$WORK"
mkdir -p "$WORK"
echo "== the large store" >&2
"$CLI" --db "$WORK/large.db" import "$PEERBENCH/data/large/nodes.csv" \
  "$PEERBENCH/data/large/edges.csv" >/dev/null

# seconds of one whole process (the command's own output goes to $WORK/last.txt)
timed() {
  /usr/bin/time -f "%e %M" -o "$WORK/time.txt" "$@" > "$WORK/last.txt" 2>&1 ||
    { cat "$WORK/last.txt" >&2; exit 1; }
  cat "$WORK/time.txt"
}
median() { sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }

: > "$WORK/first.txt"
: > "$WORK/append.txt"
: > "$WORK/again.txt"
for run in $(seq "$RUNS"); do
  rm -f "$WORK"/first.db*
  timed "$CLI" --db "$WORK/first.db" import "$PEERBENCH/data/medium/nodes.csv" \
    "$PEERBENCH/data/medium/edges.csv" >> "$WORK/first.txt"
  rm -f "$WORK"/append.db*
  cp "$WORK/large.db" "$WORK/append.db"
  cp "$WORK/large.db.qgraph" "$WORK/append.db.qgraph"
  sync
  timed "$CLI" --db "$WORK/append.db" import "$later/nodes.csv" "$later/edges.csv" >> "$WORK/append.txt"
  grep -q "998709 new" "$WORK/last.txt" || { echo "the append did not add its relations" >&2; exit 1; }
  timed "$CLI" --db "$WORK/append.db" import "$later/nodes.csv" "$later/edges.csv" >> "$WORK/again.txt"
  grep -q "nothing to do" "$WORK/last.txt" || { echo "the second append was not a no-op" >&2; exit 1; }
  echo "run $run: first $(tail -1 "$WORK/first.txt") append $(tail -1 "$WORK/append.txt") again $(tail -1 "$WORK/again.txt") (s, KB)" >&2
done
read_s=$( { /usr/bin/time -f "%e" sha256sum "$later/nodes.csv" "$later/edges.csv" >/dev/null; } 2>&1)

first=$(cut -d' ' -f1 "$WORK/first.txt" | median)
append=$(cut -d' ' -f1 "$WORK/append.txt" | median)
again=$(cut -d' ' -f1 "$WORK/again.txt" | median)
printf '| first load, 1M edges | append 1M into 10M | append / first | again (no-op) | sha256sum of the files |\n'
printf '|---:|---:|---:|---:|---:|\n'
printf '| %s s | %s s | %.2fx | %s s | %s s |\n' "$first" "$append" \
  "$(echo "$append $first" | awk '{ print $1 / $2 }')" "$again" "$read_s"
echo "medians of $RUNS runs; peak RSS (KB) per run in $WORK/*.txt" >&2
