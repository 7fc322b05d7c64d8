#!/usr/bin/env bash
# bench/explorer_bench.sh: the explorer's server on a generated store, with several tabs at once.
#   bench/explorer_bench.sh SIZE [TABS] [ROUNDS]
# Generates SIZE data as run_bench.sh does (once), imports it into $PEERBENCH/explorer-SIZE.db
# (once), starts `flgraph serve`, then TABS clients at once each run ROUNDS rounds of what a tab
# asks when a user searches a company by name, opens it, expands it, traces it and scores its
# exposure (the companies of queries.csv, a different one per tab and round). Prints, per endpoint,
# the median, 95th percentile and largest time of a request (curl's time_total), the CLI's trace
# of the same companies (one process each, one at a time) for comparison, the server's start-up time
# (the first start builds and saves the name index DB.names, later ones map it), and its RSS, idle
# (anonymous and file-backed) and peak, beside the size on disk of the store, the snapshot and the
# name index. FLGRAPH picks the binary (default build/release).
set -euo pipefail
SIZE=${1:?usage: explorer_bench.sh SIZE [TABS] [ROUNDS]}
TABS=${2:-4}
ROUNDS=${3:-10}
REPO=$(cd "$(dirname "$0")/.." && pwd)
SHARED_BENCH=$(cd "$REPO/../shared/bench" && pwd)
PEERBENCH=${PEERBENCH:-/tmp/peerbench}
DATA=$PEERBENCH/data/$SIZE
DB=$PEERBENCH/explorer-$SIZE.db
FLGRAPH=${FLGRAPH:-$REPO/build/release/cli/flgraph}
OUT=$(mktemp -d "${TMPDIR:-/tmp}/explorer-bench.XXXXXX")
export FLGRAPH_KEY_FILE=${FLGRAPH_KEY_FILE:-$PEERBENCH/explorer-bench.key}

if [ ! -x "$FLGRAPH" ]; then
  (cd "$REPO" && cmake --preset release >/dev/null && cmake --build build/release --target flgraph -j2 >/dev/null)
fi
if [ ! -f "$DATA/manifest.json" ]; then
  echo "== generating $SIZE data in $DATA" >&2
  python3 "$SHARED_BENCH/gen_supply_graph.py" --preset "$SIZE" --seed "${SEED:-42}" --out "$DATA" >&2
fi
if [ ! -f "$DB" ]; then
  echo "== importing into $DB" >&2
  "$FLGRAPH" --db "$DB" import "$DATA/nodes.csv" "$DATA/edges.csv" >&2
fi

echo "== starting the server" >&2
start=$(date +%s.%N)
"$FLGRAPH" --db "$DB" serve --port 0 > "$OUT/serve.out" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null || true; rm -rf "$OUT"' EXIT
until grep -q "API token" "$OUT/serve.out" 2>/dev/null; do
  kill -0 $server 2>/dev/null || { cat "$OUT/serve.out" >&2; exit 1; }
  sleep 0.05
done
started=$(python3 -c "print(f'{$(date +%s.%N) - $start:.1f}')")
url=$(sed -n 's/^flgraph: serving .* at \(http[^ ]*\).*/\1/p' "$OUT/serve.out")
token=$(awk '/API token/ {print $NF}' "$OUT/serve.out")
rss_idle=$(awk '/VmRSS/ {print $2}' "/proc/$server/status")
rss_anon=$(awk '/RssAnon/ {print $2}' "/proc/$server/status")
rss_file=$(awk '/RssFile/ {print $2}' "/proc/$server/status")

# The companies asked about, with their names, in queries.csv's order.
tail -n +2 "$DATA/queries.csv" | cut -d, -f2 > "$OUT/ids"
awk -F, 'NR == FNR { want[$1] = 1; next } ($1 in want) { print $1 "\t" $3 }' \
  "$OUT/ids" "$DATA/nodes.csv" > "$OUT/companies"
count=$(wc -l < "$OUT/companies")

ask() {  # ask TAB ENDPOINT QUERY: one request, its time appended to the tab's file
  local seconds
  seconds=$(curl -s -o /dev/null -w '%{time_total} %{http_code}' \
    -H "Authorization: Bearer $token" "${url}api/$2?$3")
  [ "${seconds#* }" = 200 ] || { echo "HTTP ${seconds#* } for $2?$3" >&2; return 1; }
  printf '%s\t%s\n' "$2" "${seconds% *}" >> "$OUT/tab-$1.tsv"
}
urlencode() { python3 -c 'import sys, urllib.parse; print(urllib.parse.quote(sys.argv[1]))' "$1"; }
tab() {
  local tab=$1 round line id name
  for ((round = 0; round < ROUNDS; round++)); do
    line=$(sed -n "$(((tab * ROUNDS + round) % count + 1))p" "$OUT/companies")
    id=${line%%$'\t'*}
    name=$(urlencode "${line#*$'\t'}")
    ask "$tab" search "q=$name&limit=10"
    ask "$tab" entity "id=$id"
    ask "$tab" neighbours "id=$id&per_kind=25"
    ask "$tab" trace "from=$id"
    ask "$tab" exposure "id=$id"
  done
}
echo "== $TABS tabs x $ROUNDS rounds against $url" >&2
wall_start=$(date +%s.%N)
for ((t = 0; t < TABS; t++)); do tab "$t" & done
wait $(jobs -p | grep -v "^$server\$") 2>/dev/null || true
wall=$(python3 -c "print(f'{$(date +%s.%N) - $wall_start:.1f}')")
rss_peak=$(awk '/VmHWM/ {print $2}' "/proc/$server/status")
rss_after=$(awk '/VmRSS|RssAnon|RssFile/ {printf "%s ", $2}' "/proc/$server/status")

# The CLI's trace of the same companies the tabs traced, one process each, one at a time.
asked=$((TABS * ROUNDS < count ? TABS * ROUNDS : count))
for ((i = 1; i <= asked; i++)); do
  id=$(sed -n "${i}p" "$OUT/companies" | cut -f1)
  /usr/bin/time -f "cli_trace\t%e" -a -o "$OUT/cli.tsv" "$FLGRAPH" --db "$DB" trace --from "$id" --json > /dev/null
done

python3 - "$OUT" "$SIZE" "$TABS" "$ROUNDS" "$started" "$wall" "$rss_idle" "$rss_peak" "$DB" "$rss_anon" "$rss_file" "$rss_after" <<'PY'
import glob, os, statistics, sys
out, size, tabs, rounds, started, wall, rss_idle, rss_peak, db, rss_anon, rss_file, rss_after = sys.argv[1:]
times = {}
for path in glob.glob(os.path.join(out, "tab-*.tsv")) + [os.path.join(out, "cli.tsv")]:
    for line in open(path):
        name, seconds = line.split("\t")
        times.setdefault(name, []).append(float(seconds) * 1000)
def row(name, values):
    values.sort()
    p95 = values[min(len(values) - 1, int(0.95 * len(values)))]
    return f"| {name} | {len(values)} | {statistics.median(values):.1f} | {p95:.1f} | {values[-1]:.1f} |"
print(f"explorer server, {size} store, {tabs} tabs at once x {rounds} rounds; wall {wall} s")
print("| request | count | median ms | p95 ms | max ms |\n|---|---:|---:|---:|---:|")
for name in ["search", "entity", "neighbours", "trace", "exposure", "cli_trace"]:
    if name in times:
        print(row(name if name != "cli_trace" else "CLI `trace --json` (whole process)", times[name]))
mib = lambda kib: int(kib) / 1024
size_of = lambda path: os.path.getsize(path) / 2**20 if os.path.exists(path) else 0
print(f"server start-up {started} s; RSS idle {mib(rss_idle):.0f} MiB ({mib(rss_anon):.0f} anonymous, "
      f"{mib(rss_file):.0f} file-backed), peak {mib(rss_peak):.0f} MiB; store {size_of(db):.0f} MiB, "
      f"snapshot {size_of(db + '.qgraph'):.0f} MiB, name index {size_of(db + '.names'):.0f} MiB")
after = [mib(kib) for kib in rss_after.split()]
print(f"after the rounds: RSS {after[0]:.0f} MiB ({after[1]:.0f} anonymous, {after[2]:.0f} file-backed)")
PY
