#!/bin/bash
# Takes the kiosk's screenshots from the real window, by touch and typing,
# into docs/screenshots/: run inside a virtual display of the given size
# with the app binary, e.g. by `make kiosk-screenshots`:
#   xvfb-run -a -s "-screen 0 1280x800x24" docs/kiosk-screenshots.sh ./showroom 1280x800
# Every screen is reached the way a customer reaches it; the places to
# touch are worked out from the screen's size, as the kiosk lays them out.
set -eu
# Bash counts and cuts the Cyrillic names below by characters only in a
# UTF-8 locale, and make's ru_RU.UTF-8 may not be installed: byte by byte,
# a name would be dozens of taps all over the screen. C.UTF-8 always is;
# the app gets its own LANG.
LC_ALL=C.UTF-8
export -n LC_ALL
bin=$1
size=$2
W=${size%x*}
H=${size#*x}
out=$(cd "$(dirname "$0")" && pwd)/screenshots
mkdir -p "$out"
data=$(mktemp -d)
pid=
trap 'kill $pid 2>/dev/null; rm -rf "$data"' EXIT

start() { # starts the kiosk and waits for its window
	LANG=ru_RU.UTF-8 "$bin" --kiosk --data "$data" "$@" >"$data/log" 2>&1 & pid=$!
	for _ in $(seq 150); do
		xdotool search --onlyvisible --name 'Showroom' >/dev/null 2>&1 && { sleep 3; return 0; }
		sleep 0.2
	done
	echo "the kiosk window did not appear" >&2
	exit 1
}
shot() { sleep 0.8; import -window root "$out/kiosk-$1-$size.png"; }
tap() { xdotool mousemove "$1" "$2" click 1; sleep 0.4; }
# heading is a checksum of the top bar, where every screen but the welcome
# screen names itself.
heading() { import -window root -crop "$((W - 240))x60+120+4" +repage rgb:- | md5sum; }
# tapto taps what leads to another screen and waits until that shows. A
# tap that misses (a button that moved) stops the script rather than leave
# the wrong screens behind under the right names.
tapto() {
	local before
	before=$(heading)
	tap "$1" "$2"
	for _ in $(seq 25); do
		[ "$(heading)" != "$before" ] && { sleep 0.3; return 0; }
		sleep 0.2
	done
	echo "the tap at $1,$2 did not change the screen" >&2
	exit 1
}
typ() { xdotool type --delay 60 "$1"; sleep 0.3; }

# ru types Russian on the kiosk's own ЙЦУКЕН keyboard, tap by tap, as a
# customer does (the virtual display has no Russian layout to type with).
# Keys are 72 units wide with 5.6 between them; rows are centred in the
# room the buttons beside the keyboard leave.
rows=(йцукенгшщзхъ фывапролджэ ячсмитьбюё)
ru() {
	local s=$1 i c l r j x y x0
	x0=$(((W * 10 - 2856 - 9644) / 20))
	for ((i = 0; i < ${#s}; i++)); do
		c=${s:i:1}
		l=${c,,}
		if [ "$c" != "$l" ]; then # ⇧ for a capital
			tap $((x0 + 55)) $((H - 31 - 62))
		fi
		for r in 0 1 2; do
			for ((j = 0; j < ${#rows[r]}; j++)); do
				[ "${rows[r]:j:1}" = "$l" ] || continue
				case $r in
				0) x=$((x0 + 19 + 36 + j * 776 / 10)) ;;
				1) x=$((x0 + 58 + 36 + j * 776 / 10)) ;;
				2) x=$((x0 + 116 + 36 + j * 776 / 10)) ;;
				esac
				y=$((H - 31 - (3 - r) * 62))
				xdotool mousemove "$x" "$y" click 1
				sleep 0.15
			done
		done
	done
}

# pin types digits on the PIN pad, tap by tap, as staff do: three keys a
# row, centred in the same room as the letters; under them «+ 0 ⌫», the
# backspace two keys wide, so that 0 sits left of the middle.
pin() {
	local s=$1 i d x y c
	c=$(((W * 10 - 2856) / 20))
	for ((i = 0; i < ${#s}; i++)); do
		d=${s:i:1}
		if [ "$d" = 0 ]; then
			x=$((c - 388 / 10)) y=$((H - 32))
		else
			x=$((c + ((d - 1) % 3 - 1) * 776 / 10)) y=$((H - 32 - (3 - (d - 1) / 3) * 616 / 10))
		fi
		xdotool mousemove "$x" "$y" click 1
		sleep 0.15
	done
}

# Where things are: the three columns of a form, its two rows of fields,
# the buttons beside the keyboard, the centred buttons of the welcome
# screen and of a screen without a keyboard.
c1=$((W / 6)); c2=$((W / 2)); c3=$((W * 5 / 6))
row1=184; row2=340
hinted=232 # the first row of a form under a line of help
side=$((W - 140)); next=$((H - 279)); back=$((H - 197))
pinback=$((H - 126)) # «Отмена» beside the shorter keyboard of digits
mid=$(((100 + H) / 2))
bottom=$((H - 42)); left=$((W / 2 - 152)); right=$((W / 2 + 152))

start --demo
shot 01-welcome
tapto "$c2" $((mid - 50)) # Зарегистрироваться
ru 'Игнатьева'
tap "$c2" "$row1"; ru 'Полина'
tap "$c2" "$row2"; typ 'VF1LZBR05426O6589'
tap "$c1" "$row2"; typ '+7 916 123-45-67'
tap "$c3" "$row1"; typ 'polina.i@gmail.con'
shot 02-register-check
tap "$c3" $((row1 + 60)) # the e-mail hint
tap "$c2" "$row2"; xdotool key ctrl+a; typ 'VF1LZBR0542606589'
shot 03-register-filled
tapto "$side" "$next" # Далее
shot 04-consent
tapto "$right" "$bottom" # Согласен
shot 05-preferences
tap "$c2" 204 # SMS
tapto "$right" "$bottom" # Зарегистрироваться
shot 06-congratulations
tapto "$c2" "$bottom" # Готово
tap $((W - 52)) 38 # English
shot 07-welcome-english
tap $((W - 52)) 38 # Русский

# Welcome Pack: the demo's customer 108589293 and the VIN of her car.
tapto "$c2" $((mid + 48))
typ '108589293'
tap $((W * 3 / 4)) "$hinted"; typ 'VF1LZBR0542606589'
shot 08-welcome-pack
tapto "$side" "$next" # Войти
shot 09-welcome-pack-email
typ 'p.ignatieva@yandex.ru'
tapto "$side" "$next"
tapto "$right" "$bottom" # Согласен
tapto "$right" "$bottom" # Активировать
tapto "$c2" "$bottom" # Готово

# Where is my car: an order of the demo's dealer.
tapto "$c2" $((mid + 146))
typ '0061225869357'
tap $((W * 3 / 4)) "$hinted"; ru 'Юдина'
tap "$side" "$next" # Показать
sleep 1
shot 10-where-is-my-car
tapto "$side" "$bottom" # Назад, at the bottom: the answer took the keyboard's room

# The staff exit: 3 s in the top left corner, then a PIN of six digits
# on the pad, masked, «Выйти» ready to tap; staff think better of it.
before=$(heading)
xdotool mousemove 40 30 mousedown 1; sleep 3.3; xdotool mouseup 1
for _ in $(seq 25); do [ "$(heading)" != "$before" ] && break; sleep 0.2; done
sleep 0.3
pin '135790'
shot 11-staff-exit
tapto "$side" "$pinback" # Отмена

# A customer starts a registration and walks away: the warning after 90 s.
tapto "$c2" $((mid - 50))
ru 'Иванова'
sleep 91
shot 12-idle-warning
kill $pid; wait $pid 2>/dev/null || true

# Offline: the same kiosk with its portal gone.
start
tapto "$c2" $((mid - 50))
shot 13-offline
