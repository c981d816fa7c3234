/* SPDX-License-Identifier: MIT */
/* geojson.c - tracks, operator and home points, and zones as GeoJSON.
 *
 * RFC 7946: positions are [longitude, latitude] in WGS84 degrees (7
 * decimals, about 1 cm); polygon exterior rings run counter-clockwise and
 * end where they start; a line that crosses the antimeridian is cut
 * there into a MultiLineString (section 3.1.9), the crossing point
 * interpolated on both edges, and so is the ring of a zone, into a
 * MultiPolygon of parts closed along +-180 (a zone round a pole is
 * closed along the edge of the map at the pole instead, one Polygon).
 * Every string is JSON-escaped (esc_json also escapes < > &, so the file
 * is safe to inline in a web page). */
#include "geojson.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "../core/check.h"
#include "../core/esc.h"
#include "outfile.h"
#include "record.h"

struct gj {
	FILE *f;
	struct air *a;
	bool first;            /* no feature written yet */
	/* the line being written */
	bool any;              /* a position written in it */
	double plat, plon;     /* the previous position */
	bool has_prev;
};

static void
qstr(FILE *f, const char *s, size_t n)
{
	char buf[STR_MAX * 6 + 8];

	esc_json(buf, sizeof buf, s, n > STR_MAX ? STR_MAX : n);
	fprintf(f, "\"%s\"", buf);
}

static void
feature_start(struct gj *g)
{
	fputs(g->first ? "\n" : ",\n", g->f);
	g->first = false;
	fputs("{\"type\":\"Feature\",", g->f);
}

/* The latitude where the edge from (ax, ay) to (bx, by), longitudes
 * unwrapped (|bx - ax| <= 180 the short way round), meets the meridian
 * x = line between them: a track and a zone's ring are cut there. */
static double
meridian_lat(double ax, double ay, double bx, double by, double line)
{
	return ay + (line - ax) / (bx - ax) * (by - ay);
}

/* ---- tracks ---- */

static void
line_pos(void *ctx, const struct air_fix *p)
{
	struct gj *g = ctx;
	double lat = p->lat_e7 / 1e7, lon = p->lon_e7 / 1e7;

	if (g->has_prev && fabs(lon - g->plon) > 180.0) {
		/* Cut at the antimeridian: end this part at +-180 and start
		 * the next at the other side, at the interpolated latitude. */
		double east = g->plon > 0 ? 180.0 : -180.0;
		double clat = meridian_lat(g->plon, g->plat,
		    lon + (g->plon > 0 ? 360.0 : -360.0), lat, east);

		fprintf(g->f, ",[%.7f,%.7f]],[[%.7f,%.7f]", east, clat, -east,
		    clat);
	}
	fprintf(g->f, "%s[%.7f,%.7f]", g->any ? "," : "", lon, lat);
	g->any = true;
	g->plat = lat;
	g->plon = lon;
	g->has_prev = true;
}

/* Whether the track crosses the antimeridian (decides the geometry). */
struct cross {
	bool has;
	double plon;
	bool crosses;
};

static void
cross_pos(void *ctx, const struct air_fix *p)
{
	struct cross *c = ctx;
	double lon = p->lon_e7 / 1e7;

	if (c->has && fabs(lon - c->plon) > 180.0)
		c->crosses = true;
	c->plon = lon;
	c->has = true;
}

static void
props(struct gj *g, const struct aircraft *ac, const char *kind)
{
	char tb[40];

	fprintf(g->f, "\"properties\":{\"kind\":\"%s\",\"id\":", kind);
	qstr(g->f, ac->key, ac->key_len);
	fprintf(g->f, ",\"id_type\":\"%s\"", air_idt_name(ac->id_type));
	fprintf(g->f, ",\"first_seen\":\"%s\"", time_fmt(ac->first_us, tb,
	    sizeof tb));
	fprintf(g->f, ",\"last_seen\":\"%s\"", time_fmt(ac->last_us, tb,
	    sizeof tb));
	if (strcmp(kind, "track") == 0)
		fprintf(g->f, ",\"positions\":%u,\"spoofed\":%s", ac->npts,
		    ac->spoof ? "true" : "false");
	fputs("}}", g->f);
}

static void
point(struct gj *g, const struct aircraft *ac, const char *kind,
    int32_t lat, int32_t lon)
{
	feature_start(g);
	fprintf(g->f, "\"geometry\":{\"type\":\"Point\",\"coordinates\":"
	    "[%.7f,%.7f]},", lon / 1e7, lat / 1e7);
	props(g, ac, kind);
}

static void
aircraft(void *ctx, struct air *a, const struct aircraft *ac)
{
	struct gj *g = ctx;
	struct cross c = { false, 0, false };

	if (ac->npts == 1 && ac->has_fix) {
		point(g, ac, "track", ac->fix.lat_e7, ac->fix.lon_e7);
	} else if (ac->npts > 1) {
		air_points(a, ac, cross_pos, &c);
		feature_start(g);
		fprintf(g->f, "\"geometry\":{\"type\":\"%s\",\"coordinates\":"
		    "%s", c.crosses ? "MultiLineString" : "LineString",
		    c.crosses ? "[[" : "[");
		g->any = g->has_prev = false;
		air_points(a, ac, line_pos, g);
		fprintf(g->f, "%s},", c.crosses ? "]]" : "]");
		props(g, ac, "track");
	}
	if (ac->has_op)
		point(g, ac, "operator", ac->op_lat_e7, ac->op_lon_e7);
	if (ac->has_home)
		point(g, ac, "home", ac->home_lat_e7, ac->home_lon_e7);
}

/* ---- zones ---- */

/* A zone's ring cut where it crosses the antimeridian (RFC 7946 section
 * 3.1.9), in the plane of longitude x and latitude y. The walk starts at
 * a point off the lines x = 180 + 360 m; a piece runs from one cut to
 * the next, its points moved by a multiple of 360 (shift) into
 * [-180, 180]. A ring of n points crosses those lines fewer than 2n
 * times (an edge spans at most 180 degrees, a polygon's last at most the
 * sum of the others); each crossing adds two points, and the piece the
 * walk started in is copied once to the end of the last. */
#define CUT_PIECES (2 * ZONE_RING_MAX + 1)
#define CUT_POINTS (6 * ZONE_RING_MAX + 4)

struct cut {
	double x[CUT_POINTS], y[CUT_POINTS];
	unsigned n;                  /* points */
	unsigned first[CUT_PIECES];  /* where each piece starts */
	unsigned np;                 /* pieces */
	double shift;                /* of the piece being walked */
	bool round;                  /* a ring round a pole, or round the
	                              * outside of the zone */
};

static void
cut_add(struct cut *c, double x, double y)
{
	unsigned n = c->n;

	x -= c->shift;
	if (n > c->first[c->np - 1] && c->x[n - 1] == x && c->y[n - 1] == y)
		return;
	CHECK(n < CUT_POINTS);
	c->x[n] = x;
	c->y[n] = y;
	c->n = n + 1;
}

/* The edge from (ax, ay) to (x, y): a cut at each line it crosses out of
 * the strip of the current piece, at the interpolated latitude. */
static void
cut_edge(struct cut *c, double ax, double ay, double x, double y)
{
	while (fabs(x - c->shift) > 180.0) {
		double side = x > c->shift ? 180.0 : -180.0;
		double line = c->shift + side;
		double cy = meridian_lat(ax, ay, x, y, line);

		cut_add(c, line, cy);
		CHECK(c->np < CUT_PIECES);
		c->first[c->np++] = c->n;
		c->shift += 2.0 * side;
		cut_add(c, line, cy);
	}
	cut_add(c, x, y);
}

/* Point m of the ring walked on past its end: a ring round a pole comes
 * back 360 degrees east or west of where it started. */
static double
ring_x(const struct zone_ring *r, unsigned m)
{
	double x = r->lon[m % r->n];

	return m >= r->n && r->turns != 0 ? x + 360.0 * r->turns : x;
}

/* Cut r into c: one piece if it crosses no line (c->shift then moves it
 * into [-180, 180]); else c->first[1..np-1] start the pieces from cut to
 * cut, the one the walk started in joined to the last. */
static void
cut_ring(const struct zone_ring *r, struct cut *c)
{
	unsigned j = 0, n = r->n;

	while (j < n && fabs(remainder(r->lon[j], 360.0)) == 180.0)
		j++;
	c->n = 0;
	c->np = 1;
	c->first[0] = 0;
	c->round = r->turns != 0 || r->outside;
	/* Every point on a line (a flat ring): lon[0] is in [-180, 180]. */
	c->shift = j == n ? 0 : 360.0 * (double)lround(r->lon[j] / 360.0);
	if (j == n)
		j = 0;
	cut_add(c, r->lon[j], r->lat[j]);
	for (unsigned m = j + 1; m <= j + n; m++)
		cut_edge(c, ring_x(r, m - 1), r->lat[(m - 1) % n],
		    ring_x(r, m), r->lat[m % n]);
	if (c->np == 1)
		return;
	/* The walk ended where it started: the first piece goes on. */
	c->n--;
	for (unsigned i = 0; i < c->first[1]; i++) {
		CHECK(c->n < CUT_POINTS);
		c->x[c->n] = c->x[i];
		c->y[c->n] = c->y[i];
		c->n++;
	}
}

static unsigned
piece_end(const struct cut *c, unsigned i)
{
	return i + 1 < c->np ? c->first[i + 1] : c->n;
}

/* Where the cut point (x, y) is on the rim of the plane [-180, 180] x
 * [-90, 90], counter-clockwise from its south-west corner: 0 to 360
 * along the south edge, to 540 up the east one, to 900 along the north
 * one, to 1080 (the south-west corner again) down the west one. */
static double
rim(double x, double y)
{
	return x > 0 ? 450.0 + y : 990.0 - y;
}

/* The piece that starts first counter-clockwise along the rim from the
 * end of piece i (the zone is on the left of every piece, so that way
 * round the rim goes round the zone); i if there is none. Only a ring
 * round a pole or round the outside of the zone turns a corner of the
 * rim: any other, if simple, has a start on the same edge as each end,
 * and one that is not (a polygon whose edges cross) is not drawn round
 * the world. */
static unsigned
next_piece(const struct cut *c, unsigned i)
{
	unsigned e = piece_end(c, i) - 1, best = i;
	double at = rim(c->x[e], c->y[e]), far = INFINITY;

	if (!c->round) /* as far as the next corner */
		far = c->x[e] > 0 ? 540.0 - at : 1080.0 - at;
	for (unsigned k = 1; k < c->np; k++) {
		unsigned f = c->first[k];
		double d = fmod(rim(c->x[f], c->y[f]) - at + 1080.0, 1080.0);

		if (d < far || (d == far && best == i)) {
			far = d;
			best = k;
		}
	}
	return best;
}

/* The pieces in the order they are drawn, ends[k] where a ring closes;
 * the number of rings. Each ring ends when the rim leads to a piece
 * already drawn, so this stops whatever the pieces are. */
static unsigned
rejoin(const struct cut *c, unsigned *order, bool *ends)
{
	bool used[CUT_PIECES] = { false };
	unsigned no = 0, rings = 0;

	for (unsigned i = 1; i < c->np; i++) {
		unsigned k = i;

		if (used[i])
			continue;
		rings++;
		do {
			used[k] = true;
			ends[no] = false;
			order[no++] = k;
			k = next_piece(c, k);
		} while (!used[k]);
		ends[no - 1] = true;
	}
	return rings;
}

/* Writes the positions of a ring (or, with no file, only counts them),
 * leaving out one written as the one before was (a cut a hair's breadth
 * from a point of the ring). */
struct pen {
	FILE *f;
	unsigned n;       /* positions */
	char last[64];
};

static void
pen_to(struct pen *p, double x, double y)
{
	char s[64];

	snprintf(s, sizeof s, "[%.7f,%.7f]", x, y);
	if (p->n > 0 && strcmp(s, p->last) == 0)
		return;
	if (p->f != NULL)
		fprintf(p->f, "%s%s", p->n > 0 ? "," : "", s);
	p->n++;
	memcpy(p->last, s, sizeof s);
}

/* Along the rim counter-clockwise from the end of piece i to the start
 * of piece k: the corners of the plane passed. */
static void
rim_corners(struct pen *p, const struct cut *c, unsigned i, unsigned k)
{
	static const double at[4] = { 0, 360, 540, 900 };
	static const double cx[4] = { -180, 180, 180, -180 };
	static const double cy[4] = { -90, -90, 90, 90 };
	unsigned e = piece_end(c, i) - 1, f = c->first[k], s = 0;
	double from = rim(c->x[e], c->y[e]);
	double far = fmod(rim(c->x[f], c->y[f]) - from + 1080.0, 1080.0);

	while (s < 4 && at[s] <= from)
		s++;
	for (unsigned m = s; m < s + 4; m++) {
		double d = fmod(at[m % 4] - from + 1080.0, 1080.0);

		if (d > 0 && d < far)
			pen_to(p, cx[m % 4], cy[m % 4]);
	}
}

/* The ring of the pieces order[k], order[k + 1] ... up to the one that
 * ends it, closed; returns where the next ring starts in order. */
static unsigned
ring_draw(struct pen *p, const struct cut *c, const unsigned *order,
    const bool *ends, unsigned k)
{
	unsigned head = k, f = c->first[order[head]];

	for (;; k++) {
		unsigned i = order[k];

		for (unsigned m = c->first[i]; m < piece_end(c, i); m++)
			pen_to(p, c->x[m], c->y[m]);
		if (c->round)
			rim_corners(p, c, i, order[ends[k] ? head : k + 1]);
		if (ends[k])
			break;
	}
	pen_to(p, c->x[f], c->y[f]);
	return k + 1;
}

/* The rings of the pieces of c: a Polygon, or a MultiPolygon of them.
 * A ring of fewer than 4 positions (a piece of a polygon with no area,
 * whose edges run along each other) is left out. */
static void
zone_cut(struct gj *g, const struct cut *c)
{
	unsigned order[CUT_PIECES], at[CUT_PIECES], rings, n = 0, k, r;
	bool ends[CUT_PIECES], keep[CUT_PIECES];

	rings = rejoin(c, order, ends);
	for (r = 0, k = 0; r < rings; r++) {
		struct pen p = { NULL, 0, "" };

		at[r] = k;
		k = ring_draw(&p, c, order, ends, k);
		keep[r] = p.n >= 4;
		n += keep[r];
	}
	fprintf(g->f, "\"geometry\":{\"type\":\"%s\",\"coordinates\":[",
	    n > 1 ? "MultiPolygon" : "Polygon");
	for (r = 0, k = 0; r < rings; r++) {
		struct pen p = { g->f, 0, "" };

		if (!keep[r])
			continue;
		fputs(n == 1 ? "[" : k++ > 0 ? ",[[" : "[[", g->f);
		(void)ring_draw(&p, c, order, ends, at[r]);
		fputs(n == 1 ? "]" : "]]", g->f);
	}
	fputs("]},", g->f);
}

/* A ring that crosses no line: a Polygon, as it always was; a circle
 * holding both poles is the whole plane with the ring as its hole. */
static void
zone_whole(struct gj *g, const struct zone_ring *r, double shift)
{
	fputs("\"geometry\":{\"type\":\"Polygon\",\"coordinates\":[", g->f);
	if (r->outside)
		fputs("[[-180.0000000,-90.0000000],[180.0000000,-90.0000000],"
		    "[180.0000000,90.0000000],[-180.0000000,90.0000000],"
		    "[-180.0000000,-90.0000000]],", g->f);
	fputc('[', g->f);
	for (unsigned i = 0; i <= r->n; i++)
		fprintf(g->f, "%s[%.7f,%.7f]", i ? "," : "",
		    r->lon[i % r->n] - shift, r->lat[i % r->n]);
	fputs("]]},", g->f);
}

static void
zone(struct gj *g, const struct zone *z)
{
	struct zone_ring r;
	struct cut c;

	zones_ring(z, &r);
	cut_ring(&r, &c);
	feature_start(g);
	if (c.np == 1)
		zone_whole(g, &r, c.shift);
	else
		zone_cut(g, &c);
	fputs("\"properties\":{\"kind\":\"zone\",\"name\":", g->f);
	qstr(g->f, z->name, strlen(z->name));
	if (z->org[0]) {
		fputs(",\"org\":", g->f);
		qstr(g->f, z->org, strlen(z->org));
	}
	if (z->shape == ZONE_CIRCLE)
		fprintf(g->f, ",\"radius_m\":%.1f", z->radius);
	fputs("}}", g->f);
}

int
geojson_write(const char *path, struct air *a, const struct zones *z,
    char *err, size_t errn)
{
	struct outfile of;
	struct gj g = { 0 };
	char why[4200];

	if ((g.f = outfile_open(&of, path, why, sizeof why)) == NULL) {
		snprintf(err, errn, "--geojson: %s", why);
		return -1;
	}
	g.a = a;
	g.first = true;
	fputs("{\"type\":\"FeatureCollection\",\"features\":[", g.f);
	if (z != NULL)
		for (unsigned i = 0; i < z->n; i++)
			zone(&g, &z->z[i]);
	air_each(a, aircraft, &g);
	fputs("\n]}\n", g.f);
	if (outfile_close(&of, g.f, true, why, sizeof why) < 0) {
		snprintf(err, errn, "--geojson: %s", why);
		return -1;
	}
	return 0;
}
