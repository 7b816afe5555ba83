# SPDX-License-Identifier: GPL-2.0-or-later OR BSD-2-Clause
#
# tests/e2e/e2e.mk - real QEMU boots (kdump cycles of Debian's 6.1 and 6.12 kernels and our
# own 6.12 builds).
# Included from the top Makefile:   include tests/e2e/e2e.mk
#   make e2e          every scenario in tests/e2e/scenarios/
#   make e2e-check    the kdump scenarios make check runs (Debian 6.1, stock and patched
#                     6.12, Debian's distribution 6.12 with 4K and 16K pages; through
#                     UEFI firmware with a DT and with ACPI)
#   make e2e-uefi     only the UEFI ones, and the boots live-verify.sh checks from what
#                     a running system shows
#   make e2e-devmem   a 6.12 build with lib/test_hmm: where the kernel puts device-private
#                     memory, against memplan devmem's prediction (devmem-check.sh),
#                     and next to a virtio-mem device (39-bit VA) it collides with or not
#   make e2e-devices  the record boots make check runs: devices' reserved memory
#                     (memory-region; the test driver's regions, rmem-probe-check.sh),
#                     test_hmm, dom0 under Xen 4.17, against memplan
#   make e2e-xen      Debian's Xen 4.17 against memplan handoff xen-dom0 (xen-check.sh):
#                     dom0's DT, the 2023 report's fault, the --fix host DT (~40 s)
#   make e2e-uboot    the U-Boot booti boots against memplan's hand-over prediction
#   make vmcore-check build kexec/vmcore-check (native) and vmcore-check.arm64
#   make vmcore-check-test  synthetic vmcores through the native checker (no QEMU, ~5 s)
# Dependencies are installed on demand (scripts/deps.sh e2e, scripts/guest-fetch.sh,
# kexec/build-kexec.sh); caches live in $(MEMPLAN_CACHE) (default /var/cache/memplan).
# Boot records: $(E2E_OUT)/<scenario>/ (default build/e2e).

E2E_DIR := tests/e2e
E2E_OUT ?= build/e2e
E2E_SCENARIOS := $(sort $(wildcard $(E2E_DIR)/scenarios/*.scn))
# UEFI boots (EDK II): the EFI stub, memory from the EFI memory map; QEMU's DT
# (-M virt,acpi=off) and ACPI tables, Debian's 6.1 and 6.12 and our patched build
E2E_UEFI_SCENARIOS := $(E2E_DIR)/scenarios/uefi-dt-ck256m-2g.scn \
	$(E2E_DIR)/scenarios/uefi-acpi-ck256m-2g.scn \
	$(E2E_DIR)/scenarios/deb612-uefi-dt-ck256m-2g.scn \
	$(E2E_DIR)/scenarios/deb612-uefi-acpi-ck256m-2g.scn \
	$(E2E_DIR)/scenarios/deb612-uefi-kaslr-2g.scn \
	$(E2E_DIR)/scenarios/k612p-uefi-dt-ck256m-2g.scn \
	$(E2E_DIR)/scenarios/k612p-acpi-ck256m-2g.scn
E2E_CHECK_SCENARIOS := $(E2E_DIR)/scenarios/ck256m-2g.scn $(E2E_DIR)/scenarios/ck-fixed-2g.scn \
	$(E2E_DIR)/scenarios/k612-ck256m-2g.scn $(E2E_DIR)/scenarios/k612p-ck256m-2g.scn \
	$(E2E_DIR)/scenarios/k612p-shrink-2g.scn $(E2E_DIR)/scenarios/k612p-rmem-dyn180-2g.scn \
	$(E2E_DIR)/scenarios/k612p-64k-ck256m-2g.scn $(E2E_DIR)/scenarios/deb612-ck256m-2g.scn \
	$(E2E_DIR)/scenarios/deb612-16k-ck256m-2g.scn \
	$(E2E_UEFI_SCENARIOS)
# UEFI boots a user makes to ask memplan (efi=debug only), verified from what a running
# system shows (live-verify.sh: dmesg, /sys/firmware/fdt, /proc/iomem, ...)
E2E_CHECK_LIVE_SCENARIOS := $(E2E_DIR)/scenarios/live-deb612-uefi-dt-2g.scn \
	$(E2E_DIR)/scenarios/live-deb612-uefi-acpi-2g.scn
# record boots (no kdump cycle), verified for the first kernel (capture-verify.sh
# --first): the device memory variant (stock and patched 6.12 with lib/test_hmm,
# restricted DMA pools, virtio-mmio) whose devices' reserved memory meets memplan's
# consumer model, and test_hmm's device-private chunks memplan devmem
# (devmem-check.sh), next to a virtio-mem device whose region they collide with or
# not (a 39-bit VA: --variant hmm+vmem); Debian's 6.12 as dom0 of Debian's Xen 4.17
E2E_CHECK_RECORD_SCENARIOS := $(E2E_DIR)/scenarios/k612-rmem-consumers-2g.scn \
	$(E2E_DIR)/scenarios/k612p-rmem-consumers-2g.scn \
	$(E2E_DIR)/scenarios/k612-rmem-dyn70-consumer-2g.scn \
	$(E2E_DIR)/scenarios/k612p-rmem-dyn70-consumer-2g.scn \
	$(E2E_DIR)/scenarios/k612-hmm-2g.scn $(E2E_DIR)/scenarios/k612-vmem-2g.scn \
	$(E2E_DIR)/scenarios/k612-vmem-apart-2g.scn $(E2E_DIR)/scenarios/k612-vmem-memcap-2g.scn \
	$(E2E_DIR)/scenarios/xen-dom0-2g.scn \
	$(E2E_DIR)/scenarios/xen-dom0-rsv-2g.scn
# test_hmm's records, held against memplan devmem (devmem-check.sh)
E2E_DEVMEM_RECORDS := $(E2E_OUT)/k612-hmm-2g $(E2E_OUT)/k612-vmem-2g $(E2E_OUT)/k612-vmem-apart-2g \
	$(E2E_OUT)/k612-vmem-memcap-2g
# Debian's Xen 4.17 booted from host DTs of ours, held against memplan handoff xen-dom0
# (xen-check.sh): dom0's DT as predicted, and the disabled region of the 2023 report
# faulting dom0 as predicted, then booting from the --fix host DT; ~40 s under TCG
E2E_CHECK_XEN_SCENARIOS := $(E2E_DIR)/scenarios/xen-dom0-rsv-2g.scn \
	$(E2E_DIR)/scenarios/xen-dom0-rsv-off-2g.scn
# boots through U-Boot booti, held against memplan's hand-over prediction (uboot-check.sh)
E2E_CHECK_UBOOT_SCENARIOS := $(E2E_DIR)/scenarios/uboot-lmb-2g.scn \
	$(E2E_DIR)/scenarios/uboot-inplace-2g.scn

e2e:
	E2E_OUT=$(E2E_OUT) $(E2E_DIR)/run.sh $(E2E_SCENARIOS)

e2e-check:
	E2E_OUT=$(E2E_OUT) $(E2E_DIR)/run.sh $(E2E_CHECK_SCENARIOS)

e2e-uefi: $(MEMPLAN)
	E2E_OUT=$(E2E_OUT) $(E2E_DIR)/run.sh $(E2E_UEFI_SCENARIOS) $(E2E_CHECK_LIVE_SCENARIOS)
	MEMPLAN=$(MEMPLAN) $(E2E_DIR)/capture-verify.sh \
		$(patsubst $(E2E_DIR)/scenarios/%.scn,$(E2E_OUT)/%,$(E2E_UEFI_SCENARIOS))
	MEMPLAN=$(MEMPLAN) $(E2E_DIR)/live-verify.sh \
		$(patsubst $(E2E_DIR)/scenarios/%.scn,$(E2E_OUT)/%,$(E2E_CHECK_LIVE_SCENARIOS))

# device-private memory: lib/test_hmm's chunks where memplan devmem says the kernel puts
# them, and a virtio-mem device refused exactly when memplan finds a collision
e2e-devmem: $(MEMPLAN)
	E2E_OUT=$(E2E_OUT) $(E2E_DIR)/run.sh $(E2E_DIR)/scenarios/k612-hmm-2g.scn \
		$(E2E_DIR)/scenarios/k612-vmem-2g.scn $(E2E_DIR)/scenarios/k612-vmem-apart-2g.scn \
		$(E2E_DIR)/scenarios/k612-vmem-memcap-2g.scn
	MEMPLAN=$(MEMPLAN) $(E2E_DIR)/devmem-check.sh $(E2E_DEVMEM_RECORDS)

# every record boot of make check: consumers, test_hmm, dom0 under Xen
e2e-devices: $(MEMPLAN)
	E2E_OUT=$(E2E_OUT) $(E2E_DIR)/run.sh $(E2E_CHECK_RECORD_SCENARIOS)
	MEMPLAN=$(MEMPLAN) $(E2E_DIR)/capture-verify.sh --first \
		$(patsubst $(E2E_DIR)/scenarios/%.scn,$(E2E_OUT)/%,$(E2E_CHECK_RECORD_SCENARIOS))
	MEMPLAN=$(MEMPLAN) $(E2E_DIR)/devmem-check.sh $(E2E_DEVMEM_RECORDS)
	MEMPLAN=$(MEMPLAN) $(E2E_DIR)/rmem-probe-check.sh $(E2E_OUT)/k612-rmem-consumers-2g \
		$(E2E_OUT)/k612p-rmem-consumers-2g

e2e-xen: $(MEMPLAN)
	E2E_OUT=$(E2E_OUT) MEMPLAN=$(MEMPLAN) $(E2E_DIR)/xen-check.sh $(E2E_CHECK_XEN_SCENARIOS)

e2e-uboot: $(MEMPLAN)
	E2E_OUT=$(E2E_OUT) MEMPLAN=$(MEMPLAN) $(E2E_DIR)/uboot-check.sh $(E2E_CHECK_UBOOT_SCENARIOS)

vmcore-check:
	$(MAKE) -C kexec all

vmcore-check-test:
	$(E2E_DIR)/vmcore-check-test.sh

.PHONY: e2e e2e-check e2e-uefi e2e-devmem e2e-devices e2e-xen e2e-uboot vmcore-check vmcore-check-test
