# SPDX-License-Identifier: (GPL-2.0-or-later OR BSD-2-Clause)
# lib.sh - what the command tests (tests/*/run.sh) share: the preamble (--help
# prints the script's header comment; the working directory becomes the
# repository root; MEMPLAN defaults to build/memplan; $T is a scratch
# directory removed on exit), the pass/fail counters, the checks, and the
# closing "N passed, N failed" line (finish).
# Sourced as the first thing after `set -u`:  . "$(dirname "$0")/../lib.sh"
case "${1:-}" in -h | --help) sed -n '3,/^set -u/p' "$0" | sed -e '/^set -u/d' -e 's/^# \{0,1\}//'; exit 0 ;; esac
cd "$(dirname "$0")/../.." || exit 2
MEMPLAN=${MEMPLAN:-build/memplan}
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
passed=0
failed=0

ok() { passed=$((passed + 1)); }
bad() { failed=$((failed + 1)); echo "FAIL: $*"; }

# expect NAME WANT_RC CMD...: run CMD (output to $T/out), check its exit status
expect() {
	name=$1 want=$2
	shift 2
	"$@" >"$T/out" 2>"$T/err"
	rc=$?
	if [ "$rc" -eq "$want" ]; then ok; else
		bad "$name: exit $rc, expected $want"
		sed 's/^/    /' "$T/out" "$T/err" | tail -n 20
	fi
}

# has NAME PATTERN [FILE]: FILE (default $T/out) has a line matching the ERE
has() {
	if grep -Eq -- "$2" "${3:-$T/out}"; then ok; else bad "$1: no line matching '$2'"; fi
}
hasnt() {
	if grep -Eq -- "$2" "${3:-$T/out}"; then bad "$1: unexpected line matching '$2'"; else ok; fi
}

# valid_dtb NAME FILE: dtc decompiles it without error
valid_dtb() {
	if dtc -q -I dtb -O dts -o /dev/null "$2" 2>"$T/dtc.err"; then ok; else
		bad "$1: dtc -I dtb -O dts rejects $2: $(head -n 3 "$T/dtc.err")"
	fi
}

# py NAME SCRIPT ARGS...: a python3 assertion over files (exit 0 = pass)
py() {
	name=$1
	shift
	if python3 - "$@" 2>"$T/py.err"; then ok; else bad "$name: $(tail -n 3 "$T/py.err")"; fi
}

finish() {
	echo "$passed passed, $failed failed"
	[ "$failed" -eq 0 ]
}
