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

#define HOSTS_SHOWN 40

struct host_row {
	char key[64], l2[28], ips[128];
	char vendor[48], brand[32], kind[24], model[48], serial[48],
	    firmware[40];
	uint64_t flows, out, in, conf;
	bool router, covered;
};

struct talker {
	char what[160];
	uint64_t bytes;
};

struct summary {
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

/* A table cell from a string field: escaped for the terminal, "-" if
 * null, cut to fit. */
static void
str_cell(char *dst, size_t n, const struct val *v)
{
	if (!v->set) {
		snprintf(dst, n, "-");
		return;
	}
	esc_term(dst, n, v->u.s.p, v->u.s.len > 200 ? 200 : v->u.s.len);
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

void
summary_record(struct summary *s, const struct record *r)
{
	if (r->s == &schema_device)
		on_device(s, r);
	else if (r->s == &schema_flow)
		on_flow(s, r);
	else if (r->s == &schema_stats)
		on_stats(s, r);
}

/* Human-readable byte count. */
static const char *
human(uint64_t b, char *buf, size_t n)
{
	static const char *const unit[] = { "B", "kB", "MB", "GB", "TB" };
	double v = (double)b;
	unsigned u = 0;

	while (v >= 1000 && u < 4)
		v /= 1000, u++;
	snprintf(buf, n, u ? "%.1f %s" : "%.0f %s", v, unit[u]);
	return buf;
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
		fprintf(out, "  %-28s %-20.20s %-14s %-34s %6" PRIu64
		    " %9s %9s%s%s%s\n", h->key, h->vendor, h->kind, h->ips,
		    h->flows, human(h->out, h1, sizeof h1),
		    human(h->in, h2, sizeof h2), h->router ? "  router" : "",
		    h->l2[0] ? "  " : "", h->l2);
	}
	if (s->nrows > shown)
		fprintf(out, "  ... %zu more (see --json or the database)\n",
		    s->nrows - shown);
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
