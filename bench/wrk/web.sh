#!/usr/bin/env bash
# Load test of the web page Att göra with wrk (see server/README.md).
#
#   bench/wrk/web.sh KEDJA_BINARY DB_PATH [--cases N] [--port P] [--duration 10s]
#                    [--connections 16] [--actor hc:ostersund] [--role hc]
#
# Starts `kedja serve` on DB_PATH (filling it with `kedja demo --cases N`
# first when it does not exist yet), logs in through POST /logga-in with a
# new token, then runs wrk with the session cookie against
#   1. GET /att-gora                (Försenade, 50 rows and the four counts)
#   2. GET /att-gora?flik=snart     (Förfaller snart)
# and prints each page's size, requests/s and latency percentiles, and the
# stylesheet's size. Stops the server with SIGTERM.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
usage() { sed -n '2,13p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; exit 2; }
[[ $# -ge 2 ]] || usage
kedja="$(realpath "$1")"; db="$2"; shift 2
cases=20000; port=18480; duration=10s; connections=16; actor=hc:ostersund; role=hc
while [[ $# -gt 0 ]]; do
  case "$1" in
    --cases) cases="$2"; shift 2 ;;
    --port) port="$2"; shift 2 ;;
    --duration) duration="$2"; shift 2 ;;
    --connections) connections="$2"; shift 2 ;;
    --actor) actor="$2"; shift 2 ;;
    --role) role="$2"; shift 2 ;;
    *) usage ;;
  esac
done
k() { "$kedja" --db "$db" --config "$repo/config" "$@"; }
if [[ ! -e "$db" ]]; then
  echo "== filling $db with kedja demo --cases $cases"
  k init >/dev/null
  k demo --cases "$cases"
fi
token="$(k token create --role "$role" --actor "$actor" --name "wrk-web-$(date +%Y%m%d%H%M%S)-$$")"

"$kedja" --db "$db" --config "$repo/config" serve --listen "127.0.0.1:$port" >/dev/null 2>&1 &
server_pid=$!
trap 'kill -TERM $server_pid 2>/dev/null; wait $server_pid 2>/dev/null || true' EXIT
base="http://127.0.0.1:$port"
for _ in $(seq 1 100); do curl -fs "$base/v1/health" >/dev/null 2>&1 && break; sleep 0.1; done

cookie="$(curl -s -o /dev/null -D - --data-urlencode "token=$token" "$base/logga-in" |
          sed -n 's/^[Ss]et-[Cc]ookie: \(kedja_session=[0-9a-f]*\).*/\1/p')"
[[ -n "$cookie" ]] || { echo "web.sh: the login failed" >&2; exit 1; }

for path in "/att-gora" "/att-gora?flik=snart"; do
  bytes="$(curl -s -H "Cookie: $cookie" "$base$path" | wc -c)"
  rows="$(curl -s -H "Cookie: $cookie" "$base$path" | grep -o '<tr>' | wc -l)"
  echo "== GET $path as $actor: $bytes bytes of HTML, $((rows - 1)) rows"
  wrk -t2 -c"$connections" -d"$duration" --latency -H "Cookie: $cookie" "$base$path" |
    grep -E 'Requests/sec|Latency|50%|90%|99%|requests in|Non-2xx'
done
css="$(curl -s "$base/logga-in" | sed -n 's/.*href="\(\/static\/[^"]*\)".*/\1/p' | head -1)"
echo "== stylesheet $css: $(curl -s "$base$css" | wc -c) bytes"
