#!/usr/bin/env bash
# The demo's three tokens (a reception unit, a health centre, the county
# coordinator), made once and reused: kept in FILE (mode 0600), one
# "role actor token" a line, and made anew only when missing, revoked or
# expired (or of another database), so that starts do not pile up tokens.
# Prints the three "role actor token" lines.
#
# Usage: scripts/demo-tokens.sh FILE KEDJA [KEDJA'S GLOBAL OPTIONS...]
#   e.g. scripts/demo-tokens.sh data/demo-tokens ./build/kedja --db ./data/kedja.db
set -euo pipefail
umask 077
file=$1
shift
kedja=("$@")

touch "$file"
chmod 0600 "$file"

kept_token() {  # ROLE ACTOR
  awk -v role="$1" -v actor="$2" '$1 == role && $2 == actor { print $3 }' "$file" | tail -n 1
}

for pair in reception:reception:ostersund hc:hc:ostersund coordinator:lst:jamtland; do
  role=${pair%%:*}
  actor=${pair#*:}
  token=$(kept_token "$role" "$actor")
  if [ -z "$token" ] || ! printf '%s\n' "$token" | "${kedja[@]}" token check > /dev/null 2>&1; then
    token=$("${kedja[@]}" token create --actor "$actor" --role "$role")
    { awk -v role="$role" -v actor="$actor" '!($1 == role && $2 == actor)' "$file"
      printf '%s %s %s\n' "$role" "$actor" "$token"; } > "$file.new"
    mv "$file.new" "$file"
  fi
  printf '%s %s %s\n' "$role" "$actor" "$token"
done
