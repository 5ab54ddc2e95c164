#!/usr/bin/env bash
# Checks the Debian package scripts/package.sh built (issue 17 §4): the
# files, modes and owners dpkg-deb lists, the control fields, the
# maintainer scripts, the conffiles, that the binary in it is not a
# sanitizer build and runs, and that systemd-analyze verify accepts the
# units against the package's own file tree (so /usr/bin/kedja exists
# where the units say, without installing anything on this machine).
# Usage: deb_test.sh PACKAGE.deb
set -euo pipefail
deb=$1
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
failures=0
fail() { echo "FAIL: $*"; failures=$((failures + 1)); }
ok() { echo "ok: $*"; }

# --- files, modes, owners (dpkg-deb -c: "drwxr-xr-x root/root 0 date ./path/")
dpkg-deb -c "$deb" | awk '{ print $1, $2, $6 }' > "$work/contents"
expect_entry() {  # MODE OWNER PATH
  if grep -qxF -- "$1 $2 $3" "$work/contents"; then ok "$3 $1 $2"
  else fail "expected '$1 $2 $3' in dpkg-deb -c; found: $(grep -F " $3" "$work/contents" || echo nothing)"; fi
}
expect_entry -rwxr-xr-x root/root ./usr/bin/kedja
expect_entry drwxr-xr-x root/root ./etc/kedja/
expect_entry -rw-r--r-- root/root ./etc/kedja/region.json
expect_entry -rw-r--r-- root/root ./etc/kedja/rules/default-2018.json
expect_entry -rw-r--r-- root/root ./etc/default/kedja
expect_entry drwx------ root/root ./var/lib/kedja/
for unit in kedja.service kedja-backup.service kedja-backup.timer kedja-remind.service kedja-remind.timer; do
  expect_entry -rw-r--r-- root/root "./lib/systemd/system/$unit"
done
expect_entry -rw-r--r-- root/root ./usr/share/doc/kedja/operations.md
# Nothing else: no build tree, tests or stray files.
if awk '{ print $3 }' "$work/contents" | grep -Ev '^\./((usr|usr/bin|usr/share|usr/share/doc|etc|etc/default|lib|lib/systemd|lib/systemd/system|var|var/lib)/|usr/bin/kedja|etc/kedja/.*|etc/default/kedja|var/lib/kedja/|lib/systemd/system/kedja(-backup|-remind)?\.(service|timer)|usr/share/doc/kedja/.*)$'; then
  fail "unexpected entries above"
else ok "no unexpected entries"; fi

# --- control: dpkg-deb -I lists the maintainer scripts and the fields
dpkg-deb -I "$deb" > "$work/info"
for field in "Package: kedja" "Architecture: $(dpkg --print-architecture)" "Depends:.*adduser" "Depends:.*libsqlite3-0" "Depends:.*tzdata"; do
  if grep -Eq "^ $field" "$work/info"; then ok "control: $field"; else fail "control lacks '$field'"; fi
done
for script in postinst prerm postrm conffiles; do
  if grep -Eq "^ +[0-9]+ bytes, +[0-9]+ lines +\*? *$script" "$work/info"; then ok "control member $script"
  else fail "dpkg-deb -I lists no $script"; fi
done

# --- the maintainer scripts and conffiles themselves
dpkg-deb -e "$deb" "$work/control"
for script in postinst prerm postrm; do
  if [ -x "$work/control/$script" ] && sh -n "$work/control/$script"; then ok "$script is an executable sh script"
  else fail "$script is not an executable, parsable sh script"; fi
done
expect_in_postinst() {
  if grep -qF -- "$1" "$work/control/postinst"; then ok "postinst: $1"; else fail "postinst lacks: $1"; fi
}
expect_in_postinst 'adduser --system --group --home /var/lib/kedja'
expect_in_postinst 'chown kedja:kedja /var/lib/kedja'
expect_in_postinst 'chmod 0700 /var/lib/kedja'
# shellcheck disable=SC2016 # the script's own variables, literally
expect_in_postinst 'runuser -u kedja -- /usr/bin/kedja --db "$database" --config "$config" init'
expect_in_postinst 'enable kedja.service kedja-backup.timer'
if grep -qF 'systemctl stop kedja-remind.timer kedja-backup.timer kedja.service' "$work/control/prerm"; then
  ok "prerm stops the service before an upgrade migrates"; else fail "prerm does not stop the service"; fi
for conffile in /etc/default/kedja /etc/kedja/region.json /etc/kedja/rules/default-2018.json; do
  if grep -qxF "$conffile" "$work/control/conffiles"; then ok "conffile $conffile"; else fail "$conffile is not a conffile"; fi
done

# --- the binary: an optimised build without sanitizers, and it runs
dpkg-deb -x "$deb" "$work/root"
if nm -D "$work/root/usr/bin/kedja" | grep -q '__asan_\|__ubsan_'; then fail "/usr/bin/kedja is a sanitizer build"
else ok "/usr/bin/kedja has no sanitizer runtime"; fi
if "$work/root/usr/bin/kedja" --config "$work/root/etc/kedja" rules check "$work/root/etc/kedja/rules/default-2018.json" > /dev/null \
  && "$work/root/usr/bin/kedja" --db "$work/kedja.db" --config "$work/root/etc/kedja" init > /dev/null; then
  ok "the packaged kedja runs on the packaged config"
else fail "the packaged kedja does not run on the packaged config"; fi

# --- systemd-analyze verify, against the package's tree as the root
# (--root: the units' /usr/bin/kedja is the packaged one, which verify
# requires to exist), with this machine's own units beside ours for what
# they refer to (sysinit.target, timers.target, …). The kedja user exists
# only once postinst ran, which verify does not check. Warnings (an unknown
# key, a bad calendar spec) fail too, not only errors.
cp -rn /lib/systemd/system/. "$work/root/lib/systemd/system/"
units=()
for unit in kedja.service kedja-backup.service kedja-backup.timer kedja-remind.service kedja-remind.timer; do
  units+=("$work/root/lib/systemd/system/$unit")
done
if SYSTEMD_LOG_LEVEL=notice systemd-analyze verify --man=no --root="$work/root" "${units[@]}" > "$work/verify" 2>&1 \
  && ! grep -q . "$work/verify"; then
  ok "systemd-analyze verify accepts the five units"
else
  fail "systemd-analyze verify:"; cat "$work/verify"
fi

if [ "$failures" -gt 0 ]; then echo "deb_test: $failures failed"; exit 1; fi
echo "deb_test: all checks passed"
