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
# The test scripts' XDG folders as the Windows ones (only for the bin/<name> test wrappers).
if [ "${UPSTANDER_WINE_MAP_XDG:-}" = 1 ]; then
  # (Wine sets %APPDATA% and %LOCALAPPDATA% itself: Upstander's own overrides are used instead.)
  [ -n "${XDG_CONFIG_HOME:-}" ] && export UPSTANDER_CONFIG_DIR="Z:$XDG_CONFIG_HOME/upstander"
  [ -n "${XDG_DATA_HOME:-}" ] && export UPSTANDER_DATA_DIR="Z:$XDG_DATA_HOME/upstander"
  [ -n "${HOME:-}" ] && export USERPROFILE="Z:$HOME"
fi
if [ ! -f "$WINEPREFIX/system.reg" ]; then
  mkdir -p "$WINEPREFIX"
  /usr/lib/wine/wine64 wineboot --init >/dev/null 2>&1 || true
  /usr/lib/wine/wineserver -w || true
fi
exec /usr/lib/wine/wine64 "$@"
