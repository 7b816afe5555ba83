#!/bin/bash
# SPDX-License-Identifier: (GPL-2.0-or-later OR BSD-2-Clause)
#
# run.sh - `make install` / `make uninstall` into a scratch DESTDIR with
# PREFIX=/usr: exactly the program, the man page and the bash completion are
# installed where they belong; the installed program plans a bundled DT and
# prints its version; the installed man page renders without a warning (man -l,
# else groff, else mandoc -T lint, else at least a .TH header); the installed
# completion, sourced in bash, registers itself and completes commands,
# options, profiles, --format values and file names from the installed
# program; uninstall removes all three.  Ends with "N passed, N failed".
# Usage: tests/install/run.sh      (needs only the release build's packages)
set -eu
cd "$(dirname "$0")/../.."
top=$(pwd)
pass=0
fail=0
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
ok() { pass=$((pass + 1)); echo "ok   $1"; }
bad() { fail=$((fail + 1)); echo "FAIL $1${2:+: $2}"; }
check() { # NAME COMMAND...
	local name=$1
	shift
	if "$@" >"$tmp/out" 2>&1; then ok "$name"; else bad "$name" "$(head -n 3 "$tmp/out")"; fi
}

root=$tmp/root
bin=$root/usr/bin/memplan
man1=$root/usr/share/man/man1/memplan.1
comp=$root/usr/share/bash-completion/completions/memplan

# -- install ---------------------------------------------------------------
check "make install DESTDIR=... PREFIX=/usr" \
	make -s --no-print-directory install DESTDIR="$root" PREFIX=/usr
(cd "$root" && find . -type f | LC_ALL=C sort) >"$tmp/files"
printf '%s\n' ./usr/bin/memplan ./usr/share/bash-completion/completions/memplan \
	./usr/share/man/man1/memplan.1 >"$tmp/want"
check "exactly the program, the man page and the completion are installed" \
	diff "$tmp/want" "$tmp/files"
mode() { stat -c %a "$1" 2>/dev/null || echo missing; }
check "modes 755 / 644 / 644" test "$(mode "$bin") $(mode "$man1") $(mode "$comp")" = "755 644 644"
check "the installed program is the release build" cmp "$bin" build/memplan
check "the installed man page is planner/cli/memplan.1" cmp "$man1" planner/cli/memplan.1

# -- the installed program ---------------------------------------------------
check "installed memplan plan --dts dts/qemu-virt-8g.dts exits 0" \
	"$bin" plan --dts dts/qemu-virt-8g.dts
if v=$("$bin" --version 2>&1) && [[ $v == "memplan "[0-9]* ]]; then
	ok "installed memplan --version: $v"
else
	bad "installed memplan --version" "$v"
fi

# -- the man page ------------------------------------------------------------
if command -v man >/dev/null 2>&1; then
	how="man -l --warnings"
	LC_ALL=C.UTF-8 MANWIDTH=80 MANPAGER=cat man --warnings -l "$man1" >"$tmp/man.out" 2>"$tmp/man.err" &&
		rc=0 || rc=$?
elif command -v groff >/dev/null 2>&1; then
	how="groff -man -Tutf8 -ww"
	groff -man -Tutf8 -ww "$man1" >"$tmp/man.out" 2>"$tmp/man.err" && rc=0 || rc=$?
elif command -v mandoc >/dev/null 2>&1; then
	how="mandoc -T lint"
	mandoc -T lint -W warning "$man1" >"$tmp/man.err" 2>&1 && rc=0 || rc=$?
	echo MEMPLAN >"$tmp/man.out"
else
	how="first request is .TH (no man, groff or mandoc installed)"
	rc=0
	: >"$tmp/man.err"
	echo MEMPLAN >"$tmp/man.out"
	grep -v '^\.\\"' "$man1" | head -n 1 | grep -q '^\.TH MEMPLAN 1 ' || rc=1
fi
if [ "$rc" = 0 ] && [ ! -s "$tmp/man.err" ] && grep -qi memplan "$tmp/man.out"; then
	ok "installed man page renders without warnings ($how)"
else
	bad "installed man page renders without warnings ($how)" "exit $rc: $(head -n 3 "$tmp/man.err")"
fi

# -- the bash completion ------------------------------------------------------
# COMP_WORDS as bash sets them; prints COMPREPLY, one per line
cat >"$tmp/complete.sh" <<'EOS'
set -u
source "$1"
shift
complete -p memplan
COMP_WORDS=("$@")
COMP_CWORD=$((${#COMP_WORDS[@]} - 1))
COMP_LINE="$*"
COMP_POINT=${#COMP_LINE}
_memplan
printf '%s\n' "${COMPREPLY[@]}"
EOS
completes() { # WANT WORD... : the completion of WORD... lists WANT (space-separated, in order)
	local want=$1 got
	shift
	got=$(cd "$top" && PATH="$root/usr/bin:$PATH" bash "$tmp/complete.sh" "$comp" "$@" 2>&1 |
		grep -v '^complete ' | LC_ALL=C sort | tr '\n' ' ')
	# shellcheck disable=SC2086 # a list of words
	want=$(printf '%s\n' $want | LC_ALL=C sort | tr '\n' ' ')
	if [ "$got" = "$want" ]; then
		ok "completion of '$*' is: $want"
	else
		bad "completion of '$*'" "got '$got', expected '$want'"
	fi
}
if reg=$(bash -c 'source "$1"; complete -p memplan' _ "$comp" 2>&1) &&
	[ "$reg" = "complete -F _memplan memplan" ]; then
	ok "sourcing the completion registers it: $reg"
else
	bad "sourcing the completion registers it" "$reg"
fi
completes "plan lint verify handoff devmem estimate help" memplan ""
completes "--kernel --kconfig" memplan plan --k
completes "linux-6.1 linux-6.12 mainline memplan-6.12" memplan lint --kernel ""
completes "text json svg dts" memplan plan --format ""
completes "text json" memplan lint --format ""
completes "xen-dom0 kexec uboot" memplan handoff ""
completes "--uboot-env" memplan handoff uboot --uboot
completes "--dom0-mem --dom0-bootargs" memplan handoff xen-dom0 --dom0
completes "dts/qemu-virt-1g.dts dts/qemu-virt-2g.dts dts/qemu-virt-8g.dts" \
	memplan plan --dts dts/qemu-virt-
completes "dts/outside-ram.dts dts/overlap-static.dts" memplan lint dts/o
completes "dts/outside-ram.dts dts/overlap-static.dts" memplan plan dts/o
completes "always auto never" memplan plan --color ""
completes "no-rmem-ops-lost-ignored no-rmem-outside-ram no-rmem-overlap" memplan lint -W no-rmem-o
completes "--werror" memplan lint --we

# -- uninstall ---------------------------------------------------------------
check "make uninstall DESTDIR=... PREFIX=/usr" \
	make -s --no-print-directory uninstall DESTDIR="$root" PREFIX=/usr
check "uninstall leaves no file behind" test -z "$(find "$root" -type f)"

echo "$pass passed, $fail failed"
[ "$fail" = 0 ]
