#!/usr/bin/env bash
# The web page Att göra measured as issue 13 asks (see README, "Performance"):
#
#   bench/web_page.sh BUILD_DIR DB_PATH [--cases 1000000] [--port 18480]
#                     [--actor hc:ostersund] [--role hc] [--duration 10s]
#
# BUILD_DIR is a Release build with -DKEDJA_BUILD_BENCHMARKS=ON (kedja and
# bench/web_page_bench). DB_PATH is filled with `kedja demo --cases N` first
# when it does not exist. Today is KEDJA_TODAY (default 2026-11-25, the
# browser tests' day). Prints, for /att-gora?antal=100 (Försenade, 100 rows)
# and /att-gora?flik=snart&antal=100 as the actor:
#   1. the median server-side time (web_page_bench: the handler alone);
#   2. pages/s and latency with wrk, 16 connections, a session cookie;
#   3. the page's HTML bytes, and the stylesheet's bytes;
#   4. headless Chromium's DOMContentLoaded (bench/web_dom_ready.py);
# and the machine's load average before and after. Stops the server.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/.." && pwd)"
usage() { sed -n '2,17p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; exit 2; }
[[ $# -ge 2 ]] || usage
build="$(realpath "$1")"; db="$2"; shift 2
cases=1000000; port=18480; actor=hc:ostersund; role=hc; duration=10s
while [[ $# -gt 0 ]]; do
  case "$1" in
    --cases) cases="$2"; shift 2 ;;
    --port) port="$2"; shift 2 ;;
    --actor) actor="$2"; shift 2 ;;
    --role) role="$2"; shift 2 ;;
    --duration) duration="$2"; shift 2 ;;
    *) usage ;;
  esac
done
kedja="$build/kedja"
bench="$build/bench/web_page_bench"
for tool in wrk curl /usr/bin/chromium /usr/bin/chromedriver; do
  command -v "$tool" >/dev/null || { echo "web_page.sh: $tool is not installed" >&2; exit 1; }
done
[[ -x "$bench" ]] || { echo "web_page.sh: no $bench (configure with -DKEDJA_BUILD_BENCHMARKS=ON)" >&2; exit 1; }
export KEDJA_TODAY="${KEDJA_TODAY:-2026-11-25}"
k() { "$kedja" --db "$db" --config "$repo/config" "$@"; }

echo "== load average: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores"
if [[ ! -e "$db" ]]; then
  echo "== filling $db: kedja demo --cases $cases (today $KEDJA_TODAY)"
  k init >/dev/null
  k demo --cases "$cases" --seed 1
fi
paths=("/att-gora?antal=100" "/att-gora?flik=snart&antal=100")

echo
# web_page_bench names its token by the second: one second apart.
for path in "${paths[@]}"; do "$bench" --db "$db" --actor "$actor" --role "$role" --target "$path"; sleep 1; done

token="$(k token create --role "$role" --actor "$actor" --name "web-page-$(date +%Y%m%d%H%M%S)-$$")"
"$kedja" --db "$db" --config "$repo/config" serve --listen "127.0.0.1:$port" >/dev/null 2>&1 &
server_pid=$!
trap 'kill -TERM $server_pid 2>/dev/null; wait $server_pid 2>/dev/null || true' EXIT
base="http://127.0.0.1:$port"
for _ in $(seq 1 100); do curl -fs "$base/v1/health" >/dev/null 2>&1 && break; sleep 0.1; done
cookie="$(curl -s -o /dev/null -D - --data-urlencode "token=$token" "$base/logga-in" |
          sed -n 's/^[Ss]et-[Cc]ookie: \(kedja_session=[0-9a-f]*\).*/\1/p')"
[[ -n "$cookie" ]] || { echo "web_page.sh: the login failed" >&2; exit 1; }

for path in "${paths[@]}"; do
  page="$(curl -s -H "Cookie: $cookie" "$base$path")"
  echo
  echo "== GET $path: $(printf '%s' "$page" | wc -c) bytes of HTML, $(grep -o '<tr><th>' <<<"$page" | wc -l) rows"
  wrk -t2 -c16 -d"$duration" --latency -H "Cookie: $cookie" "$base$path" |
    grep -E 'Requests/sec|Latency|50%|90%|99%|requests in|Non-2xx'
done
css="$(curl -s "$base/logga-in" | sed -n 's/.*href="\(\/static\/[^"]*\)".*/\1/p' | head -1)"
echo
echo "== stylesheet $css: $(curl -s "$base$css" | wc -c) bytes"
echo
for path in "${paths[@]}"; do /usr/bin/python3 "$here/web_dom_ready.py" "$base" "$token" "$path" 20; done
echo
echo "== load average: $(cut -d' ' -f1-3 /proc/loadavg)"
