#!/usr/bin/env bash
# Issue 10, finding 2: the hostile files (a 3 MB XLSX whose cell inflates to 3 GiB, a shared-strings
# table of 3 GiB, a 1,000,000-column CSV, a 900 MB JSON string) loaded with `socle ingest` on a release
# build: each must be refused with its French message, write nothing, and keep the process's peak RSS
# bounded. Prints exit code, wall time, peak RSS and the message.
#   bench/hostile/run.sh            (SOCLE_BIN=path uses that binary instead of building one)
set -euo pipefail
cd "$(dirname "$0")/../.."
OUT=bench/out/hostile
mkdir -p "$OUT"
[ -x /usr/bin/time ] || apt-get install -y -qq time >/dev/null
if [ -z "${SOCLE_BIN:-}" ]; then
  echo "==> release build"
  swift build -c release --product socle 2>&1 | tail -1
fi
BIN=${SOCLE_BIN:-$PWD/.build/release/socle}
[ -f "$OUT/files/cellule-3gio.xlsx" ] || python3 bench/hostile/generate.py "$OUT/files" >/dev/null
printf "%-22s %10s %5s %8s %10s  %s\n" file bytes exit "wall s" "peak MiB" message
for f in "$OUT"/files/*; do
  name=$(basename "$f")
  rm -rf "$OUT/data"
  set +e
  /usr/bin/time -f "%e %M" -o "$OUT/time" "$BIN" ingest "$f" --dataset hostile --data-dir "$OUT/data" --progress none >/dev/null 2>"$OUT/err"
  code=$?
  set -e
  read -r wall rss < <(tail -1 "$OUT/time")
  rows=$("$BIN" datasets --data-dir "$OUT/data" --json 2>/dev/null | python3 -c 'import json,sys; print(len(json.load(sys.stdin)))' 2>/dev/null || echo "?")
  printf "%-22s %10s %5s %8s %10s  %s (datasets after: %s)\n" "$name" "$(stat -c %s "$f")" "$code" "$wall" "$((rss / 1024))" \
    "$(head -c 160 "$OUT/err" | tr '\n' ' ')" "$rows"
done
