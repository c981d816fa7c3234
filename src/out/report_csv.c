/* SPDX-License-Identifier: MIT */
/* report_csv.c - one table of the report as CSV (RFC 4180): a header row
 * of column names, CRLF line ends, every text cell quoted by esc_csv,
 * which also neutralises a cell a spreadsheet would run as a formula
 * (= + - @ first: a ' is put in front). Numbers are written bare,
 * booleans as true / false, NULL as an empty cell, an address list as
 * its addresses separated by spaces. */
#include <math.h>
#include <string.h>

#include "report.h"

struct addrs_ctx {
	char *buf;
	size_t n, cap;
};

/* Gather the addresses into one space-separated text. */
static void
one_addr(void *ctx, const char *a, size_t n, unsigned i)
{
	struct addrs_ctx *c = ctx;

	if (c->n + n + 2 > c->cap)
		return; /* the list is capped with the cell */
	if (i > 0)
		c->buf[c->n++] = ' ';
	memcpy(c->buf + c->n, a, n);
	c->n += n;
}

/* Vertices as in a sites file: "LAT,LON LAT,LON ...". */
static void
one_vertex(void *ctx, double lat, double lon)
{
	struct addrs_ctx *c = ctx;
	int k;

	if (c->n + 40 > c->cap)
		return;
	k = snprintf(c->buf + c->n, c->cap - c->n, "%s%.7f,%.7f",
	    c->n ? " " : "", lat, lon);
	if (k > 0)
		c->n += (size_t)k;
}

static void
real(struct rep *r, double d, int prec)
{
	if (isfinite(d))
		fprintf(r->f, "%.*f", prec, d);
}

static void
cell(struct rep *r, sqlite3_stmt *st, const struct rep_cols *c, int i)
{
	int t = sqlite3_column_type(st, i);
	size_t n = 0;
	const char *s;

	if (t == SQLITE_NULL)
		return;
	if (t == SQLITE_INTEGER || t == SQLITE_FLOAT) {
		if (c->kind[i] == RK_BOOL)
			fputs(sqlite3_column_double(st, i) != 0 ? "true" :
			    "false", r->f);
		else if (c->kind[i] == RK_DEG)
			real(r, sqlite3_column_double(st, i), 7);
		else if (t == SQLITE_INTEGER)
			fprintf(r->f, "%lld",
			    (long long)sqlite3_column_int64(st, i));
		else
			real(r, sqlite3_column_double(st, i), 3);
		return;
	}
	if (c->kind[i] == RK_VERTS) {
		char list[ZONE_MAX_VERTICES * 40];
		struct addrs_ctx ac = { list, 0, sizeof list };

		rep_vertices((const char *)sqlite3_column_text(st, i),
		    one_vertex, &ac);
		rep_csv(r, list, ac.n);
		return;
	}
	s = rep_str(st, i, &n);
	if (c->kind[i] == RK_ADDRS) {
		char list[REPORT_STR_MAX];
		struct addrs_ctx ac = { list, 0, sizeof list };

		rep_addrs(s, n, one_addr, &ac);
		rep_csv(r, list, ac.n);
		return;
	}
	rep_csv(r, s, n);
}

int
rep_write_csv(struct rep *r, const struct rep_table *t)
{
	sqlite3_stmt *st = rep_prepare(r, t->sql);
	struct rep_cols c;
	int rc;

	if (st == NULL)
		return -1;
	rep_cols(st, t->types, &c);
	for (int i = 0; i < c.n; i++) {
		fputs(i ? "," : "", r->f);
		rep_csv(r, c.name[i], strlen(c.name[i]));
	}
	fputs("\r\n", r->f);
	while ((rc = rep_step(r, st)) == 1) {
		for (int i = 0; i < c.n; i++) {
			fputs(i ? "," : "", r->f);
			cell(r, st, &c, i);
		}
		fputs("\r\n", r->f);
	}
	return rc < 0 ? -1 : 0;
}
