#!/bin/sh
# Retakes the README's screenshots: run by `make screenshots` inside a
# virtual display, with the app binary as the only argument.
set -eu
bin=$1
out=$(dirname "$0")
data=$(mktemp -d)
trap 'kill $pid 2>/dev/null || true; rm -rf "$data"' EXIT

# The staff window with demo data, a customer found and opened.
"$bin" --demo --data "$data" & pid=$!
win=$(xdotool search --sync --onlyvisible --name 'Showroom' | head -n 1)
xdotool windowsize "$win" 1400 860 windowmove "$win" 0 0
sleep 2
xdotool windowactivate --sync "$win" 2>/dev/null || true
xdotool type --delay 80 'Игнат'
sleep 2
xdotool key Return
sleep 2
import -window "$win" "$out/staff.png"
kill $pid; wait $pid 2>/dev/null || true

# The kiosk's attract screen.
"$bin" --data "$data" --kiosk & pid=$!
win=$(xdotool search --sync --onlyvisible --name 'Showroom' | head -n 1)
sleep 3
import -window root -resize 1280x800 "$out/kiosk.png"
