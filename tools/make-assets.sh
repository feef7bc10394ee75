#!/usr/bin/env bash
# Makes the app's own files in assets/ from their sources, and is re-run whenever a source changes (the
# outputs are committed, so building never needs these tools):
#   assets/icons/upstander.svg  ->  assets/icons/hicolor/<size>/upstander.png (16 to 512, rsvg-convert)
#                                    assets/icons/upstander.ico (16 to 256, icotool) for Windows
#   tools/make_chime.py          ->  assets/sounds/vote.wav (the soft vote confirmation chime)
#   Debian font packages         ->  assets/fonts/ (DejaVu Sans and OpenDyslexic with their licences), the
#                                    faces the kiosk falls back to where fontconfig finds none
# Needs librsvg2-bin, icoutils, python3, fonts-dejavu-core and fonts-opendyslexic (tools/install-deps.sh).
set -euo pipefail
cd "$(dirname "$0")/.."

for tool in rsvg-convert icotool python3; do
  command -v "$tool" >/dev/null || { echo "make-assets: $tool is missing: run tools/install-deps.sh" >&2; exit 1; }
done

svg=assets/icons/upstander.svg
sizes=(16 24 32 48 64 128 256 512)
for s in "${sizes[@]}"; do
  mkdir -p "assets/icons/hicolor/${s}"
  rsvg-convert --width "$s" --height "$s" --keep-aspect-ratio "$svg" -o "assets/icons/hicolor/${s}/upstander.png"
done
ico_inputs=()
for s in 16 24 32 48 64 128 256; do ico_inputs+=("assets/icons/hicolor/${s}/upstander.png"); done
# 256 px goes in as PNG (the Vista format); the small ones as classic bitmaps for old shells.
icotool --create --output=assets/icons/upstander.ico "${ico_inputs[@]:0:6}" --raw="${ico_inputs[6]}"

mkdir -p assets/sounds
python3 tools/make_chime.py assets/sounds/vote.wav

mkdir -p assets/fonts
copy_font() {  # source file, target name
  [ -f "$1" ] || { echo "make-assets: $1 is missing: install its Debian package (tools/install-deps.sh)" >&2; exit 1; }
  cp "$1" "assets/fonts/$2"
}
copy_font /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf DejaVuSans.ttf
copy_font /usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf DejaVuSans-Bold.ttf
copy_font /usr/share/fonts/opentype/opendyslexic/OpenDyslexic-Regular.otf OpenDyslexic-Regular.otf
copy_font /usr/share/fonts/opentype/opendyslexic/OpenDyslexic-Bold.otf OpenDyslexic-Bold.otf
copy_font /usr/share/doc/fonts-dejavu-core/copyright LICENSE-DejaVu.txt
copy_font /usr/share/doc/fonts-opendyslexic/copyright LICENSE-OpenDyslexic.txt
echo "make-assets: icons, vote sound and fonts written to assets/"
