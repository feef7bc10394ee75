#!/usr/bin/env bash
# Installs dependencies, builds Release into build/, and launches the kiosk fullscreen on the
# bundled content. Extra arguments go to the kiosk (try: tools/run.sh --no-kiosk --windowed 1280x720).
set -euo pipefail
cd "$(dirname "$0")/.."
tools/install-deps.sh
cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build build -j"$(nproc)"
exec build/bin/upstander "$@"
