/* SPDX-License-Identifier: MIT */
/* schema.c - the fields of every record kind, in output order. */
#include "record.h"

#include <assert.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define N(a) (unsigned)(sizeof(a) / sizeof((a)[0]))

static const struct field device_f[] = {
	{ "site", FT_STR, "site tag given with --site (null if none)" },
	{ "key", FT_STR, "identity: \"mac:<MAC>\" or \"ip:<address>\"" },
	{ "mac", FT_MAC, "the host's own MAC (null when keyed by IP)" },
	{ "via_mac", FT_MAC, "for a host keyed by IP: the MAC of the router "
	    "it was seen behind" },
	{ "router", FT_BOOL, "this MAC fronts other hosts (router or "
	    "gateway); they are reported keyed by IP" },
	{ "vlan", FT_U64, "VLAN id it was last seen on (null if untagged)" },
	{ "ips", FT_ADDRS, "local IP addresses seen for it, first seen first" },
	{ "ips_more", FT_U64, "further addresses seen beyond those listed" },
	{ "first_seen", FT_TIME, "first packet time" },
	{ "last_seen", FT_TIME, "last packet time" },
	{ "flows", FT_U64, "flows it took part in" },
	{ "pkts_out", FT_U64, "packets it sent" },
	{ "bytes_out", FT_U64, "IP bytes it sent" },
	{ "pkts_in", FT_U64, "packets it received" },
	{ "bytes_in", FT_U64, "IP bytes it received" },
	{ "evicted", FT_BOOL, "written early because the host table was "
	    "full; a later record may continue it" },
};

static const struct field flow_f[] = {
	{ "site", FT_STR, "site tag given with --site (null if none)" },
	{ "proto", FT_STR, "transport: tcp, udp, icmp, icmp6, or the IP "
	    "protocol number" },
	{ "src", FT_ADDR, "initiator address (sender of the SYN, else of the "
	    "first packet seen)" },
	{ "sport", FT_U64, "initiator port (0 for ICMP and port-less "
	    "protocols)" },
	{ "dst", FT_ADDR, "responder address" },
	{ "dport", FT_U64, "responder port" },
	{ "src_mac", FT_MAC, "link-layer address the initiator's packets "
	    "came from (null if the link has none)" },
	{ "dst_mac", FT_MAC, "link-layer address of the responder side" },
	{ "vlan", FT_U64, "VLAN id (null if untagged)" },
	{ "direction", FT_STR, "outbound (local initiator, remote "
	    "responder), inbound, internal (both local) or external" },
	{ "first_seen", FT_TIME, "first packet time" },
	{ "last_seen", FT_TIME, "last packet time" },
	{ "pkts_src", FT_U64, "packets sent by the initiator" },
	{ "bytes_src", FT_U64, "IP bytes sent by the initiator" },
	{ "pkts_dst", FT_U64, "packets sent by the responder" },
	{ "bytes_dst", FT_U64, "IP bytes sent by the responder" },
	{ "end", FT_STR, "why the record was written: idle, evicted, closed "
	    "(TCP 5-tuple reused) or eof" },
};

static const struct field alert_f[] = {
	{ "site", FT_STR, "site tag given with --site (null if none)" },
	{ "rule", FT_STR, "rule id" },
	{ "severity", FT_STR, "info, low, medium, high or critical" },
	{ "device", FT_STR, "device key the alert is about (null if none)" },
	{ "remote", FT_STR, "remote end concerned (null if none)" },
	{ "summary", FT_STR, "one sentence for a person" },
	{ "evidence", FT_STR, "what was seen, with counter names or fields" },
	{ "first_seen", FT_TIME, "first packet time the rule matched" },
	{ "last_seen", FT_TIME, "last packet time the rule matched" },
	{ "count", FT_U64, "matches folded into this alert" },
};

static const struct field stats_f[] = {
	{ "site", FT_STR, "site tag given with --site (null if none)" },
	{ "files", FT_U64, "input files given" },
	{ "files_failed", FT_U64, "input files that could not be read "
	    "completely" },
	{ "packets", FT_U64, "packets read" },
	{ "bytes", FT_U64, "bytes on the wire of the packets read" },
	{ "ip_packets", FT_U64, "packets with a decoded IP header" },
	{ "first_seen", FT_TIME, "first packet time (null if none)" },
	{ "last_seen", FT_TIME, "last packet time (null if none)" },
	{ "flows", FT_U64, "flow records written" },
	{ "devices", FT_U64, "device records written" },
	{ "alerts", FT_U64, "alert records written" },
	{ "anomalies", FT_OBJ, "every anomaly counter by name (see "
	    "docs/events.md)" },
	{ "elapsed_s", FT_F64, "wall-clock seconds of the run (not "
	    "deterministic)" },
	{ "pps", FT_F64, "packets per wall-clock second (not "
	    "deterministic)" },
};

const struct schema schema_device = { "device", device_f, N(device_f),
	"devices" };
const struct schema schema_flow = { "flow", flow_f, N(flow_f), "flows" };
const struct schema schema_alert = { "alert", alert_f, N(alert_f),
	"alerts" };
const struct schema schema_stats = { "stats", stats_f, N(stats_f),
	"stats" };

const struct schema *const *
schema_all(void)
{
	static const struct schema *const all[] = { &schema_device,
		&schema_flow, &schema_alert, &schema_stats, NULL };
	return all;
}

void
rec_init(struct record *r, const struct schema *s)
{
	assert(s->n <= REC_MAX_FIELDS);
	r->s = s;
	memset(r->v, 0, sizeof r->v);
}

unsigned
rec_field(const struct record *r, const char *name)
{
	for (unsigned i = 0; i < r->s->n; i++)
		if (strcmp(r->s->f[i].name, name) == 0)
			return i;
	fprintf(stderr, "vigie: internal error: no field %s in %s\n", name,
	    r->s->name);
	abort();
}

static struct val *
slot(struct record *r, const char *name, enum ftype t)
{
	unsigned i = rec_field(r, name);

	if (r->s->f[i].type != t) {
		fprintf(stderr, "vigie: internal error: field %s.%s type\n",
		    r->s->name, name);
		abort();
	}
	r->v[i].set = true;
	return &r->v[i];
}

void
rec_str(struct record *r, const char *name, const char *p, size_t len)
{
	struct val *v = slot(r, name, FT_STR);
	v->u.s.p = p;
	v->u.s.len = len;
}

void
rec_cstr(struct record *r, const char *name, const char *p)
{
	if (p != NULL)
		rec_str(r, name, p, strlen(p));
}

void
rec_u64(struct record *r, const char *name, uint64_t x)
{
	slot(r, name, FT_U64)->u.u = x;
}

void
rec_f64(struct record *r, const char *name, double x)
{
	slot(r, name, FT_F64)->u.d = x;
}

void
rec_bool(struct record *r, const char *name, bool x)
{
	slot(r, name, FT_BOOL)->u.b = x;
}

void
rec_time(struct record *r, const char *name, uint64_t us)
{
	slot(r, name, FT_TIME)->u.u = us;
}

void
rec_addr(struct record *r, const char *name, const struct addr *a)
{
	slot(r, name, FT_ADDR)->u.a = *a;
}

void
rec_mac(struct record *r, const char *name, const uint8_t *mac)
{
	memcpy(slot(r, name, FT_MAC)->u.mac, mac, 6);
}

void
rec_addrs(struct record *r, const char *name, const struct addr *v,
    unsigned n)
{
	struct val *x = slot(r, name, FT_ADDRS);
	x->u.addrs.v = v;
	x->u.addrs.n = n;
}

void
rec_obj(struct record *r, const char *name, struct counters c)
{
	slot(r, name, FT_OBJ)->u.obj = c;
}

char *
time_fmt(uint64_t us, char *buf, size_t n)
{
	time_t secs = (time_t)(us / 1000000u);
	struct tm tm;

	if (gmtime_r(&secs, &tm) == NULL) {
		snprintf(buf, n, "invalid");
		return buf;
	}
	snprintf(buf, n, "%04d-%02d-%02dT%02d:%02d:%02d.%06uZ",
	    tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, tm.tm_hour,
	    tm.tm_min, tm.tm_sec, (unsigned)(us % 1000000u));
	return buf;
}
