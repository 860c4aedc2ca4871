#!/usr/bin/env bash
# Soak: `socle serve --demo` (release build) under 64 keep-alive connections for 10 minutes — reads (records,
# facets, Opendatasoft and CKAN routes), exports and an upload every few seconds — then requests, errors,
# p50/p99 per kind and the server's RSS every 10 s. See bench/soak/README.md.
#   bench/soak/run.sh [--postgres] [--duration SECONDS] [--connections N] [--upload-every SECONDS]
# --only records,export limits the reads to those kinds. SOCLE_BIN=path skips the release build. Everything runs on 127.0.0.1 and stops by itself.
set -euo pipefail
cd "$(dirname "$0")/../.."

duration=600 connections=64 upload_every=3 backend=sqlite only=""
while [ $# -gt 0 ]; do
  case $1 in
    --postgres) backend=postgres ;;
    --duration) duration=$2; shift ;;
    --connections) connections=$2; shift ;;
    --upload-every) upload_every=$2; shift ;;
    --only) only=$2; shift ;;
    *) echo "usage: $0 [--postgres] [--duration S] [--connections N] [--upload-every S] [--only KINDS]" >&2; exit 2 ;;
  esac
  shift
done

if [ -z "${SOCLE_BIN:-}" ]; then
  echo "==> release build"
  swift build -c release --build-path .build-release --product socle 2>&1 | grep -vE '^\[[0-9]+/[0-9]+\]' || true
  SOCLE_BIN=$PWD/.build-release/release/socle
fi
[ -x "$SOCLE_BIN" ] || { echo "no socle binary at $SOCLE_BIN" >&2; exit 1; }

work=$(mktemp -d /tmp/socle-soak.XXXXXX)
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
pid=""
cleanup() {
  [ -n "$pid" ] && kill "$pid" 2>/dev/null && wait "$pid" 2>/dev/null || true
  [ "$backend" = postgres ] && scripts/pg-cluster stop "$work/pg" || true
  rm -rf "$work"
}
trap cleanup EXIT

export SOCLE_DATA_DIR=$work/data SOCLE_DATABASE_URL=""
if [ "$backend" = postgres ]; then
  pgport=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
  # The cluster runs as the postgres user: it must be able to enter the (0700) work directory.
  chmod 755 "$work"
  url=$(scripts/pg-cluster start "$work/pg" "$pgport") || { echo "could not start PostgreSQL" >&2; exit 1; }
  export SOCLE_DATABASE_URL=$url
fi

echo "==> socle serve --demo on 127.0.0.1:$port ($backend)"
"$SOCLE_BIN" serve --demo --host 127.0.0.1 --port "$port" >"$work/serve.log" 2>&1 &
pid=$!
for _ in $(seq 1 300); do
  curl -sf "http://127.0.0.1:$port/healthz" >/dev/null 2>&1 && break
  kill -0 "$pid" 2>/dev/null || { cat "$work/serve.log" >&2; exit 1; }
  sleep 0.2
done
token=$("$SOCLE_BIN" token create agent@saint-aubin.demo --org saint-aubin --write --json \
        | python3 -c 'import json,sys; print(json.load(sys.stdin)["token"])')

echo "==> $connections connections for $duration s"
status=0
python3 bench/soak/client.py --base "http://127.0.0.1:$port" --token "$token" --pid "$pid" \
        --duration "$duration" --connections "$connections" --upload-every "$upload_every" ${only:+--only "$only"} || status=$?

if kill -0 "$pid" 2>/dev/null; then
  kill -TERM "$pid"; wait "$pid" && echo "server stopped cleanly (SIGTERM)" || { echo "server exit status $?"; status=1; }
else
  wait "$pid" || true
  echo "SERVER DIED during the soak:"; tail -40 "$work/serve.log"; status=1
fi
pid=""
grep -iE 'fatal|crash|panic' "$work/serve.log" | head -5 || true
exit $status
