/* SPDX-License-Identifier: MIT */
/* pool.h - memory for the fixed-capacity tables (flows, hosts, evidence).
 *
 * Anonymous mappings are zero and populated lazily, so a table sized for
 * the worst case costs memory only for the slots it uses; they are page
 * aligned, so fixed-size slots of a power-of-two size never straddle
 * more cache lines than they must. */
#ifndef VIGIE_POOL_H
#define VIGIE_POOL_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/mman.h>

/* pool_map: zeroed room for n slots of size bytes, or NULL; huge asks
 * for transparent huge pages (fewer TLB misses on random access; only a
 * hint). */
static inline void *
pool_map(size_t n, size_t size, bool huge)
{
	void *p;

	if (size != 0 && n > (size_t)-1 / size)
		return NULL;
	p = mmap(NULL, n * size, PROT_READ | PROT_WRITE,
	    MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (p == MAP_FAILED)
		return NULL;
	if (huge)
		(void)madvise(p, n * size, MADV_HUGEPAGE);
	return p;
}

/* pool_unmap: release what pool_map(n, size, ...) gave (p may be NULL). */
static inline void
pool_unmap(void *p, size_t n, size_t size)
{
	if (p != NULL)
		munmap(p, n * size);
}

#endif
