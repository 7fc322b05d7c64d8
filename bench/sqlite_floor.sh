#!/usr/bin/env bash
# bench/sqlite_floor.sh: what SQLite alone spends on the rows of a first load and of an append, on
# the current schema, beside flgraph's whole imports of the same rows, in one run.
#   floor-first    medium's rows copied into a new file as a bulk load writes them: the suspended
#                  indexes dropped, rows inserted, indexes built once, then WAL and a checkpoint
#   floor-append   the later year's rows copied into a copy of the large store, into the recent
#                  part of the indexes, in one transaction (the commit checkpoints, as flgraph's)
#   floor-segment  the later year's rows copied into a new file as floor-first does: what an
#                  append would cost if it wrote a store of its own (a segment) instead
#   igraph         igraph's own load time of medium (../shared/bench/run_igraph.py, no queries),
#                  when Debian's python3-igraph is installed: the peer the first load is held to
# No parsing, no look-ups, no query graph: rows go from an attached store by INSERT ... SELECT,
# so each floor is less than any import of those rows can take on this schema.
# Needs the stores bench/append_bench.sh leaves in $PEERBENCH/work/append (large.db, first.db,
# append.db). RUNS rounds (default 3) alternate the timings, with flgraph's first load and append
# of the same rows; medians.
set -euo pipefail
REPO=$(cd "$(dirname "$0")/.." && pwd)
SHARED_BENCH=$(cd "$REPO/../shared/bench" && pwd) || { echo "no ../shared/bench beside $REPO" >&2; exit 1; }
PEERBENCH=${PEERBENCH:-/tmp/peerbench}
RUNS=${RUNS:-3}
CLI=$REPO/build/release/cli/flgraph
DATA=$PEERBENCH/data
STORES=$PEERBENCH/work/append
WORK=$PEERBENCH/work/floor
export FLGRAPH_PASSPHRASE=${FLGRAPH_PASSPHRASE:-append-bench}
for store in large first append; do
  [ -f "$STORES/$store.db" ] || { echo "no $STORES/$store.db: run bench/append_bench.sh first" >&2; exit 1; }
done
rm -rf "$WORK"
mkdir -p "$WORK"

# The suspended and deferred relation indexes (graph/schema.cpp), as the store holds them.
indexes=$(sqlite3 "$STORES/first.db" "SELECT sql || ';' FROM sqlite_schema WHERE type = 'index'
  AND name IN ('relation_ext_id', 'relation_by_ends', 'relation_by_dst', 'relation_recent_by_ends',
  'relation_recent_by_dst')")
drops=$(sqlite3 "$STORES/first.db" "SELECT 'DROP INDEX ' || name || ';' FROM sqlite_schema
  WHERE type = 'index' AND name IN ('relation_ext_id', 'relation_by_ends', 'relation_by_dst',
  'relation_recent_by_ends', 'relation_recent_by_dst')")
schema=$(sqlite3 "$STORES/first.db" "SELECT sql || ';' FROM sqlite_schema WHERE sql IS NOT NULL
  AND name NOT LIKE 'sqlite_%'")
max_entity=$(sqlite3 "$STORES/large.db" "SELECT max(id) FROM entity")
max_relation=$(sqlite3 "$STORES/large.db" "SELECT max(id) FROM relation")

# A new file written as a bulk load writes it, from the rows of FROM with ids above the bounds.
bulk_sql() {
  cat <<EOF
PRAGMA journal_mode = MEMORY; PRAGMA synchronous = OFF; PRAGMA cache_size = -262144;
PRAGMA threads = 1;
BEGIN; $schema $drops COMMIT;
ATTACH '$1' AS src;
BEGIN;
INSERT INTO entity SELECT * FROM src.entity WHERE id > $2 ORDER BY id;
INSERT INTO relation SELECT id, ext_id, src, dst, kind, date_from, date_to, confidence,
  attributes, sealed, NULL FROM src.relation WHERE id > $3 ORDER BY id;
PRAGMA cache_size = -2048;
$indexes
COMMIT;
DETACH src;
PRAGMA synchronous = FULL; PRAGMA journal_mode = WAL; PRAGMA wal_checkpoint(TRUNCATE);
EOF
}
append_sql() {
  cat <<EOF
PRAGMA cache_size = -262144; PRAGMA synchronous = FULL;
ATTACH '$STORES/append.db' AS src;
BEGIN IMMEDIATE;
INSERT INTO entity SELECT * FROM src.entity WHERE id > $max_entity ORDER BY id;
INSERT INTO relation SELECT * FROM src.relation WHERE id > $max_relation ORDER BY id;
COMMIT;
EOF
}

timed() {  # seconds of one whole process
  /usr/bin/time -f "%e" -o "$WORK/time.txt" "$@" > "$WORK/last.txt" 2>&1 ||
    { cat "$WORK/last.txt" >&2; exit 1; }
  cat "$WORK/time.txt"
}
median() { sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }
fresh_copy() {
  rm -f "$WORK"/copy.db*
  cp "$STORES/large.db" "$WORK/copy.db"
  cp "$STORES/large.db.qgraph" "$WORK/copy.db.qgraph"
  sync
}

names="first floor-first append floor-append floor-segment"
/usr/bin/python3 -c "import igraph" 2>/dev/null && names="igraph $names"
for name in $names; do : > "$WORK/$name.txt"; done
for run in $(seq "$RUNS"); do
  if [ -f "$WORK/igraph.txt" ]; then
    /usr/bin/python3 "$SHARED_BENCH/run_igraph.py" --data "$DATA/medium" --out "$WORK/igraph" \
      --queries none > /dev/null 2>&1
    python3 -c "import json, sys; print(json.load(sys.stdin)['load_s'])" \
      < "$WORK/igraph/igraph.json" >> "$WORK/igraph.txt"
  fi
  rm -f "$WORK"/new.db*
  timed "$CLI" --db "$WORK/new.db" import "$DATA/medium/nodes.csv" "$DATA/medium/edges.csv" \
    >> "$WORK/first.txt"
  rm -f "$WORK"/new.db*
  timed sqlite3 "$WORK/new.db" "$(bulk_sql "$STORES/first.db" 0 0)" >> "$WORK/floor-first.txt"
  fresh_copy
  timed "$CLI" --db "$WORK/copy.db" import "$DATA/later-year/nodes.csv" \
    "$DATA/later-year/edges.csv" >> "$WORK/append.txt"
  grep -q "998709 new" "$WORK/last.txt" || { echo "the append did not add its relations" >&2; exit 1; }
  fresh_copy
  timed sqlite3 "$WORK/copy.db" "$(append_sql)" >> "$WORK/floor-append.txt"
  [ "$(sqlite3 "$WORK/copy.db" "SELECT count(*) FROM relation WHERE recent = 1")" = 998709 ] ||
    { echo "the floor's append did not add the relations to the recent part" >&2; exit 1; }
  rm -f "$WORK"/new.db*
  timed sqlite3 "$WORK/new.db" "$(bulk_sql "$STORES/append.db" "$max_entity" "$max_relation")" \
    >> "$WORK/floor-segment.txt"
  line="run $run:"
  for name in $names; do line="$line $name $(tail -1 "$WORK/$name.txt")"; done
  echo "$line (s)" >&2
done

m() { median < "$WORK/$1.txt"; }
printf '| | flgraph import | SQLite alone | SQLite share |\n|---|---:|---:|---:|\n'
printf '| first load, 1M edges | %s s | %s s | %.0f %% |\n' "$(m first)" "$(m floor-first)" \
  "$(echo "$(m floor-first) $(m first)" | awk '{ print 100 * $1 / $2 }')"
printf '| append 1M into 10M | %s s | %s s | %.0f %% |\n' "$(m append)" "$(m floor-append)" \
  "$(echo "$(m floor-append) $(m append)" | awk '{ print 100 * $1 / $2 }')"
printf '| the same rows as a segment of their own | | %s s | |\n' "$(m floor-segment)"
printf '\nfloor-append / first = %.2fx (the append can go no lower on this schema)\n' \
  "$(echo "$(m floor-append) $(m first)" | awk '{ print $1 / $2 }')"
printf 'floor-segment / first = %.2fx\n' "$(echo "$(m floor-segment) $(m first)" | awk '{ print $1 / $2 }')"
if [ -s "$WORK/igraph.txt" ]; then
  printf 'igraph load of medium %s s: first / igraph = %.2fx, floor-first / igraph = %.2fx\n' \
    "$(m igraph)" "$(echo "$(m first) $(m igraph)" | awk '{ print $1 / $2 }')" \
    "$(echo "$(m floor-first) $(m igraph)" | awk '{ print $1 / $2 }')"
fi
echo "medians of $RUNS runs" >&2
