#!/usr/bin/env bash
# Installs the dependencies, builds everything under AddressSanitizer and
# UBSan, runs every test (the fuzz targets' corpus replays included), builds
# and checks the Debian package (scripts/package.sh), then builds the
# libFuzzer targets with clang and runs each for a bounded time
# (scripts/fuzz.sh; KEDJA_FUZZ_SECONDS per target, 20 here; README,
# "Fuzzing"). Fails on any failed test, crash, leak or timeout. This is what
# CI runs (.ci/run).
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/install-deps.sh
cmake -S . -B build-test -DCMAKE_BUILD_TYPE=Debug -DKEDJA_SANITIZE=ON -DKEDJA_BUILD_TESTS=ON
cmake --build build-test -j2
export ASAN_OPTIONS=detect_leaks=1:abort_on_error=1
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
ctest --test-dir build-test --output-on-failure -j2
# The Debian package: an optimised build of the kedja binary alone, packed
# and checked (files, modes, maintainer scripts, systemd-analyze verify).
bash scripts/package.sh
KEDJA_FUZZ_SECONDS="${KEDJA_FUZZ_SECONDS:-20}" bash scripts/fuzz.sh
