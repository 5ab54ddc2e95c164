#!/usr/bin/env bash
# Runs every ```sh block of docs/integrating.md, in order, in one shell with
# `set -euo pipefail`, against a fresh `kedja serve` (a small demo region,
# today fixed at 2026-11-25) with a token per user group — so the page's
# curl examples work as written. Usage: integrating_test.sh KEDJA SOURCE_DIR
set -euo pipefail
kedja=$1 source_dir=$2
work=$(mktemp -d)
export KEDJA_TODAY=2026-11-25
k=("$kedja" --db "$work/kedja.db" --config "$source_dir/config")
"${k[@]}" init > /dev/null
"${k[@]}" demo --cases 1000 --seed 1 > /dev/null
token() { "${k[@]}" token create --role "$1" ${2:+--actor "$2"} --name "test $1"; }
RECEPTION_TOKEN=$(token reception reception:ostersund)
HC_TOKEN=$(token hc hc:ostersund)
SCHOOL_TOKEN=$(token school school:ostersund)
AF_TOKEN=$(token af af:jamtland)
COORDINATOR_TOKEN=$(token coordinator lst:jamtland)
ADMIN_TOKEN=$(token admin)
export RECEPTION_TOKEN HC_TOKEN SCHOOL_TOKEN AF_TOKEN COORDINATOR_TOKEN ADMIN_TOKEN

port=$((18000 + RANDOM % 1000))
"${k[@]}" serve --listen "127.0.0.1:$port" > "$work/serve.log" 2>&1 &
server=$!
trap 'kill $server 2> /dev/null; wait $server 2> /dev/null; rm -rf "$work"' EXIT
for _ in $(seq 100); do
  curl -s "http://127.0.0.1:$port/v1/health" > /dev/null 2>&1 && break
  sleep 0.1
done
export KEDJA=http://127.0.0.1:$port

# The page's sh blocks, in order, as one script.
awk '/^```sh$/ { inside = 1; next } /^```/ { inside = 0 } inside' "$source_dir/docs/integrating.md" > "$work/examples.sh"
# Under pipefail a pipe into `head` fails when head closes it before the
# writer is done (curl: exit 23), depending on timing: a flaky example.
# Examples take their first lines another way (jq's .[:5], a file).
if grep -nE '\|[[:space:]]*head([[:space:]]|$)' "$work/examples.sh"; then
  echo "FAIL: an example of docs/integrating.md pipes into head (above): flaky under pipefail"
  exit 1
fi
blocks=$(grep -c '^```sh$' "$source_dir/docs/integrating.md")
[ "$blocks" -ge 10 ] || { echo "FAIL: only $blocks sh blocks found in docs/integrating.md"; exit 1; }
if (cd "$work" && bash -euo pipefail examples.sh) > "$work/out" 2>&1; then
  cat "$work/out"
  echo "ok: the $blocks sh blocks of docs/integrating.md ran against kedja serve"
else
  echo "FAIL: an example of docs/integrating.md failed; its output:"
  cat "$work/out"
  echo "--- the service's log"
  cat "$work/serve.log"
  exit 1
fi
