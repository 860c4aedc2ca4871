#!/usr/bin/env bash
# Socle's hand-written pieces against the libraries that could replace them (issue 11): multipart parsing
# (vapor/multipart-kit) and CRC-32 (ZIPFoundation), the same input through both in one release process,
# then the paths they sit on, end to end with a release `socle`: receiving an upload (multipart vs the same
# file as a raw body) and an XLSX export. HTTP dates were measured and replaced: bench/README.md.
#   bench/libraries/run.sh [ROWS]        (default 1000000: the ingest benchmark's bike-counter file)
# SOCLE_BIN=path uses that socle instead of building one. The bench target exists only when
# SOCLE_LIBRARY_BENCH is set (Package.swift), so the product's build never compiles the compared libraries.
set -euo pipefail
cd "$(dirname "$0")/../.."
ROWS=${1:-1000000}
OUT=bench/out/libraries
mkdir -p "$OUT"
export SOCLE_LIBRARY_BENCH=1
echo "==> release build"
swift build -c release --build-path .build-release --product SocleLibraryBench 2>&1 | tail -1
if [ -z "${SOCLE_BIN:-}" ]; then
  swift build -c release --build-path .build-release --product socle 2>&1 | tail -1
  SOCLE_BIN=$PWD/.build-release/release/socle
fi

echo "==> the pieces, side by side"
.build-release/release/SocleLibraryBench | tee "$OUT/results.txt"

echo "==> the paths, end to end (socle at $SOCLE_BIN)"
CSV=bench/out/ingest/bike-$ROWS.csv
mkdir -p bench/out/ingest
[ -f "$CSV" ] || python3 bench/ingest/generate.py "$ROWS" "$CSV"
work=$(mktemp -d /tmp/socle-libbench.XXXXXX)
pid=""
cleanup() { [ -n "$pid" ] && kill "$pid" 2>/dev/null && wait "$pid" 2>/dev/null; rm -rf "$work"; }
trap cleanup EXIT
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
export SOCLE_DATA_DIR=$work/data SOCLE_DATABASE_URL=""
"$SOCLE_BIN" serve --demo --host 127.0.0.1 --port "$port" >"$work/serve.log" 2>&1 &
pid=$!
base=http://127.0.0.1:$port
for _ in $(seq 1 300); do curl -sf "$base/healthz" >/dev/null 2>&1 && break; sleep 0.2; done
token=$("$SOCLE_BIN" token create agent@saint-aubin.demo --org saint-aubin --write --json \
        | python3 -c 'import json,sys; print(json.load(sys.stdin)["token"])')
auth="Authorization: Bearer $token"
curl -sf -o /dev/null -H "$auth" -H 'Content-Type: application/json' \
     -d '{"title": "Compteurs vélo", "organisation": "saint-aubin", "slug": "velo"}' "$base/api/v1/datasets"

# Time to receive the file (the 202), then wait for its job so that the next upload does not share the
# two cores with an ingest.
upload() {
  local t job
  if [ "$1" = multipart ]; then
    t=$(curl -sf -o "$work/r.json" -w '%{time_total}' -H "$auth" -F "file=@$CSV;type=text/csv" "$base/api/v1/datasets/velo/upload")
  else
    t=$(curl -sf -o "$work/r.json" -w '%{time_total}' -H "$auth" -H 'Content-Type: text/csv' \
             --data-binary "@$CSV" "$base/api/v1/datasets/velo/upload?filename=velo.csv")
  fi
  job=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["job"])' "$work/r.json")
  for _ in $(seq 1 600); do
    curl -sf -H "$auth" "$base/api/v1/jobs/$job" | grep -qE '"status" *: *"(succeeded|failed)"' && break
    sleep 0.5
  done
  echo "$t"
}
median() { sort -g | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }'; }
size=$(stat -c %s "$CSV")
raw=$(for _ in 1 2 3 4 5; do upload raw; done | median)
multi=$(for _ in 1 2 3 4 5; do upload multipart; done | median)
kit_mbs=$(awk '/multipart, 64 MiB CSV, CRLF/ { for (i = 1; i <= NF; i++) if ($i == "library") print $(i + 1) }' "$OUT/results.txt")
socle_mbs=$(awk '/multipart, 64 MiB CSV, CRLF/ { for (i = 1; i <= NF; i++) if ($i == "socle") print $(i + 1) }' "$OUT/results.txt")

# An XLSX export of the whole dataset (stored ZIP entries: every byte of sheet XML goes through CRC-32).
curl -sf -o /dev/null -X POST -H "$auth" "$base/api/v1/datasets/velo/publish" || true
xlsx_times=$(for _ in 1 2 3; do curl -sf -H "$auth" -o "$work/velo.xlsx" -w '%{time_total}\n' "$base/api/v1/datasets/velo/exports/xlsx"; done)
xlsx=$(echo "$xlsx_times" | median)
xsize=$(stat -c %s "$work/velo.xlsx")
crc_socle=$(awk '/CRC-32 of 64 MiB/ { for (i = 1; i <= NF; i++) if ($i == "socle") print $(i + 1) }' "$OUT/results.txt")
crc_lib=$(awk '/CRC-32 of 64 MiB/ { for (i = 1; i <= NF; i++) if ($i == "library") print $(i + 1) }' "$OUT/results.txt")

awk -v size="$size" -v raw="$raw" -v multi="$multi" -v kit="$kit_mbs" -v socle="$socle_mbs" \
    -v xlsx="$xlsx" -v xsize="$xsize" -v cs="$crc_socle" -v cl="$crc_lib" 'BEGIN {
  mib = size / 1048576; xmib = xsize / 1048576
  printf "upload of %.0f MiB (median of 5): raw body %.3f s, multipart %.3f s (%.0f MB/s received)\n", mib, raw, multi, mib / multi
  with_kit = multi - mib / socle + mib / kit
  printf "  with multipart-kit parsing instead (its measured rate above): %.3f s, x%.2f the time of Socle'"'"'s parser\n", with_kit, with_kit / multi
  printf "XLSX export of %d rows, %.0f MiB (median of 3): %.3f s\n", '"$ROWS"', xmib, xlsx
  with_zf = xlsx - xmib / cs + xmib / cl
  printf "  with ZIPFoundation'"'"'s CRC-32 instead (its measured rate above): %.3f s, x%.2f the time\n", with_zf, with_zf / xlsx
}' | tee -a "$OUT/results.txt"
