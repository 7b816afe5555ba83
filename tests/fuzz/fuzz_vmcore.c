// SPDX-License-Identifier: (GPL-2.0-or-later OR BSD-2-Clause)
/*
 * fuzz_vmcore.c - libFuzzer target for kexec/vmcore-check.c, which has only a
 * main(): it is compiled with -Dmain=vmcore_check_main and called with the
 * input written to a temporary file as the vmcore, plus a fixed /proc/iomem.
 * (Its results go to stdout: run with -close_fd_mask=1.)
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

int vmcore_check_main(int argc, char **argv);

static char core_path[64], iomem_path[64];

static const char iomem[] =
	"40000000-bfffffff : System RAM\n"
	"  40210000-4220ffff : Kernel code\n"
	"  42210000-4254ffff : Kernel data\n"
	"  b0000000-bfffffff : Crash kernel\n";

static void write_file(const char *path, const void *p, size_t n)
{
	FILE *f = fopen(path, "wb");

	if (!f || (n && fwrite(p, 1, n, f) != n) || fclose(f))
		abort();
}

static void cleanup(void)
{
	unlink(core_path);
	unlink(iomem_path);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *argv[] = { "vmcore-check", "--iomem", iomem_path, "--pagesize", "4096",
			 core_path, NULL };

	if (!core_path[0]) {
		snprintf(core_path, sizeof(core_path), "/tmp/fuzz-vmcore-%d.core", (int)getpid());
		snprintf(iomem_path, sizeof(iomem_path), "/tmp/fuzz-vmcore-%d.iomem",
			 (int)getpid());
		write_file(iomem_path, iomem, sizeof(iomem) - 1);
		atexit(cleanup);
	}
	write_file(core_path, data, size);
	vmcore_check_main(6, argv);
	return 0;
}
