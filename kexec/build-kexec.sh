#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later OR BSD-2-Clause
#
# build-kexec.sh - cross-build a static arm64 kexec (and vmcore-dmesg) from Debian's
# kexec-tools source with the project's patches (kexec/patches/*.patch) applied.
#
# Steps (each skipped when already done):
#   1. add a deb-src entry for the Debian archive that provides kexec-tools:arm64
#      (/etc/apt/sources.list.d/memplan-deb-src.list) if apt knows no source for it,
#      and apt-get update once;
#   2. apt-get source kexec-tools (Debian's own patches applied) into
#      ${MEMPLAN_CACHE:-/var/cache/memplan}/kexec-src/;
#   3. copy it to a build tree, apply kexec/patches/*.patch in name order (or none with
#      --unpatched), configure --host=aarch64-linux-gnu, make LDFLAGS=-static;
#   4. install build/sbin/{kexec,vmcore-dmesg} into
#      $MEMPLAN_CACHE/kexec/<patched|unpatched>/ (a stamp records the patch hashes).
#
# Usage: kexec/build-kexec.sh [--unpatched] [--print-dir] [-h|--help]
#   --unpatched  build without the project's patches (for comparison)
#   --print-dir  print the output directory and exit
# Host packages: scripts/deps.sh e2e (gcc-aarch64-linux-gnu, dpkg-dev, ...).
set -eu

usage() {
	sed -n '3,/^set -eu/p' "$0" | sed -e '/^set -eu/d' -e 's/^# \{0,1\}//'
}

variant=patched
printdir=""
for a in "$@"; do
	case "$a" in
	-h | --help) usage; exit 0 ;;
	--unpatched) variant=unpatched ;;
	--print-dir) printdir=1 ;;
	*) echo "build-kexec.sh: unknown argument '$a' (see --help)" >&2; exit 2 ;;
	esac
done

here=$(cd "$(dirname "$0")" && pwd)
cache=${MEMPLAN_CACHE:-/var/cache/memplan}
srcdir=$cache/kexec-src
outdir=$cache/kexec/$variant
if [ -n "$printdir" ]; then
	echo "$outdir"
	exit 0
fi

"$here/../scripts/deps.sh" e2e

# Stamp: kexec-tools source version + the patches that went in + this script.
patches=""
if [ "$variant" = patched ]; then
	for p in "$here"/patches/*.patch; do
		[ -e "$p" ] && patches="$patches $p"
	done
fi
# shellcheck disable=SC2086
stamp=$(cat "$0" $patches | sha256sum | cut -d' ' -f1)
if [ -f "$outdir/stamp" ] && [ "$(cat "$outdir/stamp")" = "$stamp" ] &&
	[ -x "$outdir/kexec" ] && [ -x "$outdir/vmcore-dmesg" ]; then
	echo "build-kexec.sh: up to date: $outdir"
	exit 0
fi

# --- 1. deb-src ---------------------------------------------------------------
if ! apt-cache showsrc kexec-tools 2>/dev/null | grep -q '^Package: kexec-tools'; then
	# The archive that provides the binary: "500 http://deb.debian.org/debian bookworm/main arm64 Packages"
	line=$(apt-cache policy kexec-tools:arm64 | awk '$1 ~ /^[0-9]+$/ && $2 ~ /^[a-z]+:\/\// { print; exit }')
	uri=$(echo "$line" | awk '{print $2}')
	suite=$(echo "$line" | awk '{split($3, a, "/"); print a[1]}')
	comp=$(echo "$line" | awk '{split($3, a, "/"); print a[2]}')
	if [ -z "$uri" ] || [ -z "$suite" ] || [ -z "$comp" ]; then
		echo "build-kexec.sh: cannot tell which archive provides kexec-tools:arm64" >&2
		exit 1
	fi
	# Reuse the key the existing entry for this URI is signed with, if it names one.
	key=$(grep -h -A6 "^URIs:.*$uri\$" /etc/apt/sources.list.d/*.sources 2>/dev/null |
		sed -n 's/^Signed-By: *//p' | head -n 1)
	opt=""
	[ -n "$key" ] && opt="[signed-by=$key] "
	echo "build-kexec.sh: adding deb-src ${opt}$uri $suite $comp"
	echo "deb-src ${opt}$uri $suite $comp" >/etc/apt/sources.list.d/memplan-deb-src.list
	apt-get -o DPkg::Lock::Timeout=600 update -qq
fi

# --- 2. source ----------------------------------------------------------------
ver=$(apt-cache policy kexec-tools:arm64 | awk '/Candidate:/ {print $2}')
upver=${ver#*:}
tree=$srcdir/kexec-tools-${upver%%-*}
if [ ! -f "$srcdir/version" ] || [ "$(cat "$srcdir/version")" != "$ver" ] || [ ! -d "$tree" ]; then
	rm -rf "$srcdir"
	mkdir -p "$srcdir"
	(cd "$srcdir" && apt-get -o APT::Sandbox::User=root source -q "kexec-tools=$ver")
	[ -d "$tree" ] || { echo "build-kexec.sh: $tree not unpacked" >&2; exit 1; }
	echo "$ver" >"$srcdir/version"
fi

# --- 3. build -----------------------------------------------------------------
bdir=$cache/kexec/build-$variant
rm -rf "$bdir"
mkdir -p "$cache/kexec"
cp -a "$tree" "$bdir"
for p in $patches; do
	echo "build-kexec.sh: applying $(basename "$p")"
	patch -d "$bdir" -p1 --no-backup-if-mismatch <"$p"
done
cd "$bdir"
[ -x configure ] || ./bootstrap
# zlib/lzma off: the guest passes an uncompressed Image, and a static build then
# needs no arm64 libraries at all.
./configure --host=aarch64-linux-gnu --without-zlib --without-lzma --without-xen \
	CC=aarch64-linux-gnu-gcc LDFLAGS=-static >build.log 2>&1 ||
	{ tail -n 30 build.log >&2; exit 1; }
make -j2 >>build.log 2>&1 || { tail -n 30 build.log >&2; exit 1; }

# --- 4. install ---------------------------------------------------------------
mkdir -p "$outdir"
for b in kexec vmcore-dmesg; do
	aarch64-linux-gnu-strip -o "$outdir/$b.new" "build/sbin/$b"
	mv "$outdir/$b.new" "$outdir/$b"
done
if aarch64-linux-gnu-readelf -d "$outdir/kexec" 2>/dev/null | grep -q NEEDED; then
	echo "build-kexec.sh: $outdir/kexec is not static" >&2
	exit 1
fi
echo "$stamp" >"$outdir/stamp"
echo "build-kexec.sh: $variant kexec $ver in $outdir"
