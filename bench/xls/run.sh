#!/usr/bin/env bash
# .xls vs .xlsx load time (issue 13, Speed): "an .xls of 65,000 rows loads in <= 2x the time of the same
# data as .xlsx". Generates one table, saves it as both with LibreOffice Calc, then times
# `socle ingest` on each (release build, median of 3 runs, GNU time) and prints the ratio.
#   bench/xls/run.sh [ROWS]       (ROWS <= 65535: the .xls row limit)
set -euo pipefail
cd "$(dirname "$0")/../.."
ROWS=${1:-65000}
OUT=bench/out/xls
PORT=${SOCLE_BENCH_SOFFICE_PORT:-2093}
mkdir -p "$OUT"

command -v soffice >/dev/null || apt-get install -y -qq --no-install-recommends libreoffice-calc-nogui python3-uno >/dev/null
[ -x /usr/bin/time ] || apt-get install -y -qq time >/dev/null

echo "==> release build"
# SOCLE_BIN=path uses that release binary instead of building one.
[ -n "${SOCLE_BIN:-}" ] || swift build -c release --product socle 2>&1 | tail -1
BIN=${SOCLE_BIN:-$PWD/.build/release/socle}

if [ ! -f "$OUT/aides-$ROWS.xls" ] || [ ! -f "$OUT/aides-$ROWS.xlsx" ]; then
  echo "==> generating $ROWS rows with LibreOffice"
  soffice --headless --invisible --norestore "-env:UserInstallation=file://$PWD/$OUT/lo-profile" \
    --accept="socket,host=127.0.0.1,port=$PORT;urp;" >/dev/null 2>&1 &
  LO=$!
  trap 'kill $LO 2>/dev/null || true' EXIT
  /usr/bin/python3 bench/xls/generate.py "$ROWS" "$OUT" "$PORT"
  kill $LO 2>/dev/null || true
fi

# measure NAME CMD... → prints "wall cpu rss" (seconds, seconds, MiB) from GNU time.
measure() {
  local name=$1; shift
  if ! /usr/bin/time -f "%e %U %S %M" -o "$OUT/$name.time" "$@" >"$OUT/$name.out" 2>"$OUT/$name.err"; then
    echo "$name failed:" >&2; tail -5 "$OUT/$name.err" >&2; exit 1
  fi
  awk '{printf "%.2f %.2f %.0f\n", $1, $2 + $3, $4 / 1024}' "$OUT/$name.time"
}

declare -A wall
printf "%-8s %9s %9s %9s %10s  %s\n" "format" "size MB" "wall s" "cpu s" "peak MiB" "runs (wall s)"
for ext in xlsx xls; do
  file="$OUT/aides-$ROWS.$ext"
  runs=()
  for i in 1 2 3; do
    rm -rf "$OUT/data-$ext"
    read -r w c r < <(measure "$ext-$i" "$BIN" ingest "$file" --dataset aides --data-dir "$OUT/data-$ext" --json)
    runs+=("$w:$c:$r")
  done
  median=$(printf "%s\n" "${runs[@]}" | sort -t: -k1,1n | sed -n 2p)
  IFS=: read -r w c r <<<"$median"
  wall[$ext]=$w
  printf "%-8s %9s %9s %9s %10s  %s\n" "$ext" "$(awk -v s="$(stat -c %s "$file")" 'BEGIN{printf "%.1f", s/1e6}')" \
    "$w" "$c" "$r" "$(printf "%s " "${runs[@]%%:*}")"
done
python3 - "$OUT/xls-1.out" "$OUT/xlsx-1.out" <<'PY'
import json, sys
a, b = (json.load(open(p)) for p in sys.argv[1:])
types = lambda r: {c["name"]: c["type"] for c in r["columns"]}
print("rows: xls", a["rows"], "xlsx", b["rows"], "| same types:", types(a) == types(b), types(a))
PY
awk -v a="${wall[xls]}" -v b="${wall[xlsx]}" 'BEGIN{printf "ratio xls/xlsx wall: %.2fx (target <= 2.0x)\n", a/b}'
