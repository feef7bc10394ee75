#!/bin/sh
# Edits a copied pack while the kiosk runs with --watch: a good edit, a broken edit, then a fix.
f="$1/modules/what-is-hate-crime.json"
sleep 4
sed -i '0,/"heading": "What is a hate crime?"/s//"heading": "EDITED HEADING"/' "$f"
sleep 4
cp "$f" "$f.good"
printf '{ "broken": ' > "$f"
sleep 4
sed 's/EDITED HEADING/FIXED HEADING/' "$f.good" > "$f"
rm -f "$f.good"
