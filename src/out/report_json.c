/* SPDX-License-Identifier: MIT */
/* report_json.c - the report as one JSON object (RFC 8259): "report"
 * (what was read, the filter), "summary" (the figures of the cards), then
 * one array per table of rep_tables() (devices with their evidence
 * nested), one row a line. Numbers are numbers, booleans booleans,
 * degrees with seven decimals and metres with three (as in the JSON
 * Lines records); every string goes through esc_json. */
#include <math.h>
#include <string.h>

#include "report.h"

/* A real number, or null when it is not finite (JSON has no NaN). */
static void
real(struct rep *r, double d, int prec)
{
	if (isfinite(d))
		fprintf(r->f, "%.*f", prec, d);
	else
		fputs("null", r->f);
}

struct addrs_ctx {
	struct rep *r;
	unsigned n;
};

static void
one_addr(void *ctx, const char *a, size_t n, unsigned i)
{
	struct rep *r = ((struct addrs_ctx *)ctx)->r;

	fputs(i ? "," : "", r->f);
	rep_json(r, a, n);
}

static void
one_vertex(void *ctx, double lat, double lon)
{
	struct addrs_ctx *c = ctx;

	fprintf(c->r->f, "%s[%.7f,%.7f]", c->n++ ? "," : "", lat, lon);
}

static void
cell(struct rep *r, sqlite3_stmt *st, const struct rep_cols *c, int i)
{
	int t = sqlite3_column_type(st, i);
	size_t n = 0;
	const char *s;

	if (t == SQLITE_NULL) {
		fputs("null", r->f);
		return;
	}
	if (t == SQLITE_INTEGER || t == SQLITE_FLOAT) {
		switch (c->kind[i]) {
		case RK_BOOL:
			fputs(sqlite3_column_double(st, i) != 0 ? "true" :
			    "false", r->f);
			return;
		case RK_REAL3:
			real(r, sqlite3_column_double(st, i), 3);
			return;
		case RK_DEG:
			real(r, sqlite3_column_double(st, i), 7);
			return;
		default:
			break;
		}
		if (t == SQLITE_INTEGER)
			fprintf(r->f, "%lld",
			    (long long)sqlite3_column_int64(st, i));
		else
			real(r, sqlite3_column_double(st, i), 3);
		return;
	}
	if (c->kind[i] == RK_VERTS) {
		struct addrs_ctx ac = { r, 0 };

		fputs("[", r->f);
		rep_vertices((const char *)sqlite3_column_text(st, i),
		    one_vertex, &ac);
		fputs("]", r->f);
		return;
	}
	s = rep_str(st, i, &n);
	if (c->kind[i] == RK_ADDRS) {
		struct addrs_ctx ac = { r, 0 };

		fputs("[", r->f);
		rep_addrs(s, n, one_addr, &ac);
		fputs("]", r->f);
		return;
	}
	rep_json(r, s, n);
}

/* The evidence of one device (site, key: columns 0 and 2 of dev) as a
 * JSON array. */
static int
evidence(struct rep *r, sqlite3_stmt *ev, sqlite3_stmt *dev)
{
	struct rep_cols c;
	int rc;

	sqlite3_reset(ev);
	sqlite3_bind_value(ev, 1, sqlite3_column_value(dev, 0));
	sqlite3_bind_value(ev, 2, sqlite3_column_value(dev, 2));
	rep_cols(ev, NULL, &c);
	fputs(",\"evidence\":[", r->f);
	for (int k = 0; (rc = rep_next(r, ev, "evidence")) == 1; k++) {
		fputs(k ? ",{" : "{", r->f);
		for (int i = 0; i < c.n; i++) {
			fputs(i ? "," : "", r->f);
			rep_json(r, c.name[i], strlen(c.name[i]));
			fputs(":", r->f);
			cell(r, ev, &c, i);
		}
		fputs("}", r->f);
	}
	fputs("]", r->f);
	return rc;
}

static int
table(struct rep *r, const struct rep_table *t)
{
	sqlite3_stmt *st = rep_prepare(r, t->sql), *ev = NULL;
	struct rep_cols c;
	int rc = 0;

	if (st == NULL)
		return -1;
	if (strcmp(t->name, "devices") == 0 && (ev = rep_prepare(r, "SELECT "
	    "source, field, value, confidence, count FROM r_evid WHERE "
	    "device = ?2 AND site IS ?1 ORDER BY source, field, value")) ==
	    NULL) {
		sqlite3_finalize(st);
		return -1;
	}
	rep_cols(st, t->types, &c);
	fprintf(r->f, ",\n\"%s\":[", t->name);
	for (int k = 0; (rc = rep_step(r, st)) == 1; k++) {
		fputs(k ? ",\n{" : "\n{", r->f);
		for (int i = 0; i < c.n; i++) {
			fputs(i ? "," : "", r->f);
			rep_json(r, c.name[i], strlen(c.name[i]));
			fputs(":", r->f);
			cell(r, st, &c, i);
		}
		if (ev != NULL && evidence(r, ev, st) < 0) {
			sqlite3_finalize(st);
			rc = -1;
			break;
		}
		fputs("}", r->f);
	}
	sqlite3_finalize(ev);
	fputs("\n]", r->f);
	return rc < 0 ? -1 : 0;
}

static void
meta(struct rep *r)
{
	fprintf(r->f, "{\"report\":{\"generator\":\"vigie %s\",\"store\":",
	    VIGIE_VERSION);
	rep_json(r, r->path, strlen(r->path));
	fprintf(r->f, ",\"schema\":%d,\"filter\":{\"sites\":[", r->schema);
	for (unsigned i = 0; i < r->nsites; i++) {
		fputs(i ? "," : "", r->f);
		rep_json(r, r->sites[i], strlen(r->sites[i]));
	}
	fputs("],\"since\":", r->f);
	rep_json(r, r->since[0] ? r->since : NULL, strlen(r->since));
	fputs(",\"until\":", r->f);
	rep_json(r, r->until[0] ? r->until : NULL, strlen(r->until));
	fputs("},\"first_seen\":", r->f);
	rep_json(r, r->first[0] ? r->first : NULL, strlen(r->first));
	fputs(",\"last_seen\":", r->f);
	rep_json(r, r->last[0] ? r->last : NULL, strlen(r->last));
	fputs("},\n\"summary\":{", r->f);
	for (unsigned k = 0; k < RS_COUNT; k++)
		fprintf(r->f, "%s\"%s\":%lld", k ? "," : "", rep_sum_name[k],
		    (long long)r->sum[k]);
	fputs("}", r->f);
}

int
rep_write_json(struct rep *r)
{
	meta(r);
	for (const struct rep_table *t = rep_tables(); t->name; t++) {
		if (strcmp(t->name, "summary") == 0 ||
		    strcmp(t->name, "evidence") == 0)
			continue; /* above, and inside each device */
		if (table(r, t) < 0)
			return -1;
	}
	fputs("\n}\n", r->f);
	return 0;
}
