/* SPDX-License-Identifier: MIT */
/* geojson.c - tracks, operator and home points, and zones as GeoJSON.
 *
 * RFC 7946: positions are [longitude, latitude] in WGS84 degrees (7
 * decimals, about 1 cm); polygon exterior rings run counter-clockwise and
 * end where they start; a line that crosses the antimeridian is cut
 * there into a MultiLineString (section 3.1.9), the crossing point
 * interpolated on both edges. Every string is JSON-escaped (esc_json
 * also escapes < > &, so the file is safe to inline in a web page). */
#include "geojson.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "../core/esc.h"
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
		double dl = (lon + (g->plon > 0 ? 360.0 : -360.0)) - g->plon;
		double t = dl != 0 ? (east - g->plon) / dl : 0;
		double clat = g->plat + t * (lat - g->plat);

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

static void
zone(struct gj *g, const struct zone *z)
{
	struct zone_ring r;

	zones_ring(z, &r);
	feature_start(g);
	fputs("\"geometry\":{\"type\":\"Polygon\",\"coordinates\":[[", g->f);
	for (unsigned i = 0; i <= r.n; i++) {
		double lon = r.lon[i % r.n];

		if (lon < -180.0 || lon > 180.0)
			lon = fmod(lon + 540.0, 360.0) - 180.0;
		fprintf(g->f, "%s[%.7f,%.7f]", i ? "," : "", lon,
		    r.lat[i % r.n]);
	}
	fputs("]]},\"properties\":{\"kind\":\"zone\",\"name\":", g->f);
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
	bool out = strcmp(path, "-") == 0;
	char tmp[4096];
	struct gj g = { 0 };
	int bad;

	if (!out && snprintf(tmp, sizeof tmp, "%s.tmp", path) >=
	    (int)sizeof tmp) {
		snprintf(err, errn, "--geojson %s: path too long", path);
		return -1;
	}
	g.f = out ? stdout : fopen(tmp, "w");
	if (g.f == NULL) {
		snprintf(err, errn, "--geojson %s: cannot write: %s", path,
		    strerror(errno));
		return -1;
	}
	g.a = a;
	g.first = true;
	errno = 0; /* from here, set only by a call that fails */
	fputs("{\"type\":\"FeatureCollection\",\"features\":[", g.f);
	if (z != NULL)
		for (unsigned i = 0; i < z->n; i++)
			zone(&g, &z->z[i]);
	air_each(a, aircraft, &g);
	fputs("\n]}\n", g.f);
	bad = ferror(g.f) || fflush(g.f) != 0;
	if (!out && fclose(g.f) != 0)
		bad = 1;
	if (bad || (!out && rename(tmp, path) != 0)) {
		snprintf(err, errn, "--geojson %s: write failed: %s", path,
		    errno ? strerror(errno) : "write error");
		if (!out)
			(void)remove(tmp);
		return -1;
	}
	return 0;
}
