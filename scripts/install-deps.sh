#!/usr/bin/env bash
# Installs Kedja's build and test dependencies from Debian 12 packages.
# Nothing else is downloaded. Needs root (or sudo) and a reachable apt mirror.
set -euo pipefail

packages=(
  g++ cmake make pkg-config tzdata
  libboost-dev libboost-program-options-dev
  libsqlitecpp-dev libsqlite3-dev sqlite3
  nlohmann-json3-dev libhowardhinnant-date-dev
  libssl-dev libutf8proc-dev
  libjemalloc-dev  # the server's allocator (CMakeLists.txt, KEDJA_JEMALLOC)
  libicu-dev  # Swedish alphabetical order (ICU collation, locale sv_SE)
  libical-dev libcurl4-openssl-dev ca-certificates
  prometheus-cpp-dev python3-prometheus-client  # the metrics; the tests parse them with the Python client
  python3 python3-icalendar python3-aiosmtpd
  libgtest-dev libgmock-dev
  libbenchmark-dev wrk curl jq
  clang-14 libclang-rt-14-dev  # the fuzz targets: clang and its libFuzzer runtime
  chromium chromium-driver python3-selenium
  python3-jsonschema  # validates the server tests' answers against server/openapi.json
  dpkg-dev systemd  # the Debian package: dpkg-shlibdeps for its Depends, systemd-analyze verify for its units
)
# npm fetches axe-core (pinned) for the browser tests and @redocly/cli
# (pinned) for the OpenAPI document's lint. A machine with Node.js
# from elsewhere (NodeSource's nodejs bundles npm and conflicts with
# Debian's npm) keeps the npm it has.
command -v npm >/dev/null 2>&1 || packages+=(npm)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -eq 0 ]; then
  echo "install-deps: all packages present"
  exit 0
fi

sudo_cmd=()
[ "$(id -u)" -eq 0 ] || sudo_cmd=(sudo)
echo "install-deps: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
"${sudo_cmd[@]}" apt-get update -qq
"${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"
