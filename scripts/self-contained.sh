#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later OR BSD-2-Clause
#
# self-contained.sh - nothing in the repository points outside it: no path to the
# notes the project started from (../shared/, kernel-behaviour.md, DESIGN.md,
# STYLE.md) and no absolute path of the machine it was written on (/work/).
# The kernel behaviour the model relies on is in docs/kernel-model.md.
# Prints each hit, then "N passed, N failed" (one check per pattern).
set -u
cd "$(dirname "$0")/.." || exit 2
passed=0
failed=0
for pat in '\.\./shared' 'kernel-behaviour\.md' 'DESIGN\.md' 'STYLE\.md' '/work/'; do
	if git ls-files -z | xargs -0 grep -nE -- "$pat" -- 2>/dev/null |
		grep -v '^scripts/self-contained\.sh:'; then
		failed=$((failed + 1))
	else
		passed=$((passed + 1))
	fi
done
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
