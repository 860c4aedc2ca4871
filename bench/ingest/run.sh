#!/usr/bin/env bash
# Ingest benchmark: socle ingest vs sqlite3 .import (C, no typing: the floor) vs sqlite-utils (Python,
# with type detection), on the same generated file, in one run. Release build. Prints wall time,
# CPU time, rows/s, peak RSS and the ratios; then the same for a 5,000,000-row file (memory must
# stay flat), and PostgreSQL ingest rows/s.
#   bench/ingest/run.sh [ROWS] [BIG_ROWS]
set -euo pipefail
cd "$(dirname "$0")/../.."
ROWS=${1:-1000000}
BIG=${2:-5000000}
OUT=bench/out/ingest
mkdir -p "$OUT"

command -v sqlite3 >/dev/null || apt-get install -y -qq sqlite3 >/dev/null
python3 -c "import sqlite_utils" 2>/dev/null || pip install -q sqlite-utils >/dev/null
[ -x /usr/bin/time ] || apt-get install -y -qq time >/dev/null

echo "==> release build"
# SOCLE_BIN=path uses that release binary instead of building one.
[ -n "${SOCLE_BIN:-}" ] || swift build -c release --product socle 2>&1 | tail -1
BIN=${SOCLE_BIN:-$PWD/.build/release/socle}

gen() { [ -f "$OUT/bike-$1.csv" ] || python3 bench/ingest/generate.py "$1" "$OUT/bike-$1.csv"; echo "$OUT/bike-$1.csv"; }

# measure NAME CMD... → prints "wall cpu rss" (seconds, seconds, MiB) from GNU time.
measure() {
  local name=$1; shift
  # Write back the previous run's pages first, so that no tool pays for another's disk writes.
  sync
  if ! /usr/bin/time -f "%e %U %S %M" -o "$OUT/$name.time" "$@" >"$OUT/$name.out" 2>"$OUT/$name.err"; then
    echo "$name failed:" >&2; tail -5 "$OUT/$name.err" >&2
    echo "- - -"; return
  fi
  awk '{printf "%.2f %.2f %.0f\n", $1, $2 + $3, $4 / 1024}' "$OUT/$name.time"
}

run_set() {
  local rows=$1 file size
  file=$(gen "$rows")
  size=$(stat -c %s "$file")
  echo
  echo "==> $rows rows, $(awk -v s="$size" 'BEGIN{printf "%.1f MB", s/1e6}') ($file)"
  rm -rf "$OUT/socle-data" "$OUT/import.db" "$OUT/utils.db"
  read -r s_wall s_cpu s_rss < <(measure socle-$rows "$BIN" ingest "$file" --dataset velo --data-dir "$OUT/socle-data" --json)
  read -r i_wall i_cpu i_rss < <(measure import-$rows sqlite3 "$OUT/import.db" -cmd ".mode csv" -cmd ".separator ;" ".import $file velo")
  local u_wall="-" u_cpu="-" u_rss="-"
  if [ "$rows" -le "$ROWS" ]; then
    # sqlite-utils 4 detects types by default (--no-detect-types turns it off).
    read -r u_wall u_cpu u_rss < <(measure utils-$rows sqlite-utils insert "$OUT/utils.db" velo "$file" --csv --delimiter ";")
  fi
  printf "%-34s %9s %9s %12s %10s\n" "tool" "wall s" "cpu s" "rows/s" "peak MiB"
  for t in "socle ingest (typed):$s_wall:$s_cpu:$s_rss" "sqlite3 .import (untyped floor):$i_wall:$i_cpu:$i_rss" "sqlite-utils (type detection):$u_wall:$u_cpu:$u_rss"; do
    IFS=: read -r n w c r <<<"$t"
    rps=$( [ "$w" = "-" ] && echo "-" || awk -v n="$rows" -v w="$w" 'BEGIN{printf "%.0f", n/w}')
    printf "%-34s %9s %9s %12s %10s\n" "$n" "$w" "$c" "$rps" "$r"
  done
  awk -v s="$s_wall" -v i="$i_wall" 'BEGIN{printf "ratio socle/sqlite3-import wall: %.2fx (target <= 2.0x)\n", s/i}'
  if [ "$u_wall" != "-" ]; then
    awk -v s="$s_cpu" -v u="$u_cpu" -v sw="$s_wall" -v uw="$u_wall" \
      'BEGIN{printf "sqlite-utils/socle: %.1fx CPU, %.1fx wall (target >= 20x)\n", u/s, uw/sw}'
  fi
  echo "socle peak RSS: ${s_rss} MiB (target <= 150 MiB)"
  if [ "$rows" -le "$ROWS" ]; then
    # The personal-data scan at every load (issue 5): the same load with and without it, alternated three
    # times, medians compared (SOCLE_NO_SCAN=1 exists for this measurement only).
    local with=() without=()
    for i in 1 2 3; do
      rm -rf "$OUT/scan-on" "$OUT/scan-off"
      read -r w _ _ < <(measure scan-on-$i "$BIN" ingest "$file" --dataset velo --data-dir "$OUT/scan-on" --json)
      with+=("$w")
      read -r w _ _ < <(measure scan-off-$i env SOCLE_NO_SCAN=1 "$BIN" ingest "$file" --dataset velo --data-dir "$OUT/scan-off" --json)
      without+=("$w")
    done
    local on off
    on=$(printf "%s\n" "${with[@]}" | sort -n | sed -n 2p)
    off=$(printf "%s\n" "${without[@]}" | sort -n | sed -n 2p)
    awk -v a="$on" -v b="$off" -v ra="${with[*]}" -v rb="${without[*]}" \
      'BEGIN{printf "privacy scan at load: %.2f s with, %.2f s without (medians of %s / %s): +%.1f%% (target <= 15%%)\n", a, b, ra, rb, (a-b)/b*100}'
    python3 - "$OUT/scan-on-1.out" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))
print("scan verdicts:", ", ".join(f"{c['name']}={(c.get('privacy') or {}).get('verdict', '?')}" for c in r["columns"]))
PY
  fi
  python3 - "$OUT/socle-$rows.out" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))
print("socle types:", ", ".join(f"{c['name']}={c['type']}" for c in r["columns"]))
PY
}

run_set "$ROWS"
run_set "$BIG"

echo
echo "==> PostgreSQL ($ROWS rows, COPY)"
PGDIR=$(mktemp -d /tmp/socle-bench-pg.XXXXXX)
trap 'scripts/pg-cluster stop "$PGDIR"' EXIT
URL=$(scripts/pg-cluster start "$PGDIR" $(( 20000 + RANDOM % 20000 )))
file=$(gen "$ROWS")
read -r p_wall p_cpu p_rss < <(measure pg-$ROWS env SOCLE_DATABASE_URL="$URL" "$BIN" ingest "$file" --dataset velo --json)
awk -v n="$ROWS" -v w="$p_wall" -v r="$p_rss" 'BEGIN{printf "socle ingest on PostgreSQL: %.2f s wall, %.0f rows/s, peak %d MiB\n", w, n/w, r}'
