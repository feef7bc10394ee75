#!/usr/bin/env bash
# Installs dependencies, builds, and runs every test headless:
#   1. Release build in build/ and its full ctest suite (unit, media, headless UI scripts, tools);
#   2. ASan+UBSan(+LSan) build in build-asan/ and the same suite;
#   3. TSan build of the media tests and the report's threaded reader in build-tsan/;
#   4. the fuzz targets, built with clang/libFuzzer in build-fuzz/, each run for a few seconds on its
#      seed corpus (a smoke run; long runs: tools/fuzz.sh TARGET SECONDS);
#   5. the Windows build (tools/build-windows.sh: MinGW-w64 cross build, zip and installer) and its
#      tests under Wine in build-win/ (unit tests, headless kiosk scripts, tools, installer).
# Options: --fast runs only step 1 (for quick local iteration; CI always runs everything).
set -euo pipefail
cd "$(dirname "$0")/.."
fast=0
for a in "$@"; do
  case "$a" in
    --fast) fast=1 ;;
    -h|--help) sed -n '2,9p' "$0"; exit 0 ;;
    *) echo "test.sh: unknown option $a" >&2; exit 2 ;;
  esac
done

tools/install-deps.sh
jobs=$(nproc)
export CTEST_OUTPUT_ON_FAILURE=1

# Each step's heading says how long the run has taken so far (for the CI time budget in the README).
step() { echo; echo "==== $* ($SECONDS s into the run) ===="; }

step "Release build and tests (build/)"
cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build build -j"$jobs"
ctest --test-dir build -j"$jobs" --timeout 600

[ "$fast" = 1 ] && exit 0

step "ASan + UBSan + LSan build and tests (build-asan/)"
cmake -S . -B build-asan -G Ninja -DCMAKE_BUILD_TYPE=Debug -DUPSTANDER_SANITIZE=ON >/dev/null
cmake --build build-asan -j"$jobs"
ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
  LSAN_OPTIONS=suppressions=$PWD/tests/lsan.supp \
  ctest --test-dir build-asan -j"$jobs" --timeout 900

step "TSan build: media tests and the report's reader threads (build-tsan/)"
cmake -S . -B build-tsan -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DUPSTANDER_TSAN=ON >/dev/null
cmake --build build-tsan -j"$jobs" --target upstander_media_tests upstander_core_tests
# tests/tsan.supp covers only Debian's uninstrumented FFmpeg (see the file).
export TSAN_OPTIONS="suppressions=$PWD/tests/tsan.supp halt_on_error=1 second_deadlock_stack=1"
ctest --test-dir build-tsan -R '^media\.' -j"$jobs" --timeout 900
build-tsan/bin/upstander_core_tests '[threads]'
unset TSAN_OPTIONS

step "Fuzz targets: clang + libFuzzer build and a short smoke run (build-fuzz/)"
CC=clang CXX=clang++ cmake -S . -B build-fuzz -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DUPSTANDER_FUZZ=ON >/dev/null
cmake --build build-fuzz -j"$jobs" --target fuzz-targets
FUZZ_JOBS=$jobs tools/fuzz.sh --smoke "${FUZZ_SMOKE_SECONDS:-5}"

step "Windows build and tests under Wine (build-win/)"
tools/build-windows.sh
# A Wine test that fails is run once more: under a loaded 2-core run Wine has, rarely, failed to start
# a program at all (a replay failing in 0.01 s with no output). A real failure fails both times.
ctest --test-dir build-win -j"$jobs" --timeout 900 --repeat until-pass:2

echo
echo "All tests passed in $SECONDS s."
