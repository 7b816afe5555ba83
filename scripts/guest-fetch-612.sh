#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later OR BSD-2-Clause
#
# guest-fetch-612.sh - fetch Debian's distribution 6.12 kernel for the QEMU harness
# (Debian packages only; the sibling of scripts/guest-fetch.sh, which fetches 6.1 and
# the guest tools).
#
# Downloads (never installs on the host) the newest Debian
# linux-image-6.12.*+deb12-arm64-unsigned (4k) or -arm64-16k-unsigned (16k) that apt
# offers and extracts it with dpkg-deb -x into
#   ${MEMPLAN_CACHE:-/var/cache/memplan}/debian-6.12/FLAVOUR/
#     debs/            the .deb file
#     root/            the extracted tree (root/boot/vmlinuz-*, root/boot/config-*)
#     Image            the kernel (Debian's arm64 vmlinuz is an uncompressed Image)
#     config           its .config (root/boot/config-VERSION)
#     kernel-version   e.g. 6.12.118+deb12-arm64
#     stamp            the package and version the tree was extracted from
# "config" next to "Image" is what scripts/qemu-boot reads (KASLR or not), as for
# scripts/build-kernel's output directories.
#
# Idempotent: when the stamp matches apt's candidate, nothing is downloaded.  The
# arm64 architecture and its package lists are set up by scripts/guest-fetch.sh
# (called first).  The last line of stdout is the output directory.
#
# Usage: scripts/guest-fetch-612.sh [--flavour 4k|16k] [--print-dir] [-h|--help]
#   --flavour F   4k (default): -arm64-unsigned; 16k: -arm64-16k-unsigned
#   --print-dir   print the output directory and exit (no fetching)
# Exit status: 0 ok, 1 not available or extraction failed, 2 usage error.
set -eu

usage() {
	sed -n '3,/^set -eu/p' "$0" | sed -e '/^set -eu/d' -e 's/^# \{0,1\}//'
}

cache=${MEMPLAN_CACHE:-/var/cache/memplan}
flavour=4k printdir=""
while [ $# -gt 0 ]; do
	case "$1" in
	-h | --help) usage; exit 0 ;;
	--flavour) flavour=${2:-}; shift 2 || { echo "guest-fetch-612.sh: --flavour needs 4k or 16k" >&2; exit 2; } ;;
	--print-dir) printdir=1; shift ;;
	*) echo "guest-fetch-612.sh: unknown argument '$1' (see --help)" >&2; exit 2 ;;
	esac
done
case "$flavour" in
4k) suffix="arm64" ;;
16k) suffix="arm64-16k" ;;
*) echo "guest-fetch-612.sh: --flavour must be 4k or 16k, not '$flavour'" >&2; exit 2 ;;
esac
odir=$cache/debian-6.12/$flavour
if [ -n "$printdir" ]; then
	echo "$odir"
	exit 0
fi

here=$(cd "$(dirname "$0")" && pwd)
# dpkg's arm64 architecture, the apt lists, the host packages (qemu, dpkg-deb)
"$here/guest-fetch.sh" >&2

kpkg=$(apt-cache search --names-only "^linux-image-6\\.12\\.[0-9]+\\+deb12-$suffix-unsigned\$" |
	awk '{print $1}' | sort -V | tail -n 1)
if [ -z "$kpkg" ]; then
	echo "guest-fetch-612.sh: no linux-image-6.12.*+deb12-$suffix-unsigned in the apt lists" >&2
	exit 1
fi
kver=${kpkg#linux-image-}
kver=${kver%-unsigned}
cand=$(apt-cache policy "$kpkg:arm64" | awk '/^  Candidate:/ { print $2 }')
case "$cand" in "" | "(none)")
	echo "guest-fetch-612.sh: $kpkg:arm64 has no candidate version" >&2; exit 1 ;;
esac
stampv="$kpkg:arm64=$cand"

if [ -f "$odir/stamp" ] && [ "$(cat "$odir/stamp")" = "$stampv" ] &&
	[ -f "$odir/Image" ] && [ -f "$odir/config" ]; then
	echo "guest-fetch-612.sh: up to date ($kver) in $odir" >&2
	echo "$odir"
	exit 0
fi

"$here/deb-fetch.sh" "$kpkg" "$cand" "$odir"
deb=$odir/debs/$(basename "$(ls "$odir"/debs/*.deb)")
for f in "vmlinuz-$kver" "config-$kver"; do
	[ -f "$odir/root.new/boot/$f" ] ||
		{ echo "guest-fetch-612.sh: $deb has no /boot/$f" >&2; exit 1; }
done
rm -rf "$odir/root"
mv "$odir/root.new" "$odir/root"
cp "$odir/root/boot/vmlinuz-$kver" "$odir/Image.new"
mv "$odir/Image.new" "$odir/Image"
cp "$odir/root/boot/config-$kver" "$odir/config.new"
mv "$odir/config.new" "$odir/config"
echo "$kver" >"$odir/kernel-version"
echo "$stampv" >"$odir/stamp"
echo "guest-fetch-612.sh: $kver extracted into $odir" >&2
echo "$odir"
