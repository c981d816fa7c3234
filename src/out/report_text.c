/* SPDX-License-Identifier: MIT */
/* report_text.c - the report for a terminal or a mail: the summary, the
 * roll-up by organisation, site, vendor and kind, the covered devices
 * with their main destinations, the other devices, alerts and drones,
 * as aligned columns. Every string from the store goes through esc_term
 * (no control character reaches the terminal); long cells are cut. */
#include <stdlib.h>
#include <string.h>

#include "../core/esc.h"
#include "report.h"

#define TT_MAX_COLS 10
#define TT_CELL_MAX 40 /* characters shown of one cell */

/* A table held whole (escaped cells) so that its columns can align. */
struct ttab {
	unsigned ncol;
	const char *head[TT_MAX_COLS];
	char **cell; /* row-major */
	size_t used, cap, rows;
	unsigned width[TT_MAX_COLS];
};

/* Characters (not bytes) of UTF-8 text s. */
static unsigned
chars(const char *s)
{
	unsigned n = 0;

	for (; *s; s++)
		if (((unsigned char)*s & 0xc0) != 0x80)
			n++;
	return n;
}

/* Cut s after TT_CELL_MAX characters, marking the cut with "...". */
static void
cut(char *s)
{
	unsigned n = 0;

	for (char *p = s; *p; p++) {
		if (((unsigned char)*p & 0xc0) == 0x80)
			continue;
		if (++n > TT_CELL_MAX - 3) {
			strcpy(p, "...");
			return;
		}
	}
}

/* Append one cell (NULL shows as "-"), escaped and cut. */
static int
tt_add(struct ttab *t, struct rep *r, const char *s, size_t n)
{
	if (t->used == t->cap) {
		size_t cap = t->cap ? t->cap * 2 : 64 * (size_t)t->ncol;
		char **v = realloc(t->cell, cap * sizeof *v);

		if (v == NULL)
			return -1;
		t->cell = v;
		t->cap = cap;
	}
	if (s == NULL) {
		s = "-";
		n = 1;
	}
	esc_term(r->buf, REP_BUF, s, n);
	if (chars(r->buf) > TT_CELL_MAX)
		cut(r->buf);
	if ((t->cell[t->used] = strdup(r->buf)) == NULL)
		return -1;
	t->used++;
	return 0;
}

static void
tt_free(struct ttab *t)
{
	for (size_t i = 0; i < t->used; i++)
		free(t->cell[i]);
	free(t->cell);
}

/* Run sql (its first t->ncol columns) into t and print it under title,
 * each row indented; "none" when empty. 0, or -1 with r->err. */
static int
tt_print(struct rep *r, struct ttab *t, const char *title, const char *sql)
{
	sqlite3_stmt *st = rep_prepare(r, sql);
	int rc;

	if (st == NULL)
		return -1;
	while ((rc = rep_step(r, st)) == 1) {
		for (unsigned c = 0; c < t->ncol; c++) {
			size_t n = 0;
			const char *s = rep_str(st, (int)c, &n);

			if (tt_add(t, r, s, n) < 0) {
				sqlite3_finalize(st);
				tt_free(t);
				snprintf(r->err, sizeof r->err, "out of memory");
				return -1;
			}
		}
		t->rows++;
	}
	if (rc < 0) {
		tt_free(t);
		return -1;
	}
	fprintf(r->f, "\n%s\n", title);
	if (t->rows == 0) {
		fprintf(r->f, "  none\n");
		tt_free(t);
		return 0;
	}
	for (unsigned c = 0; c < t->ncol; c++) {
		t->width[c] = chars(t->head[c]);
		for (size_t i = 0; i < t->rows; i++) {
			unsigned w = chars(t->cell[i * t->ncol + c]);

			if (w > t->width[c])
				t->width[c] = w;
		}
	}
	for (size_t i = 0; i <= t->rows; i++) {
		fputs(" ", r->f);
		for (unsigned c = 0; c < t->ncol; c++) {
			const char *s = i == 0 ? t->head[c] :
			    t->cell[(i - 1) * t->ncol + c];

			fprintf(r->f, " %s", s);
			if (c + 1 < t->ncol)
				fprintf(r->f, "%*s", (int)(t->width[c] -
				    chars(s)), "");
		}
		fputs("\n", r->f);
	}
	tt_free(t);
	return 0;
}

static void
figure(struct rep *r, const char *label, enum rep_sum k)
{
	char n[32];

	fprintf(r->f, "  %-30s %s", label, rep_num(r->sum[k], n, sizeof n));
}

static void
summary(struct rep *r)
{
	char a[32], b[32];

	fprintf(r->f, "\nSummary\n");
	figure(r, "covered devices", RS_COVERED);
	fprintf(r->f, " of %s devices\n", rep_num(r->sum[RS_DEVICES], a,
	    sizeof a));
	figure(r, "alerts", RS_ALERTS);
	fprintf(r->f, " (critical %lld, high %lld, medium %lld, low %lld, "
	    "info %lld)\n", (long long)r->sum[RS_CRITICAL],
	    (long long)r->sum[RS_HIGH], (long long)r->sum[RS_MEDIUM],
	    (long long)r->sum[RS_LOW], (long long)r->sum[RS_INFO]);
	figure(r, "bytes to flagged countries", RS_FLAGGED_COVERED);
	fprintf(r->f, " by covered devices (%s by all devices, %s)\n",
	    rep_num(r->sum[RS_FLAGGED], a, sizeof a),
	    rep_bytes(r->sum[RS_FLAGGED], b, sizeof b));
	figure(r, "drones heard", RS_DRONES);
	fprintf(r->f, " (%s positions, ", rep_num(r->sum[RS_POSITIONS], a,
	    sizeof a));
	fprintf(r->f, "%s zones)\n", rep_num(r->sum[RS_ZONES], a, sizeof a));
	figure(r, "destinations", RS_DESTS);
	fprintf(r->f, " (%s bytes sent up)\n", rep_num(r->sum[RS_BYTES_UP],
	    a, sizeof a));
	figure(r, "sites", RS_SITES);
	fprintf(r->f, " (%s organisations, ", rep_num(r->sum[RS_ORGS], a,
	    sizeof a));
	fprintf(r->f, "%s scans)\n", rep_num(r->sum[RS_SCANS], a, sizeof a));
}

static void
header(struct rep *r)
{
	fprintf(r->f, "vigie report: ");
	rep_terms(r, r->path);
	fprintf(r->f, "\nPackets from ");
	rep_terms(r, r->first[0] ? r->first : "-");
	fprintf(r->f, " to ");
	rep_terms(r, r->last[0] ? r->last : "-");
	fprintf(r->f, "\nFilter: ");
	if (r->nsites == 0 && !r->since[0] && !r->until[0])
		fprintf(r->f, "none");
	for (unsigned i = 0; i < r->nsites; i++) {
		fprintf(r->f, "%s", i ? ", " : "site ");
		rep_terms(r, r->sites[i]);
	}
	if (r->since[0])
		fprintf(r->f, "%ssince %s", r->nsites ? "; " : "", r->since);
	if (r->until[0])
		fprintf(r->f, "%suntil %s", r->nsites || r->since[0] ? "; " : "",
		    r->until);
	fprintf(r->f, "\n");
}

/* Each covered device's first destinations by bytes sent up. */
static int
covered_dests(struct rep *r)
{
	char sql[1024], title[96];
	struct ttab t = { 8, { "SITE", "DEVICE", "REMOTE", "NAME", "COUNTRY",
		"PORT", "BYTES UP", "FLAGGED" }, NULL, 0, 0, 0, { 0 } };

	snprintf(sql, sizeof sql, "SELECT site, device, remote, name, country, "
	    "proto || '/' || port, bytes_up, CASE WHEN flagged THEN 'yes' "
	    "ELSE '' END FROM (SELECT *, row_number() OVER (PARTITION BY site, "
	    "device ORDER BY bytes_up DESC, remote, proto, port) AS k FROM "
	    "r_dst WHERE covered) WHERE k <= %d ORDER BY site IS NULL, site, "
	    "device, k", REPORT_TEXT_DEST_ROWS);
	snprintf(title, sizeof title, "Destinations of covered devices (the "
	    "first %d of each by bytes sent up)", REPORT_TEXT_DEST_ROWS);
	return tt_print(r, &t, title, sql);
}

/* "Alerts (37)", or "Alerts (3,000; the first 2,000 listed)" when more
 * than max (max < 0: no limit) are left out. */
static void
title_n(struct rep *r, char *buf, size_t n, const char *what, int64_t count,
    int64_t max)
{
	char a[32], b[32];

	(void)r;
	if (max >= 0 && count > max)
		snprintf(buf, n, "%s (%s; the first %s listed, JSON and CSV have "
		    "all)", what, rep_num(count, a, sizeof a), rep_num(max, b,
		    sizeof b));
	else
		snprintf(buf, n, "%s (%s)", what, rep_num(count, a, sizeof a));
}

int
rep_write_text(struct rep *r)
{
	char sql[1024], title[128];
	struct ttab sites = { 6, { "SITE", "ORGANISATION", "SCANS", "FIRST",
		"LAST", "PACKETS" }, NULL, 0, 0, 0, { 0 } };
	struct ttab roll = { 5, { "ORGANISATION", "SITE", "VENDOR", "KIND",
		"COVERED" }, NULL, 0, 0, 0, { 0 } };
	struct ttab cov = { 10, { "SITE", "DEVICE", "VENDOR", "BRAND",
		"MODEL", "KIND", "NAME", "FIRMWARE", "IPS", "BYTES UP" }, NULL,
		0, 0, 0, { 0 } };
	struct ttab oth = { 6, { "SITE", "DEVICE", "VENDOR", "KIND", "NAME",
		"BYTES UP" }, NULL, 0, 0, 0, { 0 } };
	struct ttab al = { 7, { "SEVERITY", "SITE", "RULE", "DEVICE",
		"REMOTE", "COUNT", "SUMMARY" }, NULL, 0, 0, 0, { 0 } };
	struct ttab dr = { 8, { "SITE", "DRONE", "MAKER", "MODEL", "FIRST",
		"LAST", "POSITIONS", "SPOOF" }, NULL, 0, 0, 0, { 0 } };

	header(r);
	summary(r);
	if (tt_print(r, &sites, "Sites", rep_table("sites")->sql) < 0 ||
	    tt_print(r, &roll, "Covered devices by organisation, site, vendor "
	    "and kind", rep_table("rollup")->sql) < 0)
		return -1;
	title_n(r, title, sizeof title, "Covered devices", r->sum[RS_COVERED],
	    -1);
	if (tt_print(r, &cov, title, "SELECT site, key, vendor, "
	    "brand, model, kind, name, firmware, replace(replace(replace("
	    "ips, '[', ''), ']', ''), '\"', ''), bytes_out FROM r_dev WHERE "
	    "covered ORDER BY site IS NULL, site, key") < 0 ||
	    covered_dests(r) < 0)
		return -1;
	title_n(r, title, sizeof title, "Other devices", r->sum[RS_DEVICES] -
	    r->sum[RS_COVERED], REPORT_OTHER_DEVICES);
	snprintf(sql, sizeof sql, "SELECT site, key, vendor, kind, name, "
	    "bytes_out FROM r_dev WHERE NOT covered ORDER BY site IS NULL, "
	    "site, key LIMIT %d", REPORT_OTHER_DEVICES);
	if (tt_print(r, &oth, title, sql) < 0)
		return -1;
	title_n(r, title, sizeof title, "Alerts", r->sum[RS_ALERTS],
	    REPORT_ALERT_ROWS);
	snprintf(sql, sizeof sql, "SELECT severity, site, rule, device, "
	    "coalesce(remote_name, remote), count, summary FROM (%s) LIMIT %d",
	    rep_table("alerts")->sql, REPORT_ALERT_ROWS);
	if (tt_print(r, &al, title, sql) < 0)
		return -1;
	title_n(r, title, sizeof title, "Drones", r->sum[RS_DRONES],
	    REPORT_DRONE_ROWS);
	snprintf(sql, sizeof sql, "SELECT site, id, maker, model, first_seen, "
	    "last_seen, positions, spoof FROM r_drone ORDER BY site IS NULL, "
	    "site, first_seen, id LIMIT %d", REPORT_DRONE_ROWS);
	return tt_print(r, &dr, title, sql);
}
