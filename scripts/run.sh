#!/usr/bin/env bash
# Installs the dependencies, builds Kedja optimised, fills ./data/kedja.db
# with a synthetic Jämtland Härjedalen (first run only), creates tokens for
# three user groups, prints how to call the service, and starts it on
# 127.0.0.1:8080 (Ctrl-C stops it).
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/install-deps.sh
cmake -S . -B build -DCMAKE_BUILD_TYPE=Release -DKEDJA_BUILD_TESTS=OFF > /dev/null
cmake --build build -j2

kedja=(./build/kedja --db ./data/kedja.db --config ./config)
"${kedja[@]}" init
if ! "${kedja[@]}" summary --format csv | tail -n +2 | grep -q .; then
  "${kedja[@]}" demo --cases "${KEDJA_DEMO_CASES:-20000}" --seed 1
fi

# Token names are unique: each start makes fresh tokens, named by the time.
stamp=$(date +%Y%m%d-%H%M%S)
reception=$("${kedja[@]}" token create --actor reception:ostersund --role reception --name "demo-reception-$stamp")
hc=$("${kedja[@]}" token create --actor hc:ostersund --role hc --name "demo-hc-$stamp")
coordinator=$("${kedja[@]}" token create --actor lst:jamtland --role coordinator --name "demo-coordinator-$stamp")
url=http://127.0.0.1:8080

cat <<USAGE

Kedja is starting on $url with demo data in ./data/kedja.db.

Reception unit, Östersund (mottagningsenheten): overdue steps of the unit
  curl -s -H 'Authorization: Bearer $reception' '$url/v1/overdue?actor=reception:ostersund&limit=5'
Health centre, Östersund (hälsocentralen): bookings due in the coming two weeks
  curl -s -H 'Authorization: Bearer $hc' '$url/v1/due?actor=hc:ostersund&from=$(date +%F)&to=$(date -d '+14 days' +%F)'
County coordinator (Länsstyrelsen): overdue steps per municipality
  curl -s -H 'Authorization: Bearer $coordinator' '$url/v1/overdue/summary?by=municipality'
Anyone: the Swedish non-working days of a year
  curl -s -H 'Authorization: Bearer $reception' '$url/v1/calendar/non-working-days?year=$(date +%Y)'

Command line: ./build/kedja --help   (e.g. ./build/kedja overdue --municipality ostersund)
USAGE

exec "${kedja[@]}" serve --listen 127.0.0.1:8080
