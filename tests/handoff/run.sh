#!/bin/sh
# SPDX-License-Identifier: (GPL-2.0-or-later OR BSD-2-Clause)
#
# Hand-off tests: `memplan handoff xen-dom0` and `memplan handoff kexec`.
#
#  xen-dom0  From tests/handoff/xen-host.dts build Xen 4.17's dom0 DT (memory
#            nodes, /reserved-memory kept, /memreserve/ dropped), the one Xen
#            builds from the --fix host DT (the unreachable pool pinned), and the
#            legacy one (reserved ranges as RAM, /reserved-memory dropped).  Plan
#            them with memplan: in the legacy one the crash kernel and the CMA
#            area land on the host's vpu@b8000000 carve-out; in the fixed one every
#            region stays reserved and nothing lands on one.  A disabled region:
#            memory Xen 4.17 never gives dom0 (4.19 leaves it out; --fix removes
#            it; lint warns on a Xen host DT).
#  kexec     From tests/handoff/kdump-dynamic.dts build the capture kernel's DT
#            as kexec-tools does and with --fix; re-plan both: the dynamic
#            gpu-pool is allocated inside the crash region, then not any more.
#  uboot     tests/handoff/uboot-board.dts with U-Boot environments: a good one
#            (initrd and DTB copied below initrd_high/fdt_high; addresses worked
#            out here from boot_ramdisk_high() and boot_relocate_fdt()), and bad
#            ones: fdt_addr_r on the no-map region in place, kernel_addr_r
#            outside RAM, unaligned addresses, QEMU's default fdt_high=0xffffffff,
#            a file that is no environment.
# Every DT written is decompiled with `dtc -I dtb -O dts`.
#
# usage: tests/handoff/run.sh   (env MEMPLAN, default build/memplan)
# Ends with "N passed, N failed"; exit 1 if anything failed.
set -u
. "$(dirname "$0")/../lib.sh"
D=tests/handoff

# ---- xen-dom0 -------------------------------------------------------------
# Xen 4.17's construction: dom0's bank where Xen's heap has room (0x80000000, 512 MiB,
# clear of every reserved range); vdec-pool's alloc-ranges miss dom0's memory
B=0x80000000:512M
expect "xen: Xen 4.17 construction flags vdec-pool" 1 \
	"$MEMPLAN" handoff xen-dom0 --dts $D/xen-host.dts --dom0-mem $B -o "$T/dom0.dtb"
has "xen: 4.17: vdec-pool unreachable" 'VIOLATION: /reserved-memory/vdec-pool stays dynamic'
has "xen: 4.17: DT and kernel placed" 'dom0 kernel at 0x0000000080000000, DT at 0x0000000088000000'
hasnt "xen: 4.17: no conflict" 'CONFLICT'
valid_dtb "xen: dom0.dtb" "$T/dom0.dtb"
expect "xen: fdtget dom0's bank" 0 fdtget -t x "$T/dom0.dtb" /memory@80000000 reg
has "xen: memory@80000000 is dom0's bank" '^0 80000000 0 20000000$'
# bootinfo.reserved_mem: the children's reg in DT order, as a second memory node
expect "xen: fdtget the reserved ranges' node" 0 fdtget -t x "$T/dom0.dtb" /memory@b8000000 reg
has "xen: memory@b8000000 lists vpu and rproc" '^0 b8000000 0 8000000 0 70000000 0 1000000$'
dtc -q -I dtb -O dts -o "$T/dom0.dts2" "$T/dom0.dtb"
hasnt "xen: /memreserve/ dropped (an empty reserve map)" '^/memreserve/' "$T/dom0.dts2"
has "xen: /reserved-memory kept" 'vdec-pool \{' "$T/dom0.dts2"

expect "xen: --fix" 0 "$MEMPLAN" handoff xen-dom0 --dts $D/xen-host.dts --dom0-mem $B --fix \
	--host-output "$T/host-fixed.dtb" -o "$T/fixed.dtb"
has "xen: --fix pins vdec-pool at the host address" 'pinned .*0x00000000ae000000.*vdec-pool'
has "xen: --fix: check passes" '^  ok: every host reserved range'
valid_dtb "xen: host-fixed.dtb" "$T/host-fixed.dtb"
expect "xen: fixed: the pinned pool joins the reserved ranges" 0 \
	fdtget -t x "$T/fixed.dtb" /memory@b8000000 reg
has "xen: fixed: vpu, rproc, vdec-pool" '^0 b8000000 0 8000000 0 70000000 0 1000000 0 ae000000 0 2000000$'
expect "xen: --format dts" 0 "$MEMPLAN" handoff xen-dom0 --dts $D/xen-host.dts --dom0-mem $B \
	--fix --format dts -o "$T/dom0.dts"
expect "xen: dts output compiles" 0 dtc -q -I dts -O dtb -o "$T/dom0-from-dts.dtb" "$T/dom0.dts"

# a disabled node: Xen 4.17 still lists its reg as dom0 memory, which dom0 takes as RAM
cat >"$T/disabled.dts" <<'DTS'
/dts-v1/;
/ { #address-cells = <2>; #size-cells = <2>;
  memory@40000000 { device_type = "memory"; reg = <0x0 0x40000000 0x0 0x80000000>; };
  reserved-memory { #address-cells = <2>; #size-cells = <2>; ranges;
    off@b0000000 { reg = <0x0 0xb0000000 0x0 0x8000000>; status = "disabled"; };
    on@51000000 { reg = <0x0 0x51000000 0x0 0x100000>; no-map; }; };
  chosen { bootargs = "console=ttyAMA0"; xen,xen-bootargs = "dom0_mem=512M"; }; };
DTS
expect "xen: a disabled node (4.17)" 1 \
	"$MEMPLAN" handoff xen-dom0 --dts "$T/disabled.dts" --dom0-mem 0x60000000:512M -o "$T/d.dtb"
has "xen: a disabled node has no address" '^  \(no address\) +/reserved-memory/off@b0000000: dropped'
hasnt "xen: no 0 B range" '0xffffffffffffffff\] 0 B'
has "xen: RAM Xen does not give dom0" 'VIOLATION: \[0x00000000b0000000-0x00000000b7ffffff\] 128 MiB /reserved-memory/off@b0000000: .*node is disabled'
has "xen: the top of dom0's memory: the BUG predicted" "dom0 BUG\(\)s in xen_starting_cpu\(\)"
expect "xen: a disabled node (4.19)" 0 "$MEMPLAN" handoff xen-dom0 --dts "$T/disabled.dts" \
	--dom0-mem 0x60000000:512M --xen 4.19 -o "$T/d19.dtb"
expect "xen: 4.19: no second range" 0 fdtget -t x "$T/d19.dtb" /memory@51000000 reg
has "xen: 4.19: only on@51000000" '^0 51000000 0 100000$'
expect "xen: a disabled node, fixed" 0 "$MEMPLAN" handoff xen-dom0 --dts "$T/disabled.dts" \
	--dom0-mem 0x60000000:512M --fix -o "$T/dfix.dtb"
has "xen: fixed: the node removed" 'fixed /reserved-memory/off@b0000000: disabled'
expect "lint: a Xen host DT with a disabled region" 0 "$MEMPLAN" lint --kernel linux-6.12 \
	"$T/disabled.dts"
has "lint: xen-reserved-disabled" 'warning xen-reserved-disabled /reserved-memory/off@b0000000'
sed -i '/xen,xen-bootargs/s/ xen,xen-bootargs = "dom0_mem=512M";//' "$T/disabled.dts"
expect "lint: the same DT not for Xen" 0 "$MEMPLAN" lint --kernel linux-6.12 "$T/disabled.dts"
hasnt "lint: no Xen finding" 'xen-reserved-disabled'
expect "plan json: a disabled node" 0 "$MEMPLAN" plan --dts "$T/disabled.dts" --format json
py "plan json: its base is null" "$T/out" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))["reserved_memory"][0]
assert r["path"] == "/reserved-memory/off@b0000000" and r["status"] == "dropped", r
assert r["base"] is None, r
PY

expect "xen: legacy construction is flagged" 1 \
	"$MEMPLAN" handoff xen-dom0 --dts $D/xen-host.dts --dom0-mem 0x40000000:1G --legacy \
	-o "$T/old.dtb"
has "xen: legacy: rproc handed over as RAM" 'VIOLATION: /reserved-memory/rproc@70000000 .*plain memory'
has "xen: legacy: crash kernel on vpu" 'CONFLICT: the crash kernel lands on host region /reserved-memory/vpu@b8000000'
valid_dtb "xen: old.dtb" "$T/old.dtb"
dtc -q -I dtb -O dts -o "$T/old.dts2" "$T/old.dtb"
hasnt "xen: legacy drops /reserved-memory" 'reserved-memory' "$T/old.dts2"

# plan both with memplan (crashkernel=64M from bootargs) and compare
# the kernel at bank 0 and the DT at bank 0 + 128 MiB, where Xen loads them
expect "xen: plan the fixed dom0 DT" 0 "$MEMPLAN" plan --dtb "$T/fixed.dtb" --format json \
	--image-base 0x80000000 --fdt-base 0x88000000 -o "$T/new.json"
expect "xen: plan the old DT" 0 "$MEMPLAN" plan --dtb "$T/old.dtb" --format json -o "$T/old.json"
cat >"$T/regions.py" <<'PY'
import json, sys
VPU = (0xb8000000, 0xc0000000)     # host no-map carve-out
RPROC = (0x70000000, 0x71000000)   # host no-map carve-out
VDEC = (0xae000000, 0xb0000000)    # vdec-pool at the host plan's address
def hx(s): return int(s, 16)
def ranges(plan):
    out = []
    ck = plan["crashkernel"]
    for k in ("low", "high"):
        if ck.get(k):
            out.append(("crashkernel", hx(ck[k]["base"]), hx(ck[k]["base"]) + hx(ck[k]["size"])))
    if plan.get("cma"):
        c = plan["cma"]
        out.append(("cma", hx(c["base"]), hx(c["base"]) + hx(c["size"])))
    return out
def meets(a, b): return a[1] < b[1] and b[0] < a[2]
PY
py "xen: old DT: crash kernel or CMA lands on a host carve-out" "$T/old.json" <<PY
$(cat "$T/regions.py")
p = json.load(open(sys.argv[1]))
hits = [r for r in ranges(p) if any(meets(r, h) for h in (VPU, RPROC, VDEC))]
assert hits, ranges(p)
assert not [r for r in p["reserved_memory"] if r["path"].startswith("/reserved-memory")], "legacy kept nodes"
PY
py "xen: fixed DT: all regions reserved, nothing lands on them" "$T/new.json" <<PY
$(cat "$T/regions.py")
p = json.load(open(sys.argv[1]))
rm = {r["path"]: r for r in p["reserved_memory"]}
for path in ("/reserved-memory/vpu@b8000000", "/reserved-memory/rproc@70000000",
             "/reserved-memory/vdec-pool@ae000000", "/reserved-memory/linux,cma"):
    assert rm[path]["status"] == "reserved", (path, rm[path]["status"])
assert hx(rm["/reserved-memory/vdec-pool@ae000000"]["base"]) == VDEC[0]
cma = rm["/reserved-memory/linux,cma"]
assert 0x80000000 <= hx(cma["base"]) < 0xa0000000, "dynamic CMA allocated in dom0's bank"
for r in ranges(p):
    assert not any(meets(r, h) for h in (VPU, RPROC, VDEC)), r
    assert 0x80000000 <= r[1] and r[2] <= 0xa0000000, ("outside dom0's bank", r)
PY

# usage errors
expect "xen: --dom0-mem required" 2 "$MEMPLAN" handoff xen-dom0 --dts $D/xen-host.dts -o "$T/x.dtb"
expect "xen: dom0 outside host RAM" 2 \
	"$MEMPLAN" handoff xen-dom0 --dts $D/xen-host.dts --dom0-mem 0x100000000:1G -o "$T/x.dtb"
expect "xen: malformed --dom0-mem" 2 \
	"$MEMPLAN" handoff xen-dom0 --dts $D/xen-host.dts --dom0-mem 0x40000000 -o "$T/x.dtb"
expect "xen: overlapping --dom0-mem" 2 "$MEMPLAN" handoff xen-dom0 --dts $D/xen-host.dts \
	--dom0-mem 0x40000000:512M,0x50000000:512M -o "$T/x.dtb"
expect "xen: a bank over a reserved range" 2 "$MEMPLAN" handoff xen-dom0 --dts $D/xen-host.dts \
	--dom0-mem 0x40000000:1G -o "$T/x.dtb"
has "xen: the bank's error names the range" 'meets the reserved range 0x70000000\+0x1000000' "$T/err"
expect "xen: a bank over /memreserve/" 2 "$MEMPLAN" handoff xen-dom0 --dts $D/xen-host.dts \
	--dom0-mem 0x48000000:1M -o "$T/x.dtb"
expect "xen: --xen 5" 2 "$MEMPLAN" handoff xen-dom0 --dts $D/xen-host.dts --dom0-mem $B \
	--xen 5 -o "$T/x.dtb"
expect "xen: --host-output without --fix" 2 "$MEMPLAN" handoff xen-dom0 --dts $D/xen-host.dts \
	--dom0-mem $B --host-output "$T/h.dtb" -o "$T/x.dtb"
expect "handoff: unknown target" 2 "$MEMPLAN" handoff xen-domU
expect "handoff: --help" 0 "$MEMPLAN" handoff xen-dom0 --help
has "handoff: --help names --dom0-mem" '--dom0-mem LIST'

# ---- kexec ------------------------------------------------------------------
expect "kexec: dynamic regions flagged" 1 \
	"$MEMPLAN" handoff kexec --dts $D/kdump-dynamic.dts -o "$T/cap.dtb"
has "kexec: gpu-pool flagged" 'FLAGGED /reserved-memory/gpu-pool'
has "kexec: linux,cma flagged" 'FLAGGED /reserved-memory/linux,cma'
hasnt "kexec: dsp-pool not flagged" 'dsp-pool'
valid_dtb "kexec: cap.dtb" "$T/cap.dtb"
replan=$(sed -n 's/^re-plan: memplan plan --dtb [^ ]* //p' "$T/out")
expect "kexec: fixed" 0 \
	"$MEMPLAN" handoff kexec --dts $D/kdump-dynamic.dts --fix -o "$T/capfix.dtb"
has "kexec: fixed: nothing left in the crash region" '^  0 B of the 256 MiB crash region'
valid_dtb "kexec: capfix.dtb" "$T/capfix.dtb"
expect "kexec: capture DT has usable-memory-range" 0 \
	fdtget -t x "$T/capfix.dtb" /chosen linux,usable-memory-range
expect "kexec: capture DT has elfcorehdr" 0 fdtget -t x "$T/capfix.dtb" /chosen linux,elfcorehdr
# exit 1: dsp-pool's alloc-ranges miss the capture kernel's memory (rmem-alloc-failed,
# harmless); everything else is planned
# shellcheck disable=SC2086
expect "kexec: re-plan as kexec builds it" 1 \
	"$MEMPLAN" plan --dtb "$T/cap.dtb" $replan --format json -o "$T/cap.json"
# shellcheck disable=SC2086
expect "kexec: re-plan the fixed DT" 1 \
	"$MEMPLAN" plan --dtb "$T/capfix.dtb" $replan --format json -o "$T/capfix.json"
cat >"$T/crash.py" <<'PY'
import json, sys
def hx(s): return int(s, 16)
CRASH = None
def inside(plan, crash):
    out = []
    for r in plan["reserved_memory"]:
        if r.get("kind") != "dynamic" or r["status"] != "reserved" or r["base"] is None:
            continue
        b, s = hx(r["base"]), hx(r["size"])
        if b < crash[1] and crash[0] < b + s:
            out.append(r["path"])
    return out
def usable(plan):
    m = [(hx(b["base"]), hx(b["base"]) + hx(b["size"])) for b in plan["memory"]]
    return (min(x[0] for x in m), max(x[1] for x in m))
PY
py "kexec: the only error is dsp-pool's allocation" "$T/capfix.json" <<PY
import json, sys
p = json.load(open(sys.argv[1]))
errs = [(d["code"], d.get("path")) for d in p["diagnostics"] if d["severity"] == "error"]
assert errs == [("rmem-alloc-failed", "/reserved-memory/dsp-pool")], errs
PY
py "kexec: as kexec builds it, gpu-pool is allocated inside the crash region" "$T/cap.json" <<PY
$(cat "$T/crash.py")
p = json.load(open(sys.argv[1]))
assert inside(p, usable(p)) == ["/reserved-memory/gpu-pool"], inside(p, usable(p))
PY
py "kexec: fixed, no region is allocated inside the crash region" "$T/capfix.json" <<PY
$(cat "$T/crash.py")
p = json.load(open(sys.argv[1]))
assert inside(p, usable(p)) == [], inside(p, usable(p))
pinned = [r for r in p["reserved_memory"] if r["path"].startswith("/reserved-memory/gpu-pool@")]
assert pinned and pinned[0]["kind"] == "static", pinned
PY
expect "kexec: without cma=0 the CMA pool eats the crash region too" 1 \
	"$MEMPLAN" handoff kexec --dts $D/kdump-dynamic.dts --capture-cmdline 'nr_cpus=1' -o "$T/c2.dtb"
has "kexec: no cma= warning" 'warning: the capture command line has no cma='
has "kexec: 80 MiB eaten" '^  80 MiB of the 256 MiB crash region'
expect "kexec: no crash kernel" 1 \
	"$MEMPLAN" handoff kexec --dts $D/kdump-dynamic.dts --cmdline console=ttyAMA0 -o "$T/c3.dtb"
expect "kexec: --dom0-mem rejected" 2 \
	"$MEMPLAN" handoff kexec --dts $D/kdump-dynamic.dts --dom0-mem 0:1G -o "$T/c4.dtb"
# ---- uboot ----------------------------------------------------------------
dtc -q -I dts -O dtb -o "$T/board.dtb" $D/uboot-board.dts
env() { printf '%s\n' "$@" >"$T/u.env"; }
env kernel_addr_r=0x40400000 ramdisk_addr_r=0x44000000 filesize=100000 fdt_addr_r=0x4a000000 \
	initrd_high=0x60000000 fdt_high=0x60000000 bootargs=console=ttyS0 \
	'ver=U-Boot 2023.01+dfsg-2+deb12u3 (Jun 22 2026 - 08:38:07 +0000)'
expect "uboot: good env" 0 "$MEMPLAN" handoff uboot --dtb "$T/board.dtb" --uboot-env "$T/u.env" \
	-o "$T/ho.dtb"
# initrd: the highest 4 KiB aligned 1 MiB below initrd_high; the DTB copy (totalsize +
# SYS_FDT_PAD 0x3000) the highest below that
rd=$((0x60000000 - 0x100000))
fdt=$(( (rd - $(stat -c %s "$T/board.dtb") - 0x3000) & ~0xfff ))
has "uboot: Image at kernel_addr_r" '^  Image  0x0000000040400000-0x000000004240ffff  \(at kernel_addr_r\)'
has "uboot: initrd copied" "^  initrd $(printf '0x%016x-0x%016x' $rd $((rd + 0x100000 - 1)))  \\(copied"
has "uboot: DTB relocated" "^  DTB    $(printf '0x%016x' $fdt)-"
hasnt "uboot: no finding" '(error|warning|note):'
valid_dtb "uboot: ho.dtb" "$T/ho.dtb"
expect "uboot: fdtget bootargs" 0 fdtget "$T/ho.dtb" /chosen bootargs
has "uboot: bootargs from the environment" '^console=ttyS0$'
expect "uboot: fdtget initrd-start" 0 fdtget -t x "$T/ho.dtb" /chosen linux,initrd-start
has "uboot: linux,initrd-start" "^0 $(printf '%x' $rd)\$"
dtc -q -I dtb -O dts -o "$T/ho.dts" "$T/ho.dtb"
has "uboot: /memreserve/ of the board kept" '^/memreserve/[[:space:]]+0x0*70000000 0x0*10000;' "$T/ho.dts"
has "uboot: /memreserve/ for the initrd" "^/memreserve/[[:space:]]+$(printf '0x0*%x' $rd) 0x0*100000;" "$T/ho.dts"
has "uboot: u-boot,version" 'u-boot,version = "2023.01\+dfsg-2\+deb12u3";' "$T/ho.dts"
expect "uboot: plan --uboot-env" 0 "$MEMPLAN" plan --dtb "$T/board.dtb" --uboot-env "$T/u.env" \
	--format json
py "uboot: the plan uses the hand-over" "$T/out" "$fdt" "$rd" <<'PY'
import json, sys
p = json.load(open(sys.argv[1]))
s = json.dumps(p)
assert p["cmdline"] == "console=ttyS0", p["cmdline"]
assert "%016x" % int(sys.argv[2]) in s, "no DTB at the predicted address"
assert "%016x" % int(sys.argv[3]) in s, "no initrd at the predicted address"
i = p["inputs"]
assert i["image_base"]["source"] == "boot-loader", i["image_base"]
assert i["dtb_base"]["source"] == "boot-loader", i["dtb_base"]
assert i["dtb_base"]["value"] == "0x%016x" % int(sys.argv[2]), i["dtb_base"]
assert i["initrd"]["source"] == "dt" and i["initrd"]["start"] == "0x%016x" % int(sys.argv[3]), i["initrd"]
PY
expect "uboot: json" 0 "$MEMPLAN" handoff uboot --dtb "$T/board.dtb" --uboot-env "$T/u.env" \
	--format json
py "uboot: json parses" "$T/out" <<'PY'
import json, sys
j = json.load(open(sys.argv[1]))
assert j["schema"] == "memplan-uboot/1" and j["booted"] and j["findings"] == []
PY

env kernel_addr_r=0x40400000 fdt_addr_r=0x48001000 fdt_high=ffffffffffffffff
expect "uboot: fdt_addr_r on no-map, in place" 1 \
	"$MEMPLAN" handoff uboot --dtb "$T/board.dtb" --uboot-env "$T/u.env"
has "uboot: DTB on the no-map region" 'error: the DTB .* lies on the DT.s reservation fw@48000000 .*\(no-map\) \[uboot-fdt-on-reserved\]'
has "uboot: DTB in a 2 MiB block with no-map" '\[uboot-fdt-block-nomap\]'
env kernel_addr_r=0x20000000 fdt_addr_r=0x4a000000 fdt_high=0x60000000
expect "uboot: kernel_addr_r outside RAM" 1 \
	"$MEMPLAN" handoff uboot --dtb "$T/board.dtb" --uboot-env "$T/u.env"
has "uboot: Image outside RAM" 'error: the Image \[0x0*20000000-.* is not inside the memory .*\[uboot-outside-ram\]'
env kernel_addr_r=0x40480000 fdt_addr_r=0x4a000004 fdt_high=0xffffffffffffffff
expect "uboot: unaligned addresses" 1 \
	"$MEMPLAN" handoff uboot --dtb "$T/board.dtb" --uboot-env "$T/u.env"
has "uboot: Image moved up to 2 MiB" '^  Image  0x0000000040600000-.*\(moved from kernel_addr_r\)'
has "uboot: moved warning" 'warning: kernel_addr_r 0x40480000 .*\[uboot-image-moved\]'
has "uboot: DTB unaligned" 'error: the DTB at 0x4a000004 is not 8-byte aligned .*\[uboot-fdt-unaligned\]'
env kernel_addr_r=0x40400000 ramdisk_addr_r=0x41000000 filesize=1000 fdt_addr_r=0x4a000000
expect "uboot: initrd on the Image stops booti" 1 \
	"$MEMPLAN" handoff uboot --dtb "$T/board.dtb" --uboot-env "$T/u.env"
has "uboot: RD overlap" 'ERROR: RD image overlaps OS image .*\[uboot-initrd-overlaps-image\]'
env fdt_high=0xffffffff initrd_high=0xffffffff kernel_addr_r=0x40400000 \
	ramdisk_addr_r=0x44000000 filesize=e10ff6 fdtcontroladdr=0xbedb6db0
expect "uboot: QEMU's default env" 0 \
	"$MEMPLAN" handoff uboot --dtb "$T/board.dtb" --uboot-env "$T/u.env"
has "uboot: 0xffffffff is not all ones" 'note: initrd_high=0xffffffff is not "all ones" .*\[uboot-high-not-all-ones\]'
has "uboot: stack-dependent" 'warning: the initrd copy: .*\[uboot-stack-dependent\]'
printf '=> printenv\nfdt_addr_r=0x4a000000\nkernel_addr_r=0x40400000\n\nEnvironment size: 60/262140 bytes\n' >"$T/u.env"
expect "uboot: a pasted printenv" 0 \
	"$MEMPLAN" handoff uboot --dtb "$T/board.dtb" --uboot-env "$T/u.env"
printf 'kernel_addr_r=0x40400000\nthis is not an environment\n' >"$T/u.env"
expect "uboot: not an environment" 2 \
	"$MEMPLAN" handoff uboot --dtb "$T/board.dtb" --uboot-env "$T/u.env"
has "uboot: one clear line" '^memplan handoff uboot: --uboot-env .*: line 2: not a U-Boot environment line' "$T/err"
expect "uboot: plan with a bad env" 2 \
	"$MEMPLAN" plan --dtb "$T/board.dtb" --uboot-env "$T/u.env"
printf 'a=1\0b=2\0\0' >"$T/u.env"
expect "uboot: a binary environment" 2 \
	"$MEMPLAN" handoff uboot --dtb "$T/board.dtb" --uboot-env "$T/u.env"
has "uboot: binary named" 'a NUL byte: a binary environment' "$T/err"
: >"$T/u.env"
expect "uboot: an empty file" 2 \
	"$MEMPLAN" handoff uboot --dtb "$T/board.dtb" --uboot-env "$T/u.env"
expect "uboot: a directory" 2 "$MEMPLAN" plan --dtb "$T/board.dtb" --uboot-env "$T"
printf 'kernel_addr_r=ffffffffffff0000\nfdt_addr_r=0x4a000000\n' >"$T/u.env"
expect "uboot: an Image past the top" 1 \
	"$MEMPLAN" handoff uboot --dtb "$T/board.dtb" --uboot-env "$T/u.env"
has "uboot: wrap found" '\[uboot-image-wraps\]'
expect "uboot: no --uboot-env" 2 "$MEMPLAN" handoff uboot --dtb "$T/board.dtb"
finish
