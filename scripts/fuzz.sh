#!/usr/bin/env bash
# Builds the libFuzzer targets (fuzz/) with clang in ./build-fuzz under
# ASan and UBSan, and runs each for a bounded time from its seed corpus
# (fuzz/corpus/NAME). Fails on any crash, leak, timeout or out-of-memory;
# the input that did it is kept as build-fuzz/findings/NAME/crash-*.
#
#   KEDJA_FUZZ_SECONDS  seconds per target (default 30)
#   KEDJA_FUZZ_JOBS     targets run at once (default 2: one per core)
#   KEDJA_FUZZ_TARGETS  which targets (default: all, see fuzz/CMakeLists.txt)
#
# New inputs found go to build-fuzz/corpus/NAME, never into the repository:
# copy the ones worth keeping into fuzz/corpus/NAME by hand.
set -euo pipefail
cd "$(dirname "$0")/.."

seconds=${KEDJA_FUZZ_SECONDS:-30}
jobs=${KEDJA_FUZZ_JOBS:-2}
targets=${KEDJA_FUZZ_TARGETS:-"case_body event_body query_string cursor csv_import rule_set region multipart"}

launcher=()
command -v ccache > /dev/null && launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache)
# -O1 and line tables only, as libFuzzer's docs advise: quick to build, fast
# enough to run, stack traces with lines. Asserts stay on (no NDEBUG).
cmake -S . -B build-fuzz -DCMAKE_CXX_COMPILER=clang++-14 -DCMAKE_BUILD_TYPE=Fuzz \
  -DCMAKE_CXX_FLAGS_FUZZ="-O1 -gline-tables-only" \
  -DKEDJA_FUZZ=ON -DKEDJA_BUILD_TESTS=OFF "${launcher[@]}" > /dev/null
cmake --build build-fuzz -j2 --target kedja_fuzzers

export ASAN_OPTIONS=detect_leaks=1:abort_on_error=1
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
export LSAN_OPTIONS=suppressions=$PWD/fuzz/lsan.supp  # OpenSSL's global state only

run_one() {
  local name=$1 seconds=$2
  local work=build-fuzz/corpus/$name findings=build-fuzz/findings/$name log=build-fuzz/logs/$name.log
  mkdir -p "$work" "$findings"
  # -timeout: one input taking 10 s is a hang; -rss_limit_mb: a leak or a
  # blow-up past 2 GiB is a failure; -max_len: bodies up to 64 KiB.
  if build-fuzz/fuzz/fuzz_"$name" "$work" "fuzz/corpus/$name" -dict=fuzz/json.dict \
      -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -max_len=65536 \
      -print_final_stats=1 -artifact_prefix="$findings/" > "$log" 2>&1; then
    echo "fuzz $name: ok, $(grep -o 'number_of_executed_units: *[0-9]*' "$log" | grep -o '[0-9]*$') inputs in ${seconds}s"
  else
    echo "fuzz $name: FAILED — the input is in $findings/; the end of $log:"
    tail -n 60 "$log"
    echo failed > "build-fuzz/logs/$name.failed"
  fi
}
export -f run_one

if [ "$seconds" -eq 0 ]; then
  echo "fuzz: targets built, not run (KEDJA_FUZZ_SECONDS=0)"
  exit 0
fi
rm -rf build-fuzz/logs && mkdir -p build-fuzz/logs
printf '%s\n' $targets | xargs -P "$jobs" -I{} bash -c 'run_one "$@"' _ {} "$seconds"
count=$(printf '%s\n' $targets | wc -l)
failed=$(find build-fuzz/logs -name '*.failed' | wc -l)
echo "fuzz: $((count - failed)) passed, $failed failed"
[ "$failed" -eq 0 ]
