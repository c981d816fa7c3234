/* SPDX-License-Identifier: MIT */
/* dest.h - where each local device sends data: flows folded per (device,
 * remote address, transport, service port).
 *
 * Flows are added as they end; a destination keeps the bytes and packets
 * each way, the flows opened by either side, first and last time, and
 * the best name of the remote end when its first flow ended. The table
 * has a fixed capacity; when it is full the destination updated least
 * recently is handed to the emit callback early (dest.evicted). At the
 * end dest_sorted() gives them all in the order hosts are flushed. */
#ifndef VIGIE_DEST_H
#define VIGIE_DEST_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "host.h"
#include "ilist.h"
#include "names.h"
#include "stats.h"

#define DEST_NAME_MAX 127   /* longer names keep their last bytes */
#define DEST_OUT 0x01       /* the device opened flows to it */
#define DEST_IN 0x02        /* the remote end opened flows to the device */

struct dest {
	struct host_key host;   /* the local device */
	struct addr remote;
	struct addr local;      /* the device's address in the first flow */
	uint16_t port;          /* service port (see dest_obs) */
	uint8_t proto;
	uint8_t dir;            /* DEST_OUT | DEST_IN */
	uint8_t name_src;       /* enum name_src */
	uint8_t name_len;
	uint16_t vlan;
	uint32_t hnext;         /* bucket chain; 0 ends */
	struct ilink age;
	uint32_t in_answered;   /* inbound flows the device answered */
	uint64_t flows, pkts_up, bytes_up, pkts_down, bytes_down;
	uint64_t first_us, last_us;
	char name[DEST_NAME_MAX];
};

/* One ended flow as seen from its local end. */
struct dest_obs {
	const struct host_key *host;
	const struct addr *local, *remote;
	uint16_t port;
	uint8_t proto;
	bool outbound;          /* the device opened the flow */
	uint16_t vlan;
	uint64_t pkts_up, bytes_up, pkts_down, bytes_down;
	uint64_t first_us, last_us;
	const char *name;       /* best name of remote, or NULL */
	size_t nlen;
	enum name_src name_src;
};

struct dest_table;

typedef void (*dest_emit_fn)(void *ctx, const struct dest *d);

/* dest_new: a table of at most max destinations (>= 16); emit receives
 * those pushed out when it is full. NULL if memory is short. */
struct dest_table *dest_new(uint32_t max, uint64_t seed, dest_emit_fn emit,
    void *ctx, struct stats *st);

/* dest_free: release t (and any array dest_sorted() returned). */
void dest_free(struct dest_table *t);

/* dest_add: fold one ended flow into its destination. */
void dest_add(struct dest_table *t, const struct dest_obs *o);

/* dest_sorted: every destination held, ordered by device key (bytes
 * compared, as host_flush() orders hosts), then bytes sent up
 * (largest first), remote, transport and port. *n receives the count.
 * The array lives until dest_free(); NULL (with *n = 0) if empty or
 * memory is short, in which case they are emitted unsorted instead. */
const struct dest *const *dest_sorted(struct dest_table *t, uint32_t *n);

#endif
