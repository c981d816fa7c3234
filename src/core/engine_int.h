/* SPDX-License-Identifier: MIT */
/* engine_int.h - what the scan pipeline's two files share: the engine's
 * state, and the record writers of engine_rec.c that engine.c hands to
 * the tables as callbacks or calls at the end of the run. Not for use
 * outside src/core/engine*.c. */
#ifndef VIGIE_ENGINE_INT_H
#define VIGIE_ENGINE_INT_H

#include <string.h>

#include "../decode/decode.h"
#include "../out/summary.h"
#include "air.h"
#include "alerts.h"
#include "dest.h"
#include "engine.h"
#include "flow.h"
#include "host.h"
#include "inspect.h"
#include "limits.h"
#include "names.h"

/* A decoded packet waiting for its flow update. */
struct pending {
	struct pkt p;
	struct flow_probe pr;
	uint64_t now;          /* the run's clock when it arrived */
	uint8_t mac[2][6];     /* copies of its source and destination MACs */
};

/* The geography of a remote address, as last looked up. */
struct geo_memo {
	struct addr a;
	uint64_t used;         /* when last used (a count of uses); 0: free */
	struct geo_info gi;
};

/* An alert raised by the sensor itself, folded over the whole run. */
struct self_alert {
	uint64_t count, first_us, last_us;
	uint8_t mac[6];       /* first sender, when known */
	bool has_mac;
};

struct engine {
	struct engine_cfg cfg;
	struct stats st;
	struct flow_table *ft;
	struct host_table *ht;
	struct sink sink[ENGINE_MAX_SINKS];
	unsigned nsink;
	struct summary *sum;
	struct engine_totals tot;
	uint64_t now;          /* latest packet time: the run's clock */
	uint64_t clock;        /* the clock when the packet in hand arrived */
	uint64_t fp;           /* input fingerprint */
	struct self_alert evasion, capacity;
	char *iobuf;           /* stdio buffer of the file being read */
	struct pending q[FLOW_BATCH]; /* packets awaiting their flow update */
	unsigned nq;
	struct inspector *in;  /* payload inspection (NULL: none) */
	struct names *names;   /* names of remote ends (NULL: none) */
	struct dest_table *dt; /* destinations of local devices */
	struct alerts *al;     /* alerts of the rules */
	const struct dest *const *ds; /* at the end: destinations, sorted */
	uint32_t nds, ids;     /* their count; the next one to write */
	unsigned oui_reads;    /* registry reads for single evicted hosts */
	uint8_t *macs;         /* MACs gathered for one registry read */
	size_t nmacs, cmacs;
	struct air *air;       /* drones heard */
	int dlt;               /* link type of the last packet ... */
	link_fn link;          /* ... and its decoder (NULL: unsupported) */
	bool radio;            /* ... or whether it is a radio link */
	struct geo_memo *geo;  /* ENGINE_GEO_MEMO of them, at first use */
	uint64_t geo_uses;
};

static inline void
self_alert_hit(struct self_alert *a, uint64_t ts, const uint8_t *mac)
{
	if (a->count++ == 0) {
		a->first_us = ts;
		if (mac) {
			memcpy(a->mac, mac, 6);
			a->has_mac = true;
		}
	}
	if (ts > a->last_us)
		a->last_us = ts;
}

/* engine_emit: hand record r to every sink still working (a sink's first
 * failure is reported once, naming it, and that sink stops) and to the
 * terminal summary. */
void engine_emit(struct engine *e, const struct record *r);

/* engine_on_flow_end: the flow table's callback (ctx: the engine): the
 * flow record of f, its hosts' and destination's counts. */
void engine_on_flow_end(void *ctx, const struct flow *f, enum flow_end why);

/* engine_on_host_end: the host table's callback (ctx: the engine): the
 * device record of h (evicted: before the end of the run), its alerts,
 * and the destination records of its flows. */
void engine_on_host_end(void *ctx, const struct host *h, bool evicted);

/* engine_on_dest_orphan: the destination table's callback for a
 * destination whose device is gone (ctx: the engine): its record. */
void engine_on_dest_orphan(void *ctx, const struct dest *d);

struct devinfo; /* engine_rec.c: a device as its destinations need it */

/* engine_flush_dests: at the end, write the sorted destinations (e->ds)
 * up to host key k (NULL: all that remain): those of k with device dv,
 * those before it as orphans. */
void engine_flush_dests(struct engine *e, const struct host_key *k,
    const struct devinfo *dv);

/* engine_air_emit: the airspace's record callback (ctx: the engine):
 * counts drones, then engine_emit(). */
void engine_air_emit(void *ctx, const struct record *r);

/* engine_write_alerts: the alert records of the run, the rules' table
 * (in its order) and the sensor's own alerts. */
void engine_write_alerts(struct engine *e);

#endif
