/* SPDX-License-Identifier: MIT */
/* zones.c - the sites file and the geometry of zones.
 *
 * Distances: haversine on a sphere of the IUGG mean Earth radius
 * (6,371,008.8 m); error below 0.5 % against WGS84, far below GNSS and
 * broadcast errors. Distance to a polygon: inside (ray casting) gives 0,
 * else the nearest edge in a local equirectangular projection around the
 * point, good to a few metres over the tens of kilometres a zone spans. */
#include "zones.h"

#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../core/esc.h"
#include "datafile.h"

#define DEG (M_PI / 180.0)
#define ZONES_FILE_MAX (1u << 20)
#define ZONES_LINE_MAX 4096

double
geo_metres(double lat1, double lon1, double lat2, double lon2)
{
	double dlat = (lat2 - lat1) * DEG, dlon = (lon2 - lon1) * DEG;
	double a = sin(dlat / 2) * sin(dlat / 2) + cos(lat1 * DEG) *
	    cos(lat2 * DEG) * sin(dlon / 2) * sin(dlon / 2);

	if (a > 1.0)
		a = 1.0;
	return 2.0 * ZONES_EARTH_R * asin(sqrt(a));
}

double
zones_dlon(double a, double b)
{
	double d = fmod(b - a + 540.0, 360.0);

	return d - 180.0;
}

/* A polygon in a plane: x east in degrees of longitude, each edge taken
 * the short way round (so a zone may straddle the antimeridian), y north;
 * the point placed on the copy of its longitude nearest the polygon. */
struct plane {
	double x[ZONE_MAX_VERTICES], y[ZONE_MAX_VERTICES];
	double px, py;
};

/* The turn count k of longitude w after pw: k steps where the edge from
 * pw taken the short way round, as zones_dlon() folds it, crosses +-180. */
static int
next_turn(int k, double pw, double w)
{
	return k + (int)lround((zones_dlon(pw, w) - (w - pw)) / 360.0);
}

/* The longitudes of z's vertices unwrapped into x: each the short way
 * round from the one before, as the vertex itself plus the whole turns
 * the edges so far took across +-180 (exact: no sum of differences to
 * gather rounding). */
static void
unwrap_lon(const struct zone *z, double *x)
{
	int k = 0;

	x[0] = z->vlon[0];
	for (unsigned i = 1; i < z->nv; i++) {
		k = next_turn(k, z->vlon[i - 1], z->vlon[i]);
		x[i] = k != 0 ? z->vlon[i] + 360.0 * k : z->vlon[i];
	}
}

static void
plane_of(const struct zone *z, double lat, double lon, struct plane *p)
{
	double sum = 0, mid;

	unwrap_lon(z, p->x);
	for (unsigned i = 0; i < z->nv; i++) {
		p->y[i] = z->vlat[i];
		sum += p->x[i];
	}
	mid = sum / z->nv;
	p->px = mid + zones_dlon(mid, lon);
	p->py = lat;
}

/* Ray casting towards +x. */
static bool
poly_inside(const struct zone *z, const struct plane *p)
{
	bool in = false;

	for (unsigned i = 0, j = z->nv - 1; i < z->nv; j = i++) {
		double xi = p->x[i] - p->px, yi = p->y[i] - p->py;
		double xj = p->x[j] - p->px, yj = p->y[j] - p->py;

		if ((yi > 0) != (yj > 0) && 0 < (xj - xi) * (0 - yi) /
		    (yj - yi) + xi)
			in = !in;
	}
	return in;
}

/* Metres from the origin to segment (ax, ay)-(bx, by), in metres. */
static double
seg_metres(double ax, double ay, double bx, double by)
{
	double dx = bx - ax, dy = by - ay, l2 = dx * dx + dy * dy, t = 0;

	if (l2 > 0)
		t = -(ax * dx + ay * dy) / l2;
	if (t < 0)
		t = 0;
	if (t > 1)
		t = 1;
	return hypot(ax + t * dx, ay + t * dy);
}

double
zones_distance(const struct zone *z, double lat, double lon)
{
	double best = INFINITY, kx, ky = ZONES_M_PER_DEG;
	struct plane p;

	if (z->shape == ZONE_CIRCLE) {
		double d = geo_metres(lat, lon, z->lat, z->lon) - z->radius;
		return d > 0 ? d : 0;
	}
	plane_of(z, lat, lon, &p);
	if (poly_inside(z, &p))
		return 0;
	kx = ky * cos(lat * DEG);
	for (unsigned i = 0, j = z->nv - 1; i < z->nv; j = i++) {
		double d = seg_metres((p.x[j] - p.px) * kx,
		    (p.y[j] - p.py) * ky, (p.x[i] - p.px) * kx,
		    (p.y[i] - p.py) * ky);
		if (d < best)
			best = d;
	}
	return best;
}

void
zones_centre(const struct zone *z, double *lat, double *lon)
{
	double sx = 0, sy = 0;

	if (z->shape == ZONE_CIRCLE) {
		*lat = z->lat;
		*lon = z->lon;
		return;
	}
	for (unsigned i = 0; i < z->nv; i++) {
		sy += z->vlat[i];
		sx += zones_dlon(z->vlon[0], z->vlon[i]);
	}
	*lat = sy / z->nv;
	*lon = z->vlon[0] + zones_dlon(0, sx / z->nv);
	if (*lon >= 180.0)
		*lon -= 360.0;
	else if (*lon < -180.0)
		*lon += 360.0;
}

/* Destination points at the radius, bearings decreasing from north. The
 * longitude's atan2 has cos(la) divided out of both its arguments (the
 * usual form, cos(ad) - sin(la) * sin(lat2) over cos(la), loses every
 * digit at a pole, where cos(la) is 6e-17). */
static void
circle_ring(const struct zone *z, struct zone_ring *r)
{
	double la = z->lat * DEG, lo = z->lon * DEG;
	double ad = z->radius / ZONES_EARTH_R;
	double pw = 0;
	int k = 0;

	for (unsigned i = 0; i <= ZONE_CIRCLE_POINTS; i++) {
		double b = -2.0 * M_PI * (i % ZONE_CIRCLE_POINTS) /
		    ZONE_CIRCLE_POINTS;
		double lat2 = asin(sin(la) * cos(ad) + cos(la) * sin(ad) *
		    cos(b));
		double lon2 = lo + atan2(sin(b) * sin(ad), cos(la) * cos(ad) -
		    sin(la) * sin(ad) * cos(b));
		double w = zones_dlon(0.0, lon2 / DEG);

		if (i > 0)
			k = next_turn(k, pw, w);
		pw = w;
		if (i == ZONE_CIRCLE_POINTS)
			break;
		r->lat[i] = lat2 / DEG;
		r->lon[i] = k != 0 ? w + 360.0 * k : w;
	}
	r->n = ZONE_CIRCLE_POINTS;
	r->turns = k;
	/* Both poles inside: the ring goes round neither, clockwise. */
	r->outside = k == 0 && ad > M_PI / 2 + fabs(la);
}

/* Does polygon z go round a pole? Each edge is taken the short way round
 * (as containment takes it), so its longitude steps add up to 0 for a
 * polygon that does not and to +-360 for one that does, which the ray
 * casting of containment cannot test. */
static bool
polygon_turns(const struct zone *z)
{
	double w = 0;

	for (unsigned i = 0; i < z->nv; i++)
		w += zones_dlon(z->vlon[i], z->vlon[(i + 1) % z->nv]);
	return fabs(w) > 180.0;
}

/* Which side of the line a->b point c lies on: +1 left, -1 right, 0 on
 * it. */
static int
side(double ax, double ay, double bx, double by, double cx, double cy)
{
	double d = (bx - ax) * (cy - ay) - (by - ay) * (cx - ax);

	return (d > 0) - (d < 0);
}

/* Do the closed segments p1-p2 and q1-q2 meet? */
static bool
segments_meet(const double *x, const double *y, unsigned p1, unsigned p2,
    unsigned q1, unsigned q2)
{
	int a = side(x[p1], y[p1], x[p2], y[p2], x[q1], y[q1]);
	int b = side(x[p1], y[p1], x[p2], y[p2], x[q2], y[q2]);
	int c = side(x[q1], y[q1], x[q2], y[q2], x[p1], y[p1]);
	int d = side(x[q1], y[q1], x[q2], y[q2], x[p2], y[p2]);

	if (a * b > 0 || c * d > 0)
		return false;
	if (a != 0 || b != 0)
		return true; /* they cross, or one touches the other's line */
	/* All four on one line: do their extents overlap? */
	return fmax(fmin(x[p1], x[p2]), fmin(x[q1], x[q2])) <=
	    fmin(fmax(x[p1], x[p2]), fmax(x[q1], x[q2])) &&
	    fmax(fmin(y[p1], y[p2]), fmin(y[q1], y[q2])) <=
	    fmin(fmax(y[p1], y[p2]), fmax(y[q1], y[q2]));
}

/* The first edge (1-based, edge i from vertex i to the next) that meets
 * an edge other than its neighbours, in the plane containment works in,
 * with that other edge in *other; 0 if the outline is simple. At most
 * ZONE_MAX_VERTICES^2 / 2 tests, once per file line. */
static unsigned
polygon_crossing(const struct zone *z, unsigned *other)
{
	double x[ZONE_MAX_VERTICES];
	unsigned n = z->nv;

	unwrap_lon(z, x);
	for (unsigned i = 0; i < n; i++)
		for (unsigned j = i + 2; j < n; j++) {
			if (i == 0 && j == n - 1)
				continue; /* the closing edge: a neighbour */
			if (segments_meet(x, z->vlat, i, i + 1, j,
			    (j + 1) % n)) {
				*other = j + 1;
				return i + 1;
			}
		}
	return 0;
}

/* The vertices unwrapped as plane_of() does, counter-clockwise. */
static void
polygon_ring(const struct zone *z, struct zone_ring *r)
{
	double x[ZONE_MAX_VERTICES], area = 0;

	unwrap_lon(z, x);
	for (unsigned i = 0, j = z->nv - 1; i < z->nv; j = i++)
		area += (x[j] * z->vlat[i]) - (x[i] * z->vlat[j]);
	for (unsigned m = 0; m < z->nv; m++) {
		unsigned i = area > 0 ? m : (z->nv - m) % z->nv;

		r->lat[m] = z->vlat[i];
		r->lon[m] = x[i];
	}
	r->n = z->nv;
	r->turns = 0;
	r->outside = false;
}

void
zones_ring(const struct zone *z, struct zone_ring *r)
{
	if (z->shape == ZONE_CIRCLE)
		circle_ring(z, r);
	else
		polygon_ring(z, r);
}

/* Make polygon z one containment can test: each vertex once; then
 * simple, and round no pole, or -1 with the reason in why. */
static int
polygon_check(struct zone *z, char *why, size_t whyn)
{
	unsigned e, e2 = 0, m = 1;

	/* A vertex repeated next to itself (the first one again at the end,
	 * as a GeoJSON ring closes) is the same vertex: kept once. */
	for (unsigned i = 1; i < z->nv; i++)
		if (z->vlat[i] != z->vlat[m - 1] ||
		    z->vlon[i] != z->vlon[m - 1]) {
			z->vlat[m] = z->vlat[i];
			z->vlon[m++] = z->vlon[i];
		}
	while (m > 1 && z->vlat[m - 1] == z->vlat[0] &&
	    z->vlon[m - 1] == z->vlon[0])
		m--;
	z->nv = m;
	if (m < 3) {
		snprintf(why, whyn, "polygon needs 3 different vertices");
		return -1;
	}
	if (polygon_turns(z)) {
		snprintf(why, whyn, "polygon goes round a pole (its edges "
		    "turn 360 degrees of longitude); give a circle instead");
		return -1;
	}
	if ((e = polygon_crossing(z, &e2)) != 0) {
		snprintf(why, whyn, "polygon edges %u and %u meet (edge k "
		    "runs from vertex k to the next): give the vertices in "
		    "order round the zone", e, e2);
		return -1;
	}
	return 0;
}

static bool
name_ok(const char *s)
{
	size_t n = strlen(s);

	if (n == 0 || n >= ZONE_NAME_MAX)
		return false;
	for (size_t i = 0; i < n; i++)
		if (!isalnum((unsigned char)s[i]) && !strchr("._-", s[i]))
			return false;
	return true;
}

/* Split line at blanks (spaces and tabs) into f[0..max]. */
static unsigned
words(char *line, char **f, unsigned max)
{
	unsigned n = 0;
	char *save = NULL;

	for (char *w = strtok_r(line, " \t", &save); w != NULL;
	    w = strtok_r(NULL, " \t", &save)) {
		if (n > max)
			break;
		f[n++] = w;
	}
	return n;
}

static int
on_line(void *ctx, char *line, unsigned lineno, char *why, size_t whyn)
{
	struct zones *zs = ctx;
	char *f[ZONE_MAX_VERTICES + 4];
	const char *org = NULL;
	struct zone *z;
	unsigned n;

	(void)lineno;
	if (datafile_skip(line))
		return 0;
	n = words(line, f, ZONE_MAX_VERTICES + 3);
	if (n > 2 && strncmp(f[n - 1], "org=", 4) == 0) {
		if (!esc_label_ok(f[n - 1] + 4)) {
			snprintf(why, whyn, "org= needs a name of 1 to 64 "
			    "printable characters (as --org)");
			return -1;
		}
		org = f[n - 1] + 4;
		n--;
	}
	if (n < 2) {
		snprintf(why, whyn, "expected NAME circle LAT LON RADIUS_M or "
		    "NAME polygon LAT,LON ...");
		return -1;
	}
	if (!name_ok(f[0])) {
		snprintf(why, whyn, "zone name must be 1 to %d characters "
		    "from A-Z a-z 0-9 . _ -", ZONE_NAME_MAX - 1);
		return -1;
	}
	for (unsigned i = 0; i < zs->n; i++)
		if (strcmp(zs->z[i].name, f[0]) == 0) {
			snprintf(why, whyn, "zone '%s' defined twice", f[0]);
			return -1;
		}
	if (zs->n == ZONE_MAX) {
		snprintf(why, whyn, "more than %d zones", ZONE_MAX);
		return -1;
	}
	z = &zs->z[zs->n];
	memset(z, 0, sizeof *z);
	snprintf(z->name, sizeof z->name, "%s", f[0]);
	if (org != NULL)
		snprintf(z->org, sizeof z->org, "%s", org);
	if (strcmp(f[1], "circle") == 0) {
		if (n != 5 || !datafile_number(f[2], -90, 90, &z->lat) ||
		    !datafile_number(f[3], -180, 180, &z->lon) ||
		    !datafile_number(f[4], 0, 2e7, &z->radius) ||
		    z->radius <= 0) {
			snprintf(why, whyn, "circle needs LAT (-90..90) LON "
			    "(-180..180) RADIUS_M (> 0)");
			return -1;
		}
		z->shape = ZONE_CIRCLE;
	} else if (strcmp(f[1], "polygon") == 0) {
		if (n < 5 || n - 2 > ZONE_MAX_VERTICES) {
			snprintf(why, whyn, "polygon needs 3 to %d LAT,LON "
			    "vertices", ZONE_MAX_VERTICES);
			return -1;
		}
		for (unsigned i = 2; i < n; i++) {
			char *comma = strchr(f[i], ',');

			if (comma != NULL)
				*comma = '\0';
			if (comma == NULL ||
			    !datafile_number(f[i], -90, 90,
			    &z->vlat[i - 2]) ||
			    !datafile_number(comma + 1, -180, 180,
			    &z->vlon[i - 2])) {
				snprintf(why, whyn, "polygon vertex %u is not "
				    "LAT,LON in degrees", i - 1);
				return -1;
			}
		}
		z->nv = n - 2;
		z->shape = ZONE_POLYGON;
		if (polygon_check(z, why, whyn) < 0)
			return -1;
	} else {
		snprintf(why, whyn, "unknown shape '%.32s' (circle or polygon)",
		    f[1]);
		return -1;
	}
	zs->n++;
	return 0;
}

struct zones *
zones_load(const char *path, char *err, size_t errn)
{
	struct zones *zs = calloc(1, sizeof *zs);

	if (zs == NULL) {
		snprintf(err, errn, "%s: out of memory", path);
		return NULL;
	}
	snprintf(zs->path, sizeof zs->path, "%s", path);
	if (datafile_each(path, ZONES_FILE_MAX, ZONES_LINE_MAX, on_line, zs,
	    err, errn) < 0) {
		free(zs);
		return NULL;
	}
	return zs;
}
