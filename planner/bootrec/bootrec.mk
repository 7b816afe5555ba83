# SPDX-License-Identifier: (GPL-2.0-or-later OR BSD-2-Clause)
# planner/bootrec/bootrec.mk - the boot-record readers, for the top-level Makefile to include
# (before planner/cli/cli.mk, which links them).  Paths are relative to the repository root.
#
# What a real boot left behind, read into plain structs: kernel logs, /proc/iomem and
# memblock debugfs (bootrec.c), /sys/kernel/debug/kernel_page_tables (ptdump.c) and the
# early_mm.json of a memplan-6.12 kernel (jsonread.c).  Used by `memplan verify` and by
# kexec/vmcore-check (kexec/Makefile compiles bootrec.c itself: the capture initramfs
# links nothing else).  ptdump.c takes ARM64_MEMSTART_ALIGN from the core
# (mp_memstart_align(), planner/core/arm64.c).
#
#   BOOTREC_SRCS      the readers' sources
#   BOOTREC_HDRS      their headers
#   BOOTREC_CPPFLAGS  include path

BOOTREC_DIR := planner/bootrec
BOOTREC_SRCS := $(BOOTREC_DIR)/bootrec.c $(BOOTREC_DIR)/ptdump.c $(BOOTREC_DIR)/jsonread.c
BOOTREC_HDRS := $(wildcard $(BOOTREC_DIR)/*.h)
# the readers build without the core but for its header-only hexdigit.h
BOOTREC_CPPFLAGS := -I$(BOOTREC_DIR) -Iplanner/core
