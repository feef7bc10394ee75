#!/usr/bin/env bash
# Builds Upstander (Release) and its Debian package: writes build-deb/upstander_<version>_amd64.deb.
# Install it with `sudo apt install ./build-deb/upstander_*.deb` (apt fetches the runtime libraries and
# fonts it depends on). Extra arguments go to cmake's configure step; JOBS=N limits parallel compile jobs.
set -euo pipefail
cd "$(dirname "$0")/.."
tools/install-deps.sh
cmake -S . -B build-deb -G Ninja -DCMAKE_BUILD_TYPE=Release -DBUILD_TESTING=OFF "$@"
cmake --build build-deb --parallel "${JOBS:-$(nproc)}"
(cd build-deb && cpack -G DEB)
ls -l build-deb/upstander_*_amd64.deb
