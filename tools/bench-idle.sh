#!/usr/bin/env bash
# Idle CPU on the title screen (issues 2 and 8): the real kiosk, windowed (--no-kiosk --windowed), on an
# X server from xvfb-run, with the bundled content and fresh config/data folders (no resume prompt).
# After SETTLE seconds of start-up, utime+stime from /proc/PID/stat are read over SECONDS seconds
# (default 30) and printed as a percentage of one core. Target: under 2 %.
#   tools/bench-idle.sh [SECONDS] [SETTLE]    (BUILD_DIR=build by default; built if missing)
# Prints "idle_cpu_percent=P seconds=S ticks=T" last.
set -euo pipefail
cd "$(dirname "$0")/.."
secs=${1:-30}
settle=${2:-5}
build=${BUILD_DIR:-build}
exe=$build/bin/upstander
if [ "${BENCH_IDLE_INNER:-}" != 1 ]; then
  if [ ! -x "$exe" ]; then
    cmake -S . -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release >/dev/null
    cmake --build "$build" --target upstander
  fi
  command -v xvfb-run >/dev/null || { echo "bench-idle: xvfb-run is missing (apt-get install xvfb)" >&2; exit 1; }
  BENCH_IDLE_INNER=1 exec xvfb-run -a -s "-screen 0 1280x720x24 -nolisten tcp" "$0" "$secs" "$settle"
fi

work=$(mktemp -d)
pid=""
cleanup() {
  # Stop it outright (SIGTERM would also do, within the kiosk's next wake-up of up to 5 s).
  if [ -n "$pid" ]; then kill -KILL "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT
HOME=$work XDG_CONFIG_HOME=$work/config XDG_DATA_HOME=$work/data SDL_AUDIODRIVER=${SDL_AUDIODRIVER:-dummy} \
  "$exe" --no-kiosk --windowed 1280x720 >"$work/log" 2>&1 &
pid=$!
sleep "$settle"
kill -0 "$pid" 2>/dev/null || { echo "bench-idle: the kiosk exited during start-up:" >&2; cat "$work/log" >&2; exit 1; }
ticks() { awk '{print $14 + $15}' "/proc/$pid/stat"; }  # utime + stime, after the ")" of comm (no spaces in it)
hz=$(getconf CLK_TCK)
t0=$(ticks); s0=$(date +%s.%N)
sleep "$secs"
t1=$(ticks); s1=$(date +%s.%N)
threads=$(ls "/proc/$pid/task" | wc -l)
python3 -c "
t = ($t1 - $t0) / $hz
s = $s1 - $s0
print('idle on the title screen: %.2f s of CPU in %.1f s, %d threads' % (t, s, $threads))
print('idle_cpu_percent=%.2f seconds=%.1f ticks=%d' % (100 * t / s, s, $t1 - $t0))
"
