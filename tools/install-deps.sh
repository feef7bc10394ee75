#!/usr/bin/env bash
# Installs every build, run and test dependency of Upstander from Debian 12 packages.
# Idempotent: when every package is already installed it changes nothing and makes no network call.
set -euo pipefail

PACKAGES=(
  # build
  build-essential cmake ninja-build pkg-config git
  # libraries
  libsdl2-dev libimgui-dev libstb-dev libfreetype-dev libfontconfig-dev
  libavformat-dev libavcodec-dev libavutil-dev libswresample-dev libswscale-dev
  nlohmann-json3-dev libcli11-dev catch2 libsodium-dev
  # fonts: a Latin/extended-Latin TrueType family and the dyslexia-friendly option
  fonts-dejavu-core fonts-dejavu-extra fonts-opendyslexic fontconfig
  # sample media and media tests
  ffmpeg espeak-ng
  # answer cards: camera input, AprilTag markers, printing the cards (and rendering their PDF in checks)
  libavdevice-dev libapriltag-dev libcairo2-dev poppler-utils
  # app assets (tools/make-assets.sh): the icon PNGs and the Windows .ico from the SVG
  librsvg2-bin icoutils
  # packaging checks: the .deb (dpkg-shlibdeps, lintian) and the desktop entry and AppStream metainfo
  dpkg-dev file lintian desktop-file-utils appstream
  # tests: headless X for window checks, JSON Schema validation, HTML report screenshots
  xvfb xauth python3 python3-jsonschema chromium
  # fuzzing and sanitizers
  clang libclang-rt-14-dev
)

missing=()
for p in "${PACKAGES[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done

if [ ${#missing[@]} -eq 0 ]; then
  echo "install-deps: all ${#PACKAGES[@]} packages already installed"
  exit 0
fi

echo "install-deps: installing ${missing[*]}"
SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
