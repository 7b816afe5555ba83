#!/bin/sh
# SPDX-License-Identifier: (GPL-2.0-or-later OR BSD-2-Clause)
#
# Golden tests: for every dts/X.dts and each profile P (linux-6.1, linux-6.12, and
# memplan-6.12 where tests/golden/expect/X.memplan-6.12.expect exists), run
#   $MEMPLAN plan --dts dts/X.dts --kernel P --format json <@args of the expect file>
# and check
#   1. memplan exits 0 or 1 (1 = the plan found errors) and prints valid JSON;
#   2. tests/golden/expect/X.P.expect (hand-derived from docs/kernel-model.md)
#      holds, evaluated by expect-check;
#   3. the output equals tests/golden/out/X.P.json when that file exists.
#
# usage: tests/golden/run.sh [--update] [NAME...]
#   NAME      only the scenarios dts/NAME.dts
#   --update  (re)write tests/golden/out/X.P.json from the current output, but
#             only for cases whose expectations hold (a golden must never
#             record a plan that contradicts the hand-derived expectations)
# env: MEMPLAN (default ./build/memplan), CC (default cc),
#      EXPECT_CHECK (default: built here as build/tests/expect-check)
# Ends with one line "N passed, N failed"; exit status 1 if anything failed.

set -u
cd "$(dirname "$0")/../.." || exit 2

MEMPLAN=${MEMPLAN:-./build/memplan}
PROFILES="linux-6.1 linux-6.12"
# profiles planned only for the scenarios that have an expect file for them
OPTIONAL_PROFILES="memplan-6.12"
EXP=tests/golden/expect
OUT=tests/golden/out
update=0

while [ $# -gt 0 ]; do
	case $1 in
	--update) update=1; shift ;;
	--) shift; break ;;
	-*) echo "usage: $0 [--update] [NAME...]" >&2; exit 2 ;;
	*) break ;;
	esac
done

if [ ! -x "$MEMPLAN" ]; then
	echo "run.sh: $MEMPLAN not found or not executable (set MEMPLAN=...)" >&2
	echo "0 passed, 1 failed"
	exit 1
fi

if [ -z "${EXPECT_CHECK:-}" ]; then
	EXPECT_CHECK=build/tests/expect-check
	src=tests/golden/expect-check.c
	if [ ! -x "$EXPECT_CHECK" ] || [ -n "$(find "$src" -newer "$EXPECT_CHECK")" ]; then
		mkdir -p build/tests
		if ! ${CC:-cc} -std=gnu11 -Wall -Wextra -Werror -O2 -o "$EXPECT_CHECK" "$src" -ljansson; then
			echo "run.sh: cannot build $EXPECT_CHECK" >&2
			echo "0 passed, 1 failed"
			exit 1
		fi
	fi
fi

if [ $# -gt 0 ]; then
	names=$*
else
	names=$(for f in dts/*.dts; do basename "$f" .dts; done)
fi

tmp=$(mktemp -d) || exit 2
trap 'rm -rf "$tmp"' EXIT INT TERM
pass=0
failn=0
[ $update = 1 ] && mkdir -p "$OUT"

for name in $names; do
	dts=dts/$name.dts
	if [ ! -f "$dts" ]; then
		echo "FAIL $name: no $dts"
		failn=$((failn + 1))
		continue
	fi
	for prof in $PROFILES $OPTIONAL_PROFILES; do
		case=$name.$prof
		exp=$EXP/$case.expect
		json=$tmp/$case.json
		err=$tmp/$case.err
		: >"$tmp/check.out"
		case " $OPTIONAL_PROFILES " in
		*" $prof "*) [ -f "$exp" ] || continue ;;
		esac
		if [ ! -f "$exp" ]; then
			echo "FAIL $case: no expectations ($exp)"
			failn=$((failn + 1))
			continue
		fi
		# the first "@args ..." line of the expect file pins the inputs
		args=$(sed -n 's/^@args[[:space:]]*//p' "$exp" | head -n 1)
		# shellcheck disable=SC2086 # args is a list of options
		"$MEMPLAN" plan --dts "$dts" --kernel "$prof" --format json $args >"$json" 2>"$err"
		rc=$?
		if [ $rc -gt 1 ]; then
			echo "FAIL $case: memplan exited $rc"
			sed 's/^/    /' "$err" | head -n 20
			failn=$((failn + 1))
			continue
		fi
		ok=1
		if grep -q -e 'Sanitizer' -e 'runtime error:' "$err"; then
			ok=0
			echo "    $case: sanitizer report on stderr:" >"$tmp/check.out"
			head -n 20 "$err" | sed 's/^/      /' >>"$tmp/check.out"
		fi
		if ! "$EXPECT_CHECK" "$json" "$exp" >>"$tmp/check.out" 2>&1; then
			ok=0
		fi
		golden=$OUT/$case.json
		if [ $update = 1 ]; then
			if [ $ok = 1 ]; then
				cp "$json" "$golden"
			else
				echo "    (not updating $golden: expectations fail)"
			fi
		elif [ -f "$golden" ] && ! cmp -s "$json" "$golden"; then
			ok=0
			echo "    $case: output differs from $golden:" >>"$tmp/check.out"
			diff -u "$golden" "$json" | head -n 40 | sed 's/^/      /' >>"$tmp/check.out"
		fi
		if [ $ok = 1 ]; then
			pass=$((pass + 1))
			echo "ok   $case"
		else
			failn=$((failn + 1))
			echo "FAIL $case"
			grep -v '^ok ' "$tmp/check.out" | sed 's/^/  /'
		fi
	done
done

echo "$pass passed, $failn failed"
[ $failn = 0 ]
