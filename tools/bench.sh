#!/usr/bin/env bash
# Runs every benchmark in one go on the Release build and prints one table of the figures
# measured in this run, with their targets. Benchmarks are separate from the tests: nothing here
# is asserted in ctest. Exit status 1 when a figure misses its target.
#   tools/bench.sh [--quick]     --quick: fewer repetitions (for a smoke check, not for the README)
# Each row's command reproduces that figure on its own:
#   decode   tools/bench-video.sh          upstander-bench decode vs ffmpeg -benchmark -f null, 1080p H.264/AAC,
#                                          and upstander-bench start (preloaded vs cold) on the same clip
#   idle     tools/bench-idle.sh 30        title screen under xvfb-run, /proc/PID/stat utime+stime
#   start    tools/bench-start.sh 20       --headless first frame vs --version, median of 20
#   load     tools/bench-load.sh 1000      load_library vs nlohmann::json::parse, 1,000 modules
#   report   tools/bench-report.sh 10000   upstander-report over 10,000 session files
# BUILD_DIR (default build) is built in Release first if needed.
set -euo pipefail
cd "$(dirname "$0")/.."
quick=0
[ "${1:-}" = "--quick" ] && quick=1
build=${BUILD_DIR:-build}
export BUILD_DIR=$build
cmake -S . -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build "$build" --target upstander upstander-bench upstander-report >/dev/null
logs=$(mktemp -d)
trap 'rm -rf "$logs"' EXIT

value() { sed -n "s/.*\b$2=\([^ ]*\).*/\1/p" "$logs/$1.log" | tail -1; }
run() {  # name command...
  local name=$1
  shift
  echo "== $name: $*" >&2
  if ! "$@" >"$logs/$name.log" 2>&1; then
    echo "bench: $name failed:" >&2
    cat "$logs/$name.log" >&2
    return 1
  fi
  sed 's/^/   /' "$logs/$name.log" >&2
}

if [ "$quick" = 1 ]; then
  RUNS=1 SKIP_PLAY=1 run decode tools/bench-video.sh "$build"
  run idle tools/bench-idle.sh 10 3
  run start tools/bench-start.sh 5
  RUNS=2 run load tools/bench-load.sh 1000
  run report tools/bench-report.sh 2000
else
  SKIP_PLAY=1 run decode tools/bench-video.sh "$build"
  run idle tools/bench-idle.sh 30 5
  run start tools/bench-start.sh 20
  run load tools/bench-load.sh 1000
  run report tools/bench-report.sh 10000 || true  # prints OVER TARGET and exits 1 when slow: judged below
fi

python3 - "$(value decode decode_ratio)" "$(value decode ffmpeg_seconds)" "$(value decode ours_seconds)" \
  "$(value idle idle_cpu_percent)" "$(value idle seconds)" \
  "$(value start start_ms)" "$(value start version_ms)" "$(value start ratio)" \
  "$(value load ratio)" "$(value load load_seconds)" "$(value load parse_seconds)" \
  "$(value report report_worst_ms)" "$(value report report_best_ms)" "$(value report files)" \
  "$(value decode start_clock_ms)" "$(value decode start_preloaded_ms)" "$(value decode start_cold_motion_ms)" <<'PY'
import sys
(dec, ff, ours, idle, idle_s, start, ver, start_ratio, load, load_s, parse_s, rep_worst, rep_best, rep_n,
 v_clock, v_moving, v_cold) = sys.argv[1:]
rows = [
    ("decode 1080p: upstander-bench / ffmpeg", "%s (%s s / %s s)" % (dec, ours, ff), "<= 1.25", float(dec) <= 1.25),
    ("1080p clip on the keypress, preloaded", "clock %s ms, moving %s ms (cold %s)" % (v_clock, v_moving, v_cold),
     "< 100 ms", float(v_clock) < 100),
    ("idle CPU, title screen (xvfb)", "%s %% of a core over %s s" % (idle, idle_s), "< 2 %", float(idle) < 2.0),
    ("start to first frame / --version", "%s (%s ms / %s ms)" % (start_ratio, start, ver), "report", True),
    ("load 1,000 modules / json::parse", "%s (%.1f ms / %.1f ms)" % (load, float(load_s) * 1000, float(parse_s) * 1000),
     "<= 2", float(load) <= 2.0),
    ("report over %s sessions" % rep_n, "%.2f s (best %.2f s)" % (int(rep_worst) / 1000, int(rep_best) / 1000), "< 5 s",
     int(rep_worst) < 5000),
]
w = max(len(r[0]) for r in rows)
print()
print("| %-*s | %-44s | %-8s | %-4s |" % (w, "benchmark", "measured", "target", "ok"))
print("|%s|%s|%s|%s|" % ("-" * (w + 2), "-" * 46, "-" * 10, "-" * 6))
for name, measured, target, ok in rows:
    print("| %-*s | %-44s | %-8s | %-4s |" % (w, name, measured, target, "yes" if ok else "NO"))
sys.exit(0 if all(r[3] for r in rows) else 1)
PY
