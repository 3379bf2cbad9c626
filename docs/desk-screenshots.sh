#!/bin/bash
# Takes the staff desk's screenshots from the real window, by keyboard and
# clicks, into docs/screenshots/: run inside a virtual display with the app
# binary, e.g.
#   xvfb-run -a -s "-screen 0 1280x800x24" docs/desk-screenshots.sh ./showroom
# The demo runs its own portal, so the status bar is online; the demo's
# administrator signs in with the demo PIN (see the README). The same seed
# gives the same people, cars and orders every time, so the VINs and order
# numbers below are the demo's own.
set -eu
bin=$1
out=${OUT:-$(cd "$(dirname "$0")" && pwd)/screenshots}
mkdir -p "$out"
data=$(mktemp -d)
pid=
trap 'kill $pid 2>/dev/null; rm -rf "$data"' EXIT

LANG=ru_RU.UTF-8 "$bin" --demo --data "$data" >"$data/log" 2>&1 & pid=$!
for _ in $(seq 150); do
	xdotool search --onlyvisible --name 'Showroom' >/dev/null 2>&1 && break
	sleep 0.2
done
sleep 8 # the first sync brings the staff, and the demo PIN with them

shot() { sleep 1; import -window root "$out/desk-$1.png"; }
click() { xdotool mousemove "$1" "$2" click 1; sleep 0.5; }
typ() { LC_ALL=C.UTF-8 xdotool type --delay 120 "$1"; sleep 0.4; }
key() { xdotool key "$@"; sleep 0.5; }

showcase=VF1LZBR0542606589 # the demo's showcase car, with a recall
registry=X7L4SRHH1R7044725  # a Logan of the factory registry in nobody's garage
ordered=0061225869357       # a showcase order: at the dealer two days, the customer not told yet

shot 01-signin
click 640 307 # who: the list of the dealer's staff
click 560 459 # Марат Рыбаков — Администратор
click 620 346
typ 246810
key Return
sleep 1

typ 'isaev' # the e-mail addresses of the Isaevs
key Down
shot 02-search

# Registration by staff: no VIN at first, so the programme's prompt; the
# customer has no car yet and registers without one. The form takes a
# moment to open: letters typed before it has the cursor are lost.
key ctrl+1
sleep 1
typ 'Сидоров'
key Tab
typ 'Пётр'
key Tab
typ 'petr.sidorov@example.ru'
key Return
shot 03-register-vin-prompt
key Tab Tab  # past the engine number to the consent
key space    # the customer's consent
key shift+Tab shift+Tab
key Return   # without a VIN this time
sleep 5      # saved and opened; the handover below hands the car to him

# The handover wizard: a car from the factory registry, nobody's yet, for
# the first customer the search finds, with an engine number that is not
# the one the registry knows (the wizard fills that one in).
key ctrl+2
typ "$registry"
shot 27-handover-order
key Return
typ 'sidorov' # found by the e-mail address
sleep 1
shot 04-handover-customer
key Tab   # the customer found
key space
key ctrl+a # the registry's engine number is filled in; type the one on the car
typ 'K7MA812R000001'
shot 05-handover-vin
key Return
shot 06-handover-record
key space # the cursor is on «retail sale»: recorded
sleep 1
shot 07-handover-done

key ctrl+3
shot 08-arrivals

key ctrl+4
typ "$showcase"
key Return
shot 09-service

# The portal refused the car the handover added: its engine number is not
# the registry's. The change is listed with the reason, to be sent again
# or discarded.
sleep 8
key ctrl+5
shot 10-attention
click 440 260 # «Исправить»: the car's VIN and engine number, the cursor at the refused one
shot 11-attention-fix

# The showcase customer's whole cabinet, section by section (Alt+1…8),
# from the search box where the desk keeps the cursor.
click 200 20
key ctrl+a
typ "$showcase"
sleep 1
key Down
key Return
sleep 2
n=12
for section in home profile garage preferences notifications service offers messages; do
	key "alt+$((n - 11))"
	shot "$n-cabinet-$section"
	n=$((n + 1))
done
cp "$out/desk-12-cabinet-home.png" "$(dirname "$out")/staff.png"

# A coupon from «Мои предложения»: the print flow, the cursor on its
# button; without a printing service the PDF is only saved.
key alt+7
click 668 208 # the first offer's «Печать купона»
shot 20-print-coupon
key space
sleep 2
shot 21-print-saved
code=$(ls "$data/printed" | sed -n 's/^coupon-\(.*\)\.pdf$/\1/p' | head -n 1)

# The service desk's coupon redemption, the code typed as a scanner would.
click 200 619 # «Погасить купон»
typ "$code"
key Return
sleep 1
shot 22-coupon-check

# The registration goal's reports, and the device's settings.
click 200 659 # «Цель по регистрациям»
sleep 3
shot 23-reports
# Below the fold of 23: the region's ranking and the past quarters, the
# report scrolled to its end with the wheel over it.
sleep 2 # the ranking comes from the portal after the local count
xdotool mousemove 830 600
for _ in $(seq 60); do xdotool click 5; sleep 0.05; done
shot 23b-reports-ranking
click 1215 777 # «Настройки»
sleep 2
shot 24-settings

# Back in the garage: the car's detail card with its equipment, then a
# car added by VIN and engine number, with the programme's warning.
click 200 20
key ctrl+a
typ "$showcase"
sleep 1
key Down
key Return
sleep 2
key alt+3
click 697 281 # «> Добавить автомобиль»
typ X7L4SRHH4TH925449
shot 26-cabinet-garage-add
click 655 235 # the car's «Подробнее», above the form
shot 25-cabinet-car-detail

# Order tracking: the customer of an order found by its number, the
# garage scrolled down to the timeline of the four statuses with their
# dates, and when the customer will see the arrival.
click 200 20
key ctrl+a
typ "$ordered"
sleep 1
key Down
key Return
sleep 2
key alt+3
xdotool mousemove 900 500
for _ in $(seq 20); do xdotool click 5; done
shot 28-cabinet-order-tracking
