#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later OR BSD-2-Clause
#
# mkinitramfs.sh - build the reproducible guest initramfs of the QEMU harness.
#
# Two archives, both "newc" cpio with sorted names, owner 0:0, fixed mtimes
# (SOURCE_DATE_EPOCH, default 0), cpio --reproducible, gzip -n:
#   capture.cpio.gz  busybox, /init (kexec/init.sh), vmcore-check, vmcore-dmesg
#   OUT              the same + kexec + /Image (the kernel kexec -p loads) +
#                    /capture.cpio.gz + /lib/modules/*.ko (the modules/ directory
#                    next to IMAGE, as scripts/build-kernel --module writes it; /init
#                    loads them); the first kernel boots this one
# Same inputs => byte-identical OUT.  A key of all inputs is kept in OUT.key; when it
# matches, nothing is rebuilt.
#
# Usage: kexec/mkinitramfs.sh --out FILE [--kernel IMAGE] [--kexec VARIANT]
#   --kernel IMAGE   kernel put into the initramfs for kexec -p
#                    (default: the Debian Image from scripts/guest-fetch.sh)
#   --kexec VARIANT  patched (default; kexec/build-kexec.sh, static), unpatched
#                    (same source without kexec/patches), debian (the Debian
#                    kexec-tools:arm64 binaries + their shared libraries)
# Inputs are fetched/built on demand (guest-fetch.sh, build-kexec.sh, make -C kexec).
set -eu

usage() {
	sed -n '3,/^set -eu/p' "$0" | sed -e '/^set -eu/d' -e 's/^# \{0,1\}//'
}

out=""
kernel=""
variant=patched
while [ $# -gt 0 ]; do
	case "$1" in
	-h | --help) usage; exit 0 ;;
	--out) out=${2:?--out needs a file}; shift 2 ;;
	--kernel) kernel=${2:?--kernel needs a file}; shift 2 ;;
	--kexec) variant=${2:?--kexec needs a variant}; shift 2 ;;
	*) echo "mkinitramfs.sh: unknown argument '$1' (see --help)" >&2; exit 2 ;;
	esac
done
[ -n "$out" ] || { echo "mkinitramfs.sh: --out FILE is required" >&2; exit 2; }
case "$variant" in
patched | unpatched | debian) ;;
*) echo "mkinitramfs.sh: --kexec must be patched, unpatched or debian" >&2; exit 2 ;;
esac

here=$(cd "$(dirname "$0")" && pwd)
cache=${MEMPLAN_CACHE:-/var/cache/memplan}
gdir=$("$here/../scripts/guest-fetch.sh" --print-dir)
"$here/../scripts/guest-fetch.sh" >/dev/null
[ -n "$kernel" ] || kernel=$gdir/Image
[ -f "$kernel" ] || { echo "mkinitramfs.sh: no kernel $kernel" >&2; exit 2; }

bindir=$cache/bin
mkdir -p "$bindir"
make -s -C "$here" O="$bindir" arm64 >&2

case "$variant" in
debian)
	kexec_bin=$gdir/root/sbin/kexec
	vmd_bin=$gdir/root/sbin/vmcore-dmesg
	;;
*)
	if [ "$variant" = unpatched ]; then
		"$here/build-kexec.sh" --unpatched >&2
		kdir=$("$here/build-kexec.sh" --unpatched --print-dir)
	else
		"$here/build-kexec.sh" >&2
		kdir=$("$here/build-kexec.sh" --print-dir)
	fi
	kexec_bin=$kdir/kexec
	vmd_bin=$kdir/vmcore-dmesg
	;;
esac
busybox=$gdir/root/bin/busybox
# the kernel's own test modules (build-kernel --module), for the first kernel only
kos=$(ls "$(dirname "$kernel")"/modules/*.ko 2>/dev/null || true)

epoch=${SOURCE_DATE_EPOCH:-0}
key=$(
	{
		echo "variant=$variant epoch=$epoch"
		sha256sum "$0" "$here/init.sh" "$kernel" "$kexec_bin" "$vmd_bin" "$busybox" \
			"$bindir/vmcore-check.arm64" $kos | cut -d' ' -f1
	} | sha256sum | cut -d' ' -f1
)
if [ -f "$out" ] && [ -f "$out.key" ] && [ "$(cat "$out.key")" = "$key" ]; then
	echo "mkinitramfs.sh: up to date: $out" >&2
	exit 0
fi

stage=$(mktemp -d "${TMPDIR:-/tmp}/memplan-initramfs.XXXXXX")
trap 'rm -rf "$stage"' EXIT INT TERM

# Shared libraries of an arm64 binary, recursively, as paths relative to $gdir/root.
needed_libs() {
	todo="$*"
	seen=""
	while [ -n "$todo" ]; do
		# shellcheck disable=SC2086 # word list on purpose
		set -- $todo
		f=$1
		shift
		todo="$*"
		for n in $(aarch64-linux-gnu-readelf -d "$gdir/root/$f" 2>/dev/null |
			sed -n 's/.*Shared library: \[\(.*\)\]/\1/p'); do
			case " $seen " in *" $n "*) continue ;; esac
			seen="$seen $n"
			p=""
			for d in lib/aarch64-linux-gnu usr/lib/aarch64-linux-gnu lib usr/lib; do
				if [ -e "$gdir/root/$d/$n" ]; then
					p=$d/$n
					break
				fi
			done
			[ -n "$p" ] || { echo "mkinitramfs.sh: library $n of $f not found" >&2; exit 1; }
			echo "$p"
			todo="$todo $p"
		done
	done
}

# populate DIR: the capture-kernel tree
populate() {
	d=$1
	mkdir -p "$d/bin" "$d/sbin" "$d/dev" "$d/proc" "$d/sys" "$d/tmp" "$d/memplan"
	cp "$busybox" "$d/bin/busybox"
	ln -s busybox "$d/bin/sh"
	cp "$here/init.sh" "$d/init"
	chmod 0755 "$d/init"
	cp "$bindir/vmcore-check.arm64" "$d/bin/vmcore-check"
	cp "$vmd_bin" "$d/sbin/vmcore-dmesg"
	mknod -m 600 "$d/dev/console" c 5 1
}

copy_libs() {
	d=$1
	shift
	for l in $(needed_libs "$@"); do
		mkdir -p "$d/$(dirname "$l")"
		cp -L "$gdir/root/$l" "$d/$l"
	done
	if [ -e "$d/lib/aarch64-linux-gnu/ld-linux-aarch64.so.1" ]; then
		ln -sf aarch64-linux-gnu/ld-linux-aarch64.so.1 "$d/lib/ld-linux-aarch64.so.1"
	fi
}

# mkcpio DIR FILE: reproducible newc cpio, gzip -n
mkcpio() {
	find "$1" -exec touch -h -d "@$epoch" {} +
	(cd "$1" && find . -mindepth 1 | LC_ALL=C sort |
		cpio -o -H newc -R 0:0 --reproducible --quiet) | gzip -n -6 >"$2"
}

populate "$stage/cap"
[ "$variant" = debian ] && copy_libs "$stage/cap" sbin/vmcore-dmesg
mkcpio "$stage/cap" "$stage/capture.cpio.gz"

populate "$stage/main"
cp "$kexec_bin" "$stage/main/sbin/kexec"
[ "$variant" = debian ] && copy_libs "$stage/main" sbin/kexec sbin/vmcore-dmesg
cp "$kernel" "$stage/main/Image"
cp "$stage/capture.cpio.gz" "$stage/main/capture.cpio.gz"
if [ -n "$kos" ]; then
	mkdir -p "$stage/main/lib/modules"
	# shellcheck disable=SC2086 # word list on purpose
	cp $kos "$stage/main/lib/modules/"
fi
mkcpio "$stage/main" "$stage/out.cpio.gz"

mkdir -p "$(dirname "$out")"
mv "$stage/out.cpio.gz" "$out"
echo "$key" >"$out.key"
echo "mkinitramfs.sh: $out ($(wc -c <"$out") bytes, kexec $variant)" >&2
