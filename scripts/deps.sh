#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later OR BSD-2-Clause
#
# deps.sh - install the Debian packages memplan needs, and only the missing ones.
#
# Idempotent: a second run with everything present does nothing and needs no
# network.  Usage: scripts/deps.sh [group...]   groups: build (default), test,
# e2e, kernel, all.
#   build   building and using memplan: `make`, `make install`, `make demo`
#           (dtc: --dts and lint's *.dts are compiled with it; zlib: gzip'd .config)
#   test    the user-space tests of `make check`, `make bench`, `make fuzz-smoke`:
#           clang + libclang-rt-14-dev (libFuzzer), libjansson-dev (expect-check,
#           CLI unit tests), python3 (lint, handoff tests), and for the
#           memblock-diff oracle built from the kernel's own mm/memblock.c:
#           linux-source-6.12 (its .tar.xz, unpacked with xz-utils), liburcu-dev
#   e2e, kernel  QEMU boots and our kernel builds (`make check` uses all groups)
set -eu

build_pkgs="gcc make libfdt-dev device-tree-compiler zlib1g-dev"
test_pkgs="clang libclang-rt-14-dev libjansson-dev python3 linux-source-6.12 xz-utils \
liburcu-dev"
e2e_pkgs="qemu-system-arm cpio gzip ccache bc flex bison libssl-dev \
gcc-aarch64-linux-gnu binutils-aarch64-linux-gnu libc6-dev-arm64-cross dpkg-dev \
perl patch python3 qemu-efi-aarch64 u-boot-qemu"
kernel_pkgs="gcc-aarch64-linux-gnu ccache bc flex bison libssl-dev libelf-dev \
linux-source-6.12 cpio kmod"

want=""
[ $# -eq 0 ] && set -- build
for g in "$@"; do
	case "$g" in
	build) want="$want $build_pkgs" ;;
	test) want="$want $test_pkgs" ;;
	e2e) want="$want $e2e_pkgs" ;;
	kernel) want="$want $kernel_pkgs" ;;
	all) want="$want $build_pkgs $test_pkgs $e2e_pkgs $kernel_pkgs" ;;
	*) echo "deps.sh: unknown group '$g' (build|test|e2e|kernel|all)" >&2; exit 2 ;;
	esac
done

missing=""
for p in $want; do
	case " $missing " in *" $p "*) continue ;; esac
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' ||
		missing="$missing $p"
done
[ -z "$missing" ] && exit 0

if [ "$(id -u)" != 0 ]; then
	echo "deps.sh: missing packages:$missing (run as root to install them)" >&2
	exit 1
fi
echo "deps.sh: installing:$missing"
export DEBIAN_FRONTEND=noninteractive
# An old package list may not know a package yet; refresh once, then install.
apt-get -o DPkg::Lock::Timeout=600 update -qq
# shellcheck disable=SC2086
apt-get -o DPkg::Lock::Timeout=600 install -y -qq --no-install-recommends $missing
