#!/bin/sh
# SPDX-License-Identifier: (GPL-2.0-or-later OR BSD-2-Clause)
#
# Bad-input tests: every case of cases.txt must make
#   $MEMPLAN plan --dtb tests/bad-input/cases/FILE [extra args]
# exit with the expected status (2 = bad input) and a message on stderr that
# names the file and the offending node/property -- never crash: an exit
# status >= 128 (signal), a timeout or a sanitizer report is a failure.
# usage: tests/bad-input/run.sh      env: MEMPLAN (default ./build/memplan),
#        TIMEOUT (seconds per case, default 30)
# Ends with one line "N passed, N failed"; exit status 1 if anything failed.
set -u
cd "$(dirname "$0")/../.." || exit 2
MEMPLAN=${MEMPLAN:-./build/memplan}
dir=tests/bad-input
cases=$dir/cases
TIMEOUT=${TIMEOUT:-30}

if [ ! -x "$MEMPLAN" ]; then
	echo "run.sh: $MEMPLAN not found or not executable (set MEMPLAN=...)" >&2
	echo "0 passed, 1 failed"
	exit 1
fi
if ! "$dir/make-cases.sh" "$cases"; then
	echo "run.sh: make-cases.sh failed" >&2
	echo "0 passed, 1 failed"
	exit 1
fi

# 1 MiB command line (not stored): 65536 x "console=ttyAMA0 " = 1048576 bytes,
# put into /chosen/bootargs of the base DT (too long for one argv string)
yes console=ttyAMA0 | head -n 65536 | tr '\n' ' ' >"$cases/cmdline-1MiB.txt"
{
	sed -n '1,/UNTERMINATED-MARKER/{/UNTERMINATED-MARKER/!p;}' "$dir/src/base.dts"
	printf '\t\tbootargs = "'
	cat "$cases/cmdline-1MiB.txt"
	printf '";\n'
	sed -n '/UNTERMINATED-MARKER/,${/UNTERMINATED-MARKER/!p;}' "$dir/src/base.dts"
} >"$cases/cmdline-1MiB.dts"
dtc -q -I dts -O dtb -o "$cases/cmdline-1MiB.dtb" "$cases/cmdline-1MiB.dts" || exit 2

err=$(mktemp) || exit 2
trap 'rm -f "$err"' EXIT INT TERM
pass=0
failn=0
trim() { sed 's/^[[:space:]]*//; s/[[:space:]]*$//'; }

while IFS= read -r line; do
	case $line in '#'* | '') continue ;; esac
	file=$(printf '%s' "$line" | cut -d'|' -f1 | trim)
	extra=$(printf '%s' "$line" | cut -d'|' -f2 | trim)
	want=$(printf '%s' "$line" | cut -d'|' -f3 | trim)
	subs=$(printf '%s' "$line" | cut -d'|' -f4- | trim)
	label="$file${extra:+ $extra}"
	if [ ! -f "$cases/$file" ]; then
		echo "FAIL $label: no input $cases/$file"
		failn=$((failn + 1))
		continue
	fi
	# shellcheck disable=SC2086 # extra is a list of options
	timeout "$TIMEOUT" "$MEMPLAN" plan --dtb "$cases/$file" $extra >/dev/null 2>"$err" </dev/null
	rc=$?
	why=""
	if [ $rc -eq 124 ]; then
		why="timed out after ${TIMEOUT}s"
	elif [ $rc -ge 128 ]; then
		why="killed by signal $((rc - 128))"
	elif grep -q -e 'Sanitizer' -e 'runtime error:' "$err"; then
		why="sanitizer report"
	elif [ "$rc" != "$want" ]; then
		why="exit $rc, expected $want"
	elif ! grep -q -F -- "$file" "$err"; then
		why="stderr does not name the file $file"
	else
		old_ifs=$IFS
		IFS=';'
		for s in $subs; do
			s=$(printf '%s' "$s" | trim)
			[ -z "$s" ] || [ "$s" = - ] && continue
			if ! grep -q -i -F -- "$s" "$err"; then
				why="stderr lacks \"$s\""
				break
			fi
		done
		IFS=$old_ifs
	fi
	if [ -z "$why" ]; then
		pass=$((pass + 1))
		echo "ok   $label: $(head -n 1 "$err" | cut -c1-150)"
	else
		failn=$((failn + 1))
		echo "FAIL $label: $why"
		head -n 5 "$err" | cut -c1-300 | sed 's/^/    /'
	fi
done <"$dir/cases.txt"

echo "$pass passed, $failn failed"
[ $failn = 0 ]
