#!/usr/bin/env bash
# bench/growth.sh [SIZE...|--plot]: flgraph's load, Q1, Q3, memory and disk as the graph grows, and the
# plot. SIZE: medium (1M edges), large (10M), xlarge (30M: gen_supply_graph.py --scale 3000000),
# xxlarge (100M: --scale 10000000; the generator takes about 15 minutes and 17 GB here, the
# store and snapshot 23 GB of disk); default all four. Runs flgraph_workload (release) on each
# under /usr/bin/time -v, appends one row per size to bench/growth.tsv (replacing that size's
# earlier row) and draws bench/growth.svg from the whole table with gnuplot (Debian gnuplot-nox).
# Bytes per edge: on disk, the store and its snapshot after the import; in memory, the peak RSS
# of the whole run; and the query graph's arrays.
# Environment: PEERBENCH (data and work folders, default /tmp/peerbench), SEED (42).
set -euo pipefail
REPO=$(cd "$(dirname "$0")/.." && pwd)
SHARED_BENCH=$(cd "$REPO/../shared/bench" && pwd) || { echo "no ../shared/bench beside $REPO" >&2; exit 1; }
PEERBENCH=${PEERBENCH:-/tmp/peerbench}
SEED=${SEED:-42}
TABLE=$REPO/bench/growth.tsv
PLOT=$REPO/bench/growth.svg
RUNNER=$REPO/build/release/bench/flgraph_workload
sizes=("$@")
[ ${#sizes[@]} -eq 0 ] && sizes=(medium large xlarge xxlarge)
[ "${sizes[0]}" = --plot ] && sizes=()  # only draw the table as it stands

command -v gnuplot >/dev/null || { echo "gnuplot is missing: apt-get install gnuplot-nox" >&2; exit 1; }
[ ${#sizes[@]} -eq 0 ] ||
  (cd "$REPO" && cmake --preset release -DFLGRAPH_BUILD_TESTS=OFF -DFLGRAPH_BUILD_BENCH=ON >/dev/null &&
    cmake --build build/release --target flgraph_workload -j2 >/dev/null)

header=$(printf 'size\tedges\tload_s\timport_s\tq1_ms\tq3_ms\tpeak_rss_mb\tgraph_bytes_per_edge\tdisk_bytes_per_edge\trss_bytes_per_edge\tdate')
# A table of other columns (an older version of this script) is started anew.
[ -f "$TABLE" ] && [ "$(head -n 1 "$TABLE")" = "$header" ] || echo "$header" > "$TABLE"
for size in "${sizes[@]}"; do
  data=$PEERBENCH/data/$size
  if [ ! -f "$data/manifest.json" ]; then
    case $size in
      xlarge) generate=(--scale 3000000) ;;
      xxlarge) generate=(--scale 10000000) ;;
      *) generate=(--preset "$size") ;;
    esac
    echo "== generating $size into $data" >&2
    python3 "$SHARED_BENCH/gen_supply_graph.py" "${generate[@]}" --seed "$SEED" --out "$data" >/dev/null
  fi
  out=$PEERBENCH/growth/$size
  work=$PEERBENCH/work/$size/growth
  rm -rf "$out" "$work"
  mkdir -p "$out"
  echo "== $size" >&2
  /usr/bin/time -v -o "$out/time.txt" "$RUNNER" --data "$data" --out "$out" --work "$work" --queries q1,q3 \
    --budget 600 > "$out/stdout" 2> "$out/stderr"
  disk_bytes=$(du -sb "$work" | cut -f1)  # the store and its snapshot
  rm -rf "$work"
  tail -n 3 "$out/stderr" >&2
  row=$(python3 - "$data/manifest.json" "$out/flgraph.json" "$out/time.txt" "$size" "$disk_bytes" <<'EOF'
import json, re, sys, datetime
manifest, result, timing, size, disk_bytes = sys.argv[1:6]
edges = json.load(open(manifest))["edges"]
r = json.load(open(result))
rss_kb = int(re.search(r"Maximum resident set size \(kbytes\): (\d+)", open(timing).read()).group(1))
notes = " ".join(r["notes"])
import_s = float(re.search(r"load = import ([0-9.]+)s", notes).group(1))
per_edge = float(re.search(r"([0-9.]+) bytes per edge", notes).group(1))
print("\t".join(str(x) for x in [size, edges, r["load_s"], import_s, r["q1_ms"], r["q3_ms"], round(rss_kb / 1024),
                                 per_edge, round(int(disk_bytes) / edges, 1), round(rss_kb * 1024 / edges, 1),
                                 datetime.date.today().isoformat()]))
EOF
)
  { grep -v "^$size	" "$TABLE"; echo "$row"; } > "$TABLE.new"
  { head -n 1 "$TABLE.new"; tail -n +2 "$TABLE.new" | sort -t$'\t' -k2,2n; } > "$TABLE"
  rm -f "$TABLE.new"
done

gnuplot <<EOF
set terminal svg size 1440,420 font "sans,12" background rgb "white"
set output "$PLOT"
set datafile separator "\t"
set key top left
set logscale xy
set grid
set format x "%.0s%c"
set xlabel "edges"
set multiplot layout 1,3 title "flgraph as the graph grows (bench/growth.sh, ../shared/bench workload, 100 queries)"
set ylabel "seconds"
plot "$TABLE" using 2:3 skip 1 with linespoints title "load (CSV to store + snapshot)", \
     "" using 2:(\$5/1000) skip 1 with linespoints title "Q1, 100 queries", \
     "" using 2:(\$6/1000) skip 1 with linespoints title "Q3, 100 queries"
set ylabel "MB"
plot "$TABLE" using 2:7 skip 1 with linespoints title "peak RSS", \
     "" using 2:(\$2*\$8/1e6) skip 1 with linespoints title "query graph arrays"
unset logscale y
set key top right
set ylabel "bytes per edge"
set yrange [0:*]
plot "$TABLE" using 2:9 skip 1 with linespoints title "on disk (store + snapshot)", \
     "" using 2:10 skip 1 with linespoints title "peak RSS", \
     "" using 2:8 skip 1 with linespoints title "query graph arrays"
unset multiplot
EOF
echo "table: $TABLE; plot: $PLOT" >&2
