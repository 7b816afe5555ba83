#!/bin/bash
# SPDX-License-Identifier: (GPL-2.0-or-later OR BSD-2-Clause)
#
# run.sh [N] - differential test of memplan's memblock model against the
# kernel's real mm/memblock.c (6.12, built in user space by build-oracle.sh).
#
# Generates N random op sequences (default 200; seeds SEED0..SEED0+N-1,
# SEED0 from $SEED0, default 1), replays each on both, compares the memory and
# reserved region lists (base size flags) and alloc results after every op,
# prints one line per mismatch (seed + first differing op) and finishes with
# "N passed, N failed"; exit 1 on any failure.  Failing sequences are kept in
# build/memblock-diff/fail/seed-S.ops; shrink one with minimize.sh.
# Extra generator options can be passed in $GEN_OPTS (see gen.c).
set -eu
cd "$(dirname "$0")/../.."
N=${1:-200}
SEED0=${SEED0:-1}
GEN_OPTS=${GEN_OPTS:-}
CC=${CC:-gcc}
B=build/memblock-diff
D=tests/memblock-diff
WARN="-std=gnu11 -Wall -Wextra -Werror"
SAN="-O1 -g -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined"

ORACLE=$($D/build-oracle.sh)
mkdir -p $B/fail
$CC $WARN -O2 -o $B/gen $D/gen.c
$CC $WARN $SAN $(cat "$ORACLE/cflags") -I$D -o $B/oracle $D/oracle.c \
	"$ORACLE/lib/libmemblock-san.a" -lurcu
$CC $WARN $SAN -Iplanner/core -I$D -o $B/model $D/model.c planner/core/*.c -lfdt

pass=0 fail=0
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
# private copies: build/ is shared with concurrent builds
cp $B/gen $B/oracle $B/model "$tmp/"
for i in $(seq 0 $((N - 1))); do
	s=$((SEED0 + i))
	# shellcheck disable=SC2086
	"$tmp/gen" $s $GEN_OPTS >"$tmp/ops"
	ork=0 mok=0
	# the kernel's pr_*() stubs print to stdout too: keep only our lines
	"$tmp/oracle" "$tmp/ops" 2>"$tmp/oerr" >"$tmp/oraw" || ork=$?
	"$tmp/model" "$tmp/ops" 2>"$tmp/merr" >"$tmp/mraw" || mok=$?
	grep '^[@=MR] ' "$tmp/oraw" >"$tmp/o" || true
	grep '^[@=MR] ' "$tmp/mraw" >"$tmp/m" || true
	if [ $ork != 0 ] || [ $mok != 0 ]; then
		fail=$((fail + 1))
		cp "$tmp/ops" "$B/fail/seed-$s.ops"
		echo "FAIL seed=$s: driver exit oracle=$ork model=$mok:" \
			"$(head -c 300 "$tmp/oerr" "$tmp/merr" | tr '\n' ' ')"
		continue
	fi
	if cmp -s "$tmp/o" "$tmp/m"; then
		pass=$((pass + 1))
		continue
	fi
	fail=$((fail + 1))
	cp "$tmp/ops" "$B/fail/seed-$s.ops"
	line=$(cmp "$tmp/o" "$tmp/m" 2>/dev/null | awk '{print $NF}' || true)
	[ -n "$line" ] || line=$(($(wc -l <"$tmp/o") + 1))
	# the op whose state differs: the last "@" header strictly before the
	# first differing line (identical in both outputs)
	op=$(awk -v l="$line" 'NR < l && /^@/ { h = $0 } END { sub(/^@ /, "", h); print h }' "$tmp/o")
	[ -n "$op" ] || op="1 $(grep -v '^#' "$tmp/ops" | head -1)"
	k=${op%% *}
	echo "FAIL seed=$s: first differing op #$k: ${op#* }" \
		"(kernel: $(sed -n "${line}p" "$tmp/o" | head -c 60);" \
		"memplan: $(sed -n "${line}p" "$tmp/m" | head -c 60))"
done
# the minimal reproducers of divergences found earlier stay in every run
for r in $D/repro/*.ops; do
	[ -e "$r" ] || continue
	"$tmp/oracle" "$r" 2>/dev/null | grep '^[@=MR] ' >"$tmp/o" || true
	"$tmp/model" "$r" 2>/dev/null | grep '^[@=MR] ' >"$tmp/m" || true
	if [ -s "$tmp/o" ] && cmp -s "$tmp/o" "$tmp/m"; then
		pass=$((pass + 1))
	else
		fail=$((fail + 1))
		echo "FAIL repro $(basename "$r"): memplan and the kernel differ"
	fi
done
echo "$pass passed, $fail failed"
[ $fail = 0 ]
