#!/usr/bin/env bash
# Read benchmark: Socle's native query API (on SQLite, then on PostgreSQL) vs Datasette, on the same
# generated bike-counter file, in one run, under `wrk -t2 -c32`. Release build. Prints requests/s,
# p50/p99 latency, MB/s, server CPU per request, Socle's peak anonymous memory during the exports, and
# the ratios.
#   bench/api/run.sh [ROWS] [SECONDS]      (defaults: 1000000 rows, 20 s per wrk run)
#
# Requests are anonymous on both sides, as a reuser's are: the dataset is published the way an agent
# would (columns reviewed as public, licence/access/classification/description set through the API with
# a token, then `publish`), so Socle's whole public read path (policy, column filter, count cache,
# ETag computation) is measured. wrk sends no If-None-Match: every request does the real work.
set -euo pipefail
cd "$(dirname "$0")/../.."
ROWS=${1:-1000000}
DUR=${2:-20}
OUT=bench/out/api
mkdir -p "$OUT"

command -v wrk >/dev/null || { apt-get update -qq && apt-get install -y -qq wrk; } >/dev/null
command -v curl >/dev/null || apt-get install -y -qq curl >/dev/null
python3 -c "import datasette, sqlite_utils" 2>/dev/null || pip install -q datasette sqlite-utils >/dev/null

echo "==> release build"
# SOCLE_BIN runs another build of socle instead (to compare a change against the current code) and skips this build.
[ -n "${SOCLE_BIN:-}" ] || swift build -c release --product socle 2>&1 | tail -1
BIN=${SOCLE_BIN:-$PWD/.build/release/socle}

CSV=bench/out/ingest/bike-$ROWS.csv
mkdir -p bench/out/ingest
[ -f "$CSV" ] || python3 bench/ingest/generate.py "$ROWS" "$CSV"

PIDS=()
PGDIR=""
cleanup() {
  # Servers first, while their database is still up: a socle server whose PostgreSQL vanished during
  # its graceful shutdown keeps retrying instead of exiting (hence the KILL after 15 s).
  for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done
  for p in "${PIDS[@]}"; do
    for _ in $(seq 150); do kill -0 "$p" 2>/dev/null || break; sleep 0.1; done
    kill -9 "$p" 2>/dev/null || true
  done
  if [ -n "$PGDIR" ]; then scripts/pg-cluster stop "$PGDIR"; fi
}
trap cleanup EXIT

free_port() { echo $(( 20000 + RANDOM % 20000 )); }
wait_http() {
  for _ in $(seq 300); do curl -sf -o /dev/null "$1" && return 0; sleep 0.2; done
  echo "no answer from $1" >&2; return 1
}
# CPU ticks (user+sys, finished children included) of the given processes and of their children.
cpu_ticks() {
  local total=0 p c
  for p in "$@"; do
    total=$(( total + $(awk '{print $14 + $15 + $16 + $17}' "/proc/$p/stat") ))
    for c in $(cat /proc/"$p"/task/*/children 2>/dev/null); do
      total=$(( total + $(awk '{print $14 + $15}' "/proc/$c/stat" 2>/dev/null || echo 0) ))
    done
  done
  echo "$total"
}
hwm_mib() { awk '/VmHWM/{printf "%.0f", $2 / 1024}' "/proc/$1/status"; }
json_get() { python3 -c "import json,sys; print(json.load(sys.stdin)$1)"; }

# What the generator writes: 60 counters (ids 10000000 + i*7919), one row per counter and hour from
# 2023-01-01, so each counter has ROWS/60 rows; six counters ≈ 100,000 rows for 1M rows.
C1=10000000
SIX=$(python3 -c "print(','.join(str(10000000 + i * 7919) for i in range(6)))")
SIX_Q=$(python3 -c "print(','.join(repr(str(10000000 + i * 7919)) for i in range(6)))")
if [ "$ROWS" -ge 900000 ]; then MONTH=2024-03; NEXT=2024-04; else MONTH=2023-02; NEXT=2023-03; fi
urlenc() { python3 -c "import sys, urllib.parse; print(urllib.parse.quote(sys.argv[1], safe=''))" "$1"; }

# --- Socle: ingest, review the columns, set the publication metadata, publish; then serve anonymously.
# setup_socle NAME PORT [ENV=VALUE…] → starts the server; sets SOCLE_PID.
setup_socle() {
  local name=$1 port=$2; shift 2
  local data=$OUT/socle-$name
  rm -rf "$data"
  env "$@" "$BIN" ingest "$CSV" --dataset velo --data-dir "$data" --progress none --json >"$OUT/$name-ingest.json"
  for c in id_compteur nom_compteur date_heure comptage coordonnees; do
    env "$@" "$BIN" classify velo "$c" --as public --data-dir "$data" >/dev/null
  done
  echo "bench-password-$RANDOM$RANDOM" | env "$@" "$BIN" user create bench@example.org --org default --role steward \
    --password-stdin --data-dir "$data" >/dev/null
  local token
  token=$(env "$@" "$BIN" token create bench@example.org --write --data-dir "$data" --json | json_get '["token"]')
  env "$@" "$BIN" serve --data-dir "$data" --port "$port" >"$OUT/$name-serve.log" 2>&1 &
  SOCLE_PID=$!
  PIDS+=("$SOCLE_PID")
  wait_http "http://127.0.0.1:$port/api/v1/openapi.json"
  local api=http://127.0.0.1:$port/api/v1/datasets/velo
  curl -fsS -o /dev/null -X PUT -H "Authorization: Bearer $token" -H 'Content-Type: application/json' "$api" \
    -d '{"licence": "etalab-2.0", "access_level": "public", "classification": "public",
         "description": "Comptages horaires de vélos (fichier généré pour le banc d essai)."}'
  curl -fsS -o /dev/null -X POST -H "Authorization: Bearer $token" "$api/publish"
}

socle_urls() {
  local api=http://127.0.0.1:$1/api/v1/datasets/velo
  A_URL="$api/records?where=$(urlenc "id_compteur='$C1'")&limit=100"
  B_URL="$api/records?select=$(urlenc 'hour(date_heure) as h, sum(comptage) as total')&group_by=$(urlenc 'hour(date_heure) as h')&where=$(urlenc "id_compteur='$C1' and date_heure >= date'$MONTH-01' and date_heure < date'$NEXT-01'")"
  C_URL="$api/exports/csv?where=$(urlenc "id_compteur in ($SIX_Q)")"
}

# --- Datasette: the same file through sqlite-utils (type detection), an index on the counter id.
setup_datasette() {
  local dir=$OUT/datasette-$ROWS
  if [ ! -f "$dir/bike.db" ]; then
    rm -rf "$dir"; mkdir -p "$dir"
    sqlite-utils insert "$dir/tmp.db" velo "$CSV" --csv --delimiter ";"
    sqlite-utils create-index "$dir/tmp.db" velo id_compteur
    mv "$dir/tmp.db" "$dir/bike.db"
  fi
  DS_PORT=$(free_port)
  # Facet suggestions off: Socle's records endpoint suggests none, and with them on Datasette spends
  # ~50 ms per column per request (its default facet_suggest_time_limit_ms) and times out under wrk.
  datasette serve "$dir/bike.db" -p "$DS_PORT" --setting sql_time_limit_ms 10000 \
    --setting max_returned_rows 10000 --setting suggest_facets off >"$OUT/datasette.log" 2>&1 &
  DS_PID=$!
  PIDS+=("$DS_PID")
  local base=http://127.0.0.1:$DS_PORT
  wait_http "$base/bike.json"
  DA_URL="$base/bike/velo.json?id_compteur=$C1&_size=100"
  DN_URL="$DA_URL&_nocount=1"
  DB_URL="$base/bike.json?sql=$(urlenc "select strftime('%H', date_heure) as h, sum(comptage) as total from velo where id_compteur = $C1 and date_heure >= '$MONTH-01' and date_heure < '$NEXT-01' group by h")"
  DC_URL="$base/bike/velo.csv?id_compteur__in=$SIX&_stream=on&_size=max"
}

# --- One wrk run. run_wrk LABEL "PID…" URL [wrk args…] → one result line in $RESULTS; the CPU is that
# of the given processes and their children (for PostgreSQL: socle and the cluster's processes).
RESULTS=$OUT/results.txt
: >"$RESULTS"
run_wrk() {
  local label=$1 pids=$2 url=$3; shift 3
  wrk -t2 -c32 -d"${WARMUP:-2}s" "$@" "$url" >/dev/null 2>&1 || true   # warm-up: caches, connections, counts
  local c0 c1 file=$OUT/wrk-${label// /_}.txt
  # shellcheck disable=SC2086
  c0=$(cpu_ticks $pids)
  wrk -t2 -c32 -d"${DUR}s" --latency "$@" "$url" >"$file"
  # shellcheck disable=SC2086
  c1=$(cpu_ticks $pids)
  awk -v label="$label" -v c0="$c0" -v c1="$c1" -v tck="$(getconf CLK_TCK)" '
    function ms(v) { if (v ~ /us$/) return v / 1000; if (v ~ /ms$/) return v + 0; if (v ~ /s$/) return v * 1000; return v }
    function mb(v) { if (v ~ /GB$/) return v * 1024; if (v ~ /MB$/) return v + 0; if (v ~ /KB$/) return v / 1024; return v / 1048576 }
    $1 == "50%" { p50 = ms($2) } $1 == "99%" { p99 = ms($2) }
    /requests in/ { n = $1; gsub(",", "", n); mbread = mb($5) }
    /Requests\/sec/ { rps = $2 } /Transfer\/sec/ { mbs = mb($2) }
    /Non-2xx/ { bad += $NF } /Socket errors/ { gsub(",", ""); bad += $4 + $6 + $8 + $10 }
    END {
      cpu = (c1 - c0) / tck
      printf "%s|%.0f|%.1f|%.1f|%.1f|%.2f|%.0f|%d|%.1f\n", label, rps, p50, p99, mbs, (n > 0 ? cpu * 1000 / n : 0), n, bad, (mbread > 0 ? cpu * 1000 / mbread : 0)
    }' "$file" >>"$RESULTS"
}
field() { awk -F'|' -v l="$1" -v f="$2" '$1 == l { print $f }' "$RESULTS"; }

# One client, one export: rows, bytes, seconds, MB/s (MB = 2^20 bytes, as wrk counts).
one_export() {
  local t size
  t=$(curl -fsS -o "$OUT/$1.csv" -w '%{time_total}' "$2")
  size=$(stat -c %s "$OUT/$1.csv")
  printf "%s|%d|%d|%s|%s\n" "$1" $(( $(wc -l <"$OUT/$1.csv") - 1 )) "$size" "$t" "$(awk -v b="$size" -v t="$t" 'BEGIN{printf "%.1f", b / 1048576 / t}')" >>"$EXPORTS"
  rm -f "$OUT/$1.csv"
}
EXPORTS=$OUT/exports.txt
: >"$EXPORTS"

# Peak anonymous memory (heap, stacks: what buffering would grow) of a process while a command runs,
# sampled every 0.1 s. VmHWM would also count the mapped database file's pages.
with_peak_anon() {
  local pid=$1; shift
  local flag=$OUT/sampling
  touch "$flag"
  ( max=0; while [ -f "$flag" ]; do
      v=$(awk '/RssAnon/{print $2}' "/proc/$pid/status"); [ "$v" -gt "$max" ] && max=$v; sleep 0.1
    done; echo $(( max / 1024 )) >"$OUT/peak-anon" ) &
  local sampler=$!
  "$@"
  rm -f "$flag"; wait "$sampler"
  PEAK_ANON=$(cat "$OUT/peak-anon")
}
anon_mib() { awk '/RssAnon/{printf "%.0f", $2 / 1024}' "/proc/$1/status"; }

echo "==> $ROWS rows ($CSV), machine: $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"
echo "==> setting up Socle (SQLite), Socle (PostgreSQL) and Datasette"
S_PORT=$(free_port)
setup_socle sqlite "$S_PORT"
S_PID=$SOCLE_PID
PGDIR=$(mktemp -d /tmp/socle-bench-api-pg.XXXXXX)
PG_URL=$(scripts/pg-cluster start "$PGDIR" "$(free_port)")
P_PORT=$(free_port)
setup_socle postgres "$P_PORT" SOCLE_DATABASE_URL="$PG_URL"
P_PID=$SOCLE_PID
PG_MASTER=$(head -1 "$PGDIR/data/postmaster.pid")
setup_datasette

# Same answers before measuring anything.
socle_urls "$S_PORT"; SA=$A_URL; SB=$B_URL; SC=$C_URL
socle_urls "$P_PORT"; PA=$A_URL; PB=$B_URL; PC=$C_URL
python3 - "$SA" "$PA" "$DA_URL" "$SB" "$PB" "$DB_URL" <<'PY'
import json, sys, urllib.request
get = lambda u: json.load(urllib.request.urlopen(u))
sa, pa, da, sb, pb, db = (get(u) for u in sys.argv[1:])
counts = (sa["total_count"], pa["total_count"], da["filtered_table_rows_count"])
assert len(set(counts)) == 1 and len(sa["results"]) == len(pa["results"]) == len(da["rows"]) == 100, counts
assert [r["_row"] for r in sa["results"]] == [r[0] for r in da["rows"]], "not the same 100 rows"
assert sb["results"] == pb["results"] and len(sb["results"]) == len(db["rows"]) == 24
same = sum(1 for s, d in zip(sb["results"], db["rows"]) if s["total"] == d[1])
print(f"check (a): same 100 rows on all three, total count {counts[0]}")
print(f"check (b): 24 hourly sums on all three; {same}/24 equal to Datasette's (Socle filters the month in UTC,"
      " Datasette compares the local-time text: the month's edge hours differ)")
PY
one_export socle-sqlite "$SC"
one_export socle-postgres "$PC"
one_export datasette "$DC_URL"
awk -F'|' '{ print "check (c): " $1 " exports " $2 " rows (" $3 " bytes)" }' "$EXPORTS"
# The whole dataset (ten times (c)) by one client, before anything else ran on this server: memory
# must not follow the size of the answer.
ANON0=$(anon_mib "$S_PID")
with_peak_anon "$S_PID" one_export socle-sqlite-all "http://127.0.0.1:$S_PORT/api/v1/datasets/velo/exports/csv"
ALL_PEAK=$PEAK_ANON

echo "==> wrk -t2 -c32 -d${DUR}s on each (a 2 s warm-up first; 15 s for (b), while Socle builds its advised index)"
run_wrk "a socle-sqlite" "$S_PID" "$SA"
run_wrk "a socle-postgres" "$P_PID $PG_MASTER" "$PA"
run_wrk "a datasette" "$DS_PID" "$DA_URL"
run_wrk "a datasette-nocount" "$DS_PID" "$DN_URL"
# (b) asks Socle's query advisor for an index (counter, datetime, count) on its third request; building it
# over a million rows while 32 clients keep asking takes ~8 s on 2 cores (the queries meanwhile run at
# Datasette's speed). The measurement is of the steady state after it: 15 s of warm-up, the same for all.
WARMUP=15 run_wrk "b socle-sqlite" "$S_PID" "$SB"
WARMUP=15 run_wrk "b socle-postgres" "$P_PID $PG_MASTER" "$PB"
WARMUP=15 run_wrk "b datasette" "$DS_PID" "$DB_URL"
# Exports take seconds each: a long timeout so that slow answers count as slow, not as errors.
# Datasette is left out here: at 32 concurrent ~8 MB exports none of its answers completes within the
# run (wrk only counts completed responses); it is compared one client at a time below.
with_peak_anon "$S_PID" run_wrk "c socle-sqlite" "$S_PID" "$SC" --timeout 120s
C_PEAK=$PEAK_ANON
run_wrk "c socle-postgres" "$P_PID $PG_MASTER" "$PC" --timeout 120s
echo
printf "%-22s %-20s %9s %8s %8s %8s %11s %9s %7s\n" test server "req/s" "p50 ms" "p99 ms" "MB/s" "cpu ms/req" requests errors
while IFS='|' read -r label rps p50 p99 mbs cpu n bad cpumb; do
  t=${label%% *}; s=${label#* }
  case $t in a) what="(a) 100 rows + count";; b) what="(b) hourly sums";; c) what="(c) CSV export";; esac
  [ "$s" = datasette-nocount ] && what="(a) 100 rows, no count"
  printf "%-22s %-20s %9s %8s %8s %8s %11s %9s %7s\n" "$what" "${s%-nocount}" "$rps" "$p50" "$p99" "$mbs" "$cpu" "$n" "$bad"
done <"$RESULTS"
echo
ratio() { awk -v a="$(field "$1" "$3")" -v b="$(field "$2" "$3")" 'BEGIN{ if (b > 0) printf "%.1fx", a / b; else printf "-" }'; }
echo "(a) socle/datasette req/s: $(ratio "a socle-sqlite" "a datasette" 2) with Datasette's count, $(ratio "a socle-sqlite" "a datasette-nocount" 2) without (target >= 10x);" \
     "p99 $(field "a socle-sqlite" 4) ms (target <= 25 ms); PostgreSQL: $(ratio "a socle-postgres" "a datasette" 2), p99 $(field "a socle-postgres" 4) ms"
echo "(b) socle/datasette req/s: $(ratio "b socle-sqlite" "b datasette" 2) (target >= 5x); PostgreSQL: $(ratio "b socle-postgres" "b datasette" 2)"
echo "(c) socle streams $(field "c socle-sqlite" 5) MB/s to 32 clients (target >= 50 MB/s), PostgreSQL $(field "c socle-postgres" 5) MB/s;" \
     "server CPU per MB: $(field "c socle-sqlite" 9) ms (SQLite), $(field "c socle-postgres" 9) ms (PostgreSQL)"
echo
printf "%-34s %9s %11s %8s %7s\n" "one export, one client" rows bytes seconds "MB/s"
while IFS='|' read -r name rows size t mbs; do printf "%-34s %9s %11s %8s %7s\n" "$name" "$rows" "$size" "$t" "$mbs"; done <"$EXPORTS"
awk -F'|' '$1 == "socle-sqlite" { s = $5 } $1 == "datasette" { d = $5 } END { if (d > 0) printf "(c) one client: socle/datasette %.1fx MB/s\n", s / d }' "$EXPORTS"
echo "socle (SQLite) anonymous memory (RssAnon): ${ANON0} MiB at start, peak ${ALL_PEAK} MiB during one export of all $ROWS rows," \
     "peak ${C_PEAK} MiB during (a), (b) and 32 concurrent exports (c); VmHWM $(hwm_mib "$S_PID") MiB (counts the mapped database file)"
echo "cpu ms/req: server CPU time (user+sys, all threads; socle + PostgreSQL's processes for the PostgreSQL rows) / completed requests. Load at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
