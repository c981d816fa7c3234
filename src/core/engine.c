/* SPDX-License-Identifier: MIT */
/* engine.c - the scan pipeline. The per-packet path is engine_packet():
 * decode, then one flow-table update; hosts are touched only when a flow
 * starts or ends, records are written only when a flow, host or alert
 * ends. */
#include "engine.h"

#include <errno.h>
#include <pcap/pcap.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../decode/radio.h"
#include "../out/geojson.h"
#include "engine_int.h"

struct engine *
engine_new(const struct engine_cfg *cfg, const struct sink *sinks,
    unsigned n, struct summary *sum)
{
	struct engine *e;

	if (n > ENGINE_MAX_SINKS)
		return NULL;
	e = calloc(1, sizeof *e);
	if (e == NULL)
		return NULL;
	e->cfg = *cfg;
	memcpy(e->sink, sinks, n * sizeof *sinks);
	e->nsink = n;
	e->sum = sum;
	e->fp = 0xcbf29ce484222325ull;
	e->iobuf = malloc(CAPTURE_READ_BUFFER); /* optional: NULL is slower */
	e->dlt = -1;
	e->ft = flow_new(cfg->max_flows, cfg->idle_us, cfg->seed,
	    engine_on_flow_end, e, &e->st);
	e->ht = host_new(cfg->max_hosts, cfg->seed ^ 0x5bd1e995u,
	    engine_on_host_end, e, &e->st);
	if (e->cfg.max_dests == 0)
		e->cfg.max_dests = ENGINE_MAX_DESTS;
	e->dt = dest_new(e->cfg.max_dests, cfg->seed ^ 0x64657374u,
	    engine_on_dest_orphan, e, &e->st);
	e->al = alerts_new(ENGINE_MAX_ALERTS, &e->st);
	if (e->al != NULL) {
		struct air_cfg ac = { cfg->site, cfg->zones, engine_air_emit,
			e };
		e->air = air_new(&ac, e->al, &e->st);
	}
	if (cfg->kb != NULL) {
		e->names = names_new(ENGINE_NAMES);
		e->in = inspect_new(cfg->kb, e->ht, &e->cfg.local,
		    cfg->max_idents, e->names, e->al, &e->st);
	}
	if (e->ft == NULL || e->ht == NULL || e->dt == NULL || e->al == NULL ||
	    e->air == NULL ||
	    (cfg->kb && (e->in == NULL || e->names == NULL))) {
		engine_free(e);
		return NULL;
	}
	return e;
}

void
engine_free(struct engine *e)
{
	if (e == NULL)
		return;
	flow_free(e->ft);
	host_free(e->ht);
	inspect_free(e->in);
	names_free(e->names);
	dest_free(e->dt);
	alerts_free(e->al);
	air_free(e->air);
	free(e->macs);
	free(e->geo);
	free(e->iobuf);
	free(e);
}

/* A new flow: decide which ends are local, register them as hosts, and
 * learn routers: a MAC in front of a remote address of a flow with a
 * local end is a gateway. */
static void
flow_started(struct engine *e, struct flow *f)
{
	const struct addr *ad[2] = { &f->k.a, &f->k.b };

	/* Local: inside --local, or a group address (it stays on the LAN as
	 * far as we are concerned). */
	for (unsigned s = 0; s < 2; s++)
		if (netset_has(&e->cfg.local, ad[s]) || addr_is_group(ad[s]))
			f->local |= (uint8_t)(1u << s);
	/* Neither end local: an end behind the MAC of a known local host is
	 * that host's own address outside --local (its global IPv6). */
	if (f->local == 0)
		for (unsigned s = 0; s < 2; s++)
			if (FLOW_BIT(f->has_mac, s) &&
			    host_is_endpoint(e->ht, f->mac[s]))
				f->local |= (uint8_t)(1u << s);
	for (unsigned s = 0; s < 2; s++) {
		const uint8_t *mac = FLOW_BIT(f->has_mac, s) ? f->mac[s] : NULL;
		struct host_obs o = { mac, ad[s], f->k.vlan, f->first_us };

		if (FLOW_BIT(f->local, s))
			(void)host_flow(e->ht, &o, true, 0, 0, 0, 0);
		else if (mac && f->local == (1u << !s) &&
		    addr_is_unicast(ad[s]) && addr_is_unicast(ad[!s]))
			host_gateway(e->ht, mac, f->first_us);
	}
}

/* The flow-table work of queued packets, in packet order. Their buckets
 * were prefetched when they were queued; their first flows are
 * prefetched here, a batch ahead of the updates, so that the cache misses
 * of a batch overlap instead of following one another. */
static void
engine_drain(struct engine *e)
{
	for (unsigned i = 0; i < e->nq; i++)
		flow_prefetch(e->ft, &e->q[i].pr);
	for (unsigned i = 0; i < e->nq; i++) {
		struct pending *q = &e->q[i];
		struct flow *f;
		bool created;

		e->clock = q->now;
		flow_expire(e->ft, q->now);
		f = flow_update_probed(e->ft, &q->p, &q->pr, &created);
		if (created)
			flow_started(e, f);
	}
	e->nq = 0;
}

/* Queue the packet decoded into the next free slot for its flow update.
 * Only what the update needs is kept: the frame's bytes are gone once the
 * callback returns, so the MACs are copied and the payload view dropped. */
static void
queue_packet(struct engine *e)
{
	struct pending *q = &e->q[e->nq++];

	q->p.payload = cur_make(NULL, 0);
	if (q->p.mac_src) {
		memcpy(q->mac[0], q->p.mac_src, 6);
		q->p.mac_src = q->mac[0];
	}
	if (q->p.mac_dst) {
		memcpy(q->mac[1], q->p.mac_dst, 6);
		q->p.mac_dst = q->mac[1];
	}
	q->now = e->now;
	flow_probe(e->ft, &q->p, &q->pr);
	if (e->nq == FLOW_BATCH)
		engine_drain(e);
}

/* The run's first and last frame times, with ts the newest frame. */
static inline void
note_time(struct engine *e, uint64_t ts)
{
	if (e->tot.packets == 1 || ts < e->tot.first_us)
		e->tot.first_us = ts;
	if (ts >= e->now) {
		e->now = ts;
		e->tot.last_us = ts;
	} else {
		STAT_INC(&e->st, TIME_BACKWARDS);
	}
}

void
engine_input(struct engine *e, bool failed)
{
	e->tot.files++;
	if (failed)
		e->tot.files_failed++;
}

void
engine_dji(struct engine *e, uint64_t ts, size_t n, const struct radio *r,
    const struct dji_msg *m)
{
	e->tot.packets++;
	e->tot.bytes += n;
	e->fp = (e->fp ^ ts ^ n) * 0x100000001b3ull;
	note_time(e, ts);
	air_dji(e->air, r, m);
}

struct stats *
engine_counters(struct engine *e)
{
	return &e->st;
}

void
engine_packet(struct engine *e, int dlt, uint64_t ts, const uint8_t *data,
    uint32_t caplen, uint32_t wirelen)
{
	struct pkt *p = &e->q[e->nq].p; /* decoded in place, queued if IP */

	/* p is read field by field below and in the inlined inspection
	 * tests; GCC would recompute &e->q[e->nq] (a multiply and two adds)
	 * for each group of reads instead of keeping p in a register. An
	 * empty asm that may change p keeps it there: 15 instructions a
	 * packet fewer. */
#if defined(__GNUC__)
	__asm__("" : "+r"(p));
#endif

	e->tot.packets++;
	e->tot.bytes += wirelen;
	e->fp = (e->fp ^ ts ^ ((uint64_t)caplen << 32 | wirelen)) *
	    0x100000001b3ull;
	note_time(e, ts);
	if (caplen == 0) {
		STAT_INC(&e->st, PCAP_ZERO_LEN);
		return;
	}
	if (caplen > wirelen)
		STAT_INC(&e->st, PCAP_CAPLEN_GT_LEN);
	/* Field by field: a memset of the struct becomes rep stos, whose
	 * start-up cost is a tenth of decoding the whole frame. */
	p->ts_us = ts;
	p->wirelen = wirelen;
	p->mac_src = p->mac_dst = NULL;
	p->vlan = p->ethertype = 0;
	p->l3 = p->proto = p->frag = p->tcp_flags = 0;
	p->l4_ok = p->evasion = false;
	p->src = p->dst = (struct addr){ { 0 } };
	p->sport = p->dport = 0;
	p->ip_len = p->l4_len = 0;
	p->payload = cur_make(NULL, 0);
#if UINTPTR_MAX == UINT64_MAX
	_Static_assert(sizeof(struct pkt) == 104,
	    "struct pkt changed: clear the new field above");
#endif
	if (dlt != e->dlt) { /* the link decoder, looked up once per type */
		e->dlt = dlt;
		e->link = link_lookup(dlt, NULL);
		e->radio = e->link == NULL && radio_link(dlt, NULL);
	}
	if (e->link != NULL) {
		(void)e->link(cur_make(data, caplen), p, &e->st);
	} else if (e->radio) { /* no IP here: drone broadcasts */
		air_frame(e->air, dlt, ts, data, caplen);
		return;
	} else {
		STAT_INC(&e->st, LINK_UNSUPPORTED);
	}
	if (p->evasion)
		self_alert_hit(&e->evasion, ts, p->mac_src);
	if (e->in != NULL)
		inspect_packet(e->in, p);
	if (p->l3 == 0)
		return;
	e->tot.ip_packets++;
	/* Later fragments carry no ports; truncated transports neither. */
	if (p->frag == FRAG_LATER)
		return;
	if (!p->l4_ok && (p->proto == 6 || p->proto == 17 || p->proto == 1 ||
	    p->proto == 58))
		return;
	queue_packet(e);
}

/* libpcap callback: one frame of the file being read. */
struct file_ctx {
	struct engine *e;
	int dlt;
};

static void
on_pcap(u_char *user, const struct pcap_pkthdr *h, const u_char *bytes)
{
	struct file_ctx *fc = (struct file_ctx *)user;
	uint64_t ts = (uint64_t)h->ts.tv_sec * 1000000u +
	    (uint64_t)h->ts.tv_usec;

	engine_packet(fc->e, fc->dlt, ts, bytes, h->caplen, h->len);
}

/* Open a capture file ("-" = standard input) for libpcap with a large
 * stdio buffer: the default 4 KiB one costs a read(2) per 4 KiB, a fifth
 * of the run time on a large file. libpcap owns and closes the FILE. */
static pcap_t *
capture_open(const char *path, char *buf, char *perr)
{
	FILE *f = strcmp(path, "-") == 0 ? stdin : fopen(path, "rb");
	pcap_t *pc;

	if (f == NULL) {
		snprintf(perr, PCAP_ERRBUF_SIZE, "%s", strerror(errno));
		return NULL;
	}
	/* glibc ignores the size unless given the buffer itself. */
	if (buf != NULL)
		(void)setvbuf(f, buf, _IOFBF, CAPTURE_READ_BUFFER);
	pc = pcap_fopen_offline(f, perr);
	if (pc == NULL && f != stdin)
		fclose(f);
	return pc;
}

/* Tell cfg.progress how far the file of pc has been read (a pipe has no
 * offset: the bytes of its packets then). */
static void
read_progress(struct engine *e, pcap_t *pc)
{
	off_t at = ftello(pcap_file(pc));

	e->cfg.progress(e->cfg.progress_ctx, at >= 0 ? (uint64_t)at :
	    e->tot.bytes, e->tot.packets);
}

int
engine_file(struct engine *e, const char *path, char *err, size_t errn)
{
	char perr[PCAP_ERRBUF_SIZE] = "";
	struct file_ctx fc = { e, 0 };
	const char *lname = NULL;
	uint64_t before = e->tot.packets;
	bool failed = false;
	pcap_t *pc;
	int rc;

	pc = capture_open(path, e->iobuf, perr);
	if (pc == NULL) {
		snprintf(err, errn, "%s: cannot read capture: %s", path, perr);
		engine_input(e, true);
		return -1;
	}
	fc.dlt = pcap_datalink(pc);
	if (link_lookup(fc.dlt, &lname) == NULL &&
	    !radio_link(fc.dlt, &lname)) {
		const char *n = pcap_datalink_val_to_name(fc.dlt);
		snprintf(err, errn, "%s: link type %d (%s) is not supported; "
		    "its packets are counted as link.unsupported", path, fc.dlt,
		    n ? n : "unknown");
		failed = true;
		/* Still read it, so packet counts are honest. */
	}
	if (e->cfg.progress == NULL) {
		rc = pcap_dispatch(pc, -1, on_pcap, (u_char *)&fc);
	} else { /* in slices, reporting the file offset between them */
		while ((rc = pcap_dispatch(pc, ENGINE_PROGRESS_PACKETS, on_pcap,
		    (u_char *)&fc)) > 0)
			read_progress(e, pc);
		read_progress(e, pc); /* the end: once more */
	}
	engine_drain(e);
	if (rc == PCAP_ERROR) {
		snprintf(err, errn, "%s: capture cut short after %llu packets "
		    "(those were processed): %s", path,
		    (unsigned long long)(e->tot.packets - before),
		    pcap_geterr(pc));
		engine_input(e, true);
		pcap_close(pc);
		return -1;
	}
	engine_input(e, failed);
	pcap_close(pc);
	return failed ? -1 : 0;
}

/* host_each callback: note the MAC of a MAC-keyed host. */
static void
gather_mac(void *ctx, const struct host *h)
{
	struct engine *e = ctx;

	if (h->k.kind != HOST_BY_MAC)
		return;
	if (e->nmacs == e->cmacs) {
		size_t nc = e->cmacs ? e->cmacs * 2 : 256;
		uint8_t *n = realloc(e->macs, nc * 6);
		if (n == NULL)
			return; /* fewer vendors named; nothing else lost */
		e->macs = n;
		e->cmacs = nc;
	}
	memcpy(e->macs + e->nmacs++ * 6, h->k.mac, 6);
}

int
engine_finish(struct engine *e, double elapsed_s, const char *files)
{
	const char *names[STAT_COUNT];
	struct run_end end;
	struct record rec;
	char msg[600];
	int rc = 0;

	engine_drain(e);
	e->clock = e->now;
	flow_flush(e->ft);
	if (e->in != NULL) {
		/* One read of the MAC registry for every device at once. */
		host_each(e->ht, gather_mac, e);
		(void)kb_oui_want(e->cfg.kb, e->macs, e->nmacs);
	}
	e->ds = dest_sorted(e->dt, &e->nds);
	host_flush(e->ht);
	engine_flush_dests(e, NULL, NULL);
	air_finish(e->air);
	if (e->cfg.geojson != NULL && geojson_write(e->cfg.geojson, e->air,
	    e->cfg.zones, msg, sizeof msg) < 0) {
		fprintf(stderr, "vigie: %s\n", msg);
		rc = -1;
	}
	engine_write_alerts(e);
	for (unsigned i = 0; i < STAT_COUNT; i++)
		names[i] = stat_name((enum stat_id)i);
	rec_init(&rec, &schema_stats);
	rec_cstr(&rec, F_STATS_site, e->cfg.site);
	rec_u64(&rec, F_STATS_files, e->tot.files);
	rec_u64(&rec, F_STATS_files_failed, e->tot.files_failed);
	rec_u64(&rec, F_STATS_packets, e->tot.packets);
	rec_u64(&rec, F_STATS_bytes, e->tot.bytes);
	rec_u64(&rec, F_STATS_ip_packets, e->tot.ip_packets);
	if (e->tot.packets) {
		rec_time(&rec, F_STATS_first_seen, e->tot.first_us);
		rec_time(&rec, F_STATS_last_seen, e->tot.last_us);
	}
	rec_u64(&rec, F_STATS_flows, e->tot.flows);
	rec_u64(&rec, F_STATS_devices, e->tot.devices);
	rec_u64(&rec, F_STATS_destinations, e->tot.dests);
	rec_u64(&rec, F_STATS_alerts, e->tot.alerts);
	rec_u64(&rec, F_STATS_drones, e->tot.drones);
	rec_obj(&rec, F_STATS_anomalies, (struct counters){ names, e->st.n,
	    STAT_COUNT });
	rec_f64(&rec, F_STATS_elapsed_s, elapsed_s);
	rec_f64(&rec, F_STATS_pps, elapsed_s > 0 ?
	    (double)e->tot.packets / elapsed_s : 0.0);
	engine_emit(e, &rec);
	end = (struct run_end){ e->fp, e->tot.first_us, e->tot.last_us,
		e->tot.packets, e->tot.bytes, files };
	for (unsigned i = 0; i < e->nsink; i++) {
		struct sink *s = &e->sink[i];

		if (s->ops->close(s->self, s->failed ? NULL : &end, msg,
		    sizeof msg) < 0) {
			fprintf(stderr, "vigie: %s\n", msg);
			s->failed = 1;
		}
		if (s->failed)
			rc = -1;
	}
	e->nsink = 0;
	return rc;
}

const struct engine_totals *
engine_totals(const struct engine *e)
{
	return &e->tot;
}

const struct stats *
engine_stats(const struct engine *e)
{
	return &e->st;
}
