#!/usr/bin/env bash
# Privacy detection benchmark: generates the evaluation set if needed, runs `socle scan FILE --json` on every
# file of truth.json, and scores the verdicts (precision, recall, F2, false positives on the public corpus,
# throughput). See bench/privacy/README.md.
#
#   bench/privacy/run.sh [--regen] [--quiet]
#   SOCLE_SCAN="path/to/scanner" bench/privacy/run.sh     # any command taking FILE --json
set -euo pipefail
cd "$(dirname "$0")/../.."
ROOT=$(pwd)
OUT=bench/out/privacy
REGEN=0
QUIET=()
for a in "$@"; do
  case "$a" in
    --regen) REGEN=1 ;;
    --quiet) QUIET=(--quiet) ;;
    *) echo "unknown option $a" >&2; exit 2 ;;
  esac
done

has_scan() { [ -x "$1" ] && "$1" --help 2>/dev/null | grep -qE '^[[:space:]]+scan([[:space:]]|$)'; }

if [ -n "${SOCLE_SCAN:-}" ]; then
  SCAN=($SOCLE_SCAN)
elif has_scan .build/release/socle; then
  SCAN=(.build/release/socle scan)
else
  echo "building socle (release) for the scan command…" >&2
  swift build -c release --product socle >&2
  SCAN=(.build/release/socle scan)
fi
echo "scanner: ${SCAN[*]}"

if [ "$REGEN" = 1 ] || [ ! -f "$OUT/truth.json" ]; then
  python3 bench/privacy/generate.py --out "$OUT"
fi

rm -rf "$OUT/scan"
mkdir -p "$OUT/scan"
mapfile -t FILES < <(python3 -c 'import json,sys; [print(f["path"]) for f in json.load(open(sys.argv[1]))["files"]]' "$OUT/truth.json")
start=$(date +%s.%N)
i=0
for f in "${FILES[@]}"; do
  n=$(printf '%03d' "$i")
  if ! "${SCAN[@]}" "$ROOT/$f" --json > "$OUT/scan/$n.json" 2> "$OUT/scan/$n.err"; then
    echo "scan failed on $f: $(head -c 300 "$OUT/scan/$n.err")" >&2
    rm -f "$OUT/scan/$n.json"
  fi
  i=$((i + 1))
done
end=$(date +%s.%N)
wall=$(python3 -c "print(round($end - $start, 3))")
python3 bench/privacy/score.py "$OUT/truth.json" "$OUT/scan" --wall "$wall" "${QUIET[@]}" | tee "$OUT/report.txt"
