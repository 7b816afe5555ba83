#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later OR BSD-2-Clause
#
# run.sh - memplan lint against DTs with known mistakes (tests/lint/cases.txt):
# for each case the exit status and every listed finding (severity, code, node
# path; "-" for none) must come out of `memplan lint --format json`, and the
# JSON must parse.  Ends with "N passed, N failed".
# Usage: tests/lint/run.sh      Environment: MEMPLAN (default build/memplan-san)
set -eu
cd "$(dirname "$0")/../.."
memplan=${MEMPLAN:-build/memplan-san}
pass=0
fail=0
while IFS='|' read -r file rc want; do
	file=$(echo "$file" | xargs)
	rc=$(echo "$rc" | xargs)
	case "$file" in '' | \#*) continue ;; esac
	out=$("$memplan" lint --format json "$file" 2>/tmp/lint.err.$$) && got=0 || got=$?
	why=
	[ "$got" = "$rc" ] || why="exit $got, expected $rc"
	if ! printf '%s' "$out" | python3 -c 'import json,sys; json.load(sys.stdin)' 2>/dev/null; then
		why="${why:+$why; }output is not JSON"
	fi
	IFS=';' read -ra items <<<"$want"
	for it in "${items[@]}"; do
		it=$(echo "$it" | xargs)
		[ -n "$it" ] || continue
		read -r sev code path <<<"$it"
		[ "$path" = - ] && path=
		if ! printf '%s' "$out" | python3 -c '
import json,sys
j=json.load(sys.stdin); sev,code,path=sys.argv[1:4]
sys.exit(0 if any(f["severity"]==sev and f["code"]==code and (f["path"] or "")==path
                  for f in j["findings"]) else 1)' "$sev" "$code" "$path" 2>/dev/null; then
			why="${why:+$why; }missing: $it"
		fi
	done
	if grep -Eq 'AddressSanitizer|runtime error' /tmp/lint.err.$$; then
		why="${why:+$why; }sanitizer report"
	fi
	if [ -z "$why" ]; then
		pass=$((pass + 1))
		echo "ok   $file"
	else
		fail=$((fail + 1))
		echo "FAIL $file: $why"
	fi
done <tests/lint/cases.txt
rm -f /tmp/lint.err.$$
echo "$pass passed, $fail failed"
[ "$fail" = 0 ]
