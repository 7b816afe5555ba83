# SPDX-License-Identifier: (GPL-2.0-or-later OR BSD-2-Clause)
# planner/cli/cli.mk - the memplan program, for the top-level Makefile to include.
# Paths are relative to the repository root.
#
#   CLI_SRCS        every source of the memplan program (link with the core and CLI_LDLIBS)
#   CLI_LIB_SRCS    the same without main.c: what unit tests link (with the boot-record
#                   readers of planner/bootrec/bootrec.mk, which must be included first)
#   CLI_LDLIBS      libraries the program needs (libfdt for the core, libm for the SVG scale,
#                   zlib for a gzip'd .config such as /proc/config.gz)
#   CLI_CPPFLAGS    include paths
#   CLI_TESTS       unit tests of the CLI (each a single .c with a main; link CLI_LIB_SRCS,
#                   the core and CLI_TEST_LDLIBS; they print "N passed, N failed")
#   CLI_MAN         the man page

CLI_DIR := planner/cli

CLI_LIB_SRCS := \
	$(CLI_DIR)/util.c \
	$(CLI_DIR)/output.c \
	$(CLI_DIR)/kconfig.c \
	$(CLI_DIR)/image.c \
	$(CLI_DIR)/btf_file.c \
	$(CLI_DIR)/efimap_file.c \
	$(CLI_DIR)/verify_efi.c \
	$(CLI_DIR)/acpi_file.c \
	$(CLI_DIR)/plan_view.c \
	$(CLI_DIR)/write_text.c \
	$(CLI_DIR)/write_json.c \
	$(CLI_DIR)/write_svg.c \
	$(CLI_DIR)/svg_text.c \
	$(CLI_DIR)/svg_scale.c \
	$(CLI_DIR)/svg_boxes.c \
	$(CLI_DIR)/write_dts.c \
	$(CLI_DIR)/dtc.c \
	$(CLI_DIR)/planinput.c \
	$(CLI_DIR)/plan_getopt.c \
	$(CLI_DIR)/lint.c \
	$(CLI_DIR)/verify_main.c \
	$(CLI_DIR)/verify_record.c \
	$(CLI_DIR)/verify_derive.c \
	$(CLI_DIR)/verify_result.c \
	$(CLI_DIR)/verify_log.c \
	$(CLI_DIR)/verify_claims.c \
	$(CLI_DIR)/verify_pools.c \
	$(CLI_DIR)/verify_memblock.c \
	$(CLI_DIR)/verify_linmap.c \
	$(CLI_DIR)/verify_kplan.c \
	$(CLI_DIR)/verify_report.c \
	$(CLI_DIR)/dtout.c \
	$(CLI_DIR)/handoff.c \
	$(CLI_DIR)/handoff_kexec.c \
	$(CLI_DIR)/handoff_xen.c \
	$(CLI_DIR)/handoff_uboot.c \
	$(CLI_DIR)/uboot_env.c \
	$(CLI_DIR)/uboot_plan.c \
	$(CLI_DIR)/devmem.c \
	$(CLI_DIR)/estimate.c \
	$(BOOTREC_SRCS)

CLI_SRCS := $(CLI_DIR)/main.c $(CLI_LIB_SRCS)

CLI_CPPFLAGS := -Iplanner/core -I$(CLI_DIR) $(BOOTREC_CPPFLAGS)
CLI_LDLIBS := -lfdt -lm -lz

CLI_TESTS := tests/unit/test_cli_writers.c tests/unit/test_cli_input.c \
	tests/unit/test_cli_verify.c
CLI_TEST_LDLIBS := -ljansson

CLI_MAN := $(CLI_DIR)/memplan.1
