// SPDX-License-Identifier: GPL-2.0
/*
 * A test driver of memplan's QEMU harness, for no real
 * system: it binds nodes compatible with "memplan,rmem-probe" and calls
 * of_reserved_mem_device_init_by_idx() (drivers/of/of_reserved_mem.c, 6.12)
 * for each phandle of their memory-region, as a driver using a shared-dma-pool
 * (coherent or CMA) does, since on QEMU virt no stock driver asks for one.
 *
 * One line per index: what the call returned and, when it returned 0, where a
 * dma_alloc_coherent() of the device landed, before the region is released so
 * that the next index is tried alone; a node with "memplan,keep-regions"
 * keeps each region until all were tried, as a driver using several does.
 * tests/e2e/rmem-probe-check.sh holds the lines against memplan's prediction
 * (docs/kernel-model.md section 19).
 */
#include <linux/dma-mapping.h>
#include <linux/mod_devicetable.h>
#include <linux/module.h>
#include <linux/of.h>
#include <linux/of_reserved_mem.h>
#include <linux/platform_device.h>
#include <linux/sizes.h>

/* a few pages: every pool of the test DT (4 MiB each) has room for it */
#define RMEM_PROBE_ALLOC SZ_64K

static void rmem_probe_index(struct device *dev, int idx, bool keep)
{
	dma_addr_t dma;
	void *cpu;
	int ret;

	ret = of_reserved_mem_device_init_by_idx(dev, dev->of_node, idx);
	if (ret) {
		dev_info(dev, "rmem-probe: index=%d ret=%d\n", idx, ret);
		return;
	}
	/*
	 * dma_alloc_coherent() takes the device's coherent pool first
	 * (dma_alloc_from_dev_coherent()), else dma-direct: the restricted
	 * pool's swiotlb (is_swiotlb_for_alloc()), then dev->cma_area
	 * (dma_alloc_contiguous()).  No IOMMU on QEMU virt: the handle is the
	 * physical address
	 */
	cpu = dma_alloc_coherent(dev, RMEM_PROBE_ALLOC, &dma, GFP_KERNEL);
	if (cpu) {
		dev_info(dev, "rmem-probe: index=%d ret=0 dma=%pad size=%#x\n", idx, &dma,
			 RMEM_PROBE_ALLOC);
		dma_free_coherent(dev, RMEM_PROBE_ALLOC, cpu, dma);
	} else {
		dev_info(dev, "rmem-probe: index=%d ret=0 dma=none\n", idx);
	}
	if (!keep)
		of_reserved_mem_device_release(dev);
}

static int rmem_probe_probe(struct platform_device *pdev)
{
	struct device *dev = &pdev->dev;
	bool keep = of_property_read_bool(dev->of_node, "memplan,keep-regions");
	int n, i;

	n = of_property_count_u32_elems(dev->of_node, "memory-region");
	if (n < 0) {
		dev_info(dev, "rmem-probe: no memory-region (%d)\n", n);
		return 0;
	}
	/*
	 * of_dma_configure() assigned the first restricted-dma-pool before
	 * probe (of_dma_set_restricted_buffer()); without this release it would
	 * serve the allocations of every index that precedes it
	 */
	of_reserved_mem_device_release(dev);
	for (i = 0; i < n; i++)
		rmem_probe_index(dev, i, keep);
	if (keep)
		of_reserved_mem_device_release(dev);
	dev_info(dev, "rmem-probe: done count=%d\n", n);
	return 0;
}

static const struct of_device_id rmem_probe_of_match[] = {
	{ .compatible = "memplan,rmem-probe" },
	{ }
};
MODULE_DEVICE_TABLE(of, rmem_probe_of_match);

static struct platform_driver rmem_probe_driver = {
	.probe = rmem_probe_probe,
	.driver = {
		.name = "memplan-rmem-probe",
		.of_match_table = rmem_probe_of_match,
	},
};
module_platform_driver(rmem_probe_driver);

MODULE_DESCRIPTION("memplan test driver: of_reserved_mem_device_init_by_idx() for each memory-region");
MODULE_LICENSE("GPL");
