/* SPDX-License-Identifier: MIT */
/* report_svg.c - the HTML report's pictures, as inline SVG 1.1: bar
 * charts (bytes sent up by country, covered devices by vendor) and, per
 * site, a drone map: tracks, operator paths and last points, home points
 * and the protected zones, with a scale bar. No map tiles: the map is a
 * local equirectangular projection (x = longitude scaled by the cosine
 * of the first point's latitude, y = latitude, both in metres), good to
 * a fraction of a percent over the few kilometres a site spans; a track
 * across the antimeridian is unwrapped around its first point.
 *
 * Labels from the store go through esc_html; colours and classes come
 * from fixed tables. A position at exactly 0,0 is taken as no fix. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "../intel/zones.h"
#include "report.h"

#define M_PER_DEG ZONES_M_PER_DEG
#define MAP_W 1000.0
#define MAP_H 600.0
#define MAP_PAD 28.0
#define MAP_MIN_M 200.0     /* smallest span drawn, metres */

static const char *const colour[8] = { "#1f77b4", "#d62728", "#2ca02c",
	"#9467bd", "#ff7f0e", "#8c564b", "#e377c2", "#17becf" };

/* One bar chart: rows of sql are (label, value, covered part, flag). */
static int
bars(struct rep *r, const char *sql, const char *what, bool bytes)
{
	const double w = 560, x0 = 86, x1 = 450, rh = 22, top = 6;
	sqlite3_stmt *st;
	char q[1024], a[32], b[32];
	int64_t n = 0, max = 0;
	int rc, i = 0;

	snprintf(q, sizeof q, "SELECT count(*), max(v) FROM (SELECT v FROM "
	    "(%s))", sql);
	if ((st = rep_prepare(r, q)) == NULL)
		return -1;
	if ((rc = rep_step(r, st)) == 1) {
		n = sqlite3_column_int64(st, 0);
		max = sqlite3_column_int64(st, 1);
		sqlite3_finalize(st);
	}
	if (rc < 0)
		return -1;
	if (n == 0 || max <= 0) {
		fprintf(r->f, "<p class=\"none\">No %s.</p>\n", what);
		return 0;
	}
	if ((st = rep_prepare(r, sql)) == NULL)
		return -1;
	fprintf(r->f, "<svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" "
	    "viewBox=\"0 0 %.0f %.0f\" width=\"%.0f\" height=\"%.0f\">"
	    "<title>%s</title>\n", w, top + rh * (double)n + 30, w, top + rh *
	    (double)n + 30, what);
	while ((rc = rep_step(r, st)) == 1) {
		size_t ln = 0;
		const char *label = rep_str(st, 0, &ln);
		int64_t v = sqlite3_column_int64(st, 1);
		int64_t cv = sqlite3_column_int64(st, 2);
		bool flag = sqlite3_column_int64(st, 3) != 0;
		double y = top + rh * i++, full = (x1 - x0) * (double)v /
		    (double)max, part = v > 0 ? full * (double)cv / (double)v : 0;

		fputs("<g><title>", r->f);
		rep_html(r, label ? label : "unknown", label ? ln : 7);
		fprintf(r->f, ": %s%s", rep_num(v, a, sizeof a), bytes ?
		    " bytes" : "");
		if (bytes)
			fprintf(r->f, ", %s by covered devices%s",
			    rep_num(cv, b, sizeof b), flag ? ", flagged "
			    "jurisdiction" : "");
		fprintf(r->f, "</title><text x=\"%.0f\" y=\"%.1f\" "
		    "text-anchor=\"end\" class=\"%s\">", x0 - 8, y + 15,
		    flag ? "flag" : "lbl");
		rep_html(r, label ? label : "unknown", label ? ln : 7);
		fprintf(r->f, "%s</text><rect class=\"oth\" x=\"%.1f\" "
		    "y=\"%.1f\" width=\"%.1f\" height=\"16\"/><rect class=\"cov\" "
		    "x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"16\"/>"
		    "<text x=\"%.1f\" y=\"%.1f\" class=\"val\">%s</text></g>\n",
		    flag ? " *" : "", x0, y + 3, full, x0, y + 3, part,
		    x0 + full + 6, y + 15, bytes ? rep_bytes(v, a, sizeof a) :
		    rep_num(v, a, sizeof a));
	}
	fprintf(r->f, "<rect class=\"cov\" x=\"%.0f\" y=\"%.1f\" width=\"12\" "
	    "height=\"12\"/><text x=\"%.0f\" y=\"%.1f\" class=\"lbl\">%s"
	    "</text>", x0, top + rh * (double)n + 10, x0 + 16, top + rh *
	    (double)n + 20, "covered devices");
	if (bytes)
		fprintf(r->f, "<rect class=\"oth\" x=\"%.0f\" y=\"%.1f\" "
		    "width=\"12\" height=\"12\"/><text x=\"%.0f\" y=\"%.1f\" "
		    "class=\"lbl\">other devices   * flagged jurisdiction"
		    "</text>", x0 + 140, top + rh * (double)n + 10, x0 + 156,
		    top + rh * (double)n + 20);
	fputs("</svg>\n", r->f);
	return rc;
}

int
rep_svg_countries(struct rep *r)
{
	char sql[1024];

	snprintf(sql, sizeof sql, "SELECT country, bytes_up AS v, "
	    "bytes_up_covered, flagged FROM (%s) WHERE bytes_up > 0 LIMIT %d",
	    rep_table("countries")->sql, REPORT_CHART_BARS);
	return bars(r, sql, "bytes sent to public addresses of a known "
	    "country", true);
}

int
rep_svg_vendors(struct rep *r)
{
	char sql[1024];

	snprintf(sql, sizeof sql, "SELECT vendor, covered_devices AS v, "
	    "covered_devices, 0 FROM (%s) WHERE covered_devices > 0 LIMIT %d",
	    rep_table("by_vendor")->sql, REPORT_CHART_BARS);
	return bars(r, sql, "covered devices", false);
}

/* The map's frame. Pass 1 gathers every point to draw; the map is
 * centred on their median (robust against a few spoofed positions far
 * away) and spans those within REPORT_MAP_RADIUS_M of it; the others
 * are counted and left off. Then metres around the centre, then SVG. */
struct pt {
	double lat, lon, rad;
};

struct proj {
	bool any;
	double lat0, lon0, kx;
	double x0, x1, y0, y1;   /* extent, metres */
	double scale, ox, oy;    /* metres to SVG units */
	struct pt *v;            /* pass 1's points */
	size_t n, cap, off;      /* off: points beyond the map */
};

/* A column pair (lat, lon) of st, if it is a position. */
static bool
pos(sqlite3_stmt *st, int col, double *lat, double *lon)
{
	for (int i = 0; i < 2; i++) {
		int t = sqlite3_column_type(st, col + i);

		if (t != SQLITE_INTEGER && t != SQLITE_FLOAT)
			return false;
	}
	*lat = sqlite3_column_double(st, col);
	*lon = sqlite3_column_double(st, col + 1);
	return isfinite(*lat) && isfinite(*lon) && fabs(*lat) <= 90 &&
	    fabs(*lon) <= 180 && (*lat != 0 || *lon != 0);
}

static void
metres(const struct proj *p, double lat, double lon, double *x, double *y)
{
	*x = zones_dlon(p->lon0, lon) * p->kx * M_PER_DEG;
	*y = (lat - p->lat0) * M_PER_DEG;
}

static bool
on_map(const struct proj *p, double lat, double lon)
{
	double x, y;

	metres(p, lat, lon, &x, &y);
	return hypot(x, y) <= REPORT_MAP_RADIUS_M;
}

/* Keep a point (rad metres around it) for the extent; -1 if out of
 * memory. */
static int
gather(struct proj *p, double lat, double lon, double rad)
{
	if (p->n == p->cap) {
		size_t cap = p->cap ? p->cap * 2 : 256;
		struct pt *v = realloc(p->v, cap * sizeof *v);

		if (v == NULL)
			return -1;
		p->v = v;
		p->cap = cap;
	}
	p->v[p->n++] = (struct pt){ lat, lon, rad };
	return 0;
}

static int
cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

/* The centre (median latitude, median longitude around the first
 * point) and the extent of the points near it. -1 if out of memory. */
static int
centre(struct proj *p)
{
	double *t = malloc(p->n * sizeof *t), x, y;

	if (t == NULL)
		return -1;
	for (size_t i = 0; i < p->n; i++)
		t[i] = p->v[i].lat;
	qsort(t, p->n, sizeof *t, cmp_double);
	p->lat0 = t[p->n / 2];
	for (size_t i = 0; i < p->n; i++)
		t[i] = zones_dlon(p->v[0].lon, p->v[i].lon);
	qsort(t, p->n, sizeof *t, cmp_double);
	p->lon0 = p->v[0].lon + t[p->n / 2];
	free(t);
	p->kx = fmax(cos(p->lat0 * M_PI / 180.0), 0.01); /* 0.01: a pole */
	p->x0 = p->x1 = p->y0 = p->y1 = 0;
	for (size_t i = 0; i < p->n; i++) {
		const struct pt *q = &p->v[i];

		if (!on_map(p, q->lat, q->lon)) {
			p->off++;
			continue;
		}
		metres(p, q->lat, q->lon, &x, &y);
		p->x0 = fmin(p->x0, x - q->rad);
		p->x1 = fmax(p->x1, x + q->rad);
		p->y0 = fmin(p->y0, y - q->rad);
		p->y1 = fmax(p->y1, y + q->rad);
		p->any = true;
	}
	return 0;
}

static void
svg_xy(const struct proj *p, double lat, double lon, double *x, double *y)
{
	metres(p, lat, lon, x, y);
	*x = p->ox + (*x - p->x0) * p->scale;
	*y = p->oy - (*y - p->y0) * p->scale;
}

static void
gather_v(void *ctx, double lat, double lon)
{
	(void)gather(ctx, lat, lon, 0);
}

/* Pass 1: every point of the site's map. */
static int
extent(struct rep *r, sqlite3_stmt *site, struct proj *p)
{
	static const char *const sql[] = {
		"SELECT lat, lon, operator_lat, operator_lon FROM r_pos "
		"WHERE site IS ?1",
		"SELECT lat, lon, operator_lat, operator_lon, home_lat, "
		"home_lon FROM r_drone WHERE site IS ?1",
		"SELECT lat, lon, radius_m, vertices FROM r_zone WHERE "
		"site IS ?1",
	};
	double lat, lon;
	int rc = 0;

	for (unsigned q = 0; q < 3; q++) {
		sqlite3_stmt *st = rep_prepare(r, sql[q]);

		if (st == NULL)
			return -1;
		sqlite3_bind_value(st, 1, sqlite3_column_value(site, 0));
		while ((rc = rep_step(r, st)) == 1) {
			if (q == 2) {
				double rad = sqlite3_column_double(st, 2);

				if (pos(st, 0, &lat, &lon) && isfinite(rad) &&
				    rad > 0 && rad < 1e6)
					(void)gather(p, lat, lon, rad);
				rep_vertices((const char *)sqlite3_column_text(
				    st, 3), gather_v, p);
				continue;
			}
			for (int c = 0; c < (q == 1 ? 6 : 4); c += 2)
				if (pos(st, c, &lat, &lon))
					(void)gather(p, lat, lon, 0);
		}
		if (rc < 0)
			return -1;
	}
	if (p->n > 0 && centre(p) < 0) {
		snprintf(r->err, sizeof r->err, "out of memory");
		return -1;
	}
	return 0;
}

/* Fit the extent into the drawing, centred, at least MAP_MIN_M wide. */
static void
fit(struct proj *p)
{
	double dx, dy, cx = (p->x0 + p->x1) / 2, cy = (p->y0 + p->y1) / 2;

	if (p->x1 - p->x0 < MAP_MIN_M) {
		p->x0 = cx - MAP_MIN_M / 2;
		p->x1 = cx + MAP_MIN_M / 2;
	}
	if (p->y1 - p->y0 < MAP_MIN_M) {
		p->y0 = cy - MAP_MIN_M / 2;
		p->y1 = cy + MAP_MIN_M / 2;
	}
	dx = p->x1 - p->x0;
	dy = p->y1 - p->y0;
	p->scale = fmin((MAP_W - 2 * MAP_PAD) / dx, (MAP_H - 2 * MAP_PAD) / dy);
	p->ox = (MAP_W - dx * p->scale) / 2;
	p->oy = MAP_H - (MAP_H - dy * p->scale) / 2;
}

/* A polygon being drawn, and the mean of its vertices for its label
 * (in SVG units: the unwrapping is done). */
struct poly {
	struct rep *r;
	const struct proj *p;
	double sx, sy;
	unsigned n;
};

static void
poly_v(void *ctx, double lat, double lon)
{
	struct poly *g = ctx;
	double x, y;

	svg_xy(g->p, lat, lon, &x, &y);
	fprintf(g->r->f, "%.1f,%.1f ", x, y);
	g->sx += x;
	g->sy += y;
	g->n++;
}

static int
zones(struct rep *r, sqlite3_stmt *site, const struct proj *p)
{
	sqlite3_stmt *st = rep_prepare(r, "SELECT name, shape, lat, lon, "
	    "radius_m, vertices FROM r_zone WHERE site IS ?1 ORDER BY name");
	double lat, lon, x, y;
	int rc;

	if (st == NULL)
		return -1;
	sqlite3_bind_value(st, 1, sqlite3_column_value(site, 0));
	while ((rc = rep_step(r, st)) == 1) {
		size_t n = 0;
		const char *name = rep_str(st, 0, &n);
		double rad = sqlite3_column_double(st, 4);
		struct poly g = { r, p, 0, 0, 0 };

		fputs("<g><title>zone ", r->f);
		rep_html(r, name, n);
		fputs("</title>", r->f);
		if (pos(st, 2, &lat, &lon) && isfinite(rad) && rad > 0 &&
		    rad < 1e6) {
			if (!on_map(p, lat, lon)) {
				fputs("</g>\n", r->f);
				continue;
			}
			svg_xy(p, lat, lon, &x, &y);
			fprintf(r->f, "<circle class=\"zone\" cx=\"%.1f\" "
			    "cy=\"%.1f\" r=\"%.1f\"/>", x, y, rad * p->scale);
			g.n = 1;
		} else {
			fputs("<polygon class=\"zone\" points=\"", r->f);
			rep_vertices((const char *)sqlite3_column_text(st, 5),
			    poly_v, &g);
			fputs("\"/>", r->f);
			x = g.n ? g.sx / g.n : 0;
			y = g.n ? g.sy / g.n : 0;
		}
		if (g.n > 0) {
			fprintf(r->f, "<text class=\"zl\" x=\"%.1f\" y=\"%.1f\" "
			    "text-anchor=\"middle\">", x, y);
			rep_html(r, name, n);
			fputs("</text>", r->f);
		}
		fputs("</g>\n", r->f);
	}
	return rc;
}

/* One path of a drone: its track (op false) or its operator's, thinned
 * to REPORT_TRACK_POINTS. */
static int
path(struct rep *r, sqlite3_stmt *dr, sqlite3_stmt *site,
    const struct proj *p, int k, bool op)
{
	sqlite3_stmt *st = rep_prepare(r, op ?
	    "SELECT operator_lat, operator_lon FROM r_pos WHERE drone = ?1 "
	    "AND site IS ?2 ORDER BY time" : "SELECT lat, lon FROM r_pos "
	    "WHERE drone = ?1 AND site IS ?2 ORDER BY time");
	int64_t n = sqlite3_column_int64(dr, 1), step, i = 0;
	double lat, lon, x, y;
	int rc;

	if (st == NULL)
		return -1;
	step = n / REPORT_TRACK_POINTS + 1;
	sqlite3_bind_value(st, 1, sqlite3_column_value(dr, 0));
	sqlite3_bind_value(st, 2, sqlite3_column_value(site, 0));
	fprintf(r->f, "<polyline class=\"%s\" stroke=\"%s\" points=\"",
	    op ? "op" : "trk", colour[k % 8]);
	while ((rc = rep_step(r, st)) == 1) {
		if ((i++ % step != 0 && i != n) || !pos(st, 0, &lat, &lon) ||
		    !on_map(p, lat, lon))
			continue;
		svg_xy(p, lat, lon, &x, &y);
		fprintf(r->f, "%.1f,%.1f ", x, y);
	}
	fputs("\"/>", r->f);
	return rc;
}

/* Pass 2: each drone's paths and last, operator and home points. */
static int
drones(struct rep *r, sqlite3_stmt *site, const struct proj *p)
{
	char sql[512];
	sqlite3_stmt *st;
	double lat, lon, x, y;
	int rc, k = 0;

	snprintf(sql, sizeof sql, "SELECT id, positions, lat, lon, "
	    "operator_lat, operator_lon, home_lat, home_lon FROM r_drone "
	    "WHERE site IS ?1 ORDER BY first_seen, id LIMIT %d",
	    REPORT_DRONE_ROWS);
	if ((st = rep_prepare(r, sql)) == NULL)
		return -1;
	sqlite3_bind_value(st, 1, sqlite3_column_value(site, 0));
	while ((rc = rep_step(r, st)) == 1) {
		size_t n = 0;
		const char *id = rep_str(st, 0, &n);
		const char *c = colour[k % 8];

		fputs("<g><title>", r->f);
		rep_html(r, id, n);
		fputs("</title>", r->f);
		if (path(r, st, site, p, k, true) < 0 ||
		    path(r, st, site, p, k, false) < 0) {
			sqlite3_finalize(st);
			return -1;
		}
		if (pos(st, 4, &lat, &lon) && on_map(p, lat, lon)) {
			svg_xy(p, lat, lon, &x, &y);
			fprintf(r->f, "<rect x=\"%.1f\" y=\"%.1f\" width=\"8\" "
			    "height=\"8\" fill=\"%s\"/>", x - 4, y - 4, c);
		}
		if (pos(st, 6, &lat, &lon) && on_map(p, lat, lon)) {
			svg_xy(p, lat, lon, &x, &y);
			fprintf(r->f, "<polygon points=\"%.1f,%.1f %.1f,%.1f "
			    "%.1f,%.1f\" fill=\"none\" stroke=\"%s\" "
			    "stroke-width=\"2\"/>", x, y - 6, x - 5, y + 4, x + 5,
			    y + 4, c);
		}
		if (pos(st, 2, &lat, &lon) && on_map(p, lat, lon)) {
			svg_xy(p, lat, lon, &x, &y);
			fprintf(r->f, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"4.5\" "
			    "fill=\"%s\" stroke=\"#fff\"/>", x, y, c);
		}
		fputs("</g>\n", r->f);
		k++;
	}
	return rc;
}

/* A scale bar of a round length near a fifth of the map, and north. */
static void
scale_bar(struct rep *r, const struct proj *p)
{
	double want = (MAP_W / 5) / p->scale, unit = pow(10, floor(log10(want)));
	double len = unit;

	if (want >= 5 * unit)
		len = 5 * unit;
	else if (want >= 2 * unit)
		len = 2 * unit;
	fprintf(r->f, "<path d=\"M%.1f %.1fh%.1f\" stroke=\"#1b1f24\" "
	    "stroke-width=\"3\"/><text x=\"%.1f\" y=\"%.1f\" class=\"lbl\">"
	    "%.0f %s</text><text x=\"%.1f\" y=\"22\" class=\"lbl\" "
	    "text-anchor=\"middle\">N &#8593;</text>\n", 16.0, MAP_H - 14,
	    len * p->scale, 16.0, MAP_H - 20, len >= 1000 ? len / 1000 : len,
	    len >= 1000 ? "km" : "m", MAP_W - 20);
}

int
rep_svg_air(struct rep *r, const char *site, size_t sn)
{
	sqlite3_stmt *one = rep_prepare(r, "SELECT ?1");
	struct proj p = { 0 };
	int rc = -1;

	if (one == NULL)
		return -1;
	/* The site as a value to bind, NULL included. */
	if (site != NULL)
		sqlite3_bind_text(one, 1, site, (int)sn, SQLITE_STATIC);
	if (sqlite3_step(one) != SQLITE_ROW || extent(r, one, &p) < 0)
		goto out;
	if (!p.any) {
		fputs("<p class=\"none\">No position was heard.</p>\n", r->f);
		rc = 0;
		goto out;
	}
	if (p.off > 0)
		fprintf(r->f, "<p class=\"none\">%zu of %zu points lie more "
		    "than %.0f km from the median of the others and are not "
		    "drawn (a spoofed position, or another place).</p>\n",
		    p.off, p.n, REPORT_MAP_RADIUS_M / 1000);
	fit(&p);
	fprintf(r->f, "<svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" "
	    "viewBox=\"0 0 %.0f %.0f\" width=\"%.0f\" height=\"%.0f\">"
	    "<title>drone tracks (lines), operators (squares, dotted paths), "
	    "home points (triangles), last positions (dots) and zones "
	    "(dashed)</title><rect class=\"map\" x=\"0\" y=\"0\" "
	    "width=\"%.0f\" height=\"%.0f\"/>\n", MAP_W, MAP_H, MAP_W, MAP_H,
	    MAP_W, MAP_H);
	if (zones(r, one, &p) < 0 || drones(r, one, &p) < 0)
		goto out;
	scale_bar(r, &p);
	fputs("</svg>\n", r->f);
	rc = 0;
out:
	sqlite3_finalize(one);
	free(p.v);
	return rc;
}
