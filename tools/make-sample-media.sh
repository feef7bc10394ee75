#!/usr/bin/env bash
# Generates the bundled packs' sample clips from their specs: for every media/<name>.clip.json under the
# given folders (default: content/packs), writes <name>.mp4 (H.264/AAC, title card, espeak-ng narration)
# and <name>.vtt (captions matching the narration). Up-to-date outputs are skipped; --force remakes them.
# Spec: {"title": "...", "subtitle": "...", "narration": ["sentence", ...], "size": "1280x720"}
set -euo pipefail
cd "$(dirname "$0")/.."
exec python3 tools/make_sample_media.py "$@"
