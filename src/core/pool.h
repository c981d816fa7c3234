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
#include <stdint.h>
#include <stdlib.h>
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

/* pool_buckets: zeroed chain heads (slot indexes, 0 = empty) for a hash
 * table of up to max slots: a power of two of them, at least min and at
 * least max, whose count less one goes to *mask; NULL if out of memory.
 * Mapped like a pool, so untouched buckets cost nothing: calloc() clears
 * them all at once when the allocator serves them from its heap (as it
 * does once a larger block has been freed). Released with
 * pool_unmap(b, *mask + 1, sizeof *b). */
static inline uint32_t *
pool_buckets(uint32_t max, uint32_t min, uint32_t *mask)
{
	uint32_t nb = min;
	uint32_t *b;

	while (nb < max)
		nb <<= 1;
	if ((b = pool_map(nb, sizeof *b, false)) != NULL)
		*mask = nb - 1;
	return b;
}

/* pool_unmap: release what pool_map(n, size, ...) gave (p may be NULL). */
static inline void
pool_unmap(void *p, size_t n, size_t size)
{
	if (p != NULL)
		munmap(p, n * size);
}

#endif
