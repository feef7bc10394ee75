#!/usr/bin/env bash
# Start-up benchmark: time from exec to the first frame of the title screen with the bundled
# content, against the same binary's `--version` (process start, dynamic linking, exit).
# `upstander --headless --size 1280x720` with no script loads the bundled packs, opens the window on
# SDL's dummy driver, lays out and renders the title screen once with the software renderer, and exits.
# Each is run RUNS times (default 20), alternating, with fresh config and data folders; the median is
# reported. The files are in the page cache after the first run (dropping caches would disturb
# everyone else on the machine), so this is a warm start; the first run is shown as well.
#   tools/bench-start.sh [RUNS]    (BUILD_DIR=build by default; built if missing)
# Prints "start_ms=M version_ms=V ratio=R first_start_ms=F" last.
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-20}
build=${BUILD_DIR:-build}
exe=$build/bin/upstander
if [ ! -x "$exe" ]; then
  cmake -S . -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release >/dev/null
  cmake --build "$build" --target upstander
fi
python3 - "$exe" "$runs" <<'PY'
import os, statistics, subprocess, sys, tempfile, time
exe, runs = sys.argv[1], int(sys.argv[2])

def timed(args):
    with tempfile.TemporaryDirectory() as home:
        env = dict(os.environ, HOME=home, XDG_CONFIG_HOME=home + "/config", XDG_DATA_HOME=home + "/data")
        t = time.perf_counter()
        r = subprocess.run([exe] + args, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        ms = (time.perf_counter() - t) * 1000
        if r.returncode != 0:
            sys.exit("bench-start: %s %s failed: %s" % (exe, " ".join(args), r.stderr.decode()[-400:]))
        return ms

start, version = [], []
for _ in range(runs):
    start.append(timed(["--headless", "--size", "1280x720"]))
    version.append(timed(["--version"]))
s, v = statistics.median(start), statistics.median(version)
print("first frame of the title screen (headless, bundled content): median %.1f ms (min %.1f, max %.1f, first run %.1f)"
      % (s, min(start), max(start), start[0]))
print("--version: median %.1f ms (min %.1f, max %.1f)" % (v, min(version), max(version)))
print("start_ms=%.1f version_ms=%.1f ratio=%.1f first_start_ms=%.1f" % (s, v, s / v, start[0]))
PY
