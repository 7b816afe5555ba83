#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later OR BSD-2-Clause
#
# mkdts.sh - regenerate tests/e2e/dts/virt-MEM-CPU.dtsi, QEMU's own virt DT, the base
# the scenario DTs include.  QEMU's DT depends on -m/-cpu/-smp, so dump it with the
# options scripts/qemu-boot uses.  The /chosen rng-seed and kaslr-seed are dropped, and
# QEMU passes a -dtb's /chosen through as it is, so boots with these DTs run without
# KASLR (virtual only; the physical layout is the same).  /dts-v1/ is left to the
# including file.  --xen dumps -M virt,virtualization=on (the GIC with the hypervisor
# interfaces Xen needs) into virt-MEM-CPU-xen.dtsi.
#
# Usage: tests/e2e/mkdts.sh [--xen] [MEM [CPU [SMP]]]     (default 2G cortex-a57 1)
set -eu
case "${1:-}" in -h | --help) sed -n '3,13p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;; esac
virt=virt suffix=""
if [ "${1:-}" = --xen ]; then
	virt=virt,virtualization=on suffix=-xen
	shift
fi
mem=${1:-2G}
cpu=${2:-cortex-a57}
smp=${3:-1}
here=$(cd "$(dirname "$0")" && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
qemu-system-aarch64 -M "$virt,dumpdtb=$tmp/virt.dtb" -cpu "$cpu" -smp "$smp" -m "$mem" \
	-display none -nic none >/dev/null 2>&1
out=$here/dts/virt-$(echo "$mem" | tr '[:upper:]' '[:lower:]')-$cpu$suffix.dtsi
{
	echo "// SPDX-License-Identifier: GPL-2.0-or-later OR BSD-2-Clause"
	echo "// QEMU $(qemu-system-aarch64 --version | sed -n '1s/.*version \([^ ]*\).*/\1/p')" \
		"-M $virt -cpu $cpu -smp $smp -m $mem, dumped by tests/e2e/mkdts.sh"
	dtc -q -I dtb -O dts "$tmp/virt.dtb" |
		sed -e '/^\/dts-v1\/;/d' -e '/rng-seed = /d' -e '/kaslr-seed = /d'
} >"$out"
echo "$out"
