/* SPDX-License-Identifier: MIT */
/* zones.h - protected zones of a sites file (--sites), and the geometry
 * vigie needs for the airspace: distances on the Earth, inside-or-not.
 *
 * File format (docs/sites.md), one zone per line, fields separated by
 * blanks, '#' starts a comment line:
 *
 *   NAME circle LAT LON RADIUS_M [org=ORGANISATION]
 *   NAME polygon LAT,LON LAT,LON LAT,LON ... [org=ORGANISATION]
 *
 * Degrees are decimal, WGS84; a polygon has 3 to ZONE_MAX_VERTICES
 * vertices in either order and may cross the antimeridian (each edge is
 * taken the short way round). */
#ifndef VIGIE_ZONES_H
#define VIGIE_ZONES_H

#include <stdbool.h>
#include <stddef.h>

#include "../core/limits.h"

enum zone_shape { ZONE_CIRCLE = 1, ZONE_POLYGON };

struct zone {
	char name[ZONE_NAME_MAX];
	char org[65];           /* "" if none; esc_label_ok() */
	enum zone_shape shape;
	double lat, lon, radius; /* circle: centre (degrees), radius (m) */
	unsigned nv;             /* polygon: vertices */
	double vlat[ZONE_MAX_VERTICES], vlon[ZONE_MAX_VERTICES];
};

struct zones {
	unsigned n;
	struct zone z[ZONE_MAX];
	char path[256];
};

/* zones_load: read the sites file at path. NULL with "PATH:LINE: reason"
 * (or "PATH: reason") in err if it cannot be read or a line is wrong:
 * unknown shape, latitude beyond +-90, longitude beyond +-180, radius not
 * positive, fewer than 3 or more than ZONE_MAX_VERTICES vertices, a name
 * that is not [A-Za-z0-9._-] of at most ZONE_NAME_MAX - 1 characters, or
 * given twice. Free with free(). */
struct zones *zones_load(const char *path, char *err, size_t errn);

/* zones_distance: metres from the point (lat, lon) to zone z: 0 when the
 * point is inside it. */
double zones_distance(const struct zone *z, double lat, double lon);

/* zones_centre: the centre of z in degrees: a circle's, or the mean of
 * a polygon's vertices (longitudes taken the short way round from its
 * first vertex, so a zone across the antimeridian has its centre there). */
void zones_centre(const struct zone *z, double *lat, double *lon);

/* The sphere distances are measured on: the mean Earth radius (IUGG),
 * in metres, and the metres in a degree of a great circle. */
#define ZONES_EARTH_R 6371008.8
#define ZONES_M_PER_DEG (ZONES_EARTH_R * 3.14159265358979323846 / 180.0)

/* zones_dlon: the longitude difference b - a in degrees, folded into
 * [-180, 180): the short way round, across the antimeridian if shorter. */
double zones_dlon(double a, double b);

/* A circle is drawn (--geojson) as a polygon of this many points. */
#define ZONE_CIRCLE_POINTS 64
#define ZONE_RING_MAX \
	(ZONE_CIRCLE_POINTS > ZONE_MAX_VERTICES ? ZONE_CIRCLE_POINTS : \
	    ZONE_MAX_VERTICES)

/* The outline of a zone, to draw it. */
struct zone_ring {
	unsigned n;    /* points; the first is not repeated at the end */
	int turns;     /* +1 (-1): the ring goes once round the north (south)
	                * pole, eastwards (westwards), and closes 360 degrees
	                * east (west) of its first point; else 0 */
	bool outside;  /* the zone is the outside of the ring: a circle that
	                * holds both poles */
	double lat[ZONE_RING_MAX], lon[ZONE_RING_MAX];
};

/* zones_ring: the outline of z in r, in degrees, with the zone on the
 * left of every edge. A circle: ZONE_CIRCLE_POINTS points at its radius
 * on the sphere zones_distance() measures on, at bearings decreasing from
 * north (counter-clockwise round the centre). A polygon: its vertices
 * from the first, in reverse order if they run clockwise. Longitudes are
 * unwrapped as containment takes them: lon[0] is in [-180, 180] and each
 * next one is the short way round from the one before, so a ring across
 * the antimeridian goes beyond +-180. A polygon closes on its first
 * vertex (turns is 0: if it goes round a pole its last edge goes back the
 * long way, as containment takes it). */
void zones_ring(const struct zone *z, struct zone_ring *r);

/* geo_metres: great-circle distance in metres between two points given
 * in degrees (haversine on the mean Earth radius). */
double geo_metres(double lat1, double lon1, double lat2, double lon2);

#endif
