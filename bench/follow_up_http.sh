#!/usr/bin/env bash
# The coordinator's aggregates measured over HTTP, as a client sees them
# (issue 15 §3; see README, "Performance"):
#
#   bench/follow_up_http.sh BUILD_DIR [--port 18490] [--runs 20] [--duration 5s]
#
# BUILD_DIR is a Release build (its kedja). Uses the databases of
# bench/follow_up_bench — /tmp/kedja-follow-up-bench-{10000,1000000}.db,
# made with `kedja demo --cases N --seed 15` (today 2026-11-25) when they do
# not exist — and serves each in turn with `kedja serve` (the access log,
# the metrics and the token check included). For
#   GET /v1/overdue/summary?by=municipality   (the coordinator's front page)
#   GET /v1/follow-up                         (the last 12 full months)
# as the coordinator lst:jamtland it prints:
#   1. the median of --runs requests with curl, each on a new connection
#      (curl's time_total: connect, request, the whole answer), after three
#      requests to warm the server;
#   2. wrk's median latency on one kept-alive connection for --duration;
# then each figure at 1M against 10k, and the load average before and after.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/.." && pwd)"
usage() { sed -n '2,19p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; exit 2; }
[[ $# -ge 1 ]] || usage
build="$(realpath "$1")"; shift
port=18490; runs=20; duration=5s
while [[ $# -gt 0 ]]; do
  case "$1" in
    --port) port="$2"; shift 2 ;;
    --runs) runs="$2"; shift 2 ;;
    --duration) duration="$2"; shift 2 ;;
    *) usage ;;
  esac
done
kedja="$build/kedja"
for tool in wrk curl "$kedja"; do
  command -v "$tool" >/dev/null || { echo "follow_up_http.sh: $tool is not installed" >&2; exit 1; }
done
export KEDJA_TODAY=2026-11-25
base="http://127.0.0.1:$port"
paths=("/v1/overdue/summary?by=municipality" "/v1/follow-up")
declare -A curl_ms wrk_ms bytes

# Milliseconds in wrk's latency text ("41.00us", "1.20ms", "0.99s").
to_ms() {
  awk '{ v = $1; if (v ~ /us$/) printf "%.3f", v / 1000; else if (v ~ /ms$/) printf "%.3f", v + 0;
         else if (v ~ /s$/) printf "%.3f", v * 1000; else print "?" }' <<<"$1"
}

server_pid=""
stop_server() {
  if [[ -n "$server_pid" ]]; then kill -TERM "$server_pid" 2>/dev/null || true; wait "$server_pid" 2>/dev/null || true; fi
  server_pid=""
}
trap stop_server EXIT

echo "== load average: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores"
for cases in 10000 1000000; do
  db="/tmp/kedja-follow-up-bench-$cases.db"
  k() { "$kedja" --db "$db" --config "$repo/config" "$@"; }
  if [[ ! -e "$db" ]]; then
    echo "== filling $db: kedja demo --cases $cases --seed 15"
    k demo --cases "$cases" --seed 15 >/dev/null
  fi
  token="$(k token create --role coordinator --actor lst:jamtland --name "follow-up-http-$(date +%Y%m%d%H%M%S)-$$")"
  # kedja itself in the background (not the function k: its subshell would
  # be stopped and the server left serving the port).
  "$kedja" --db "$db" --config "$repo/config" serve --listen "127.0.0.1:$port" >/dev/null 2>&1 &
  server_pid=$!
  for _ in $(seq 1 100); do curl -fs "$base/v1/health" >/dev/null 2>&1 && break; sleep 0.1; done
  kill -0 "$server_pid" 2>/dev/null || { echo "follow_up_http.sh: kedja serve stopped (port $port taken?)" >&2; exit 1; }
  for path in "${paths[@]}"; do
    for _ in 1 2 3; do curl -fsS -o /dev/null -H "Authorization: Bearer $token" "$base$path"; done
    bytes[$cases,$path]="$(curl -fs -H "Authorization: Bearer $token" "$base$path" | wc -c)"
    curl_ms[$cases,$path]="$(
      for _ in $(seq 1 "$runs"); do
        curl -fs -o /dev/null -w '%{time_total}\n' -H "Authorization: Bearer $token" "$base$path"
      done | sort -g | awk '{ t[NR] = $1 } END { m = (NR % 2) ? t[(NR + 1) / 2] : (t[NR / 2] + t[NR / 2 + 1]) / 2;
                                                  printf "%.3f", m * 1000 }')"
    latency="$(wrk -t1 -c1 -d"$duration" --latency -H "Authorization: Bearer $token" "$base$path" |
               awk '$1 == "50%" { print $2 }')"
    wrk_ms[$cases,$path]="$(to_ms "$latency")"
  done
  stop_server
done

echo
printf '%-38s %8s %12s %12s %10s %10s\n' "GET" "cases" "bytes" "curl median" "wrk p50" ""
for path in "${paths[@]}"; do
  for cases in 10000 1000000; do
    printf '%-38s %8s %12s %9s ms %7s ms\n' "$path" "$cases" "${bytes[$cases,$path]}" \
      "${curl_ms[$cases,$path]}" "${wrk_ms[$cases,$path]}"
  done
  awk -v c1="${curl_ms[10000,$path]}" -v c2="${curl_ms[1000000,$path]}" \
      -v w1="${wrk_ms[10000,$path]}" -v w2="${wrk_ms[1000000,$path]}" \
      '{} END { printf "%-38s %8s %12s %11.2fx %9.2fx\n", "", "1M/10k", "", c2 / c1, w2 / w1 }' </dev/null
done
echo
echo "== load average: $(cut -d' ' -f1-3 /proc/loadavg)"
