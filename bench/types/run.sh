#!/usr/bin/env bash
# Column verdicts of data.gouv.fr's detector (csv-detective) and of Socle on every real tabular fixture.
# Usage: bench/types/run.sh [SOCLE_BIN]   (default: a release build, made if missing)
set -euo pipefail
cd "$(dirname "$0")/../.."
OUT=bench/out/types
mkdir -p "$OUT"
BIN=${1:-.build/release/socle}
if [ ! -x "$BIN" ]; then swift build -c release --product socle; fi
VENV="$OUT/venv"
if [ ! -x "$VENV/bin/python" ]; then
  python3 -m venv "$VENV"
  "$VENV/bin/pip" install --quiet "csv-detective==0.13.0"
fi
# Every real tabular file kept as a fixture; left out: the fuzz corpus (built to break readers) and the
# password-protected XLS (refused by design).
mapfile -t FILES < <(find Tests/Fixtures -type f \( -name '*.csv' -o -name '*.xlsx' -o -name '*.xls' -o -name '*.ods' -o -name '*.tsv' \) \
  -not -path '*/fuzz/*' -not -name 'classeur-protege.xls' | sort)
FIXTURES=Tests/Fixtures "$VENV/bin/python" bench/types/compare.py "$BIN" "$OUT" "${FILES[@]}"
