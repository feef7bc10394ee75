#!/usr/bin/env bash
# Runs a Windows executable of the cross build under Wine: wine-run.sh PREFIX PROGRAM.exe [ARGS...]
# PREFIX is tools/build-windows.sh's dependency folder (~/.cache/upstander-win64/<key>). Wine gets its
# own prefix beside it, no debug chatter, and the DLL folders on WINEPATH: the dependencies' DLLs and
# the MinGW runtime (libstdc++, libgcc_s, winpthread).
set -euo pipefail
prefix=$1; shift
cache=$(dirname "$prefix")
export WINEPREFIX="$cache/wineprefix" WINEDEBUG=-all WINEDLLOVERRIDES="mscoree,mshtml="
export WINEPATH="Z:$prefix/bin;Z:/usr/lib/gcc/x86_64-w64-mingw32/12-posix;Z:/usr/x86_64-w64-mingw32/lib"
if [ ! -f "$WINEPREFIX/system.reg" ]; then
  mkdir -p "$WINEPREFIX"
  /usr/lib/wine/wine64 wineboot --init >/dev/null 2>&1 || true
  /usr/lib/wine/wineserver -w || true
fi
exec /usr/lib/wine/wine64 "$@"
