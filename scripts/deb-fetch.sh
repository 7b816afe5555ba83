#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later OR BSD-2-Clause
#
# deb-fetch.sh - download one arm64 Debian package and extract it, never installing it
# on the host: the shared step of scripts/guest-fetch-612.sh and guest-fetch-xen.sh.
#
# Usage: scripts/deb-fetch.sh PACKAGE VERSION DIR
#   fetches PACKAGE:arm64=VERSION into DIR/debs/ (the only .deb kept there) and
#   extracts it with dpkg-deb -x into DIR/root.new/ (replaced)
# Exit status: 0 ok, 1 download or extraction failed, 2 usage error.
set -eu

[ $# -eq 3 ] || { echo "usage: scripts/deb-fetch.sh PACKAGE VERSION DIR" >&2; exit 2; }
pkg=$1 ver=$2 dir=$3
mkdir -p "$dir/debs"
cd "$dir/debs"
# apt-get download fetches into the current directory; as root it runs unsandboxed
apt-get -o DPkg::Lock::Timeout=600 -o APT::Sandbox::User=root download -q \
	"$pkg:arm64=$ver" >&2
deb="${pkg}_$(echo "$ver" | sed 's/:/%3a/')_arm64.deb"
[ -f "$deb" ] || { echo "deb-fetch.sh: $deb not downloaded" >&2; exit 1; }
for f in *.deb; do [ "$f" = "$deb" ] || rm -f "$f"; done
rm -rf "$dir/root.new"
mkdir -p "$dir/root.new"
dpkg-deb -x "$deb" "$dir/root.new"
