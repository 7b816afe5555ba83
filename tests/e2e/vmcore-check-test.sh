#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later OR BSD-2-Clause
#
# vmcore-check-test.sh - feed the native kexec/vmcore-check synthetic vmcores
# (tests/e2e/mkvmcore.py): the good one must PASS, the broken ones (kexec-tools
# 2.0.25 _text bug, crash region not excluded, no panic message, truncated) must FAIL
# on the named check, and random corruptions of the good one must never crash it.
# The checker is built with ASan/UBSan for this.  No QEMU needed.
#
# Usage: tests/e2e/vmcore-check-test.sh      (prints "N passed, N failed")
set -eu
case "${1:-}" in -h | --help) sed -n '3,10p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;; esac

here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/../.." && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
pass=0
fail=0
ok() { pass=$((pass + 1)); }
ko() { fail=$((fail + 1)); echo "FAIL $*"; }

make -s -C "$top/kexec" O="$tmp" native CC="${CC:-gcc}" \
	CFLAGS="-g -fsanitize=address,undefined -fno-sanitize-recover=all"
vc=$tmp/vmcore-check
python3 "$here/mkvmcore.py" "$tmp/v"

# expect NAME RC [CHECK-THAT-MUST-FAIL]
expect() {
	set +e
	"$vc" --iomem "$tmp/v/iomem" --osrelease 6.1.0-test "$tmp/v/$1.vmcore" >"$tmp/out" 2>&1
	rc=$?
	set -e
	if [ "$rc" != "$2" ]; then
		ko "$1: exit $rc, want $2"
		sed 's/^/    /' "$tmp/out"
		return 0
	fi
	if [ -n "${3:-}" ] && ! grep -q "^FAIL $3:" "$tmp/out"; then
		ko "$1: no 'FAIL $3' line"
		sed 's/^/    /' "$tmp/out"
		return 0
	fi
	ok
}
expect good 0
expect text-bug 1 kernel-text
expect text-bug 1 pt-load-linear
expect text-bug 1 printk
expect no-exclude 1 pt-load-ram
expect dup-nested 0
expect overlap 1 pt-load-ram
expect no-panic 1 printk
expect truncated 1 file-size
expect va52 0

# usage errors
if "$vc" "$tmp/v/good.vmcore" >/dev/null 2>&1; then ko "no --iomem accepted"; else ok; fi
if "$vc" --iomem "$tmp/v/nonexistent" "$tmp/v/good.vmcore" >/dev/null 2>&1; then
	ko "missing iomem accepted"
else
	ok
fi

# corruptions: flip bytes in the headers/notes of the good file; exit must be 0 or 1
size=$(wc -c <"$tmp/v/good.vmcore")
crashes=0
i=0
while [ $i -lt 300 ]; do
	cp "$tmp/v/good.vmcore" "$tmp/c.vmcore"
	off=$(( (i * 7919) % 4096 ))
	[ $off -lt "$size" ] || off=0
	# shellcheck disable=SC2059 # the format is an octal escape on purpose
	printf "\\$(printf '%03o' $(( (i * 37 + 11) % 256 )))" |
		dd of="$tmp/c.vmcore" bs=1 seek=$off conv=notrunc 2>/dev/null
	set +e
	"$vc" --iomem "$tmp/v/iomem" "$tmp/c.vmcore" >/dev/null 2>"$tmp/err"
	rc=$?
	set -e
	if [ "$rc" -gt 1 ]; then
		crashes=$((crashes + 1))
		[ $crashes -gt 1 ] || { echo "corruption $i at $off: rc $rc"; head -n 20 "$tmp/err"; }
	fi
	i=$((i + 1))
done
if [ "$crashes" = 0 ]; then ok; else ko "$crashes corrupted files crashed vmcore-check"; fi
head -c 5000 /dev/urandom >"$tmp/r.vmcore"
set +e
"$vc" --iomem "$tmp/v/iomem" "$tmp/r.vmcore" >/dev/null 2>&1
rc=$?
set -e
if [ "$rc" = 1 ]; then ok; else ko "random file: exit $rc"; fi

echo "$pass passed, $fail failed"
[ "$fail" = 0 ]
