#!/usr/bin/env bash
# Load test of the HTTP service with wrk (see server/README.md).
#
#   bench/wrk/run.sh KEDJA_BINARY DB_PATH [--cases N] [--port P] [--threads T]
#                    [--duration 10s] [--connections 16]
#
# Starts `kedja serve` on DB_PATH (filling it with `kedja demo --cases N`
# first when it does not exist yet), creates tokens with `kedja token create`,
# then runs wrk (16 connections, 10 s each, --latency) against
#   1. GET  /v1/overdue?actor=reception:ostersund&limit=100
#   2. POST /v1/cases/{id}/events   (health_centre_notified on open Östersund cases)
# and prints requests/s, latency percentiles and the server's resident memory
# (VmRSS, and VmHWM = peak) from /proc. Stops the server with SIGTERM.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/../.." && pwd)"

usage() { sed -n '2,14p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; exit 2; }
[[ $# -ge 2 ]] || usage
kedja="$(realpath "$1")"; db="$2"; shift 2
cases=20000; port=18080; threads=""; duration=10s; connections=16
while [[ $# -gt 0 ]]; do
  case "$1" in
    --cases) cases="$2"; shift 2 ;;
    --port) port="$2"; shift 2 ;;
    --threads) threads="$2"; shift 2 ;;
    --duration) duration="$2"; shift 2 ;;
    --connections) connections="$2"; shift 2 ;;
    *) usage ;;
  esac
done
command -v wrk >/dev/null || { echo "run.sh: wrk is not installed" >&2; exit 1; }
command -v curl >/dev/null || { echo "run.sh: curl is not installed" >&2; exit 1; }
command -v jq >/dev/null || { echo "run.sh: jq is not installed" >&2; exit 1; }
[[ -x "$kedja" ]] || { echo "run.sh: $kedja is not executable" >&2; exit 1; }

k() { "$kedja" --db "$db" --config "$repo/config" "$@"; }

if [[ ! -e "$db" ]]; then
  echo "== filling $db with kedja demo --cases $cases"
  k init >/dev/null
  k demo --cases "$cases"
fi

# Fresh names on every run, so that a database can be measured again.
stamp="$(date +%Y%m%d%H%M%S)-$$"
admin_token="$(k token create --role admin --name "wrk-admin-$stamp")"
reception_token="$(k token create --role reception --actor reception:ostersund --name "wrk-reception-$stamp")"

work="$(mktemp -d)"
server_pid=""
cleanup() {
  if [[ -n "$server_pid" ]] && kill -0 "$server_pid" 2>/dev/null; then
    kill -TERM "$server_pid"; wait "$server_pid" || true
  fi
  rm -rf "$work"
}
trap cleanup EXIT

serve_args=(serve --listen "127.0.0.1:$port")
[[ -n "$threads" ]] && serve_args+=(--threads "$threads")
# Started directly (not through k) so that $! is the server itself.
"$kedja" --db "$db" --config "$repo/config" "${serve_args[@]}" >"$work/serve.log" 2>&1 &
server_pid=$!
base="http://127.0.0.1:$port"
for _ in $(seq 1 100); do   # up to 10 s for the server to listen
  curl -fs "$base/v1/health" >/dev/null 2>&1 && break
  kill -0 "$server_pid" 2>/dev/null || { cat "$work/serve.log" >&2; exit 1; }
  sleep 0.1
done
curl -fs "$base/v1/health" >/dev/null || { echo "run.sh: the server did not come up" >&2; exit 1; }

rss() { grep -E '^(VmRSS|VmHWM)' "/proc/$server_pid/status" | tr -s ' \t' ' ' | paste -sd' ' -; }

# Open Östersund cases, the reception's own: the POST bench spreads over them.
cursor=""; : >"$work/ids"
for _ in $(seq 1 10); do
  url="$base/v1/cases?municipality=ostersund&status=open&limit=1000${cursor:+&cursor=$cursor}"
  page="$(curl -fs -H "Authorization: Bearer $reception_token" "$url")"
  jq -r '.items[].id' <<<"$page" >>"$work/ids"
  cursor="$(jq -r '.next_cursor // empty' <<<"$page")"
  [[ -n "$cursor" ]] || break
done
echo "== server pid $server_pid on $base; $(wc -l <"$work/ids") open Östersund cases for the POST bench"
echo "== memory after start: $(rss)"

echo
echo "== GET /v1/overdue?actor=reception:ostersund&limit=100  (wrk -t2 -c$connections -d$duration --latency)"
KEDJA_TOKEN="$reception_token" KEDJA_ACTOR="reception:ostersund" \
  wrk -t2 -c"$connections" -d"$duration" --latency -s "$here/overdue.lua" "$base"
echo "== memory: $(rss)"

echo
echo "== POST /v1/cases/{id}/events  (wrk -t2 -c$connections -d$duration --latency)"
KEDJA_TOKEN="$reception_token" KEDJA_CASE_IDS="$work/ids" KEDJA_DATE="$(TZ=Europe/Stockholm date +%F)" \
  KEDJA_RUN="$(date +%s)" \
  wrk -t2 -c"$connections" -d"$duration" --latency -s "$here/events.lua" "$base"
echo "== memory: $(rss)"

# The admin token proves the POSTs landed: one audited read of a case.
first_id="$(head -n1 "$work/ids")"
events="$(curl -fs -H "Authorization: Bearer $admin_token" "$base/v1/cases/$first_id" | jq '.events | length')"
echo "== case $first_id now has $events events"
