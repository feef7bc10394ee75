#!/usr/bin/env bash
# Runs one libFuzzer target. The targets are in tests/fuzz/fuzz_<name>.cpp.
#   tools/fuzz.sh --list                 name the targets
#   tools/fuzz.sh TARGET SECONDS [ARGS]  build build-fuzz/ (clang, -DUPSTANDER_FUZZ=ON) if needed, build
#                                        the seed corpus, and fuzz TARGET for SECONDS; extra ARGS go to
#                                        libFuzzer (e.g. -jobs=2, -only_ascii=1)
#   tools/fuzz.sh --smoke SECONDS        each target for SECONDS on its seed corpus, one after another
#                                        (the CI step in tools/test.sh)
# Corpus: build-fuzz/corpus/<target>/ (seeds from tests/fuzz/make_corpus.py; libFuzzer adds what it
# finds). Crashes, hangs (-timeout), leaks and out-of-memory inputs are written to
# build-fuzz/artifacts/<target>/; keep each as tests/fuzz/regressions/<target>/<name> once fixed.
# Environment: BUILD_DIR (default build-fuzz), FUZZ_JOBS (build parallelism, default 2).
set -euo pipefail
cd "$(dirname "$0")/.."
build=${BUILD_DIR:-build-fuzz}
targets=(pack session script media captions player image config report)

usage() { sed -n '2,14p' "$0"; }

# Per-target libFuzzer settings: the largest input, a per-input time limit (a hang is a bug) and a dictionary.
fuzz_args() {
  case "$1" in
    pack) echo "-max_len=65536 -timeout=10 -dict=tests/fuzz/pack.dict" ;;
    session) echo "-max_len=65536 -timeout=10 -dict=tests/fuzz/session.dict" ;;
    script) echo "-max_len=8192 -timeout=5 -dict=tests/fuzz/script.dict" ;;
    media) echo "-max_len=65536 -timeout=20 -rss_limit_mb=2560" ;;
    captions) echo "-max_len=16384 -timeout=10 -dict=tests/fuzz/captions.dict" ;;
    player) echo "-max_len=65536 -timeout=30 -rss_limit_mb=2560" ;;
    image) echo "-max_len=65536 -timeout=10 -rss_limit_mb=2560" ;;
    config) echo "-max_len=16384 -timeout=5" ;;
    report) echo "-max_len=65536 -timeout=10" ;;
  esac
}

build_targets() {
  if [ ! -f "$build/build.ninja" ]; then
    CC=clang CXX=clang++ cmake -S . -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DUPSTANDER_FUZZ=ON >/dev/null
  fi
  cmake --build "$build" -j"${FUZZ_JOBS:-2}" --target "$@"
}

corpus() {  # target
  local dir="$build/corpus/$1"
  if [ ! -d "$dir" ] || [ -z "$(ls -A "$dir")" ]; then
    python3 tests/fuzz/make_corpus.py "$PWD" "$build/corpus" "$1" >&2
  fi
  echo "$dir"
}

run() {  # target seconds [libFuzzer args...]
  local t=$1 secs=$2
  shift 2
  local c art
  c=$(corpus "$t")
  art="$build/artifacts/$t"
  mkdir -p "$art"
  # LSan runs at the end of each input; FFmpeg's and fontconfig's one-time allocations are suppressed.
  # shellcheck disable=SC2046
  ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:allocator_may_return_null=1} \
  UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1} \
  LSAN_OPTIONS=${LSAN_OPTIONS:-suppressions=$PWD/tests/lsan.supp} \
    "$build/bin/fuzz-$t" $(fuzz_args "$t") -max_total_time="$secs" -print_final_stats=1 \
      -artifact_prefix="$art/" "$@" "$c"
}

case "${1:-}" in
  --list) printf '%s\n' "${targets[@]}" ;;
  --smoke)
    secs=${2:?usage: tools/fuzz.sh --smoke SECONDS}
    build_targets fuzz-targets
    mkdir -p "$build/logs"
    for t in "${targets[@]}"; do
      log="$build/logs/smoke-$t.log"
      if ! run "$t" "$secs" >"$log" 2>&1; then
        tail -n 60 "$log" >&2
        echo "fuzz $t failed (log: $log); the input is in $build/artifacts/$t/" >&2
        exit 1
      fi
      echo "fuzz $t ${secs}s: $(awk '/^stat::number_of_executed_units/ {print $2}' "$log") inputs run," \
        "$(awk '/^stat::new_units_added/ {print $2}' "$log") new corpus entries, no crash, hang or leak"
    done ;;
  -h|--help|"") usage; [ -n "${1:-}" ] || exit 2 ;;
  *)
    t=$1
    secs=${2:?usage: tools/fuzz.sh TARGET SECONDS}
    shift 2
    case " ${targets[*]} " in *" $t "*) ;; *) echo "fuzz.sh: unknown target $t (tools/fuzz.sh --list)" >&2; exit 2 ;; esac
    build_targets "fuzz-$t"
    run "$t" "$secs" "$@" ;;
esac
