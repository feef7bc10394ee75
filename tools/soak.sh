#!/usr/bin/env bash
# Soak test: the kiosk runs headless through a whole workshop LOOPS times in one process, with
# every video step played briefly and votes cast on every poll, at an accelerated pace (vote cooldown
# 250 ms from a config file, short waits). The script comes from tools/soak_script.py, which reads the
# workshop's real steps; each loop starts on the title screen and ends the session (Escape, Y), so
# one process runs every loop (--workshop starts only one session per process, so it is not used).
# RSS (/proc/PID/status VmRSS) and open file descriptors (/proc/PID/fd) are sampled every second.
# After warm-up (the first 10 % of samples) neither may grow by 5 % or more: the median of the last
# 10 % of samples is compared with the median of the 10 % right after warm-up. Every loop must
# also leave a finished session file holding every vote cast. Prints a summary; exits 1 on failure.
#
#   tools/soak.sh [--loops N] [--workshop ID] [--build DIR] [--asan] [--size WxH] [--keep]
#     --loops N      default 100
#     --workshop ID  default school-60 when content/packs/step-up has it, else demo-tour
#     --build DIR    default build (build-asan with --asan); built if the kiosk is missing
#     --asan         run the ASan+UBSan+LSan build: leaks are reported by LSan when the process exits;
#                    the growth figures are printed but not enforced (ASan's quarantine holds freed memory)
#     --keep         keep the work folder (script, samples.csv, session files)
#     --no-growth-check  print the growth figures without enforcing them (for the 3-loop ctest version,
#                    tests/tools/soak_short.cmake: a few loops are mostly warm-up)
set -euo pipefail
cd "$(dirname "$0")/.."
loops=100
workshop=""
build=""
asan=0
size=1280x720
keep=0
growth_check=1
while [ $# -gt 0 ]; do
  case "$1" in
    --loops) loops=$2; shift 2 ;;
    --workshop) workshop=$2; shift 2 ;;
    --build) build=$2; shift 2 ;;
    --asan) asan=1; shift ;;
    --size) size=$2; shift 2 ;;
    --keep) keep=1; shift ;;
    --no-growth-check) growth_check=0; shift ;;
    -h|--help) sed -n '2,22p' "$0"; exit 0 ;;
    *) echo "soak.sh: unknown option $1" >&2; exit 2 ;;
  esac
done
if [ -z "$workshop" ]; then
  if grep -qs '"school-60"' content/packs/step-up/pack.json; then workshop=school-60; else workshop=demo-tour; fi
fi
if [ -z "$build" ]; then
  if [ "$asan" = 1 ]; then build=build-asan; else build=build; fi
fi
exe=$build/bin/upstander
if [ ! -x "$exe" ]; then
  if [ "$asan" = 1 ]; then
    cmake -S . -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Debug -DUPSTANDER_SANITIZE=ON >/dev/null
  else
    cmake -S . -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release >/dev/null
  fi
  cmake --build "$build" --target upstander
fi

work=$(mktemp -d "${TMPDIR:-/tmp}/upstander-soak.XXXXXX")
pid=""
cleanup() {
  if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then kill "$pid"; fi
  if [ "$keep" = 1 ]; then echo "soak: work folder kept: $work"; else rm -rf "$work"; fi
}
trap cleanup EXIT
mkdir -p "$work/data" "$work/shots" "$work/home"
echo '{"vote_cooldown_ms": 250}' >"$work/config.json"
python3 tools/soak_script.py --content content/packs --workshop "$workshop" --loops "$loops" >"$work/soak.script"
# Only the packs this workshop needs, so that its card is on the title screen to be clicked.
content_args=()
while read -r d; do content_args+=(--content "$d"); done < <(python3 tools/soak_script.py --content content/packs --workshop "$workshop" --print-packs)
echo "soak: $loops loops of $workshop ($(head -1 "$work/soak.script" | sed 's/.*(\(.*\))/\1/')), $exe"

if [ "$asan" = 1 ]; then
  export ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
  export LSAN_OPTIONS=suppressions=$PWD/tests/lsan.supp
fi
start=$(date +%s.%N)
HOME=$work/home XDG_CONFIG_HOME=$work/home/config XDG_DATA_HOME=$work/home/data \
  "$exe" --headless --size "$size" --no-bundled-content "${content_args[@]}" \
  --config "$work/config.json" --data-dir "$work/data" \
  --group "Soak test" --format group --audience under-18 --headcount 30 \
  --script "$work/soak.script" --screenshot-dir "$work/shots" >"$work/kiosk.log" 2>&1 &
pid=$!
echo "seconds,rss_kib,fds" >"$work/samples.csv"
while kill -0 "$pid" 2>/dev/null; do
  rss=$(awk '/^VmRSS:/ {print $2}' "/proc/$pid/status" 2>/dev/null || true)
  fds=$(ls "/proc/$pid/fd" 2>/dev/null | wc -l)
  now=$(date +%s.%N)
  [ -n "$rss" ] && awk -v a="$now" -v b="$start" -v r="$rss" -v f="$fds" 'BEGIN {printf "%.1f,%s,%s\n", a - b, r, f}' >>"$work/samples.csv"
  sleep 1
done
set +e
wait "$pid"
rc=$?
set -e
pid=""
elapsed=$(awk -v a="$(date +%s.%N)" -v b="$start" 'BEGIN {printf "%.1f", a - b}')

python3 - "$work" "$loops" "$rc" "$elapsed" "$asan" "$growth_check" <<'PY'
import csv, glob, json, statistics, sys
work, loops, rc, elapsed = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), float(sys.argv[4])
enforce = sys.argv[5] != "1" and sys.argv[6] == "1"
rows = [(float(r["seconds"]), int(r["rss_kib"]), int(r["fds"])) for r in csv.DictReader(open(work + "/samples.csv"))]
ok = True
print("soak: exit status %d after %.0f s (%.1f s per loop), %d samples" % (rc, elapsed, elapsed / loops, len(rows)))
if rc != 0:
    ok = False
    print("soak: FAILED: the kiosk exited with status %d; its output:" % rc)
    print("".join(open(work + "/kiosk.log").readlines()[-40:]))
# Every loop left a finished session file with every vote.
files = sorted(glob.glob(work + "/data/*.json"))
finished = votes = short = 0
for f in files:
    s = json.load(open(f))
    if s.get("status") == "finished":
        finished += 1
    votes += sum(p["total"] for p in s.get("polls", []))
    short += sum(1 for p in s.get("polls", []) if p["total"] != 5)  # the script casts 5 on every poll
print("soak: %d session files, %d finished, %d votes on disk, %d polls without their 5 votes" % (len(files), finished, votes, short))
if rc == 0 and (finished != loops or short):
    ok = False
    print("soak: FAILED: expected %d finished sessions with 5 votes on every poll" % loops)
if len(rows) >= 10:
    n = len(rows)
    warm = max(1, n // 10)
    win = max(3, n // 10)
    after = rows[warm:warm + win]
    last = rows[-win:]
    for name, col, unit in (("RSS", 1, "KiB"), ("open fds", 2, "")):
        base = statistics.median(r[col] for r in after)
        end = statistics.median(r[col] for r in last)
        peak = max(r[col] for r in rows[warm:])
        growth = 100.0 * (end - base) / base if base else 0.0
        verdict = "ok" if growth < 5.0 else "TOO MUCH"
        print("soak: %-8s after warm-up %8.0f %s, at the end %8.0f %s, peak %8.0f %s, growth %+.2f %% (limit 5 %%) %s"
              % (name, base, unit, end, unit, peak, unit, growth, verdict))
        if growth >= 5.0 and enforce:
            ok = False
    if not enforce:
        print("soak: (growth shown for information only: %s)" % ("ASan build; LSan checks for leaks at exit"
                                                               if sys.argv[5] == "1" else "--no-growth-check"))
else:
    print("soak: too few samples (%d) to judge growth; run more loops" % len(rows))
print("soak: %s" % ("PASSED" if ok else "FAILED"))
sys.exit(0 if ok else 1)
PY
