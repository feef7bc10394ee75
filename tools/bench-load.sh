#!/usr/bin/env bash
# Pack-loading benchmark: generates a pack of N modules (default 1,000) from the demo pack's
# modules (every step type, with media references, pre/post polls and scenario choices; ids, poll ids
# and measures renamed per copy) in 10 workshops, then runs `upstander-bench load` on it, which times
# the real loader (load_library: validation, positions, path checks) against reading and
# nlohmann::json::parse() of the same files in the same run. Target: ratio at most 2.
#   tools/bench-load.sh [N]     (BUILD_DIR=build by default; built if missing)
set -euo pipefail
cd "$(dirname "$0")/.."
n=${1:-1000}
build=${BUILD_DIR:-build}
exe=$build/bin/upstander-bench
if [ ! -x "$exe" ]; then
  cmake -S . -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release >/dev/null
  cmake --build "$build" --target upstander-bench
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
python3 - content/packs/demo "$work/bench-pack" "$n" <<'PY'
import json, os, re, shutil, sys
src, out, n = sys.argv[1], sys.argv[2], int(sys.argv[3])
names = sorted(f for f in os.listdir(os.path.join(src, "modules")) if f.endswith(".json"))
order = ["welcome", "what-is-hate-crime", "stephen-lawrence", "group-chat", "wrap-up"]
modules = {json.load(open(os.path.join(src, "modules", f)))["id"]: open(os.path.join(src, "modules", f)).read() for f in names}
os.makedirs(os.path.join(out, "modules"))
shutil.copytree(os.path.join(src, "media"), os.path.join(out, "media"))
ids = []
for i in range(n):
    base = order[i % len(order)]
    group = i // len(order)
    m = json.loads(modules[base])
    m.pop("$schema", None)
    m["id"] = "%s-%04d" % (base, i)
    m["title"] = "%s (copy %d)" % (m["title"], i)
    for s in m["steps"]:
        if "id" in s:
            s["id"] = "%s-%04d" % (s["id"], i)
        if s.get("measure"):
            s["measure"] = "%s-%03d" % (s["measure"], group)
    with open(os.path.join(out, "modules", m["id"] + ".json"), "w") as f:
        json.dump(m, f, indent=2, ensure_ascii=False)
    ids.append(m["id"])
pack = json.load(open(os.path.join(src, "pack.json")))
pack.pop("$schema", None)
pack["id"] = "bench"
pack["title"] = "Benchmark pack (%d modules)" % n
per = max(1, min(100, n // 10))
pack["workshops"] = [{"id": "bench-%02d" % w, "title": "Benchmark workshop %d" % w, "duration_minutes": 60,
                      "audience": "under-18", "modules": ids[w * per:(w + 1) * per]}
                     for w in range(min(10, n // per))]
with open(os.path.join(out, "pack.json"), "w") as f:
    json.dump(pack, f, indent=2, ensure_ascii=False)
PY
bytes=$(du -sb "$work/bench-pack/modules" | cut -f1)
echo "Generated pack: $n modules, $((bytes / 1024)) KiB of module JSON"
"$exe" load "$work/bench-pack" --runs "${RUNS:-5}"
