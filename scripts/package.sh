#!/usr/bin/env bash
# Builds the Debian package (issue 17 §4) in ./build-deb and checks it
# (tests/package/deb_test.sh): an optimised build of the `kedja` binary alone
# (no tests, no sanitizers), packed by CPack into build-deb/kedja_VERSION_ARCH.deb.
# scripts/test.sh runs it after the tests. Install with
#   apt install ./build-deb/kedja_*.deb        (docs/operations.md)
#
# A unity build (CMAKE_UNITY_BUILD: each target's sources compiled as one)
# keeps the test command's extra compile short; the README has the figure.
set -euo pipefail
cd "$(dirname "$0")/.."

launcher=()
command -v ccache > /dev/null && launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache)
cmake -S . -B build-deb -DCMAKE_BUILD_TYPE=Release -DKEDJA_BUILD_TESTS=OFF -DCMAKE_UNITY_BUILD=ON \
  "${launcher[@]}" > /dev/null
cmake --build build-deb -j2 --target kedja
rm -f build-deb/kedja_*.deb
(cd build-deb && cpack -G DEB > /dev/null)
deb=$(ls build-deb/kedja_*.deb)
echo "package: $deb"
bash tests/package/deb_test.sh "$deb"
