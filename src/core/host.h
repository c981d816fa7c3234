/* SPDX-License-Identifier: MIT */
/* host.h - table of the organisation's own hosts.
 *
 * A host is keyed by its MAC, with the IP addresses seen behind it (each
 * with its own counters). A MAC that fronts other hosts - one seen in
 * front of non-local addresses, or with more distinct local addresses
 * than a host plausibly has - is a router: it keeps a record of its own
 * and the hosts behind it are keyed by IP, so a capture taken beside or
 * upstream of a router does not merge a subnet into one device. Hosts are
 * also keyed by IP where the link carries no MAC. Fixed capacity; the
 * least recently active host is evicted (and emitted) at the cap. */
#ifndef VIGIE_HOST_H
#define VIGIE_HOST_H

#include <stdbool.h>
#include <stdint.h>

#include "addr.h"
#include "ilist.h"
#include "limits.h"
#include "stats.h"

enum host_kind { HOST_BY_MAC = 1, HOST_BY_IP = 2 };

struct host_key {
	uint8_t kind;     /* enum host_kind */
	uint8_t mac[6];   /* HOST_BY_MAC */
	uint8_t pad;
	struct addr ip;   /* HOST_BY_IP */
};

struct host_ip {
	struct addr ip;
	uint64_t first_us, last_us;
	uint64_t pkts_out, pkts_in, bytes_out, bytes_in;
	uint32_t flows;
};

struct host {
	struct host_key k;
	uint32_t hnext;                 /* bucket chain */
	struct ilink lru;               /* age list */
	bool router;                    /* this MAC fronts other hosts */
	bool has_via;                   /* via_mac is set (HOST_BY_IP) */
	uint8_t via_mac[6];             /* MAC in front of an IP-keyed host */
	uint16_t vlan;                  /* VLAN it was last seen on */
	uint8_t nip;                    /* entries used in ip[] */
	uint8_t nv4, nv6;               /* distinct addresses seen */
	uint32_t ips_dropped;           /* addresses beyond ip[] */
	struct host_ip ip[HOST_MAX_IPS];
	uint64_t first_us, last_us;
	uint64_t pkts_out, pkts_in, bytes_out, bytes_in;
	uint32_t flows;                 /* flows it took part in */
	uint32_t ident;                 /* its evidence (ident pool), or 0 */
};

/* One endpoint of a flow, as the host table sees it. */
struct host_obs {
	const uint8_t *mac;   /* its MAC, or NULL */
	const struct addr *ip;
	uint16_t vlan;
	uint64_t ts_us;
};

struct host_table;

/* Called for every host that leaves the table (evicted or flushed). */
typedef void (*host_emit_fn)(void *ctx, const struct host *h, bool evicted);

/* host_new: a table of at most max hosts; NULL if memory is short. */
struct host_table *host_new(uint32_t max, uint64_t seed, host_emit_fn emit,
    void *ctx, struct stats *st);

/* host_free: release t without emitting what it holds. */
void host_free(struct host_table *t);

/* host_gateway: the MAC m was seen in front of a non-local address: mark
 * it as a router (creating its record), splitting any IPs merged into it
 * so far into IP-keyed hosts. A group (multicast) MAC is ignored. */
void host_gateway(struct host_table *t, const uint8_t *m, uint64_t ts_us);

/* host_touch: host h (of t) was seen again at ts_us: it becomes the most
 * recent (the last the table evicts) and its last-seen time moves on.
 * What a repeated host_flow() of a known host does to its age, for a
 * caller that already holds h. */
void host_touch(struct host_table *t, struct host *h, uint64_t ts_us);

/* host_flow: a flow with the local endpoint o began (created true), or
 * ended carrying pkts/bytes out (sent by o) and in. Finds or creates the
 * host record for o and accounts it. Returns the host, or NULL if o is
 * not a host (group MAC, unspecified or multicast address). */
struct host *host_flow(struct host_table *t, const struct host_obs *o,
    bool created, uint64_t pkts_out, uint64_t bytes_out, uint64_t pkts_in,
    uint64_t bytes_in);

/* host_key_fmt: device key k as text ("mac:..." or "ip:...", the key of
 * device records) into buf (size n); returns buf. */
char *host_key_fmt(const struct host_key *k, char *buf, size_t n);

/* host_key_mac, host_key_ip: the key of a host keyed by MAC, by IP. */
void host_key_mac(struct host_key *k, const uint8_t *mac);
void host_key_ip(struct host_key *k, const struct addr *ip);

/* host_is_endpoint: true if m is the MAC of a known host that is not a
 * router; an address seen behind it belongs to that host (for instance
 * its global IPv6 address outside the --local prefixes). */
bool host_is_endpoint(struct host_table *t, const uint8_t *m);

/* host_each: call fn for every host held, in no particular order. */
void host_each(struct host_table *t,
    void (*fn)(void *ctx, const struct host *h), void *ctx);

/* host_flush: emit every host, MAC-keyed first, each group in key order;
 * the table is left empty. */
void host_flush(struct host_table *t);

/* host_count: hosts held now. */
uint32_t host_count(const struct host_table *t);

#endif
