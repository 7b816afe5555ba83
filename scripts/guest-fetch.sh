#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later OR BSD-2-Clause
#
# guest-fetch.sh - fetch the arm64 guest side of the QEMU harness (Debian packages only).
#
# Downloads (never installs on the host) the newest Debian
# linux-image-6.1.0-*-arm64-unsigned, kexec-tools:arm64, busybox-static:arm64 and the
# shared libraries kexec/vmcore-dmesg need, and extracts them with dpkg-deb -x into
#   ${MEMPLAN_CACHE:-/var/cache/memplan}/guest/
#     debs/            the .deb files
#     root/            the merged extracted tree (root/boot/vmlinuz-*, root/sbin/kexec, ...)
#     Image            the kernel (Debian's arm64 vmlinuz is an uncompressed Image)
#     kernel-version   e.g. 6.1.0-41-arm64
#     stamp            list of the .debs the tree was extracted from
#
# Idempotent: when the stamp matches, nothing is downloaded and no network is used.
# Adds the arm64 architecture to dpkg if needed and runs apt-get update only when no
# arm64 package lists exist yet.  Host packages: scripts/deps.sh e2e (called here).
#
# Usage: scripts/guest-fetch.sh [--print-dir] [-h|--help]
#   --print-dir   print the guest cache directory and exit (no fetching)
set -eu

usage() {
	sed -n '3,/^set -eu/p' "$0" | sed -e '/^set -eu/d' -e 's/^# \{0,1\}//'
}

cache=${MEMPLAN_CACHE:-/var/cache/memplan}
gdir=$cache/guest

case "${1:-}" in
-h | --help) usage; exit 0 ;;
--print-dir) echo "$gdir"; exit 0 ;;
"") ;;
*) echo "guest-fetch.sh: unknown argument '$1' (see --help)" >&2; exit 2 ;;
esac

here=$(cd "$(dirname "$0")" && pwd)
"$here/deps.sh" e2e

# Libraries kexec-tools:arm64 (2.0.25, linked against libxenctrl) and vmcore-dmesg need.
# Completeness is verified below with readelf, so a new dependency is reported, not missed.
libs="libc6 zlib1g liblzma5 libxenmisc4.17 libxencall1 libxendevicemodel1 libxenevtchn1 \
libxenforeignmemory1 libxengnttab1 libxentoollog1 libxentoolcore1 libxenstore4 libyajl2 \
libzstd1 libbz2-1.0 liblzo2-2 libuuid1"

if ! dpkg --print-foreign-architectures | grep -qx arm64; then
	echo "guest-fetch.sh: dpkg --add-architecture arm64"
	dpkg --add-architecture arm64
fi
if ! ls /var/lib/apt/lists/*_binary-arm64_Packages* >/dev/null 2>&1; then
	echo "guest-fetch.sh: apt-get update (no arm64 package lists yet)"
	apt-get -o DPkg::Lock::Timeout=600 update -qq
fi

kpkg=$(apt-cache search --names-only '^linux-image-6\.1\.0-[0-9]+-arm64-unsigned$' |
	awk '{print $1}' | sort -V | tail -n 1)
if [ -z "$kpkg" ]; then
	echo "guest-fetch.sh: no linux-image-6.1.0-*-arm64-unsigned in the apt lists" >&2
	exit 1
fi
kver=${kpkg#linux-image-}
kver=${kver%-unsigned}

# The exact versions apt would download: the stamp records them.
specs=""
for p in "$kpkg" kexec-tools busybox-static $libs; do
	specs="$specs $p:arm64"
done
# shellcheck disable=SC2086
want=$(apt-cache policy $specs | awk '
	/^[^ ].*:$/ { pkg = substr($0, 1, length($0) - 1) }
	/^  Candidate:/ { print pkg "=" $2 }')
for p in $specs; do
	echo "$want" | grep -qx "$p=[^(].*" && continue
	echo "guest-fetch.sh: package $p not available in the apt lists" >&2
	exit 1
done
stampv=$(echo "$want" | tr ' ' '\n' | sed '/^$/d' | sort)

if [ -f "$gdir/stamp" ] && [ "$(cat "$gdir/stamp")" = "$stampv" ] &&
	[ -f "$gdir/Image" ] && [ -x "$gdir/root/sbin/kexec" ]; then
	echo "guest-fetch.sh: up to date ($kver) in $gdir"
	exit 0
fi

mkdir -p "$gdir/debs"
cd "$gdir/debs"
# apt-get download fetches into the current directory; as root it runs unsandboxed.
# shellcheck disable=SC2086
apt-get -o DPkg::Lock::Timeout=600 -o APT::Sandbox::User=root download -q $want

rm -rf "$gdir/root.new"
mkdir -p "$gdir/root.new"
for spec in $want; do
	name=${spec%%:*}
	ver=${spec#*=}
	# .deb file names encode ':' in epochs as %3a
	fver=$(echo "$ver" | sed 's/:/%3a/')
	deb="${name}_${fver}_arm64.deb"
	if [ ! -f "$deb" ]; then
		echo "guest-fetch.sh: $deb not downloaded" >&2
		exit 1
	fi
	dpkg-deb -x "$deb" "$gdir/root.new"
done
rm -rf "$gdir/root"
mv "$gdir/root.new" "$gdir/root"

cp "$gdir/root/boot/vmlinuz-$kver" "$gdir/Image.new"
mv "$gdir/Image.new" "$gdir/Image"
echo "$kver" >"$gdir/kernel-version"

# Every NEEDED library of the guest tools must be in the tree.
missing=""
for b in sbin/kexec sbin/vmcore-dmesg; do
	[ -e "$gdir/root/$b" ] || continue
	for n in $(aarch64-linux-gnu-readelf -d "$gdir/root/$b" |
		sed -n 's/.*Shared library: \[\(.*\)\]/\1/p'); do
		found=""
		for d in lib/aarch64-linux-gnu usr/lib/aarch64-linux-gnu lib usr/lib; do
			[ -e "$gdir/root/$d/$n" ] && found=1
		done
		[ -n "$found" ] || missing="$missing $n($b)"
	done
done
if [ -n "$missing" ]; then
	echo "guest-fetch.sh: libraries missing from $gdir/root:$missing" >&2
	exit 1
fi

echo "$stampv" >"$gdir/stamp"
echo "guest-fetch.sh: $kver + kexec-tools + busybox-static extracted into $gdir"
