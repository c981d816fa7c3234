/* SPDX-License-Identifier: MIT */
/* summary.c - terminal summary: hosts, flows, top talkers, anomalies. */
#include "summary.h"

#include <inttypes.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "../core/esc.h"
#include "../core/limits.h"
#include "../core/stats.h"
#include "report.h"

#define HOSTS_SHOWN 40

struct host_row {
	char key[64], l2[28], ips[128];
	char vendor[48], brand[32], kind[24], model[48], serial[48],
	    firmware[40];
	char vendor_col[21];    /* vendor in the hosts table's column */
	uint64_t flows, out, in, conf;
	bool router, covered;
};

struct talker {
	char what[160];
	uint64_t bytes;
};

#define DEST_PER_DEVICE 5   /* top destinations shown per covered device */
#define COUNTRIES 64        /* countries tallied (the rest: "other") */
#define ALERTS_SHOWN 50

struct dest_row {
	char device[48], remote[48], name[41], country[4], port[16];
	uint64_t up, down;
	bool flagged;
};

struct country_row {
	char cc[4];             /* "--" unknown, "++" others */
	uint64_t up, down, dests;
	bool flagged;
};

struct alert_row {
	char sev[12], rule[32], device[56], remote[64];
	uint64_t count;
};

struct drone_row {
	char id[48], what[28], heard[48], pos[26], op[26], spoof[40];
	uint64_t msgs;
};

struct summary {
	struct drone_row *urows;
	size_t nurows, ucap, ndrone, nspoofed;
	struct dest_row *drows;
	size_t ndrows, dcap;
	char last_dev[48];      /* device of the destinations coming in */
	unsigned last_n;        /* how many of them were kept */
	struct country_row cc[COUNTRIES + 1];
	unsigned ncc;
	uint64_t ndest;
	struct alert_row *arows;
	size_t narows, acap, nalert;
	uint64_t nsev[5];       /* by severity, info..critical */
	struct host_row *rows;
	size_t nrows, cap;
	uint64_t ndev, nrouter, nflow, dir[4], ncovered;
	struct talker top[SUMMARY_TOP];
	unsigned ntop;
	uint64_t packets, bytes, anomalies[STAT_COUNT];
	char first[40], last[40];
	bool have_stats;
};

struct summary *
summary_new(void)
{
	return calloc(1, sizeof(struct summary));
}

void
summary_free(struct summary *s)
{
	if (s == NULL)
		return;
	free(s->rows);
	free(s->drows);
	free(s->arows);
	free(s->urows);
	free(s);
}

static const struct val *
get(const struct record *r, unsigned i)
{
	return &r->v[i];
}

static uint64_t
get_u(const struct record *r, unsigned i)
{
	const struct val *v = get(r, i);
	return v->set ? v->u.u : 0;
}

/* A table cell from a string field, into dst of n bytes (n >= 4):
 * escaped for the terminal, "-" if null. Text too long for it is cut
 * before a whole character or escape and ends in "...", so that a cut
 * value never passes for a whole one (two serials alike up to the cut). */
static void
str_cell(char *dst, size_t n, const struct val *v)
{
	char full[200 * 4 + 1]; /* 200 input bytes, each at most "\\xNN" */
	size_t len;

	if (!v->set) {
		snprintf(dst, n, "-");
		return;
	}
	len = v->u.s.len > 200 ? 200 : v->u.s.len;
	if (esc_term(full, sizeof full, v->u.s.p, len) < n) {
		memcpy(dst, full, strlen(full) + 1);
		return;
	}
	memcpy(dst + esc_term(dst, n - 3, v->u.s.p, len), "...", 4);
}

static void
on_device(struct summary *s, const struct record *r)
{
	const struct val *v;
	struct host_row *h;
	size_t o = 0;
	char tmp[48];

	s->ndev++;
	if (get(r, F_DEV_router)->u.b)
		s->nrouter++;
	if (s->nrows == s->cap) {
		size_t nc = s->cap ? s->cap * 2 : 64;
		struct host_row *n = realloc(s->rows, nc * sizeof *n);
		if (n == NULL)
			return; /* the table shows fewer rows */
		s->rows = n;
		s->cap = nc;
	}
	h = &s->rows[s->nrows++];
	memset(h, 0, sizeof *h);
	v = get(r, F_DEV_key);
	esc_term(h->key, sizeof h->key, v->u.s.p, v->u.s.len);
	v = get(r, F_DEV_mac)->set ? get(r, F_DEV_mac) : get(r, F_DEV_via_mac);
	if (v->set && !get(r, F_DEV_mac)->set)
		snprintf(h->l2, sizeof h->l2, "via %s",
		    mac_fmt(v->u.mac, tmp, sizeof tmp));
	v = get(r, F_DEV_ips);
	for (unsigned i = 0; i < v->u.addrs.n && o + 48 < sizeof h->ips; i++)
		o += (size_t)snprintf(h->ips + o, sizeof h->ips - o, "%s%s",
		    i ? " " : "", addr_fmt(&v->u.addrs.v[i], tmp, sizeof tmp));
	h->flows = get_u(r, F_DEV_flows);
	h->out = get_u(r, F_DEV_bytes_out);
	h->in = get_u(r, F_DEV_bytes_in);
	h->router = get(r, F_DEV_router)->u.b;
	h->covered = get(r, F_DEV_covered)->set && get(r, F_DEV_covered)->u.b;
	h->conf = get_u(r, F_DEV_confidence);
	str_cell(h->vendor, sizeof h->vendor, get(r, F_DEV_vendor));
	str_cell(h->vendor_col, sizeof h->vendor_col, get(r, F_DEV_vendor));
	str_cell(h->brand, sizeof h->brand, get(r, F_DEV_brand));
	str_cell(h->kind, sizeof h->kind, get(r, F_DEV_kind));
	str_cell(h->model, sizeof h->model, get(r, F_DEV_model));
	str_cell(h->serial, sizeof h->serial, get(r, F_DEV_serial));
	str_cell(h->firmware, sizeof h->firmware, get(r, F_DEV_firmware));
	if (h->covered)
		s->ncovered++;
}

/* "a:p" for IPv4, "[a]:p" for IPv6. */
static void
endpoint(const struct addr *ad, uint64_t port, char *buf, size_t n)
{
	char t[48];

	addr_fmt(ad, t, sizeof t);
	snprintf(buf, n, addr_is_v4(ad) ? "%s:%" PRIu64 : "[%s]:%" PRIu64, t,
	    port);
}

static void
on_flow(struct summary *s, const struct record *r)
{
	static const char *const dirs[4] = { "outbound", "inbound",
		"internal", "external" };
	uint64_t bytes = get_u(r, F_FLOW_bytes_src) + get_u(r, F_FLOW_bytes_dst);
	const struct val *d = get(r, F_FLOW_direction), *pr = get(r, F_FLOW_proto);
	char a[64], b[64], raw[160];
	unsigned i;

	s->nflow++;
	for (i = 0; i < 4; i++)
		if (d->set && d->u.s.len == strlen(dirs[i]) &&
		    memcmp(d->u.s.p, dirs[i], d->u.s.len) == 0)
			s->dir[i]++;
	if (s->ntop == SUMMARY_TOP && bytes <= s->top[SUMMARY_TOP - 1].bytes)
		return;
	i = s->ntop < SUMMARY_TOP ? s->ntop++ : SUMMARY_TOP - 1;
	for (; i > 0 && s->top[i - 1].bytes < bytes; i--)
		s->top[i] = s->top[i - 1];
	endpoint(&get(r, F_FLOW_src)->u.a, get_u(r, F_FLOW_sport), a, sizeof a);
	endpoint(&get(r, F_FLOW_dst)->u.a, get_u(r, F_FLOW_dport), b, sizeof b);
	snprintf(raw, sizeof raw, "%.*s %s -> %s", (int)pr->u.s.len, pr->u.s.p,
	    a, b);
	esc_term(s->top[i].what, sizeof s->top[i].what, raw, strlen(raw));
	s->top[i].bytes = bytes;
}

static void
on_stats(struct summary *s, const struct record *r)
{
	const struct val *v = get(r, F_STATS_anomalies);

	s->have_stats = true;
	s->packets = get_u(r, F_STATS_packets);
	s->bytes = get_u(r, F_STATS_bytes);
	for (unsigned i = 0; i < v->u.obj.n && i < STAT_COUNT; i++)
		s->anomalies[i] = v->u.obj.val[i];
	if (get(r, F_STATS_first_seen)->set) {
		time_fmt(get(r, F_STATS_first_seen)->u.u, s->first, sizeof s->first);
		time_fmt(get(r, F_STATS_last_seen)->u.u, s->last, sizeof s->last);
	}
}

/* Grow *v (elements of size sz, *cap of them) to hold one more. */
static bool
grow(void **v, size_t *cap, size_t n, size_t sz)
{
	void *nv;
	size_t nc;

	if (n < *cap)
		return true;
	nc = *cap ? *cap * 2 : 64;
	if ((nv = realloc(*v, nc * sz)) == NULL)
		return false;
	*v = nv;
	*cap = nc;
	return true;
}

static void
on_dest(struct summary *s, const struct record *r)
{
	const struct val *dev = get(r, F_DEST_device), *cc = get(r, F_DEST_country);
	const struct val *sc = get(r, F_DEST_scope);
	uint64_t up = get_u(r, F_DEST_bytes_up), down = get_u(r, F_DEST_bytes_down);
	bool flagged = get(r, F_DEST_flagged)->set && get(r, F_DEST_flagged)->u.b;
	char key[48], c[4] = "--", t[48];
	struct dest_row *d;
	unsigned i;

	s->ndest++;
	if (sc->set && sc->u.s.len == 6 && memcmp(sc->u.s.p, "public", 6) == 0) {
		if (cc->set)
			esc_term(c, sizeof c, cc->u.s.p, cc->u.s.len);
		for (i = 0; i < s->ncc && strcmp(s->cc[i].cc, c) != 0; i++)
			;
		if (i == s->ncc) {
			if (s->ncc == COUNTRIES)
				snprintf(c, sizeof c, "++"), i = COUNTRIES;
			else
				s->ncc++;
			snprintf(s->cc[i].cc, sizeof s->cc[i].cc, "%s", c);
		}
		s->cc[i].up += up;
		s->cc[i].down += down;
		s->cc[i].dests++;
		s->cc[i].flagged |= flagged;
	}
	if (!get(r, F_DEST_covered)->set || !get(r, F_DEST_covered)->u.b)
		return;
	esc_term(key, sizeof key, dev->u.s.p, dev->u.s.len);
	if (strcmp(key, s->last_dev) != 0) {
		snprintf(s->last_dev, sizeof s->last_dev, "%s", key);
		s->last_n = 0;
	}
	/* A device's destinations come biggest upload first. */
	if (s->last_n >= DEST_PER_DEVICE ||
	    !grow((void **)&s->drows, &s->dcap, s->ndrows, sizeof *s->drows))
		return;
	s->last_n++;
	d = &s->drows[s->ndrows++];
	memset(d, 0, sizeof *d);
	snprintf(d->device, sizeof d->device, "%s", key);
	addr_fmt(&get(r, F_DEST_remote)->u.a, t, sizeof t);
	snprintf(d->remote, sizeof d->remote, "%s", t);
	str_cell(d->name, sizeof d->name, get(r, F_DEST_name));
	str_cell(d->country, sizeof d->country, cc);
	snprintf(t, sizeof t, "%.*s/%" PRIu64,
	    (int)get(r, F_DEST_proto)->u.s.len, get(r, F_DEST_proto)->u.s.p,
	    get_u(r, F_DEST_port));
	esc_term(d->port, sizeof d->port, t, strlen(t));
	d->up = up;
	d->down = down;
	d->flagged = flagged;
}

static void
on_alert(struct summary *s, const struct record *r)
{
	static const char *const sev[5] = { "info", "low", "medium", "high",
		"critical" };
	const struct val *v = get(r, F_ALERT_severity);
	struct alert_row *a;

	s->nalert++;
	for (unsigned i = 0; i < 5; i++)
		if (v->set && v->u.s.len == strlen(sev[i]) &&
		    memcmp(v->u.s.p, sev[i], v->u.s.len) == 0)
			s->nsev[i]++;
	if (!grow((void **)&s->arows, &s->acap, s->narows, sizeof *s->arows))
		return;
	a = &s->arows[s->narows++];
	str_cell(a->sev, sizeof a->sev, v);
	str_cell(a->rule, sizeof a->rule, get(r, F_ALERT_rule));
	str_cell(a->device, sizeof a->device, get(r, F_ALERT_device));
	v = get(r, F_ALERT_remote_name)->set ? get(r, F_ALERT_remote_name) :
	    get(r, F_ALERT_remote);
	if (get(r, F_ALERT_ref)->set && !v->set)
		v = get(r, F_ALERT_ref);
	/* The remote, then " (CC)" in the 6 bytes left for it: nothing is
	 * cut but by str_cell(), which marks it. */
	str_cell(a->remote, sizeof a->remote - 6, v);
	if (get(r, F_ALERT_country)->set) {
		size_t n = strlen(a->remote);
		memcpy(a->remote + n, " (", 2);
		str_cell(a->remote + n + 2, 4, get(r, F_ALERT_country));
		n = strlen(a->remote);
		memcpy(a->remote + n, ")", 2);
	}
	a->count = get_u(r, F_ALERT_count);
}

/* "lat,lon" of two degree fields, or "-". */
static void
latlon(char *dst, size_t n, const struct val *la, const struct val *lo)
{
	if (la->set && lo->set)
		snprintf(dst, n, "%.5f,%.5f", la->u.d, lo->u.d);
	else
		snprintf(dst, n, "-");
}

static void
on_drone(struct summary *s, const struct record *r)
{
	struct drone_row *u;
	char a[13], b[15];

	s->ndrone++;
	if (get(r, F_DRONE_spoof)->set)
		s->nspoofed++;
	if (!grow((void **)&s->urows, &s->ucap, s->nurows, sizeof *s->urows))
		return;
	u = &s->urows[s->nurows++];
	str_cell(u->id, sizeof u->id, get(r, F_DRONE_id));
	str_cell(a, sizeof a, get(r, F_DRONE_maker));
	str_cell(b, sizeof b, get(r, F_DRONE_model));
	snprintf(u->what, sizeof u->what, "%s %s", a,
	    get(r, F_DRONE_model)->set ? b : "");
	str_cell(u->heard, sizeof u->heard, get(r, F_DRONE_carriers));
	latlon(u->pos, sizeof u->pos, get(r, F_DRONE_lat),
	    get(r, F_DRONE_lon));
	latlon(u->op, sizeof u->op, get(r, F_DRONE_operator_lat),
	    get(r, F_DRONE_operator_lon));
	str_cell(u->spoof, sizeof u->spoof, get(r, F_DRONE_spoof));
	u->msgs = get_u(r, F_DRONE_messages);
}

void
summary_record(struct summary *s, const struct record *r)
{
	if (r->s == &schema_drone) {
		on_drone(s, r);
		return;
	}
	if (r->s == &schema_dest) {
		on_dest(s, r);
		return;
	}
	if (r->s == &schema_alert) {
		on_alert(s, r);
		return;
	}
	if (r->s == &schema_device)
		on_device(s, r);
	else if (r->s == &schema_flow)
		on_flow(s, r);
	else if (r->s == &schema_stats)
		on_stats(s, r);
}

/* Human-readable byte count (the report's form, "1.5 MB"). */
static const char *
human(uint64_t b, char *buf, size_t n)
{
	return rep_bytes(b > INT64_MAX ? INT64_MAX : (int64_t)b, buf, n);
}

static int
cmp_rows(const void *x, const void *y)
{
	const struct host_row *a = x, *b = y;
	uint64_t ta = a->out + a->in, tb = b->out + b->in;

	if (ta != tb)
		return ta > tb ? -1 : 1;
	return strcmp(a->key, b->key);
}

/* Count rows by a string column into names/counts (at most 16). */
static unsigned
tally(const struct summary *s, size_t off, const char **names,
    unsigned *counts)
{
	unsigned n = 0;

	for (size_t i = 0; i < s->nrows; i++) {
		const char *v = (const char *)&s->rows[i] + off;
		unsigned j;

		if (!s->rows[i].covered)
			continue;
		for (j = 0; j < n && strcmp(names[j], v) != 0; j++)
			;
		if (j == n && n < 16)
			names[n++] = v, counts[j] = 0;
		if (j < n)
			counts[j]++;
	}
	return n;
}

/* Covered devices lead: counts by vendor and kind, then a table. */
static void
print_covered(const struct summary *s, FILE *out, const char *B,
    const char *R)
{
	const char *names[16];
	unsigned counts[16], n;

	fprintf(out, "%sCovered devices%s %" PRIu64, B, R, s->ncovered);
	if (s->ncovered == 0) {
		fprintf(out, "\n");
		return;
	}
	n = tally(s, offsetof(struct host_row, vendor), names, counts);
	for (unsigned i = 0; i < n; i++)
		fprintf(out, "%s%s %u", i ? ", " : ": ", names[i], counts[i]);
	n = tally(s, offsetof(struct host_row, kind), names, counts);
	for (unsigned i = 0; i < n; i++)
		fprintf(out, "%s%s %u", i ? ", " : "; ", names[i], counts[i]);
	fprintf(out, "\n  %-28s %-34s %-10s %-10s %-10s %-24s %-24s %-16s "
	    "%4s\n", "KEY", "IPS", "VENDOR", "BRAND", "KIND", "MODEL",
	    "SERIAL", "FIRMWARE", "CONF");
	for (size_t i = 0; i < s->nrows; i++) {
		const struct host_row *h = &s->rows[i];
		if (h->covered)
			fprintf(out, "  %-28s %-34s %-10s %-10s %-10s %-24s "
			    "%-24s %-16s %3" PRIu64 "%%\n", h->key, h->ips,
			    h->vendor, h->brand, h->kind, h->model, h->serial,
			    h->firmware, h->conf);
	}
}

static int
cmp_cc(const void *x, const void *y)
{
	const struct country_row *a = x, *b = y;

	if (a->up != b->up)
		return a->up > b->up ? -1 : 1;
	return strcmp(a->cc, b->cc);
}

/* Where covered devices send most, then bytes up by country. */
static void
print_dests(struct summary *s, FILE *out, const char *B, const char *R)
{
	char h1[24], h2[24];
	unsigned n = s->ncc + (s->cc[COUNTRIES].dests ? 1 : 0);

	if (s->ndrows) {
		fprintf(out, "\n%sTop destinations of covered devices%s (by "
		    "bytes sent, %d per device; * flagged jurisdiction)\n", B,
		    R, DEST_PER_DEVICE);
		fprintf(out, "  %-28s %-24s %-40s %-3s %-10s %9s %9s\n",
		    "DEVICE", "REMOTE", "NAME", "CC", "PORT", "SENT",
		    "RECEIVED");
	}
	for (size_t i = 0; i < s->ndrows; i++) {
		const struct dest_row *d = &s->drows[i];
		fprintf(out, "  %-28s %-24s %-40s %-2s%s %-10s %9s %9s\n",
		    d->device, d->remote, d->name, d->country,
		    d->flagged ? "*" : " ", d->port, human(d->up, h1, sizeof h1),
		    human(d->down, h2, sizeof h2));
	}
	if (n == 0)
		return;
	if (s->cc[COUNTRIES].dests && s->ncc < COUNTRIES)
		s->cc[s->ncc] = s->cc[COUNTRIES];
	qsort(s->cc, n, sizeof s->cc[0], cmp_cc);
	fprintf(out, "\n%sBytes sent by country%s (public destinations of "
	    "all local devices; -- unknown, * flagged)\n", B, R);
	fprintf(out, "  %-4s %12s %12s %8s\n", "CC", "SENT", "RECEIVED",
	    "DESTS");
	for (unsigned i = 0; i < n; i++)
		fprintf(out, "  %-2s%s  %12s %12s %8" PRIu64 "\n", s->cc[i].cc,
		    s->cc[i].flagged ? "*" : " ",
		    human(s->cc[i].up, h1, sizeof h1),
		    human(s->cc[i].down, h2, sizeof h2), s->cc[i].dests);
}

/* w, or the length of cell if that is more: a column's width. */
static int
wider(int w, const char *cell)
{
	size_t n = strlen(cell);

	return n > (size_t)w ? (int)n : w;
}

static void
print_drones(const struct summary *s, FILE *out, const char *B,
    const char *R)
{
	size_t shown = s->nurows < HOSTS_SHOWN ? s->nurows : HOSTS_SHOWN;

	if (s->ndrone == 0)
		return;
	fprintf(out, "\n%sAircraft heard%s %zu, %zu of them failing spoof "
	    "checks\n", B, R, s->ndrone, s->nspoofed);
	int w = 26, wh = 18; /* as wide as the longest ID, carriers shown */

	for (size_t i = 0; i < shown; i++) {
		w = wider(w, s->urows[i].id);
		wh = wider(wh, s->urows[i].heard);
	}
	fprintf(out, "  %-*s %-26s %-*s %-24s %-24s %7s  %s\n", w, "ID",
	    "MAKER / MODEL", wh, "HEARD ON", "LAST POSITION", "OPERATOR",
	    "MSGS", "SPOOF CHECKS FAILED");
	for (size_t i = 0; i < shown; i++) {
		const struct drone_row *u = &s->urows[i];
		fprintf(out, "  %-*s %-26s %-*s %-24s %-24s %7" PRIu64
		    "  %s\n", w, u->id, u->what, wh, u->heard, u->pos, u->op,
		    u->msgs, u->spoof);
	}
	if (s->nurows > shown)
		fprintf(out, "  ... %zu more (see --json or the database)\n",
		    s->nurows - shown);
}

static void
print_alerts(const struct summary *s, FILE *out, const char *B,
    const char *R)
{
	size_t shown = s->narows < ALERTS_SHOWN ? s->narows : ALERTS_SHOWN;

	fprintf(out, "\n%sAlerts%s %zu: critical %" PRIu64 ", high %" PRIu64
	    ", medium %" PRIu64 ", low %" PRIu64 ", info %" PRIu64 "\n", B, R,
	    s->nalert, s->nsev[4], s->nsev[3], s->nsev[2], s->nsev[1],
	    s->nsev[0]);
	int w = 28; /* as wide as the longest device shown */

	for (size_t i = 0; i < shown; i++)
		w = wider(w, s->arows[i].device);
	if (shown)
		fprintf(out, "  %-8s %-28s %-*s %-40s %6s\n", "SEVERITY",
		    "RULE", w, "DEVICE", "REMOTE / REF", "COUNT");
	for (size_t i = 0; i < shown; i++)
		fprintf(out, "  %-8s %-28s %-*s %-40s %6" PRIu64 "\n",
		    s->arows[i].sev, s->arows[i].rule, w, s->arows[i].device,
		    s->arows[i].remote, s->arows[i].count);
	if (s->narows > shown)
		fprintf(out, "  ... %zu more (see --json or the database)\n",
		    s->narows - shown);
}

void
summary_print(struct summary *s, FILE *out, bool color)
{
	const char *B = color ? "\033[1m" : "", *R = color ? "\033[0m" : "";
	char h1[24], h2[24];
	size_t shown;
	bool any = false;

	fprintf(out, "%sPackets%s %" PRIu64 " (%s)", B, R, s->packets,
	    human(s->bytes, h1, sizeof h1));
	if (s->first[0])
		fprintf(out, " from %s to %s", s->first, s->last);
	fprintf(out, "\n");
	if (s->nrows > 1) /* rows is NULL when there are none */
		qsort(s->rows, s->nrows, sizeof *s->rows, cmp_rows);
	print_covered(s, out, B, R);
	fprintf(out, "\n%sHosts%s %" PRIu64 " local, %" PRIu64
	    " of them routers; by traffic\n", B, R, s->ndev, s->nrouter);
	shown = s->nrows < HOSTS_SHOWN ? s->nrows : HOSTS_SHOWN;
	if (shown)
		fprintf(out, "  %-28s %-20s %-14s %-34s %6s %9s %9s\n", "KEY",
		    "VENDOR", "KIND", "IPS", "FLOWS", "SENT", "RECEIVED");
	for (size_t i = 0; i < shown; i++) {
		const struct host_row *h = &s->rows[i];
		fprintf(out, "  %-28s %-20s %-14s %-34s %6" PRIu64
		    " %9s %9s%s%s%s\n", h->key, h->vendor_col, h->kind, h->ips,
		    h->flows, human(h->out, h1, sizeof h1),
		    human(h->in, h2, sizeof h2), h->router ? "  router" : "",
		    h->l2[0] ? "  " : "", h->l2);
	}
	if (s->nrows > shown)
		fprintf(out, "  ... %zu more (see --json or the database)\n",
		    s->nrows - shown);
	print_dests(s, out, B, R);
	print_drones(s, out, B, R);
	print_alerts(s, out, B, R);
	fprintf(out, "\n%sFlows%s %" PRIu64 ": %" PRIu64 " outbound, %" PRIu64
	    " inbound, %" PRIu64 " internal, %" PRIu64 " external\n", B, R,
	    s->nflow, s->dir[0], s->dir[1], s->dir[2], s->dir[3]);
	if (s->ntop)
		fprintf(out, "\n%sTop talkers%s (flows by bytes)\n", B, R);
	for (unsigned i = 0; i < s->ntop; i++)
		fprintf(out, "  %-70s %10s\n", s->top[i].what,
		    human(s->top[i].bytes, h1, sizeof h1));
	for (unsigned i = 0; i < STAT_COUNT; i++) {
		if (s->anomalies[i] == 0)
			continue;
		if (!any)
			fprintf(out, "\n%sCounters%s", B, R);
		fprintf(out, "%s %s=%" PRIu64, any ? "," : "",
		    stat_name((enum stat_id)i), s->anomalies[i]);
		any = true;
	}
	if (any)
		fprintf(out, "\n");
}
