/* SPDX-License-Identifier: MIT */
/* flow.h - bidirectional 5-tuple flow table with a fixed capacity.
 *
 * A flow is keyed by its two endpoints in canonical order (lower address
 * and port first), the transport protocol and the VLAN. Slots live in one
 * pool allocated at start; nothing is allocated per packet. An age list
 * ordered by last activity gives idle expiry and, at the cap, eviction
 * of the least recently active flow. Time is packet time only. */
#ifndef VIGIE_FLOW_H
#define VIGIE_FLOW_H

#include <stdbool.h>
#include <stdint.h>

#include "ilist.h"
#include "packet.h"
#include "stats.h"

struct flow_key {
	struct addr a, b;   /* a <= b by (address, port) */
	uint16_t pa, pb;    /* ports of a and b */
	uint8_t proto;
	uint8_t pad;
	uint16_t vlan;
};

_Static_assert(sizeof(struct flow_key) == 40, "flow key is five words");

enum flow_end {
	FLOW_END_IDLE = 0, /* idle longer than the timeout */
	FLOW_END_EVICTED,  /* table full: oldest flow pushed out */
	FLOW_END_CLOSED,   /* TCP closed and its 5-tuple reused */
	FLOW_END_EOF       /* still open when the input ended */
};

/* Per-flow TCP state bits. */
#define FLOW_FIN_A 0x01
#define FLOW_FIN_B 0x02
#define FLOW_RST 0x04
#define FLOW_SYN 0x08

/* FLOW_BIT: bit s (side 0 or 1) of a per-side bit set (local, has_mac). */
#define FLOW_BIT(v, s) (((unsigned)(v) >> (s)) & 1u)

struct flow {
	struct flow_key k;
	uint32_t hnext;         /* next slot in the bucket chain; 0 ends */
	struct ilink age;       /* age list */
	uint8_t init;           /* side that initiated: 0 = a, 1 = b */
	uint8_t local;          /* bit 0: a is local, bit 1: b is local */
	uint8_t tcp;            /* FLOW_FIN_A ... */
	uint8_t has_mac;        /* bit 0: mac[0] valid, bit 1: mac[1] */
	uint8_t mac[2][6];      /* link-layer address of side a, b */
	uint32_t bucket;        /* its bucket, so ending it needs no hash */
	uint64_t first_us, last_us;
	uint64_t list_us;       /* last_us when put at the tail of the list */
	uint64_t pkts[2];       /* packets sent by side a, side b */
	uint64_t bytes[2];      /* IP bytes sent by side a, side b */
};

_Static_assert(sizeof(struct flow) == 128, "a flow fills two cache lines");

struct flow_table;

/* Called for every flow that ends, before its slot is reused. */
typedef void (*flow_emit_fn)(void *ctx, const struct flow *f,
    enum flow_end why);

/* flow_new: a table of at most max flows (FLOW_MIN_MAX..FLOW_MAX_MAX),
 * idle timeout idle_us, hash seed seed; emit receives ended flows; st
 * receives eviction counts. NULL if memory is short. */
struct flow_table *flow_new(uint32_t max, uint64_t idle_us, uint64_t seed,
    flow_emit_fn emit, void *ctx, struct stats *st);

/* flow_free: release t without emitting what it holds. */
void flow_free(struct flow_table *t);

/* flow_update: account the decoded IP packet p (l3 set). Finds or
 * creates its flow (evicting the least recently active one if the table
 * is full), adds its packet and bytes, and returns the flow and in *side
 * the sender's side (0 = a, 1 = b). *created says whether the flow is
 * new. Never NULL. */
struct flow *flow_update(struct flow_table *t, const struct pkt *p,
    int *side, bool *created);

/* A packet's flow key, side and bucket, computed ahead of the update so
 * that the memory it needs can be fetched while other packets are being
 * worked on. */
struct flow_probe {
	struct flow_key k;
	uint32_t bucket;
	uint8_t side;       /* side of the packet's sender: 0 = a, 1 = b */
};

/* flow_probe: fill pr for the decoded IP packet p and start fetching its
 * bucket (a prefetch: no state changes). */
void flow_probe(const struct flow_table *t, const struct pkt *p,
    struct flow_probe *pr);

/* flow_prefetch: start fetching the first flow of pr's bucket. */
void flow_prefetch(const struct flow_table *t, const struct flow_probe *pr);

/* flow_update_probed: flow_update() for a packet already probed with
 * flow_probe() (on this table, with no packet of another flow in the same
 * bucket changing it since is harmless: the chain is read again). */
struct flow *flow_update_probed(struct flow_table *t, const struct pkt *p,
    const struct flow_probe *pr, bool *created);

/* flow_expire: end flows idle for longer than the timeout at time now.
 * Cheap when nothing is due: looks only at the oldest flow. */
void flow_expire(struct flow_table *t, uint64_t now);

/* flow_flush: end every flow (FLOW_END_EOF), in order of first packet
 * time then key, so output is deterministic; the table is left empty. */
void flow_flush(struct flow_table *t);

/* flow_count: flows held now. */
uint32_t flow_count(const struct flow_table *t);

#endif
