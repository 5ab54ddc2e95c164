#!/usr/bin/env bash
# Installs the dependencies, builds Kedja optimised, fills ./data/kedja.db
# with a synthetic Jämtland Härjedalen (first run only), makes a token for
# each user group (kept in ./data/demo-tokens and reused), prints the login
# page's address with the tokens and two API examples, and starts it on
# 127.0.0.1:8080 (Ctrl-C stops it; KEDJA_PORT=8081 chooses another port).
set -euo pipefail
cd "$(dirname "$0")/.."

# Checked first, before anything is built or printed: a second run while
# one is serving would otherwise print a banner and tokens and only then
# fail to bind. (bash's /dev/tcp connects only if something listens.)
port=${KEDJA_PORT:-8080}
if ! [[ $port =~ ^[0-9]{1,5}$ ]] || ((port < 1 || port > 65535)); then
  echo "run.sh: KEDJA_PORT='$port' is not a port number (1–65535)" >&2
  exit 2
fi
refuse_a_taken_port() {
  if (exec 3<> "/dev/tcp/127.0.0.1/$port") 2> /dev/null; then
    echo "run.sh: port $port on 127.0.0.1 is already in use (is Kedja already running?)." >&2
    echo "  Stop the other one (Ctrl-C where it runs), or choose a free port: KEDJA_PORT=8081 bash scripts/run.sh" >&2
    exit 1
  fi
}
refuse_a_taken_port

bash scripts/install-deps.sh
cmake -S . -B build -DCMAKE_BUILD_TYPE=Release -DKEDJA_BUILD_TESTS=OFF > /dev/null
cmake --build build -j2

# ./data holds personal data (synthetic here, real in use) and the demo's
# tokens: the owner's only (contract §5), whatever the caller's umask.
umask 077
mkdir -p data && chmod 0700 data

kedja=(./build/kedja --db ./data/kedja.db --config ./config)
"${kedja[@]}" init
if ! "${kedja[@]}" summary --format csv | tail -n +2 | grep -q .; then
  "${kedja[@]}" demo --cases "${KEDJA_DEMO_CASES:-20000}" --seed 1
fi

# Again now, before any token is made or printed: the build takes minutes,
# and another Kedja may have started meanwhile.
refuse_a_taken_port

# The demo's tokens, one per user group, kept in ./data/demo-tokens (0600)
# and reused while in force: a start makes new ones only for those missing,
# revoked or expired.
tokens=$(bash scripts/demo-tokens.sh data/demo-tokens "${kedja[@]}")
token_of() { awk -v role="$1" '$1 == role { print $3 }' <<< "$tokens"; }
url=http://127.0.0.1:$port

# Who each demo token logs in as (the region file's names).
declare -A group=(
  [reception]="Mottagningsenheten Östersund (reception unit)"
  [hc]="Hälsocentralen Östersund (health centre)"
  [child_health]="BVC Östersund (child health care)"
  [preschool]="Förskolan Östersund (preschool)"
  [school]="Grundskolan Östersund (school)"
  [school_health]="Elevhälsan Östersund (school health)"
  [sfi]="SFI Östersund (Swedish for immigrants)"
  [af]="Arbetsförmedlingen Jämtland (AF)"
  [mv]="Migrationsverket Östersund"
  [coordinator]="Länsstyrelsen Jämtlands län (county coordinator: pseudonyms only)"
  [admin]="Administrator (everything; tokens, audit log)"
)

echo
echo "Kedja is starting on $url with demo data in ./data/kedja.db."
echo
echo "Web pages: open $url/logga-in and paste one user group's token"
echo "(Inloggningsnyckel; kept in ./data/demo-tokens):"
while read -r role _ token; do
  printf '  %s  %s\n' "$token" "${group[$role]:-$role}"
done <<< "$tokens"
cat <<USAGE

API (JSON; add ?format=csv for Excel), e.g.:
  curl -s -H 'Authorization: Bearer $(token_of reception)' '$url/v1/overdue?actor=reception:ostersund&limit=5'
  curl -s -H 'Authorization: Bearer $(token_of coordinator)' '$url/v1/overdue/summary?by=municipality'
Command line: ./build/kedja --help   (e.g. ./build/kedja overdue --municipality ostersund)

USAGE

exec "${kedja[@]}" serve --listen "127.0.0.1:$port"
