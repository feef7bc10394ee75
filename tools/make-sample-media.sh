#!/usr/bin/env bash
# Makes the packs' sample clips from their descriptions: for every media/<name>.clip.json under the given
# folders (default: content/packs), writes <name>.mp4 (H.264, no sound: calm text cards that fade in and
# out, no narration, no timecode) and <name>.vtt (captions matching the cards). Up-to-date outputs are
# skipped; --force remakes them.
# Description: {"title": "...", "sample": true, "cards": [{"text": "...", "caption": "...", "seconds": 5}]}
set -euo pipefail
cd "$(dirname "$0")/.."
exec python3 tools/make_sample_media.py "$@"
