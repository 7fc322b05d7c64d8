#!/usr/bin/env bash
# `flgraph screen` of a supplier list on the synthetic supply graph, one binary against another
# (issue #13: "screen of 10,000 rows on the medium graph no slower than today").
#   bench/screen_bench.sh --old FLGRAPH --new FLGRAPH [--size medium] [--rows 10000] [--runs 3]
#                         [--data DIR] [--work DIR] [--seed 42]
# Imports the graph once per binary (timed apart), writes a deterministic supplier CSV, runs
# `screen --csv -o` with each binary --runs times, alternating, under /usr/bin/time -v, and prints
# markdown tables: wall time, CPU, peak RSS, new/old, and how many rows each binary matched.
# Environment: PEERBENCH (default /tmp/peerbench, where the data lives), KEEP_STORES=1 keeps the
# imported stores in the work folder.
set -euo pipefail

usage() {
  sed -n '4,5p' "$0" | sed 's/^# *//' >&2
  exit 2
}

OLD="" NEW="" SIZE=medium ROWS=10000 RUNS=3 DATA="" WORK="" SEED=42
while [ $# -gt 0 ]; do
  case "$1" in
    --old) OLD=${2:?}; shift 2 ;;
    --new) NEW=${2:?}; shift 2 ;;
    --size) SIZE=${2:?}; shift 2 ;;
    --rows) ROWS=${2:?}; shift 2 ;;
    --runs) RUNS=${2:?}; shift 2 ;;
    --data) DATA=${2:?}; shift 2 ;;
    --work) WORK=${2:?}; shift 2 ;;
    --seed) SEED=${2:?}; shift 2 ;;
    -h|--help) usage ;;
    *) echo "unknown argument: $1" >&2; usage ;;
  esac
done
if [ -z "$OLD" ] || [ -z "$NEW" ]; then usage; fi
[[ "$ROWS" =~ ^[1-9][0-9]*$ && "$RUNS" =~ ^[1-9][0-9]*$ ]] || { echo "--rows and --runs are positive integers" >&2; exit 2; }
# Absolute paths: the runs below change directory.
OLD=$(readlink -f "$OLD") NEW=$(readlink -f "$NEW")
for b in "$OLD" "$NEW"; do [ -x "$b" ] || { echo "not an executable: $b" >&2; exit 1; }; done
[ -x /usr/bin/time ] || { echo "needs GNU time at /usr/bin/time (apt-get install time)" >&2; exit 1; }

REPO=$(cd "$(dirname "$0")/.." && pwd)
export PEERBENCH=${PEERBENCH:-/tmp/peerbench}
DATA=${DATA:-$PEERBENCH/data/$SIZE}
WORK=${WORK:-$PEERBENCH/work/$SIZE/screen-bench-$(date -u +%Y%m%dT%H%M%SZ)}
mkdir -p "$WORK"
WORK=$(readlink -f "$WORK")

# The same data as bench/run_bench.sh and the peers: reuse it when its manifest says it is complete.
if [ ! -f "$DATA/manifest.json" ]; then
  SHARED_BENCH=$(cd "$REPO/../shared/bench" && pwd) || { echo "no ../shared/bench beside $REPO" >&2; exit 1; }
  echo "== generating $SIZE data in $DATA" >&2
  python3 "$SHARED_BENCH/gen_supply_graph.py" --preset "$SIZE" --seed 42 --out "$DATA" >&2
fi

# --- supplier list ------------------------------------------------------------------------------
# Deterministic (python3's random with --seed, over the sorted node file): the same rows for both
# binaries and for every session. The expected entity of each row goes to a key file beside it,
# never into the CSV: an `id` column would let screen resolve by id and skip name matching.
SUPPLIERS=$WORK/suppliers.csv
KEY=$WORK/suppliers.key.tsv
python3 - "$DATA/nodes.csv" "$SUPPLIERS" "$KEY" "$ROWS" "$SEED" <<'PY'
import csv, random, re, sys

nodes_csv, out_csv, key_tsv, rows, seed = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4]), int(sys.argv[5])
rng = random.Random(seed)
# Screenable parties of the generator: companies and state entities (sites are not suppliers).
pool = []
with open(nodes_csv, newline="", encoding="utf-8") as f:
    for r in csv.DictReader(f):
        if r["kind"] in ("company", "state_entity"):
            pool.append((r["id"], r["name"], r["country"]))
pool.sort()

# The generator's legal forms (gen_supply_graph.py SUFFIX), longest first so "Co., Ltd." wins over "Ltd".
LEGAL = sorted(("Co., Ltd.", "LLC", "Ltd", "Group", "GmbH", "Inc.", "Corp.", "JSC", "S.A."), key=len, reverse=True)
OTHER_FORM = {"Co., Ltd.": "Company Limited", "LLC": "Ltd", "Ltd": "Limited", "Group": "Holding",
              "GmbH": "AG", "Inc.": "Incorporated", "Corp.": "Corporation", "JSC": "OJSC", "S.A.": "SA"}
SE_FORM = {"Corporation": "Corp.", "Company": "Co.", "Bureau": "Bur.", "Office": "Representative Office"}

def typo(name):
    # One letter dropped or changed inside a word of 4+ letters, never the first letter nor the
    # trailing number (the number tells the generator's namesakes apart).
    words = name.split(" ")
    candidates = [i for i, w in enumerate(words) if len(w) >= 4 and w.isalpha()]
    i = rng.choice(candidates)
    w = words[i]
    p = rng.randrange(1, len(w))
    if rng.random() < 0.5:
        w = w[:p] + w[p + 1:]
    else:
        c = rng.choice([x for x in "abcdefghijklmnopqrstuvwxyz" if x != w[p].lower()])
        w = w[:p] + c + w[p + 1:]
    words[i] = w
    return " ".join(words)

def legal(name):
    # A company's legal form changed (half) or dropped (half); a state entity has none, so its
    # kind word is shortened or lengthened instead.
    for form in LEGAL:
        m = re.search(r"(?<= )" + re.escape(form) + r"(?= \d+$)", name)
        if m:
            repl = OTHER_FORM[form] if rng.random() < 0.5 else ""
            return re.sub(r" +", " ", name[:m.start()] + repl + name[m.end():]).strip()
    for word, repl in SE_FORM.items():
        if re.search(r"\b" + word + r"\b", name):
            return re.sub(r"\b" + word + r"\b", repl, name, count=1)
    return name.upper()

# Names of no generated party: words, trades and legal forms the generator never uses.
ABSENT_WORDS = ("Aurora", "Meridian", "Cobalt", "Zenith", "Lotus", "Granite", "Willow", "Orchid", "Falcon", "Tundra")
ABSENT_TRADES = ("Nickel Works", "Ceramics", "Pharmaceuticals", "Shipping Lines", "Robotics", "Paper Mills", "Glassware")
ABSENT_FORMS = ("AG", "Pty Ltd", "S.p.A.", "B.V.", "Oy", "K.K.", "SARL")
ABSENT_COUNTRIES = ("CN", "RU", "VN", "US", "DE", "JP", "KR", "TR", "IN")

absent = max(1, rows // 20) if rows >= 20 else 0
present = rows - absent
kinds = ["verbatim"] * (present - 2 * (present // 4)) + ["typo"] * (present // 4) + ["legal"] * (present // 4)
picked = rng.sample(pool, present) if present <= len(pool) else [rng.choice(pool) for _ in range(present)]
out = []
for (eid, name, country), kind in zip(picked, kinds):
    supplied = name if kind == "verbatim" else typo(name) if kind == "typo" else legal(name)
    out.append((supplied, country, eid, kind))
for _ in range(absent):
    name = f"{rng.choice(ABSENT_WORDS)} {rng.choice(ABSENT_TRADES)} {rng.choice(ABSENT_FORMS)} {rng.randrange(1000, 999999)}"
    out.append((name, rng.choice(ABSENT_COUNTRIES), "", "absent"))
rng.shuffle(out)

with open(out_csv, "w", newline="", encoding="utf-8") as f:
    w = csv.writer(f, lineterminator="\n")
    w.writerow(("name", "country"))
    for name, country, _, _ in out:
        w.writerow((name, country))
with open(key_tsv, "w", encoding="utf-8") as f:
    f.write("line\texpected_id\tvariant\n")
    for n, (_, _, eid, kind) in enumerate(out, start=2):  # line 1 is the header, as screen counts
        f.write(f"{n}\t{eid}\t{kind}\n")
PY
echo "== $ROWS supplier rows in $SUPPLIERS (sha256 $(sha256sum "$SUPPLIERS" | cut -c1-16))" >&2

cp /proc/loadavg "$WORK/loadavg.start"
# The stores are large: delete them however the script ends, unless asked to keep them.
if [ "${KEEP_STORES:-0}" != 1 ]; then trap 'rm -f "$WORK"/old.db* "$WORK"/new.db*' EXIT; fi

# --- import -------------------------------------------------------------------------------------
# One store per binary: a schema change between the two must not make one read the other's store.
# The import is timed but is not part of the screen figure.
declare -A BIN=([old]=$OLD [new]=$NEW)
for who in old new; do
  store=$WORK/$who.db
  rm -f "$store"*
  echo "== importing $SIZE with the $who binary" >&2
  /usr/bin/time -v -o "$WORK/$who.import.time.txt" \
    "${BIN[$who]}" --db "$store" import --format csv "$DATA/nodes.csv" "$DATA/edges.csv" \
    > "$WORK/$who.import.stdout" 2> "$WORK/$who.import.stderr" ||
    { echo "import failed with the $who binary (see $WORK/$who.import.stderr)" >&2; exit 1; }
  # Page the store in once, so that the first timed run does not pay the disk and the others the cache.
  cat "$store"* > /dev/null 2>&1 || true
done

# --- screen -------------------------------------------------------------------------------------
# Old and new alternate, and every other round starts with new (old new, new old, old new, ...),
# so neither binary always runs on a machine just warmed or disturbed by the other.
for ((run = 1; run <= RUNS; run++)); do
  if ((run % 2)); then order="old new"; else order="new old"; fi
  for who in $order; do
    base=$WORK/$who.screen.$run
    echo "== screen run $run/$RUNS: $who" >&2
    /usr/bin/time -v -o "$base.time.txt" \
      "${BIN[$who]}" --db "$WORK/$who.db" screen "$SUPPLIERS" --csv -o "$base.csv" --force \
      > "$base.stdout" 2> "$base.stderr" ||
      { echo "screen failed with the $who binary (see $base.stderr)" >&2; exit 1; }
  done
done

# Fixed cost: the same command on the first supplier row alone (opening the store, the name index,
# the one walk from every case), so the rest of the median is the per-row work.
head -n 2 "$SUPPLIERS" > "$WORK/one_row.csv"
for who in old new; do
  /usr/bin/time -v -o "$WORK/$who.one_row.time.txt" \
    "${BIN[$who]}" --db "$WORK/$who.db" screen "$WORK/one_row.csv" --csv -o "$WORK/$who.one_row.csv" --force \
    > /dev/null 2>&1 || { echo "one-row screen failed with the $who binary" >&2; exit 1; }
done

# --- report -------------------------------------------------------------------------------------
python3 - "$WORK" "$RUNS" "$ROWS" "$SIZE" "$OLD" "$NEW" <<'PY'
import csv, os, statistics, sys
from pathlib import Path

work, runs, rows, size, old_bin, new_bin = Path(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3]), sys.argv[4], sys.argv[5], sys.argv[6]

def gnu_time(path):
    # /usr/bin/time -v: wall "h:mm:ss" or "m:ss.ss", CPU seconds, peak RSS in kB.
    t = {}
    for line in Path(path).read_text().splitlines():
        key, _, value = line.strip().rpartition(": ")
        if key.startswith("Elapsed (wall clock) time"):
            s = 0.0
            for part in value.split(":"):
                s = s * 60 + float(part)
            t["wall"] = s
        elif key == "User time (seconds)":
            t["user"] = float(value)
        elif key == "System time (seconds)":
            t["sys"] = float(value)
        elif key == "Maximum resident set size (kbytes)":
            t["rss_mb"] = int(value) / 1024
    return t

key = {}
with open(work / "suppliers.key.tsv", encoding="utf-8") as f:
    for r in csv.DictReader(f, delimiter="\t"):
        key[r["line"]] = (r["expected_id"], r["variant"])
variants = ("verbatim", "typo", "legal", "absent")

def matches(path):
    with open(path, newline="", encoding="utf-8") as f:
        return {r["line"]: (r["entity_id"] if r["matched"] == "true" else "") for r in csv.DictReader(f)}

print(f"### flgraph screen: {rows} rows, {size} graph, {runs} runs each\n")
print(f"- old: `{old_bin}`\n- new: `{new_bin}`\n")
# CPU seconds beside wall: on a shared machine the wall time also counts waiting for a core.
print("| binary | median wall s | min | max | median CPU s (user+sys) | CPU min–max | peak RSS MB | new/old wall | new/old CPU |")
print("|---|---:|---:|---:|---:|---:|---:|---:|---:|")
median, median_cpu = {}, {}
outputs = {}
for who in ("old", "new"):
    times = [gnu_time(work / f"{who}.screen.{i}.time.txt") for i in range(1, runs + 1)]
    walls = [t["wall"] for t in times]
    median[who] = statistics.median(walls)
    cpus = [t["user"] + t["sys"] for t in times]
    median_cpu[who] = cpu = statistics.median(cpus)
    rss = max(t["rss_mb"] for t in times)
    ratios = (f"{median['new'] / median['old']:.3f} | {median_cpu['new'] / median_cpu['old']:.3f}"
              if who == "new" else " | ")
    print(f"| {who} | {median[who]:.2f} | {min(walls):.2f} | {max(walls):.2f} | {cpu:.2f} | {min(cpus):.2f}–{max(cpus):.2f} | {rss:.0f} | {ratios} |")
    outputs[who] = [matches(work / f"{who}.screen.{i}.csv") for i in range(1, runs + 1)]

print("\n| binary | import wall s | import CPU s | import peak RSS MB | one-row screen wall s (fixed cost) | one-row CPU s | one-row peak RSS MB |")
print("|---|---:|---:|---:|---:|---:|---:|")
for who in ("old", "new"):
    imp, one = gnu_time(work / f"{who}.import.time.txt"), gnu_time(work / f"{who}.one_row.time.txt")
    print(f"| {who} | {imp['wall']:.2f} | {imp['user'] + imp['sys']:.2f} | {imp['rss_mb']:.0f} "
          f"| {one['wall']:.2f} | {one['user'] + one['sys']:.2f} | {one['rss_mb']:.0f} |")

print("\nMatched rows (from the first run's CSV; `right` = the entity the row was made from, "
      "`absent` rows are names of no party, so any match there is a false one):\n")
print("| binary | matched | right entity | other entity | " + " | ".join(f"{v} matched/right" for v in variants) + " | runs identical |")
print("|---|---:|---:|---:|" + "---:|" * len(variants) + "---|")
for who in ("old", "new"):
    got = outputs[who][0]
    matched = right = 0
    per = {v: [0, 0, 0] for v in variants}  # rows, matched, right
    for line, (expected, variant) in key.items():
        entity = got.get(line, "")
        per[variant][0] += 1
        if entity:
            matched += 1
            per[variant][1] += 1
            if entity == expected:
                right += 1
                per[variant][2] += 1
    identical = all(o == outputs[who][0] for o in outputs[who][1:])
    cells = " | ".join(f"{per[v][1]}/{per[v][2]} of {per[v][0]}" for v in variants)
    print(f"| {who} | {matched} | {right} | {matched - right} | {cells} | {'yes' if identical else 'NO'} |")
changed = sum(1 for line in key if outputs["old"][0].get(line, "") != outputs["new"][0].get(line, ""))
print(f"\nRows resolved differently by old and new: {changed} of {len(key)}.")
# Other work on the machine inflates wall times: say how busy it was.
start = (work / "loadavg.start").read_text().split()[:3]
end = Path("/proc/loadavg").read_text().split()[:3]
print(f"\nLoad average (1, 5, 15 min) at the start {' '.join(start)}, at the end {' '.join(end)}; {os.cpu_count()} CPUs.")
print(f"\nFiles: {work}")
PY
