/* SPDX-License-Identifier: MIT */
/* ilist.h - intrusive doubly linked list over a pool addressed by index.
 *
 * Elements of one pool (an array of structs of size `stride`) carry a
 * struct ilink at byte offset `off`; index 0 is the null index. Used for
 * the age lists of the flow and host tables. */
#ifndef VIGIE_ILIST_H
#define VIGIE_ILIST_H

#include <stddef.h>
#include <stdint.h>

struct ilink {
	uint32_t prev, next; /* 0 ends */
};

struct ilist {
	void *base;          /* the pool */
	size_t stride, off;  /* element size; offset of its struct ilink */
	uint32_t head, tail; /* oldest at head */
};

/* ilist_link: the link of element i. */
static inline struct ilink *
ilist_link(const struct ilist *l, uint32_t i)
{
	return (struct ilink *)(void *)((char *)l->base + (size_t)i * l->stride +
	    l->off);
}

/* ilist_unlink: take element i (which must be on l) off the list. */
static inline void
ilist_unlink(struct ilist *l, uint32_t i)
{
	struct ilink *n = ilist_link(l, i);

	if (n->prev)
		ilist_link(l, n->prev)->next = n->next;
	else
		l->head = n->next;
	if (n->next)
		ilist_link(l, n->next)->prev = n->prev;
	else
		l->tail = n->prev;
	n->prev = n->next = 0;
}

/* ilist_append: put element i (not on l) at the tail. */
static inline void
ilist_append(struct ilist *l, uint32_t i)
{
	struct ilink *n = ilist_link(l, i);

	n->prev = l->tail;
	n->next = 0;
	if (l->tail)
		ilist_link(l, l->tail)->next = i;
	else
		l->head = i;
	l->tail = i;
}

#endif
