#!/bin/sh
# Retakes the README's screenshots: run by `make screenshots` inside a
# virtual display, with the app binary as the only argument.
set -u
bin=$1
out=$(dirname "$0")
data=$(mktemp -d)
pid=
trap 'kill $pid 2>/dev/null; rm -rf "$data"' EXIT

window() { # waits for the app's window and prints its id
	for _ in $(seq 100); do
		w=$(xdotool search --onlyvisible --name 'Showroom' 2>/dev/null | head -n 1)
		[ -n "$w" ] && { echo "$w"; return 0; }
		sleep 0.2
	done
	echo "the window did not appear" >&2
	return 1
}

# The demo's data folder, filled and enrolled by the staff window's first
# start (docs/staff.png itself comes from docs/desk-screenshots.sh).
"$bin" --demo --data "$data" & pid=$!
window >/dev/null || exit 1
sleep 2
kill $pid; wait $pid 2>/dev/null

# The kiosk's attract screen, full screen.
"$bin" --data "$data" --kiosk & pid=$!
window >/dev/null || exit 1
sleep 3
import -window root -resize 1280x800 "$out/kiosk.png"
kill $pid; wait $pid 2>/dev/null

# The printed documents, as their first pages at 150 dpi: a coupon and the
# Welcome Pack of the demo's showcase customer (the demo enrolled the
# device, so coupons are signed with its key).
"$bin" print coupon --offer KS200 --vin VF1LZBR0542606589 --data "$data" --out "$data/coupon.pdf" &&
	pdftoppm -r 150 -png -singlefile "$data/coupon.pdf" "$out/coupon"
"$bin" print welcome-pack --customer 108589293 --portal https://portal.example.ru --data "$data" \
	--out "$data/welcome-pack.pdf" &&
	pdftoppm -r 150 -png -singlefile "$data/welcome-pack.pdf" "$out/welcome-pack"
