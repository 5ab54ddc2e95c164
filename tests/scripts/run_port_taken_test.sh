#!/usr/bin/env bash
# scripts/run.sh while another Kedja serves on its port: it must stop before
# building, printing a banner or making tokens, and say what to do
# (issue 17 §6). Usage: run_port_taken_test.sh KEDJA_BINARY SOURCE_DIR
set -euo pipefail
kedja=$1 source_dir=$2
work=$(mktemp -d)
port=$((18000 + RANDOM % 1000))
"$kedja" --db "$work/kedja.db" --config "$source_dir/config" init > /dev/null
"$kedja" --db "$work/kedja.db" --config "$source_dir/config" serve --listen "127.0.0.1:$port" \
  > "$work/serve.log" 2>&1 &
server=$!
trap 'kill $server 2> /dev/null; wait $server 2> /dev/null; rm -rf "$work"' EXIT
for _ in $(seq 100); do
  (exec 3<> "/dev/tcp/127.0.0.1/$port") 2> /dev/null && break
  sleep 0.1
done

status=0
KEDJA_PORT=$port bash "$source_dir/scripts/run.sh" > "$work/out" 2> "$work/err" || status=$?
fail() { echo "FAIL: $*"; echo "--- stdout"; cat "$work/out"; echo "--- stderr"; cat "$work/err"; exit 1; }
[ "$status" -eq 1 ] || fail "exit status $status, expected 1"
grep -q "port $port on 127.0.0.1 is already in use" "$work/err" || fail "no message naming the port"
grep -q "KEDJA_PORT=" "$work/err" || fail "the message does not say how to choose another port"
! grep -q "Bearer" "$work/out" || fail "tokens printed although the port is taken"
! grep -q "install-deps" "$work/out" || fail "went on to install and build"

status=0
KEDJA_PORT=80x bash "$source_dir/scripts/run.sh" > "$work/out" 2> "$work/err" || status=$?
[ "$status" -eq 2 ] && grep -q "KEDJA_PORT='80x' is not a port number" "$work/err" || fail "a bad KEDJA_PORT accepted"
echo "ok: run.sh refuses a taken port and a bad KEDJA_PORT"
