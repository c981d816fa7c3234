/* SPDX-License-Identifier: MIT */
/* engine_rec.c - the records of the scan pipeline (see engine_int.h):
 * flows as they end, devices with their identity and alerts, their
 * destinations with geography, names and alerts, and the alerts of the
 * run. Nothing here runs per packet. */
#include "engine_int.h"

#include <stdio.h>
#include <stdlib.h>

#include "hash.h"

/* Hand a record to every sink still working; report a sink's first
 * failure once, naming it. */
void
engine_emit(struct engine *e, const struct record *r)
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

void
engine_on_flow_end(void *ctx, const struct flow *f, enum flow_end why)
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
		struct host_obs o = { FLOW_BIT(f->has_mac, s) ?
			f->mac[s] : NULL, ad[s], f->k.vlan, f->last_us };
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
	engine_emit(e, &rec);
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
		snprintf(cl, sizeof cl, "%s:%s", cloud->category,
		    cloud->vendor);
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
	engine_emit(e, &rec);
	dest_alerts(e, d, dv, gi.country, public, allowed, cloud);
}

/* A destination with no device record to follow: pushed out of a full
 * table, or of a device no longer held at the end. */
void
engine_on_dest_orphan(void *ctx, const struct dest *d)
{
	struct engine *e = ctx;
	char key[ALERT_DEVICE_MAX];
	struct devinfo dv = { key, NULL, false, false };

	host_key_fmt(&d->host, key, sizeof key);
	emit_dest(e, d, &dv);
}

/* At the end, write the sorted destinations up to host key k (NULL: all
 * that remain): those of k with device dv, those before it as orphans. */
void
engine_flush_dests(struct engine *e, const struct host_key *k,
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
			engine_on_dest_orphan(e, d);
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

void
engine_on_host_end(void *ctx, const struct host *h, bool evicted)
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
	engine_emit(e, &rec);
	if (e->in != NULL)
		device_alerts(e, h, key, &fused, inspect_ident(e->in, h));
	if (e->ds != NULL) { /* the end: its destinations follow it */
		struct devinfo dv = { key, e->in ? kind_name(fused.kind) : NULL,
			e->in ? fused.covered : false, e->in != NULL };
		engine_flush_dests(e, &h->k, &dv);
	}
	if (e->in != NULL)
		inspect_host_gone(e->in, h);
}

/* air_cfg.emit: a drone or drone_position record of the airspace. */
void
engine_air_emit(void *ctx, const struct record *r)
{
	struct engine *e = ctx;

	if (r->s == &schema_drone)
		e->tot.drones++;
	engine_emit(e, r);
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
	engine_emit(e, &rec);
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

void
engine_write_alerts(struct engine *e)
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
