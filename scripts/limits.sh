#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later OR BSD-2-Clause
#
# limits.sh - the size limits of the planner's C files: no file over 800 lines,
# no function over 120 lines (from its opening "{" in column 0 to its closing
# "}" in column 0, kernel style).  Prints each breach, then "N passed, N failed"
# with one check per file.
# Usage: scripts/limits.sh [FILE...]   (default: planner/*/*.c planner/*/*.h)
set -u
[ $# -gt 0 ] || set -- planner/*/*.c planner/*/*.h
awk -v max_file=800 -v max_fn=120 '
FNR == 1 { if (NR > 1) done(); bad = 0; start = 0 }
{ file = FILENAME; lines = FNR }
/^\{/ { start = FNR; name = prev; next }
/^\}/ {
	if (start && FNR - start > max_fn) {
		printf "%s:%d: function %s is %d lines (limit %d)\n", FILENAME, start,
			name, FNR - start, max_fn
		bad = 1
	}
	start = 0
	next
}
{ if ($0 ~ /^[A-Za-z_].*\(/) { prev = $0; sub(/\(.*/, "", prev); sub(/.*[ *]/, "", prev) } }
function done() {
	if (lines > max_file) {
		printf "%s: %d lines (limit %d)\n", file, lines, max_file
		bad = 1
	}
	if (bad) failed++; else passed++
}
END { done(); printf "%d passed, %d failed\n", passed, failed; exit failed != 0 }
' "$@"
