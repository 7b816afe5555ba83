#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later OR BSD-2-Clause
#
# guest-fetch-xen.sh - fetch Debian's Xen 4.17 hypervisor for arm64 for the QEMU
# harness (Debian packages only; a sibling of scripts/guest-fetch-612.sh).
#
# Downloads (never installs on the host) the xen-hypervisor-4.17-arm64 package apt
# offers and extracts it with dpkg-deb -x into
#   ${MEMPLAN_CACHE:-/var/cache/memplan}/xen-4.17/
#     debs/      the .deb file
#     root/      the extracted tree
#     xen        the hypervisor (root/boot/xen-4.17-arm64: an arm64 Image-format
#                binary QEMU's -kernel loads; dom0 comes as QEMU guest-loader modules)
#     config     its build configuration (root/boot/xen-4.17-arm64.config)
#     version    the package version
#     stamp      the package and version the tree was extracted from
#
# Idempotent: when the stamp matches apt's candidate, nothing is downloaded.  The
# arm64 architecture and its package lists are set up by scripts/guest-fetch.sh
# (called first).  The last line of stdout is the output directory.
#
# Usage: scripts/guest-fetch-xen.sh [--print-dir] [-h|--help]
# Exit status: 0 ok, 1 not available or extraction failed, 2 usage error.
set -eu

usage() {
	sed -n '3,/^set -eu/p' "$0" | sed -e '/^set -eu/d' -e 's/^# \{0,1\}//'
}

cache=${MEMPLAN_CACHE:-/var/cache/memplan}
odir=$cache/xen-4.17
case "${1:-}" in
-h | --help) usage; exit 0 ;;
--print-dir) echo "$odir"; exit 0 ;;
"") ;;
*) echo "guest-fetch-xen.sh: unknown argument '$1' (see --help)" >&2; exit 2 ;;
esac

here=$(cd "$(dirname "$0")" && pwd)
"$here/guest-fetch.sh" >&2

pkg=xen-hypervisor-4.17-arm64
cand=$(apt-cache policy "$pkg:arm64" | awk '/^  Candidate:/ { print $2 }')
case "$cand" in "" | "(none)")
	echo "guest-fetch-xen.sh: $pkg:arm64 has no candidate version" >&2; exit 1 ;;
esac
stampv="$pkg:arm64=$cand"
if [ -f "$odir/stamp" ] && [ "$(cat "$odir/stamp")" = "$stampv" ] && [ -f "$odir/xen" ]; then
	echo "guest-fetch-xen.sh: up to date ($cand) in $odir" >&2
	echo "$odir"
	exit 0
fi

"$here/deb-fetch.sh" "$pkg" "$cand" "$odir"
deb=$odir/debs/$(basename "$(ls "$odir"/debs/*.deb)")
[ -f "$odir/root.new/boot/xen-4.17-arm64" ] ||
	{ echo "guest-fetch-xen.sh: $deb has no /boot/xen-4.17-arm64" >&2; exit 1; }
rm -rf "$odir/root"
mv "$odir/root.new" "$odir/root"
cp "$odir/root/boot/xen-4.17-arm64" "$odir/xen.new"
mv "$odir/xen.new" "$odir/xen"
cp "$odir/root/boot/xen-4.17-arm64.config" "$odir/config" 2>/dev/null || true
echo "$cand" >"$odir/version"
echo "$stampv" >"$odir/stamp"
echo "guest-fetch-xen.sh: Xen $cand extracted into $odir" >&2
echo "$odir"
