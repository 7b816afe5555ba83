#!/bin/sh
# SPDX-License-Identifier: (GPL-2.0-or-later OR BSD-2-Clause)
#
# careless/run.sh - memplan as a careless user drives it: wrong files for
# options, impossible placements, '-' for stdin/stdout, gzip'd .config, empty
# directories, colour in odd terminals, output files that cannot be written.
#
# Every case checks the exit status and, besides what it names:
#  - no sanitizer report and no signal (run it with the ASan/UBSan build);
#  - exit 2 means one error line "memplan CMD: ..." on stderr (plus the
#    "Try 'memplan CMD --help'" line of a usage mistake) and nothing else;
#  - a failed run leaves its -o FILE as it was.
# usage: tests/careless/run.sh    env: MEMPLAN (default build/memplan-san)
# Ends with "N passed, N failed"; exit 1 if anything failed.
set -u
MEMPLAN=${MEMPLAN:-build/memplan-san}
. "$(dirname "$0")/../lib.sh"

VIRT=dts/qemu-virt-8g.dts
dtc -q -I dts -O dtb -o "$T/virt.dtb" $VIRT || exit 2
CONFIG=tests/estimate/64k.config
gzip -c $CONFIG >"$T/config.gz"
head -c 40 "$T/config.gz" >"$T/cut.gz"
mkdir -p "$T/empty" "$T/emptysub/sub"

# run NAME WANT_RC STDERR_ERE CMD...: one case; stdout in $T/out, stderr in $T/err
run() {
	name=$1 want=$2 ere=$3
	shift 3
	"$@" >"$T/out" 2>"$T/err"
	rc=$?
	why=
	[ "$rc" -eq "$want" ] || why="exit $rc, expected $want"
	if grep -Eq 'runtime error|AddressSanitizer|LeakSanitizer' "$T/err"; then
		why="${why:+$why; }sanitizer report"
	fi
	if [ -n "$ere" ] && ! grep -Eq -- "$ere" "$T/err"; then
		why="${why:+$why; }stderr lacks /$ere/"
	fi
	if [ "$rc" -eq 2 ]; then
		# one line in the common form, plus the --help pointer of a usage error
		n=$(grep -vc "^Try 'memplan [a-z -]* --help' for more information\.$" "$T/err")
		[ "$n" -eq 1 ] || why="${why:+$why; }$n error lines, expected 1"
		head -n 1 "$T/err" | grep -Eq '^memplan (plan|lint|verify|handoff (kexec|xen-dom0)|devmem|estimate|help)?:? ' ||
			why="${why:+$why; }no 'memplan CMD:' prefix"
	fi
	if [ -z "$why" ]; then ok; else
		bad "$name: $why"
		sed 's/^/    /' "$T/err" | head -n 8
	fi
}
# out NAME ERE: stdout of the last case matches
out() { if grep -Eq -- "$2" "$T/out"; then ok; else bad "$1: stdout lacks /$2/"; fi; }
nout() { if grep -Eq -- "$2" "$T/out"; then bad "$1: stdout has /$2/"; else ok; fi; }
absent() { if [ -e "$2" ]; then bad "$1: $2 was written"; rm -f "$2"; else ok; fi; }

# ---- placement the arm64 boot protocol forbids (booting.rst) ----
run "image base wraps" 2 'past the 64-bit' "$MEMPLAN" plan $VIRT --image-base 0xffffffffffffffff
run "image base 0x1" 2 '2 MiB aligned' "$MEMPLAN" plan $VIRT --image-base 0x1
run "image base unaligned" 2 '2 MiB aligned' "$MEMPLAN" plan $VIRT --image-base 0x40000001
run "image outside RAM" 2 "not inside the DT's memory" "$MEMPLAN" plan $VIRT --image-base 0x1000000000
run "image size 1E" 2 "not inside the DT's memory" "$MEMPLAN" plan $VIRT --image-size 1E
run "image size wraps" 2 'past the 64-bit|invalid number' "$MEMPLAN" plan $VIRT --image-size 16E
run "fdt base outside" 2 "DTB .* not inside" "$MEMPLAN" plan $VIRT --fdt-base 0xffffffffffff0000
run "fdt base unaligned" 2 '8-byte' "$MEMPLAN" plan $VIRT --fdt-base 0x48000004
run "fdt on the image" 2 'overlaps the Image' "$MEMPLAN" plan $VIRT --image-base 0x48000000 --fdt-base 0x48100000
run "placement that boots" 0 '' "$MEMPLAN" plan $VIRT --image-base 0x40200000 --fdt-base 0x48000000

# ---- UEFI: --efi-memmap given the wrong file, a log without efi=debug, a bad JSON map;
# the DT a UEFI boot exports (/sys/firmware/fdt: /chosen only) without the map ----
EFILOG=tests/unit/data/efi-p612-dt.log
printf 'efi: EFI v2.7 by EDK II\nefi: SMBIOS 3.0=0xbfed0000\n' >"$T/noefidebug.log"
printf '{"descriptors":[{"type":"Conventional","start":"0x40000000","end":"0x40000fff",' >"$T/bad.json"
printf '"attributes":["WB","XX"]}]}' >>"$T/bad.json"
cat >"$T/stub.dts" <<'DTS'
/dts-v1/;
/ { #address-cells = <2>; #size-cells = <2>;
    chosen { linux,uefi-mmap-start = <0x0 0xbbdd0040>; linux,uefi-mmap-size = <0x630>;
             bootargs = "console=ttyAMA0 crashkernel=256M"; }; };
DTS
run "efi-memmap: a DTB" 2 'efi-memmap: .*virt.dtb.*efi=debug' \
	"$MEMPLAN" plan $VIRT --efi-memmap "$T/virt.dtb"
run "efi-memmap: no efi=debug" 2 'efi=debug' "$MEMPLAN" plan $VIRT --efi-memmap "$T/noefidebug.log"
run "efi-memmap: bad JSON attribute" 2 'unknown attribute "XX"' \
	"$MEMPLAN" plan $VIRT --efi-memmap "$T/bad.json"
run "efi-memmap: missing file" 2 'efi-memmap' "$MEMPLAN" plan $VIRT --efi-memmap "$T/nonexistent"
run "UEFI DT without the map" 2 'no usable memory.*--efi-memmap' "$MEMPLAN" plan "$T/stub.dts"
run "UEFI DT with the map" 0 '' "$MEMPLAN" plan "$T/stub.dts" --efi-memmap $EFILOG \
	--initrd-size 5756341
out "UEFI DT with the map: memory from it" 'inputs    .*memory efi-memmap'
run "UEFI DT, no initrd size" 0 '' "$MEMPLAN" plan "$T/stub.dts" --efi-memmap $EFILOG
out "UEFI DT, no initrd size: a warning" 'efi-initrd-size'
run "initrd-size junk" 2 'initrd-size' "$MEMPLAN" plan $VIRT --initrd-size 12q
# the man page's JSON example of an EFI memory map is one memplan reads
sed -n '/^\.SS EFI MEMORY MAP/,/^\.SS Numbers/p' planner/cli/memplan.1 |
	sed -n '/^{ "map"/,/^\.fi/p' | sed '/^\.fi/d' >"$T/man-efi.json"
run "memplan.1's EFI map example" 0 '' "$MEMPLAN" plan "$T/stub.dts" --efi-memmap "$T/man-efi.json" \
	--cmdline console=ttyAMA0
out "memplan.1's EFI map example: memory from it" 'inputs    .*memory efi-memmap'

# ---- the capture kernel must fit in the crash region ----
run "kexec initrd > region" 1 'capture initrd .* does not fit' \
	"$MEMPLAN" handoff kexec --dts $VIRT --cmdline crashkernel=256M --capture-initrd-size 300M -o "$T/cap.dtb"
absent "kexec initrd > region: no DTB" "$T/cap.dtb"
run "plan --capture initrd > region" 1 'does not fit' \
	"$MEMPLAN" plan $VIRT --cmdline crashkernel=256M --capture --capture-initrd-size 300M
run "kexec initrd that fits" 0 '' \
	"$MEMPLAN" handoff kexec --dts $VIRT --cmdline crashkernel=256M --capture-initrd-size 64M -o "$T/cap.dtb"

# ---- crashkernel= text the kernel reads silently ----
run "crashkernel @junk" 0 '' "$MEMPLAN" plan $VIRT --cmdline crashkernel=256M@abc
out "crashkernel @junk warns" 'crashkernel-bad-base.*reads base 0'
run "crashkernel @addr+junk" 1 '' "$MEMPLAN" plan $VIRT --cmdline crashkernel=256M@0x48000000xyz
out "crashkernel @addr+junk warns" "ignores 'xyz'"

# ---- '-' and positional input, as dtc takes them ----
run "--dtb -" 0 '' sh -c "\"$MEMPLAN\" plan --dtb - <\"$T/virt.dtb\""
out "--dtb - is named <stdin>" '^memplan plan: <stdin>'
run "--dts -" 0 '' sh -c "\"$MEMPLAN\" plan --dts - <$VIRT"
run "--kconfig -" 0 '' sh -c "\"$MEMPLAN\" plan $VIRT --kconfig - <$CONFIG"
out "--kconfig - read" '64 KiB pages'
run "positional DTB" 0 '' "$MEMPLAN" plan "$T/virt.dtb"
run "positional DTS" 0 '' "$MEMPLAN" plan $VIRT
run "positional - (source)" 0 '' sh -c "\"$MEMPLAN\" plan - <$VIRT"
run "two DTs" 2 'give one DT' "$MEMPLAN" plan $VIRT --dtb "$T/virt.dtb"
run "no DT" 2 'a DT is required' "$MEMPLAN" plan
run "-o -" 0 '' "$MEMPLAN" plan $VIRT -o - --format json
out "-o - is stdout" '"schema": "memplan-plan/1"'
absent "-o - writes no file '-'" ./-
run "empty stdin" 2 'nothing on standard input' sh -c "\"$MEMPLAN\" plan --dtb - </dev/null"

# --boot-log - and --image - read standard input like the named file
R=tests/verify/records/k612p-ck256m-2g
gzip -dc $R/fdt.dtb.gz >"$T/rec.dtb"
gzip -dc $R/dmesg.gz >"$T/dmesg"
"$MEMPLAN" verify --boot-log "$T/dmesg" --dtb "$T/rec.dtb" --kernel memplan-6.12 >"$T/v.file" 2>&1
run "verify --boot-log -" 1 '' sh -c "\"$MEMPLAN\" verify --boot-log - --dtb \"$T/rec.dtb\" --kernel memplan-6.12 <\"$T/dmesg\""
sed 1d "$T/v.file" >"$T/v.rest"
if head -n 1 "$T/out" | grep -q '^memplan verify: <stdin> (boot 0' && sed 1d "$T/out" | cmp -s - "$T/v.rest"; then
	ok; else bad "verify --boot-log -: not the file's report"; fi
run "verify --boot-log missing" 2 '--boot-log .*: No such file' "$MEMPLAN" verify --boot-log "$T/none" --dtb "$T/rec.dtb"
printf 'MZ\0\0' >"$T/notimage"
run "--image not an Image" 2 'notimage' "$MEMPLAN" plan $VIRT --image "$T/notimage"
run "--image -" 2 '^memplan plan: -: ' sh -c "\"$MEMPLAN\" plan $VIRT --image - <\"$T/notimage\""
run "--image DIR" 2 'is a directory' "$MEMPLAN" plan $VIRT --image "$T/empty"

# ---- .config as the running system has it ----
run "/proc/config.gz" 0 '' "$MEMPLAN" plan $VIRT --kconfig "$T/config.gz"
out "/proc/config.gz read" '64 KiB pages'
run "gzip cut short" 2 'cut short' "$MEMPLAN" plan $VIRT --kconfig "$T/cut.gz"

# ---- .config files of the wrong kind (issue: x86 and fragments were taken silently) ----
grep -v '^CONFIG_ARM64=y$' $CONFIG >"$T/fragment.config"
run "--kconfig fragment" 2 'not a full arm64 .config .*olddefconfig' "$MEMPLAN" plan $VIRT --kconfig "$T/fragment.config"
sed -e 's|^# Linux/arm64 |# Linux/x86 |' $CONFIG >"$T/x86-header.config"
run "--kconfig x86 (header)" 2 'a .config for x86' "$MEMPLAN" plan $VIRT --kconfig "$T/x86-header.config"
sed -e '/^# Linux\//d' -e 's/^CONFIG_ARM64=y$/CONFIG_X86=y/' $CONFIG >"$T/x86-sym.config"
run "--kconfig x86 (symbol)" 2 'not an arm64 .config \(CONFIG_X86=y\)' "$MEMPLAN" plan $VIRT --kconfig "$T/x86-sym.config"
run "--kconfig 6.12 under linux-6.1" 0 'warning: .* Linux 6\.12\.0, but --kernel linux-6\.1 models 6\.1' \
	"$MEMPLAN" plan $VIRT --kernel linux-6.1 --kconfig $CONFIG
run "--kconfig 6.12 under linux-6.12: no warning" 0 '' "$MEMPLAN" plan $VIRT --kconfig $CONFIG
if [ -s "$T/err" ]; then bad "matching version warns: $(head -n 1 "$T/err")"; else ok; fi
run "verify --kconfig fragment" 2 'not a full arm64' "$MEMPLAN" verify --boot-log "$T/dmesg" --dtb "$T/rec.dtb" --kconfig "$T/fragment.config"

# ---- a DT that leaves memory to the boot loader: planned, never refused ----
NOMEM=tests/lint/bootloader-memory.dts
for cmd in plan devmem estimate; do
	extra=
	[ $cmd = devmem ] && extra="--size 1G"
	# shellcheck disable=SC2086
	run "$cmd: DT without memory" 0 '' "$MEMPLAN" $cmd --dts $NOMEM $extra
done
run "handoff kexec: DT without memory" 0 "" "$MEMPLAN" handoff kexec --dts $NOMEM --cmdline crashkernel=128M -o "$T/ho.dtb"
run "plan: assumed memory, text" 0 '' "$MEMPLAN" plan --dts $NOMEM
out "text says memory assumed" '^  inputs +memory assumed, image base assumed'
out "note memory-assumed" 'memory-assumed: the DT leaves memory to the boot loader: planned with 2048 MiB of RAM at 0x80000000'
out "Image stepped past secmon" 'placement-assumed: the Image is assumed at 0x81000000'
run "plan: assumed memory, JSON" 0 '' "$MEMPLAN" plan --dts $NOMEM --format json
out "JSON inputs.memory assumed" '"source": "assumed"'
out "JSON base_from placeholder" '"base_from": "the placeholder /memory node"'
run "--assume-memory 4G" 0 '' "$MEMPLAN" plan --dts $NOMEM --assume-memory 4G --format json
out "size given" '"size_source": "given"'
out "4 GiB bank" '"size": "0x100000000"'
run "--assume-memory BASE:SIZE,BASE:SIZE" 0 '' "$MEMPLAN" plan --dts $NOMEM --assume-memory 0x80000000:1G,0x100000000:1G --format json
out "two given banks" '"base": "0x0000000100000000"'
out "memory source given" '"source": "given"'
# RAM that misses the board's carve-out: the finding says it follows from the assumption
run "--assume-memory missing the carve-out" 0 '' "$MEMPLAN" plan --dts $NOMEM --assume-memory 0x90000000:1G
out "finding marked assumed" 'rmem-outside-ram: .*\[follows from the assumed memory\]'
run "--assume-memory on a DT with memory" 0 'warning: .*--assume-memory ignored' "$MEMPLAN" plan $VIRT --assume-memory 1G
run "--assume-memory 0" 2 'bad size' "$MEMPLAN" plan --dts $NOMEM --assume-memory 0
run "--assume-memory junk" 2 'bad base' "$MEMPLAN" plan --dts $NOMEM --assume-memory xyz:1G
run "--assume-memory wraps" 2 'past the 64-bit' "$MEMPLAN" plan --dts $NOMEM --assume-memory 0xffffffffffff0000:1G
run "--assume-memory SIZE,SIZE" 2 'each need a base' "$MEMPLAN" plan --dts $NOMEM --assume-memory 1G,1G
run "--assume-memory 9 banks" 2 'more than 8 banks' "$MEMPLAN" plan --dts $NOMEM \
	--assume-memory 0:1M,0x1000000:1M,0x2000000:1M,0x3000000:1M,0x4000000:1M,0x5000000:1M,0x6000000:1M,0x7000000:1M,0x8000000:1M

# ---- a 52-bit .config (Debian 6.12): the CPU decides; without --cpu-va52 the fallback is assumed ----
DEB=tests/e2e/corpus/kernel/config-debian-6.12.gz
run "52-bit config, CPU assumed without LPA2" 0 '' "$MEMPLAN" plan $VIRT --kconfig $DEB
out "fallback stated" 'VA 52 / PA 52 bits \(48 / 48 in use: a CPU without LPA2/LVA assumed'
run "--cpu-va52" 0 '' "$MEMPLAN" plan $VIRT --kconfig $DEB --cpu-va52 --format json
out "cpu_va52 given" '"cpu_va52": \{'
out "52 bits in use" '"value": true'

# ---- the wrong kind of file for an option ----
run "--dts DIR" 2 'is a directory' "$MEMPLAN" plan --dts "$T/empty"
run "--dtb DIR" 2 'is a directory' "$MEMPLAN" plan --dtb "$T/empty"
run "--dts of a DTB" 2 'use --dtb' "$MEMPLAN" plan --dts "$T/virt.dtb"
run "--dtb of source" 2 'use --dts' "$MEMPLAN" plan --dtb $VIRT
run "--dtb empty file" 2 'empty file' "$MEMPLAN" plan --dtb /dev/null
run "verify --record FILE" 2 'not a directory' "$MEMPLAN" verify --record "$T/virt.dtb"
run "verify --record missing" 2 'No such file' "$MEMPLAN" verify --record "$T/none"

# ---- lint on directories and in CI ----
run "lint empty dir" 2 'no \*.dtb or \*.dts' "$MEMPLAN" lint "$T/empty"
run "lint dir of empty dirs" 2 'nothing to lint' "$MEMPLAN" lint "$T/emptysub"
run "lint -" 0 '' sh -c "\"$MEMPLAN\" lint - <$VIRT"
out "lint - names <stdin>" '1 file linted'
run "lint -o" 0 '' "$MEMPLAN" lint -o "$T/lint.txt" $VIRT
if [ -s "$T/lint.txt" ] && [ ! -s "$T/out" ]; then ok; else bad "lint -o: report not in the file alone"; fi
run "lint warning passes" 0 '' "$MEMPLAN" lint dts/cma-cmdline-override.dts
run "lint --werror" 1 '' "$MEMPLAN" lint --werror dts/cma-cmdline-override.dts
run "lint -E CODE" 1 '' "$MEMPLAN" lint -E rmem-init-failed dts/cma-cmdline-override.dts
run "lint -W no-all" 0 '' "$MEMPLAN" lint -W no-all tests/lint/lint-cases.dts
run "lint -E no-all" 0 '' "$MEMPLAN" lint -E no-all tests/lint/lint-cases.dts
run "lint -W unknown" 2 "unknown finding code 'bogus'" "$MEMPLAN" lint -W bogus $VIRT
# every code the core can emit is one lint knows (-W/-E accept it)
"$MEMPLAN" lint --list-codes >"$T/codes"
missing=$(grep -ohE 'mp_diag\([^"]*"[a-z0-9-]+"' planner/core/*.c | grep -oE '"[a-z0-9-]+"$' |
	tr -d '"' | sort -u | while read -r c; do grep -q "^$c " "$T/codes" || echo "$c"; done)
if [ -z "$missing" ]; then ok; else bad "lint --list-codes lacks:" $missing; fi

# ---- colour: --color, NO_COLOR, TERM=dumb (script(1) gives a terminal) ----
esc=$(printf '\033')
run "--color=always" 0 '' "$MEMPLAN" plan $VIRT --color=always
out "--color=always colours" "$esc\\["
run "--color=never" 0 '' "$MEMPLAN" plan $VIRT --color=never
nout "--color=never plain" "$esc"
run "--color bad" 2 "is not auto, always or never" "$MEMPLAN" plan $VIRT --color=sometimes
run "terminal" 0 '' script -qec "\"$MEMPLAN\" plan $VIRT" /dev/null
out "terminal colours" "$esc\\["
run "TERM=dumb" 0 '' env TERM=dumb script -qec "\"$MEMPLAN\" plan $VIRT" /dev/null
nout "TERM=dumb plain" "$esc\\["
run "NO_COLOR" 0 '' env NO_COLOR=1 script -qec "\"$MEMPLAN\" plan $VIRT" /dev/null
nout "NO_COLOR plain" "$esc\\["

# ---- output files ----
run "devmem -o /proc/x" 2 '^memplan devmem: -o /proc/x' "$MEMPLAN" devmem --dts $VIRT --size 1G -o /proc/x
run "plan -o missing dir" 2 '^memplan plan: -o ' "$MEMPLAN" plan $VIRT -o "$T/none/x"
run "plan -o DIR" 2 'is a directory' "$MEMPLAN" plan $VIRT -o "$T/empty"
echo keep >"$T/keep.json"
run "failed plan keeps -o FILE" 2 '' "$MEMPLAN" plan $VIRT --image-base 0x1 -o "$T/keep.json"
if [ "$(cat "$T/keep.json")" = keep ]; then ok; else bad "failed plan: -o FILE changed"; fi
run "estimate json" 0 '' "$MEMPLAN" estimate --dts $VIRT --format json -o "$T/e.json"
if python3 -c 'import json,sys; e=json.load(open(sys.argv[1])); assert e["crashkernel"]=="crashkernel=320M"' "$T/e.json"; then
	ok; else bad "estimate json: not the expected answer"; fi
run "estimate bad format" 2 "is not text or json" "$MEMPLAN" estimate --dts $VIRT --format xml
run "handoff -o -" 0 '' "$MEMPLAN" handoff kexec --dts $VIRT --cmdline crashkernel=256M -o -
if head -c 4 "$T/out" | od -An -tx1 | grep -q 'd0 0d fe ed'; then ok; else bad "handoff -o -: no DTB on stdout"; fi
if grep -q '<stdout>' "$T/err"; then ok; else bad "handoff -o -: report not on stderr"; fi

# ---- usage mistakes, the same form on every command ----
for cmd in plan lint verify devmem estimate "handoff kexec"; do
	# shellcheck disable=SC2086 # cmd is one or two words
	run "$cmd --bogus" 2 "^memplan $cmd: unknown option '--bogus'" "$MEMPLAN" $cmd --bogus
done
run "help --help" 0 '' "$MEMPLAN" help --help
out "help --help is the usage" '^Usage: memplan COMMAND'
# the man page and --version name the same version
v=$("$MEMPLAN" --version | awk '{ print $2 }')
if grep -q "^\.TH MEMPLAN 1 .*\"memplan $v\"" planner/cli/memplan.1; then ok; else bad "memplan.1 is not for version $v"; fi
run "plan --nr-cpus 0" 2 'nr-cpus' "$MEMPLAN" plan $VIRT --nr-cpus 0
run "plan --dtb without value" 2 "needs an argument" "$MEMPLAN" plan --dtb

# ---- the man page documents every option of every --help ----
for cmd in plan lint verify devmem estimate "handoff kexec" "handoff xen-dom0"; do
	# shellcheck disable=SC2086
	miss=$("$MEMPLAN" $cmd --help | grep -oE -- '--[a-z][a-z0-9-]+' | sort -u | while read -r o; do
		grep -q -- "$(echo "$o" | sed 's/-/\\\\-/g')" planner/cli/memplan.1 || echo "$o"; done)
	if [ -z "$miss" ]; then ok; else bad "memplan.1 lacks options of $cmd:" $miss; fi
done

finish
