#!/usr/bin/env bash
# The demo's tokens, one for each user group, in Östersund where the group
# is municipal (the demo's biggest municipality, so every group has work
# there): the reception unit, a health centre, child health care (BVC),
# preschool, school, school health (elevhälsan), SFI, Arbetsförmedlingen,
# Migrationsverket, the county coordinator and an administrator. Made once
# and reused: kept in FILE (mode 0600), one "role actor token" a line
# (actor "-" for admin), and made anew only when missing, revoked or
# expired (or of another database), so that starts do not pile up tokens.
# Prints the "role actor token" lines, in the order above.
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

groups=(reception:reception:ostersund hc:hc:ostersund child_health:child_health:ostersund
        preschool:preschool:ostersund school:school:ostersund school_health:school_health:ostersund
        sfi:sfi:ostersund af:af:jamtland mv:mv:jamtland coordinator:lst:jamtland admin:-)
for pair in "${groups[@]}"; do
  role=${pair%%:*}
  actor=${pair#*:}
  token=$(kept_token "$role" "$actor")
  if [ -z "$token" ] || ! printf '%s\n' "$token" | "${kedja[@]}" token check > /dev/null 2>&1; then
    if [ "$actor" = - ]; then
      token=$("${kedja[@]}" token create --role "$role")
    else
      token=$("${kedja[@]}" token create --actor "$actor" --role "$role")
    fi
    { awk -v role="$role" -v actor="$actor" '!($1 == role && $2 == actor)' "$file"
      printf '%s %s %s\n' "$role" "$actor" "$token"; } > "$file.new"
    mv "$file.new" "$file"
  fi
  printf '%s %s %s\n' "$role" "$actor" "$token"
done
