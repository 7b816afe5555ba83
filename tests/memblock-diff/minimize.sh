#!/bin/bash
# SPDX-License-Identifier: (GPL-2.0-or-later OR BSD-2-Clause)
#
# minimize.sh OPS-FILE - shrink an op sequence on which the kernel's memblock
# (oracle) and memplan's model disagree to a minimal one (greedy: drop chunks,
# then single ops, while the outputs still differ).  Prints the minimal
# sequence and both outputs' last state.  Needs the binaries run.sh builds.
set -eu
BIN=${BIN:-build/memblock-diff}
[ $# = 1 ] || { echo "usage: $0 OPS-FILE" >&2; exit 2; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
grep -v '^#' "$1" | grep -v '^$' >"$tmp/cur"

differs() { # file
	"$BIN/oracle" "$1" 2>/dev/null | grep '^[@=MR] ' >"$tmp/o" || true
	"$BIN/model" "$1" 2>/dev/null | grep '^[@=MR] ' >"$tmp/m" || true
	! cmp -s "$tmp/o" "$tmp/m"
}
differs "$tmp/cur" || { echo "minimize: no difference in $1" >&2; exit 1; }

chunk=$(( $(wc -l <"$tmp/cur") / 2 ))
[ $chunk -ge 1 ] || chunk=1
while :; do
	changed=0
	n=$(wc -l <"$tmp/cur")
	i=1
	while [ $i -le "$n" ]; do
		sed "${i},$((i + chunk - 1))d" "$tmp/cur" >"$tmp/try"
		if [ -s "$tmp/try" ] && differs "$tmp/try"; then
			mv "$tmp/try" "$tmp/cur"
			n=$(wc -l <"$tmp/cur")
			changed=1
		else
			i=$((i + chunk))
		fi
	done
	if [ $changed = 0 ]; then
		[ $chunk = 1 ] && break
		chunk=$(( chunk / 2 ))
	fi
done
echo "# minimal sequence ($(wc -l <"$tmp/cur") ops):"
cat "$tmp/cur"
differs "$tmp/cur" || true
echo "# kernel (oracle) after the last op:"
awk '/^@/{buf=""} {buf=buf $0 "\n"} END{printf "%s", buf}' "$tmp/o"
echo "# memplan (model) after the last op:"
awk '/^@/{buf=""} {buf=buf $0 "\n"} END{printf "%s", buf}' "$tmp/m"
