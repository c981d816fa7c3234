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

#include "../decode/decode.h"
#include "../decode/radio.h"
#include "../out/geojson.h"
#include "../out/summary.h"
#include "air.h"
#include "alerts.h"
#include "dest.h"
#include "flow.h"
#include "hash.h"
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

static void
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

/* Hand a record to every sink still working; report a sink's first
 * failure once, naming it. */
static void
emit(struct engine *e, const struct record *r)
{
	for (unsigned i = 0; i < e->nsink; i++) {
		struct sink *s = &e->sink[i];

		if (s->failed)
			continue;
		if (s->ops->write(s->self, r) < 0) {
			s->failed = 1;
			fprintf(stderr, "vigie: %s output failed: %s; that "
			    "output stops here, what it committed before "
			    "stays\n", s->ops->name, s->ops->error(s->self));
		}
	}
	if (e->sum)
		summary_record(e->sum, r);
}

static const char *
proto_name(uint8_t proto, char *buf, size_t n)
{
	switch (proto) {
	case 6:
		return "tcp";
	case 17:
		return "udp";
	case 1:
		return "icmp";
	case 58:
		return "icmp6";
	default:
		snprintf(buf, n, "%u", proto);
		return buf;
	}
}

static const char *const end_names[] = { "idle", "evicted", "closed",
	"eof" };

/* Fold flow f into the destinations of host h, its local side s. */
static void
flow_dest(struct engine *e, const struct flow *f, const struct host *h,
    unsigned s)
{
	const struct addr *ad[2] = { &f->k.a, &f->k.b };
	const uint16_t port[2] = { f->k.pa, f->k.pb };
	/* The service port: the remote one for a flow the device opened,
	 * its own for one opened from outside (the caller's is ephemeral). */
	struct dest_obs o = { &h->k, ad[s], ad[!s],
		f->init == s ? port[!s] : port[s], f->k.proto,
		f->init == s, f->k.vlan, f->pkts[s], f->bytes[s], f->pkts[!s],
		f->bytes[!s], f->first_us, f->last_us, NULL, 0, NAME_NONE };

	if (e->names != NULL)
		o.name = names_get(e->names, ad[s], ad[!s], &o.nlen,
		    &o.name_src);
	dest_add(e->dt, &o);
}

static void
on_flow_end(void *ctx, const struct flow *f, enum flow_end why)
{
	static const char *const dirs[4] = { "external", "outbound",
		"inbound", "internal" };
	struct engine *e = ctx;
	unsigned i = f->init, r = !f->init;
	const struct addr *ad[2] = { &f->k.a, &f->k.b };
	const uint16_t port[2] = { f->k.pa, f->k.pb };
	bool li = FLOW_BIT(f->local, i), lr = FLOW_BIT(f->local, r);
	struct record rec;
	char pbuf[8];

	if (why == FLOW_END_EVICTED)
		self_alert_hit(&e->capacity, e->clock, NULL);
	/* Account the flow to its local endpoints' hosts, and to the
	 * destinations of a local end talking to a remote one. */
	for (unsigned s = 0; s < 2; s++) {
		struct host_obs o = { FLOW_BIT(f->has_mac, s) ? f->mac[s] : NULL,
			ad[s], f->k.vlan, f->last_us };
		struct host *h;

		if (!FLOW_BIT(f->local, s))
			continue;
		h = host_flow(e->ht, &o, false, f->pkts[s], f->bytes[s],
		    f->pkts[!s], f->bytes[!s]);
		if (h != NULL && !FLOW_BIT(f->local, !s))
			flow_dest(e, f, h, s);
	}
	rec_init(&rec, &schema_flow);
	rec_cstr(&rec, F_FLOW_site, e->cfg.site);
	rec_cstr(&rec, F_FLOW_proto, proto_name(f->k.proto, pbuf, sizeof pbuf));
	rec_addr(&rec, F_FLOW_src, ad[i]);
	rec_u64(&rec, F_FLOW_sport, port[i]);
	rec_addr(&rec, F_FLOW_dst, ad[r]);
	rec_u64(&rec, F_FLOW_dport, port[r]);
	if (FLOW_BIT(f->has_mac, i))
		rec_mac(&rec, F_FLOW_src_mac, f->mac[i]);
	if (FLOW_BIT(f->has_mac, r))
		rec_mac(&rec, F_FLOW_dst_mac, f->mac[r]);
	if (f->k.vlan)
		rec_u64(&rec, F_FLOW_vlan, f->k.vlan);
	rec_cstr(&rec, F_FLOW_direction, dirs[(li ? 1 : 0) | (lr ? 2 : 0)]);
	rec_time(&rec, F_FLOW_first_seen, f->first_us);
	rec_time(&rec, F_FLOW_last_seen, f->last_us);
	rec_u64(&rec, F_FLOW_pkts_src, f->pkts[i]);
	rec_u64(&rec, F_FLOW_bytes_src, f->bytes[i]);
	rec_u64(&rec, F_FLOW_pkts_dst, f->pkts[r]);
	rec_u64(&rec, F_FLOW_bytes_dst, f->bytes[r]);
	rec_cstr(&rec, F_FLOW_end, end_names[why]);
	e->tot.flows++;
	emit(e, &rec);
}

/* The fused identity of host h (into *fp), and its evidence (into ev),
 * as record fields; basis (size bn) holds the covered basis text. The
 * record points into *fp, ev and basis: all must outlive its use. */
static void
identity_fields(struct engine *e, const struct host *h, struct record *rec,
    struct fused *fp, struct rec_evid *ev, char *basis, size_t bn)
{
	const struct ident *id = inspect_ident(e->in, h);
	unsigned n = 0;

	ident_fuse(e->cfg.kb, id, h->k.kind == HOST_BY_MAC ? h->k.mac : NULL,
	    fp);
	if (h->k.kind == HOST_BY_IP && fp->has_mac)
		rec_mac(rec, F_DEV_mac, fp->mac);
	if (fp->vendor)
		rec_str(rec, F_DEV_vendor, fp->vendor, fp->vendor_len);
	if (fp->brand)
		rec_str(rec, F_DEV_brand, fp->brand, fp->brand_len);
	if (fp->model)
		rec_str(rec, F_DEV_model, fp->model, fp->model_len);
	if (fp->serial)
		rec_str(rec, F_DEV_serial, fp->serial, fp->serial_len);
	if (fp->firmware)
		rec_str(rec, F_DEV_firmware, fp->firmware, fp->firmware_len);
	if (fp->build)
		rec_str(rec, F_DEV_build, fp->build, fp->build_len);
	rec_cstr(rec, F_DEV_kind, kind_name(fp->kind));
	if (fp->name)
		rec_str(rec, F_DEV_name, fp->name, fp->name_len);
	rec_bool(rec, F_DEV_covered, fp->covered);
	if (fp->covered) {
		snprintf(basis, bn, "%s (since %s)", fp->maker->basis,
		    fp->maker->since);
		rec_cstr(rec, F_DEV_covered_basis, basis);
	}
	rec_u64(rec, F_DEV_confidence, fp->confidence);
	if (fp->conflicts[0])
		rec_cstr(rec, F_DEV_conflicts, fp->conflicts);
	for (unsigned i = 0; id != NULL && i < id->nev; i++, n++)
		ev[n] = (struct rec_evid){ id->ev[i].source,
			fact_field_name(id->ev[i].field), id->ev[i].val,
			id->ev[i].len, id->ev[i].conf, id->ev[i].count };
	rec_evid(rec, F_DEV_evidence, ev, n);
}

/* What the device a destination belongs to is, as far as its alerts
 * need: NULL fields when it is not known (a device no longer held). */
struct devinfo {
	const char *key;         /* "mac:..." / "ip:..." */
	const char *kind;        /* kind_name(), or NULL */
	bool covered, known;
};

static bool
kind_is_recorder(const char *k)
{
	return k != NULL && (strcmp(k, "camera") == 0 ||
	    strcmp(k, "nvr") == 0 || strcmp(k, "dvr") == 0 ||
	    strcmp(k, "intercom") == 0);
}

/* The evidence of a destination alert, "proto/port name", into ev (size
 * ALERT_EVID_MAX) on first use (*n < 0 until then); false if it cannot
 * be made. Most destinations raise no alert: formatting it for each
 * cost more than the rest of writing them. */
static bool
dest_evid(const struct dest *d, const char *pn, char *ev, int *n)
{
	if (*n < 0)
		*n = snprintf(ev, ALERT_EVID_MAX, "%s/%u%s%.*s", pn, d->port,
		    d->name_len ? " " : "", (int)d->name_len, d->name);
	return *n >= 0;
}

/* Whether a destination alert takes the remote's name. */
enum dest_name { DN_NONE, DN_IF_EMPTY, DN_ALWAYS };

/* Raise rule id (if it exists) for destination d of device dv: the
 * evidence made on first use (dest_evid), the country cc set, the
 * remote's name as nm says; count and bytes as alerts_hit() takes them.
 * The alert, or NULL (no such rule, no evidence, or the table full). */
static struct alert *
dest_hit(struct engine *e, const char *id, const struct dest *d,
    const struct devinfo *dv, const char *pn, char *ev, int *n,
    const char *cc, uint64_t count, uint64_t bytes, enum dest_name nm)
{
	const struct alert_rule *r = alert_rule_find(id);
	struct alert *a;

	if (r == NULL || !dest_evid(d, pn, ev, n))
		return NULL;
	a = alerts_hit(e->al, r, dv->key, &d->remote, NULL, ev, (size_t)*n,
	    d->first_us, d->last_us, count, bytes);
	if (a == NULL)
		return NULL;
	memcpy(a->country, cc, 3);
	if (nm == DN_ALWAYS || (nm == DN_IF_EMPTY && !a->name[0] &&
	    d->name_len))
		snprintf(a->name, sizeof a->name, "%.*s", (int)d->name_len,
		    d->name);
	return a;
}

/* Raise the destination rules for d of device dv. cc is the remote
 * country ("" unknown), public whether the remote is a public address. */
static void
dest_alerts(struct engine *e, const struct dest *d, const struct devinfo *dv,
    const char *cc, bool public, bool allowed,
    const struct policy_cloud *cloud)
{
	const struct policy *pol = e->cfg.policy;
	char ev[ALERT_EVID_MAX], rule[48], rb[48];
	const char *pn = proto_name(d->proto, rb, sizeof rb);
	struct alert *a;
	int n = -1;

	if (pol == NULL || !public)
		return;
	if (cc[0] && policy_flagged(pol, cc) && !allowed && d->bytes_up > 0 &&
	    (a = dest_hit(e, "upload.flagged-country", d, dv, pn, ev, &n, cc,
	    d->flows, d->bytes_up, DN_IF_EMPTY)) != NULL && !dv->covered)
		a->severity = "medium";
	if (cloud != NULL && !allowed) {
		snprintf(rule, sizeof rule, "cloud.%s", cloud->category);
		(void)dest_hit(e, rule, d, dv, pn, ev, &n, cc, d->flows,
		    d->bytes_up, DN_ALWAYS);
	}
	if ((d->dir & DEST_IN) && d->in_answered > 0 &&
	    kind_is_recorder(dv->kind))
		(void)dest_hit(e, "exposure.inbound", d, dv, pn, ev, &n, cc,
		    d->in_answered, 0, DN_NONE);
	if (dv->kind != NULL && policy_isolated(pol, dv->kind) && !allowed)
		(void)dest_hit(e, "policy.isolation", d, dv, pn, ev, &n, cc,
		    d->flows, d->bytes_up, DN_IF_EMPTY);
}

/* geo_lookup() of remote address a into *gi, through a memo (two-way
 * set associative, the less recently used entry of a set replaced):
 * destinations are written device by device, and the devices of a site
 * reach the same few thousand addresses (2,200 for the benchmark's
 * 14,400 public destinations), each lookup walking two MaxMind trees. */
static void
geo_memo_lookup(struct engine *e, const struct addr *a, struct geo_info *gi)
{
	struct geo_memo *m;
	uint32_t set;

	if (e->geo == NULL &&
	    (e->geo = calloc(ENGINE_GEO_MEMO, sizeof *e->geo)) == NULL) {
		(void)geo_lookup(e->cfg.geo, a, gi); /* slower, same answer */
		return;
	}
	set = (uint32_t)hash_bytes(a, sizeof *a, 0x67656f) &
	    (ENGINE_GEO_MEMO - 2);
	m = &e->geo[set];
	if (!(m->used && memcmp(&m->a, a, sizeof *a) == 0)) {
		m = &e->geo[set + 1];
		if (!(m->used && memcmp(&m->a, a, sizeof *a) == 0)) {
			if (e->geo[set].used <= m->used)
				m = &e->geo[set];
			m->a = *a;
			m->gi = (struct geo_info){ "", 0, "" };
			(void)geo_lookup(e->cfg.geo, a, &m->gi);
		}
	}
	m->used = ++e->geo_uses;
	*gi = m->gi;
}

/* Write destination d of device dv, and raise its alerts. */
static void
emit_dest(struct engine *e, const struct dest *d, const struct devinfo *dv)
{
	const struct policy *pol = e->cfg.policy;
	const struct policy_cloud *cloud = NULL;
	struct geo_info gi = { "", 0, "" };
	bool public = addr_is_public(&d->remote), allowed = false;
	char pbuf[8], cl[128];
	struct record rec;

	if (public && e->cfg.geo != NULL)
		geo_memo_lookup(e, &d->remote, &gi);
	if (pol != NULL && d->name_len)
		cloud = policy_cloud(pol, d->name, d->name_len);
	if (pol != NULL)
		allowed = policy_allowed(pol, e->cfg.site, &d->remote,
		    d->name_len ? d->name : NULL, d->name_len);
	rec_init(&rec, &schema_dest);
	rec_cstr(&rec, F_DEST_site, e->cfg.site);
	rec_cstr(&rec, F_DEST_device, dv->key);
	if (dv->known)
		rec_bool(&rec, F_DEST_covered, dv->covered);
	rec_addr(&rec, F_DEST_local, &d->local);
	rec_addr(&rec, F_DEST_remote, &d->remote);
	if (d->name_len) {
		rec_str(&rec, F_DEST_name, d->name, d->name_len);
		rec_cstr(&rec, F_DEST_name_source,
		    names_src_name((enum name_src)d->name_src));
	}
	if (gi.country[0])
		rec_cstr(&rec, F_DEST_country, gi.country);
	if (gi.asn)
		rec_u64(&rec, F_DEST_asn, gi.asn);
	if (gi.org[0])
		rec_cstr(&rec, F_DEST_org, gi.org);
	rec_cstr(&rec, F_DEST_scope, public ? "public" :
	    addr_is_group(&d->remote) ? "multicast" : "private");
	rec_bool(&rec, F_DEST_flagged, pol != NULL && gi.country[0] &&
	    policy_flagged(pol, gi.country));
	if (cloud != NULL) {
		snprintf(cl, sizeof cl, "%s:%s", cloud->category, cloud->vendor);
		rec_cstr(&rec, F_DEST_cloud, cl);
	}
	rec_cstr(&rec, F_DEST_proto, proto_name(d->proto, pbuf, sizeof pbuf));
	rec_u64(&rec, F_DEST_port, d->port);
	rec_cstr(&rec, F_DEST_direction, d->dir == (DEST_OUT | DEST_IN) ?
	    "both" : d->dir == DEST_IN ? "inbound" : "outbound");
	rec_u64(&rec, F_DEST_flows, d->flows);
	rec_u64(&rec, F_DEST_pkts_up, d->pkts_up);
	rec_u64(&rec, F_DEST_bytes_up, d->bytes_up);
	rec_u64(&rec, F_DEST_pkts_down, d->pkts_down);
	rec_u64(&rec, F_DEST_bytes_down, d->bytes_down);
	rec_time(&rec, F_DEST_first_seen, d->first_us);
	rec_time(&rec, F_DEST_last_seen, d->last_us);
	e->tot.dests++;
	emit(e, &rec);
	dest_alerts(e, d, dv, gi.country, public, allowed, cloud);
}

/* A destination with no device record to follow: pushed out of a full
 * table, or of a device no longer held at the end. */
static void
on_dest_orphan(void *ctx, const struct dest *d)
{
	struct engine *e = ctx;
	char key[ALERT_DEVICE_MAX];
	struct devinfo dv = { key, NULL, false, false };

	host_key_fmt(&d->host, key, sizeof key);
	emit_dest(e, d, &dv);
}

/* At the end, write the sorted destinations up to host key k (NULL: all
 * that remain): those of k with device dv, those before it as orphans. */
static void
flush_dests(struct engine *e, const struct host_key *k,
    const struct devinfo *dv)
{
	while (e->ids < e->nds) {
		const struct dest *d = e->ds[e->ids];
		int c = k ? memcmp(&d->host, k, sizeof *k) : -1;

		if (c > 0)
			break;
		e->ids++;
		if (c == 0)
			emit_dest(e, d, dv);
		else
			on_dest_orphan(e, d);
	}
}

/* The alerts about device h itself: vulnerable firmware, factory state. */
static void
device_alerts(struct engine *e, const struct host *h, const char *key,
    const struct fused *fp, const struct ident *id)
{
	const struct alert_rule *r;
	const struct vuln *v[8];
	struct alert *a;
	char vendor[64], ev[ALERT_EVID_MAX];
	unsigned n;

	if (e->cfg.vulns != NULL && fp->vendor != NULL &&
	    (r = alert_rule_find("firmware.vulnerable")) != NULL) {
		snprintf(vendor, sizeof vendor, "%.*s", (int)fp->vendor_len,
		    fp->vendor);
		n = vulns_match(e->cfg.vulns, vendor, fp->model, fp->model_len,
		    fp->firmware, fp->firmware_len, fp->build, fp->build_len,
		    v, 8);
		for (unsigned i = 0; i < n; i++) {
			int len = snprintf(ev, sizeof ev, "%s model %.*s "
			    "firmware %.*s %.*s; %s%s", v[i]->cve,
			    (int)fp->model_len, fp->model ? fp->model : "",
			    (int)fp->firmware_len,
			    fp->firmware ? fp->firmware : "",
			    (int)fp->build_len, fp->build ? fp->build : "",
			    v[i]->advisory ? v[i]->advisory : "",
			    v[i]->kev ? " (CISA KEV)" : "");
			if (len < 0)
				continue;
			a = alerts_hit(e->al, r, key, NULL, v[i]->cve, ev,
			    (size_t)len < sizeof ev ? (size_t)len :
			    sizeof ev - 1, h->first_us, h->last_us, 1, 0);
			if (a != NULL && v[i]->kev)
				a->severity = "critical";
		}
	}
	for (unsigned i = 0; id != NULL && i < id->nev; i++)
		if (id->ev[i].field == FACT_ACTIVATED &&
		    id->ev[i].len == 5 &&
		    memcmp(id->ev[i].val, "false", 5) == 0 &&
		    (r = alert_rule_find("device.factory-state")) != NULL) {
			snprintf(ev, sizeof ev, "%s says not activated (in %u "
			    "message%s)", id->ev[i].source, id->ev[i].count,
			    id->ev[i].count == 1 ? "" : "s");
			(void)alerts_hit(e->al, r, key, NULL, NULL, ev,
			    strlen(ev), h->first_us, h->last_us, 1, 0);
			break;
		}
}

static void
on_host_end(void *ctx, const struct host *h, bool evicted)
{
	struct engine *e = ctx;
	struct addr ips[HOST_MAX_IPS];
	struct rec_evid ev[IDENT_EVID_MAX];
	struct fused fused;
	char key[64], basis[320];
	struct record rec;

	if (evicted)
		self_alert_hit(&e->capacity, e->clock, NULL);
	for (unsigned j = 0; j < h->nip; j++)
		ips[j] = h->ip[j].ip;
	host_key_fmt(&h->k, key, sizeof key);
	rec_init(&rec, &schema_device);
	rec_cstr(&rec, F_DEV_site, e->cfg.site);
	rec_cstr(&rec, F_DEV_key, key);
	if (h->k.kind == HOST_BY_MAC)
		rec_mac(&rec, F_DEV_mac, h->k.mac);
	if (h->has_via)
		rec_mac(&rec, F_DEV_via_mac, h->via_mac);
	rec_bool(&rec, F_DEV_router, h->router);
	if (h->vlan)
		rec_u64(&rec, F_DEV_vlan, h->vlan);
	rec_addrs(&rec, F_DEV_ips, ips, h->nip);
	rec_u64(&rec, F_DEV_ips_more, h->ips_dropped);
	rec_time(&rec, F_DEV_first_seen, h->first_us);
	rec_time(&rec, F_DEV_last_seen, h->last_us);
	rec_u64(&rec, F_DEV_flows, h->flows);
	rec_u64(&rec, F_DEV_pkts_out, h->pkts_out);
	rec_u64(&rec, F_DEV_bytes_out, h->bytes_out);
	rec_u64(&rec, F_DEV_pkts_in, h->pkts_in);
	rec_u64(&rec, F_DEV_bytes_in, h->bytes_in);
	rec_bool(&rec, F_DEV_evicted, evicted);
	if (e->in != NULL && evicted && h->k.kind == HOST_BY_MAC) {
		/* A host leaving a full table mid-run: its vendor needs a
		 * registry read of its own; past a few, read it all once. */
		if (++e->oui_reads <= 16)
			(void)kb_oui_want(e->cfg.kb, h->k.mac, 1);
		else
			(void)kb_oui_want(e->cfg.kb, NULL, 0);
	}
	if (e->in != NULL)
		identity_fields(e, h, &rec, &fused, ev, basis, sizeof basis);
	e->tot.devices++;
	emit(e, &rec);
	if (e->in != NULL)
		device_alerts(e, h, key, &fused, inspect_ident(e->in, h));
	if (e->ds != NULL) { /* the end: its destinations follow it */
		struct devinfo dv = { key, e->in ? kind_name(fused.kind) : NULL,
			e->in ? fused.covered : false, e->in != NULL };
		flush_dests(e, &h->k, &dv);
	}
	if (e->in != NULL)
		inspect_host_gone(e->in, h);
}

/* air_cfg.emit: a drone or drone_position record of the airspace. */
static void
air_emit(void *ctx, const struct record *r)
{
	struct engine *e = ctx;

	if (r->s == &schema_drone)
		e->tot.drones++;
	emit(e, r);
}

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
	e->ft = flow_new(cfg->max_flows, cfg->idle_us, cfg->seed, on_flow_end,
	    e, &e->st);
	e->ht = host_new(cfg->max_hosts, cfg->seed ^ 0x5bd1e995u, on_host_end,
	    e, &e->st);
	if (e->cfg.max_dests == 0)
		e->cfg.max_dests = ENGINE_MAX_DESTS;
	e->dt = dest_new(e->cfg.max_dests, cfg->seed ^ 0x64657374u, on_dest_orphan,
	    e, &e->st);
	e->al = alerts_new(ENGINE_MAX_ALERTS, &e->st);
	if (e->al != NULL) {
		struct air_cfg ac = { cfg->site, cfg->zones, air_emit, e };
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

/* Write alert a (from the table) unless it is below its threshold. */
static void
emit_alert(void *ctx, const struct alert *a)
{
	struct engine *e = ctx;
	const char *sev = a->severity ? a->severity : a->rule->severity;
	struct geo_info gi = { "", 0, "" };
	struct record rec;
	enum name_src src;
	const char *nm;
	size_t nlen;
	char rem[48];

	if (a->rule->volume && (e->cfg.policy == NULL ||
	    a->bytes < policy_upload_threshold(e->cfg.policy)))
		return;
	if (e->cfg.policy != NULL)
		sev = policy_severity(e->cfg.policy, a->rule->id, sev);
	rec_init(&rec, &schema_alert);
	rec_cstr(&rec, F_ALERT_site, e->cfg.site);
	rec_cstr(&rec, F_ALERT_rule, a->rule->id);
	rec_cstr(&rec, F_ALERT_severity, sev);
	if (a->device[0])
		rec_cstr(&rec, F_ALERT_device, a->device);
	if (a->has_remote)
		rec_cstr(&rec, F_ALERT_remote, addr_fmt(&a->remote, rem,
		    sizeof rem));
	if (a->name[0])
		rec_cstr(&rec, F_ALERT_remote_name, a->name);
	else if (a->has_remote && e->names != NULL &&
	    (nm = names_get(e->names, NULL, &a->remote, &nlen, &src)) != NULL)
		rec_str(&rec, F_ALERT_remote_name, nm, nlen);
	if (a->country[0])
		rec_cstr(&rec, F_ALERT_country, a->country);
	else if (a->has_remote && addr_is_public(&a->remote) &&
	    geo_lookup(e->cfg.geo, &a->remote, &gi) && gi.country[0])
		rec_cstr(&rec, F_ALERT_country, gi.country);
	if (a->ref[0])
		rec_cstr(&rec, F_ALERT_ref, a->ref);
	rec_cstr(&rec, F_ALERT_summary, a->rule->summary);
	rec_str(&rec, F_ALERT_evidence, a->evidence, a->evlen);
	rec_time(&rec, F_ALERT_first_seen, a->first_us);
	rec_time(&rec, F_ALERT_last_seen, a->last_us);
	rec_u64(&rec, F_ALERT_count, a->count);
	e->tot.alerts++;
	emit(e, &rec);
}

/* Fold a self alert of the sensor into the table. */
static void
alert_self(struct engine *e, const struct self_alert *a, const char *rule,
    const char *evidence)
{
	const struct alert_rule *r = alert_rule_find(rule);
	struct host_key k;
	char key[ALERT_DEVICE_MAX];

	if (a->count == 0 || r == NULL)
		return;
	key[0] = '\0';
	if (a->has_mac) {
		host_key_mac(&k, a->mac);
		host_key_fmt(&k, key, sizeof key);
	}
	(void)alerts_hit(e->al, r, key, NULL, NULL, evidence, strlen(evidence),
	    a->first_us, a->last_us, a->count, 0);
}

static void
write_alerts(struct engine *e)
{
	char ev[256];

	snprintf(ev, sizeof ev, "vlan.too_deep=%llu ipv6.ext_too_deep=%llu",
	    (unsigned long long)e->st.n[STAT_VLAN_TOO_DEEP],
	    (unsigned long long)e->st.n[STAT_IPV6_EXT_TOO_DEEP]);
	alert_self(e, &e->evasion, "sensor.header-chain", ev);
	if (e->st.n[STAT_ALERT_DROPPED] || e->st.n[STAT_DEST_EVICTED])
		self_alert_hit(&e->capacity, e->now, NULL);
	snprintf(ev, sizeof ev, "flow.evicted=%llu host.evicted=%llu "
	    "dest.evicted=%llu alert.dropped=%llu",
	    (unsigned long long)e->st.n[STAT_FLOW_EVICTED],
	    (unsigned long long)e->st.n[STAT_HOST_EVICTED],
	    (unsigned long long)e->st.n[STAT_DEST_EVICTED],
	    (unsigned long long)e->st.n[STAT_ALERT_DROPPED]);
	alert_self(e, &e->capacity, "sensor.capacity", ev);
	alerts_each(e->al, emit_alert, e);
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
	flush_dests(e, NULL, NULL);
	air_finish(e->air);
	if (e->cfg.geojson != NULL && geojson_write(e->cfg.geojson, e->air,
	    e->cfg.zones, msg, sizeof msg) < 0) {
		fprintf(stderr, "vigie: %s\n", msg);
		rc = -1;
	}
	write_alerts(e);
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
	emit(e, &rec);
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
