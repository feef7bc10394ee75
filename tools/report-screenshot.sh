#!/usr/bin/env bash
# Renders an HTML impact report in headless Chromium and writes a PNG screenshot (A4 at 150 dpi:
# 1240x1754 pixels by default), so the layout can be checked by eye or in a test.
#   tools/report-screenshot.sh REPORT.html OUT.png [WIDTHxHEIGHT]
# Exit codes: 0 written, 1 Chromium failed or wrote nothing, 2 usage error, 77 Chromium not installed.
set -euo pipefail
if [ $# -lt 2 ] || [ $# -gt 3 ]; then
  echo "usage: $0 REPORT.html OUT.png [WIDTHxHEIGHT]" >&2
  exit 2
fi
html=$1
out=$2
size=${3:-1240x1754}
[ -f "$html" ] || { echo "$0: $html not found" >&2; exit 2; }
browser=""
for b in chromium chromium-browser google-chrome; do
  if command -v "$b" >/dev/null 2>&1; then browser=$b; break; fi
done
[ -n "$browser" ] || { echo "$0: chromium is not installed (apt-get install chromium)" >&2; exit 77; }
profile=$(mktemp -d)
trap 'rm -rf "$profile"' EXIT
abs=$(cd "$(dirname "$html")" && pwd)/$(basename "$html")
mkdir -p "$(dirname "$out")"
rm -f "$out"
out_abs=$(cd "$(dirname "$out")" && pwd)/$(basename "$out")
# No network and no background services: the report must render from the file alone.
timeout 120 "$browser" --headless --no-sandbox --disable-gpu --disable-background-networking \
  --disable-component-update --disable-sync --no-first-run --hide-scrollbars \
  --user-data-dir="$profile" --screenshot="$out_abs" --window-size="${size/x/,}" "file://$abs" \
  >"$profile/chromium.log" 2>&1 || { cat "$profile/chromium.log" >&2; exit 1; }
if [ ! -s "$out_abs" ]; then
  echo "$0: chromium wrote no screenshot" >&2
  cat "$profile/chromium.log" >&2
  exit 1
fi
echo "$out_abs"
