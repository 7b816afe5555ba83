#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later OR BSD-2-Clause
#
# init.sh - /init of the memplan guest initramfs (built by kexec/mkinitramfs.sh).
#
# Kernel command line switches (first kernel):
#   memplan.mode=record   record the boot, then power off (default)
#   memplan.mode=kdump    record, load the capture kernel with kexec -p, panic, and let
#                         the capture kernel check /proc/vmcore
#   memplan.capappend=A+B extra capture-kernel arguments ('+' stands for a space)
#   memplan.shrink=BYTES  kdump mode: write BYTES to /sys/kernel/kexec_crash_size
#                         before loading, and record kexec_crash_size, iomem.shrunk,
#                         kernel_page_tables.shrunk and early_mm.shrunk.json
# The capture kernel runs this same script with memplan.mode=capture.
#
# Records leave the guest on the serial console, each as
#   @@MEMPLAN-BEGIN name=N size=BYTES sha256=HEX enc=gzip+base64@@
#   <base64 of gzip -n of the file>
#   @@MEMPLAN-END name=N@@
# and scripts/qemu-boot decodes them, checking size and sha256.  Progress markers:
#   @@MEMPLAN-PHASE NAME uptime=SECONDS@@, final @@MEMPLAN-RESULT PASS|FAIL@@.
# Kernel console output is muted (console loglevel 1) while a record is sent.

export PATH=/bin:/sbin:/usr/bin:/usr/sbin
/bin/busybox --install -s /bin
mount -t proc proc /proc
mount -t sysfs sysfs /sys
mount -t devtmpfs devtmpfs /dev 2>/dev/null
mount -t debugfs debugfs /sys/kernel/debug 2>/dev/null
mount -t tmpfs tmpfs /tmp

uptime_s() { cut -d' ' -f1 /proc/uptime; }
phase() { echo "@@MEMPLAN-PHASE $1 uptime=$(uptime_s)@@"; }
arg() {
	read -r cmdline </proc/cmdline
	for a in $cmdline; do
		case "$a" in "$1="*) echo "${a#*=}" ;; esac
	done
}

mode=$(arg memplan.mode)
[ -e /proc/vmcore ] && mode=capture
[ -n "$mode" ] || mode=record
role=first
[ "$mode" = capture ] && role=capture
phase "init role=$role mode=$mode"

read -r loglevel _ </proc/sys/kernel/printk

# emit NAME FILE: send FILE intact over the console (see the header).
emit() {
	if [ ! -r "$2" ]; then
		echo "@@MEMPLAN-MISSING name=$1@@"
		return 0
	fi
	cat "$2" >/tmp/emit.bin 2>/dev/null || true
	size=$(wc -c </tmp/emit.bin)
	sum=$(sha256sum /tmp/emit.bin | cut -d' ' -f1)
	echo 1 >/proc/sys/kernel/printk
	echo "@@MEMPLAN-BEGIN name=$1 size=$size sha256=$sum enc=gzip+base64@@"
	gzip -n -c /tmp/emit.bin | base64
	echo "@@MEMPLAN-END name=$1@@"
	echo "$loglevel" >/proc/sys/kernel/printk
	rm -f /tmp/emit.bin
}

record() {
	dmesg -r >/tmp/dmesg
	emit cmdline /proc/cmdline
	emit iomem /proc/iomem
	emit memblock-memory /sys/kernel/debug/memblock/memory
	emit memblock-reserved /sys/kernel/debug/memblock/reserved
	emit dmesg /tmp/dmesg
	emit fdt.dtb /sys/firmware/fdt
	# the running kernel's VMCOREINFO note (/proc/kcore): PHYS_OFFSET is memstart_addr,
	# with KASLR's random shift of the linear map (memplan --phys-offset)
	if [ -r /proc/kcore ] && vmcore-check --vmcoreinfo /proc/kcore >/tmp/vmcoreinfo 2>/dev/null; then
		emit vmcoreinfo /tmp/vmcoreinfo
	fi
	# the swiotlb pools devices were given (restricted-dma-pool): every debugfs
	# directory with io_tlb_nslabs, at the root (set up before late_initcall) or
	# under swiotlb/ (memplan verify: swiotlb-pools)
	for f in /sys/kernel/debug/*/io_tlb_nslabs /sys/kernel/debug/swiotlb/*/io_tlb_nslabs; do
		[ -r "$f" ] || continue
		d=${f%/io_tlb_nslabs}
		echo "${d##*/} $(cat "$f")"
	done >/tmp/swiotlb-pools
	[ -s /tmp/swiotlb-pools ] && emit swiotlb-pools /tmp/swiotlb-pools
	# an ACPI boot's IORT: the DMA limit (memplan --acpi-iort)
	if [ -r /sys/firmware/acpi/tables/IORT ]; then
		emit IORT /sys/firmware/acpi/tables/IORT
	fi
	if [ -r /sys/kernel/debug/kernel_page_tables ]; then
		emit kernel_page_tables /sys/kernel/debug/kernel_page_tables
	fi
	# the kernel's early memory decisions (kernel-patches 0006): patched kernels only
	if [ -r /sys/kernel/debug/arm64_early_mm ]; then
		emit early_mm.json /sys/kernel/debug/arm64_early_mm
	fi
	phase records-done
}

finish() {
	echo "@@MEMPLAN-RESULT $1@@"
	sync
	poweroff -f
	sleep 5
	echo o >/proc/sysrq-trigger
}

# ---- capture kernel -----------------------------------------------------------
if [ "$role" = capture ]; then
	record
	result=PASS
	phase vmcore-check-start
	osrel=$(cat /memplan/first/osrelease 2>/dev/null)
	if vmcore-check --iomem /memplan/first/iomem ${osrel:+--osrelease "$osrel"} \
		--expect "sysrq: Trigger a crash" /proc/vmcore >/tmp/vmcore-check.txt 2>&1; then
		:
	else
		result=FAIL
	fi
	cat /tmp/vmcore-check.txt
	phase vmcore-check-end
	vmcore-dmesg /proc/vmcore >/tmp/vmcore-dmesg.txt 2>/tmp/vmcore-dmesg.err
	rc=$?
	if [ "$rc" = 0 ] && grep -q 'sysrq: Trigger a crash' /tmp/vmcore-dmesg.txt; then
		echo "PASS vmcore-dmesg: $(wc -l </tmp/vmcore-dmesg.txt) lines, panic message present"
	else
		echo "FAIL vmcore-dmesg: rc=$rc $(head -c 200 /tmp/vmcore-dmesg.err | tr '\n' ' ')"
		result=FAIL
	fi
	phase vmcore-dmesg-end
	emit vmcore-check.txt /tmp/vmcore-check.txt
	emit vmcore-dmesg.txt /tmp/vmcore-dmesg.txt
	finish "$result"
fi

# ---- first kernel -------------------------------------------------------------
# the kernel's test modules (scripts/build-kernel --module; tests/e2e/rmem-probe),
# loaded before the record so that dmesg holds what their probes printed
for ko in /lib/modules/*.ko; do
	[ -e "$ko" ] || continue
	insmod "$ko" || echo "@@MEMPLAN-MODULE-FAILED ${ko##*/}@@"
done
record
if [ "$mode" != kdump ]; then
	finish PASS
fi

# Data for the capture kernel, appended to its initramfs as a second cpio member.
mkdir -p /tmp/capx/memplan/first
cp /proc/iomem /tmp/capx/memplan/first/iomem
cp /proc/cmdline /tmp/capx/memplan/first/cmdline
uname -r >/tmp/capx/memplan/first/osrelease
(cd /tmp/capx && find . | sort | cpio -o -H newc 2>/dev/null) | gzip -n >/tmp/capx.cpio.gz
cat /capture.cpio.gz /tmp/capx.cpio.gz >/tmp/capture.img

shrink=$(arg memplan.shrink)
if [ -n "$shrink" ]; then
	phase "shrink-start to=$shrink"
	if ! echo "$shrink" >/sys/kernel/kexec_crash_size; then
		phase shrink-failed
		finish FAIL
	fi
	cat /sys/kernel/kexec_crash_size >/tmp/kexec_crash_size
	emit kexec_crash_size /tmp/kexec_crash_size
	emit iomem.shrunk /proc/iomem
	if [ -r /sys/kernel/debug/kernel_page_tables ]; then
		emit kernel_page_tables.shrunk /sys/kernel/debug/kernel_page_tables
	fi
	if [ -r /sys/kernel/debug/arm64_early_mm ]; then
		emit early_mm.shrunk.json /sys/kernel/debug/arm64_early_mm
	fi
	phase "shrink-end size=$(cat /tmp/kexec_crash_size)"
	# the capture kernel's copy of /proc/iomem must show the shrunk region
	cp /proc/iomem /tmp/capx/memplan/first/iomem
	(cd /tmp/capx && find . | sort | cpio -o -H newc 2>/dev/null) | gzip -n >/tmp/capx.cpio.gz
	cat /capture.cpio.gz /tmp/capx.cpio.gz >/tmp/capture.img
fi

capappend=$(arg memplan.capappend | tr '+' ' ')
cap="console=ttyAMA0 earlycon=pl011,0x9000000 cma=0 nr_cpus=1 reset_devices panic=-1"
cap="$cap memplan.mode=capture${capappend:+ $capappend}"
phase kexec-load-start
echo "kexec -p -i /Image --initrd=/tmp/capture.img --append=\"$cap\""
if ! kexec -p -i /Image --initrd=/tmp/capture.img --append="$cap"; then
	phase kexec-load-failed
	dmesg | tail -n 20
	finish FAIL
fi
phase "kexec-load-end loaded=$(cat /sys/kernel/kexec_crash_loaded)"
# with a capture kernel loaded, the crash region may be protected (unmapped)
if [ -r /sys/kernel/debug/kernel_page_tables ]; then
	emit kernel_page_tables.loaded /sys/kernel/debug/kernel_page_tables
fi
if [ -r /sys/kernel/debug/arm64_early_mm ]; then
	emit early_mm.loaded.json /sys/kernel/debug/arm64_early_mm
fi
phase crash-trigger
echo 8 >/proc/sys/kernel/printk
echo c >/proc/sysrq-trigger
phase crash-returned
finish FAIL
