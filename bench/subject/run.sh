#!/usr/bin/env bash
# Subject search benchmark (issue 12): 50 datasets totalling 5,000,000 rows with personal columns, loaded with
# and without the subject index (ingest time ratio: the index's cost), the index's size, subject search latency
# (p50/p95 over many people, SQLite, then PostgreSQL beside), and the time to erase one person present in every
# dataset and in older revisions. Release build.
#   bench/subject/run.sh [FILES] [ROWS_PER_FILE] [SEARCHES]     (defaults: 50 100000 200)
set -euo pipefail
cd "$(dirname "$0")/../.."
FILES=${1:-50}
ROWS=${2:-100000}
SEARCHES=${3:-200}
OUT=bench/out/subject
DATA=$OUT/files-$FILES-$ROWS
mkdir -p "$OUT"

echo "==> release build"
# SOCLE_BIN runs another build of socle instead and skips this build.
[ -n "${SOCLE_BIN:-}" ] || swift build -c release --product socle 2>&1 | tail -1
BIN=${SOCLE_BIN:-$PWD/.build/release/socle}

echo "==> generating $FILES files of $ROWS rows (cached in $DATA)"
python3 bench/subject/generate.py "$FILES" "$ROWS" "$DATA"

PGDIR=""
cleanup() { if [ -n "$PGDIR" ]; then scripts/pg-cluster stop "$PGDIR"; fi; }
trap cleanup EXIT

# Loads every file as its own dataset (and a second revision of the first OLDER files), timing the whole.
load_all() { # $1: label, then environment assignments
  local label=$1; shift
  local start end
  env "$@" "$BIN" org create ccas --name "CCAS" --type ccas >/dev/null
  start=$(date +%s.%N)
  for f in "$DATA"/personnes-*.csv; do
    env "$@" SOCLE_LANG=en "$BIN" ingest "$f" --dataset "$(basename "$f" .csv)" --org ccas --progress none >/dev/null
  done
  end=$(date +%s.%N)
  echo "$label $(echo "$end - $start" | bc)"
}

OLDER=10
second_revisions() {
  local n=0
  for f in "$DATA"/personnes-*.csv; do
    [ $n -lt $OLDER ] || break
    env "$@" "$BIN" ingest "$f" --dataset "$(basename "$f" .csv)" --org ccas --progress none >/dev/null
    n=$((n + 1))
  done
}

# Searches SEARCHES people picked from the files (e-mail, phone, NIR, name + birth date in turn); prints p50/p95 of
# the search itself (the action's own clock) and of the whole command (process start and store open included).
search_all() {
  python3 - "$DATA" "$SEARCHES" > "$OUT/queries.txt" <<'PY'
import glob, random, sys
files = sorted(glob.glob(sys.argv[1] + "/personnes-*.csv"))
r = random.Random(7)
for i in range(int(sys.argv[2])):
    with open(r.choice(files), encoding="utf-8") as fh:
        lines = fh.readlines()
    v = r.choice(lines[1:]).rstrip("\n").split(";")
    kind = i % 4
    if kind == 0: print("--email\t" + v[3])
    elif kind == 1: print("--phone\t" + v[4].replace(" ", "."))
    elif kind == 2: print("--nir\t" + v[5])
    else: print("--name\t" + v[1] + " " + v[0] + "\t--birth-date\t" + v[2])
PY
  local times=$OUT/search-times-$1.txt
  : > "$times"
  while IFS=$'\t' read -r -a args; do
    local s e secs
    s=$(date +%s.%N)
    secs=$(env "${@:2}" "$BIN" subject search "${args[@]}" --json | python3 -c 'import json,sys; d=json.load(sys.stdin); print(d["seconds"], len(d["matches"]))')
    e=$(date +%s.%N)
    echo "$secs $(echo "$e - $s" | bc)" >> "$times"
  done < "$OUT/queries.txt"
  python3 - "$times" "$1" <<'PY'
import sys
rows = [l.split() for l in open(sys.argv[1])]
inner = sorted(float(r[0]) for r in rows); wall = sorted(float(r[2]) for r in rows)
found = sum(1 for r in rows if int(r[1]) > 0)
p = lambda xs, q: xs[min(len(xs) - 1, int(q * len(xs)))]
print(f"{sys.argv[2]}: {len(rows)} searches, {found} found someone; search p50 {p(inner, .5)*1000:.0f} ms, p95 {p(inner, .95)*1000:.0f} ms;"
      f" whole command p50 {p(wall, .5)*1000:.0f} ms, p95 {p(wall, .95)*1000:.0f} ms")
PY
}

erase_planted() { # $1: label, then environment assignments
  local rid s e
  rid=$(env "${@:2}" "$BIN" request create --org ccas --right erasure --requester "Marguerite Lenoir" \
        --contact marguerite.lenoir@exemple.fr --channel post --json | python3 -c 'import json,sys; print(json.load(sys.stdin)["request"]["id"])')
  s=$(date +%s.%N)
  env "${@:2}" "$BIN" subject erase --email marguerite.lenoir@exemple.fr --request "$rid" --json > "$OUT/erase-$1.json"
  e=$(date +%s.%N)
  python3 - "$OUT/erase-$1.json" "$1" "$(echo "$e - $s" | bc)" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
print(f"{sys.argv[2]}: erased {d['rows_removed']} rows in {len(d['datasets'])} datasets"
      f" (older revisions included) in {float(sys.argv[3]):.2f} s, compacted: {d['compacted']}")
PY
}

size_of_index() { # sqlite file
  python3 - "$1" <<'PY'
import sqlite3, sys
c = sqlite3.connect(sys.argv[1])
n, b = c.execute("select count(*), coalesce(sum(length(entries)),0) from subject_index").fetchone()
page = c.execute("pragma page_size").fetchone()[0]
try:
    pages = c.execute("select sum(pgsize) from dbstat where name like 'subject_index%'").fetchone()[0]
except Exception:
    pages = None
total = c.execute("pragma page_count").fetchone()[0] * page
print(f"index: {b // 16:,} entries, {b / 1e6:.1f} MB of runs ({n} runs)" + (f", {pages / 1e6:.1f} MB on disk" if pages else "")
      + f"; whole database {total / 1e6:.0f} MB")
PY
}

echo "==> SQLite: loading without the index"
rm -rf "$OUT/sqlite-noindex" "$OUT/sqlite"
NOIDX=$(load_all noindex SOCLE_DATA_DIR="$OUT/sqlite-noindex" SOCLE_NO_SUBJECT_INDEX=1 | awk '{print $2}')
rm -rf "$OUT/sqlite-noindex"
echo "==> SQLite: loading with the index"
IDX=$(load_all index SOCLE_DATA_DIR="$OUT/sqlite" | awk '{print $2}')
python3 -c "import sys; a, b = float(sys.argv[1]), float(sys.argv[2]); print(f'ingest of $FILES x $ROWS rows: {a:.1f} s without the index, {b:.1f} s with it: +{(b / a - 1) * 100:.1f} %')" "$NOIDX" "$IDX"
size_of_index "$OUT/sqlite/socle.sqlite"
second_revisions SOCLE_DATA_DIR="$OUT/sqlite"
echo "==> SQLite: searching"
search_all sqlite SOCLE_DATA_DIR="$OUT/sqlite"
echo "==> SQLite: erasing one person from every dataset"
erase_planted sqlite SOCLE_DATA_DIR="$OUT/sqlite"

echo "==> PostgreSQL"
PGDIR=$(mktemp -d /tmp/socle-bench-subject-pg.XXXX)
PG_URL=$(scripts/pg-cluster start "$PGDIR" $(( 20000 + RANDOM % 20000 )))
PGNOIDX=$(load_all noindex SOCLE_DATABASE_URL="$PG_URL" SOCLE_DATA_DIR="$OUT/pg-secrets-noindex" SOCLE_NO_SUBJECT_INDEX=1 | awk '{print $2}')
psql -q "$PG_URL" -c "DROP SCHEMA public CASCADE; CREATE SCHEMA public;" >/dev/null 2>&1
PGIDX=$(load_all index SOCLE_DATABASE_URL="$PG_URL" SOCLE_DATA_DIR="$OUT/pg-secrets" | awk '{print $2}')
python3 -c "import sys; a, b = float(sys.argv[1]), float(sys.argv[2]); print(f'PostgreSQL ingest: {a:.1f} s without the index, {b:.1f} s with it: +{(b / a - 1) * 100:.1f} %')" "$PGNOIDX" "$PGIDX"
second_revisions SOCLE_DATABASE_URL="$PG_URL" SOCLE_DATA_DIR="$OUT/pg-secrets"
search_all postgres SOCLE_DATABASE_URL="$PG_URL" SOCLE_DATA_DIR="$OUT/pg-secrets"
erase_planted postgres SOCLE_DATABASE_URL="$PG_URL" SOCLE_DATA_DIR="$OUT/pg-secrets"
rm -rf "$OUT/pg-secrets" "$OUT/pg-secrets-noindex"
