/* SPDX-License-Identifier: MIT */
/* geojson.h - the airspace as GeoJSON (RFC 7946) for a map tool. */
#ifndef VIGIE_GEOJSON_H
#define VIGIE_GEOJSON_H

#include <stddef.h>

#include "../core/air.h"
#include "../intel/zones.h"

/* geojson_write: a FeatureCollection of every aircraft a holds (after
 * air_finish): its track as a LineString (split into a MultiLineString
 * where it crosses the antimeridian; a Point if it has one fix), its
 * operator's and home positions as Points, and the zones of z (may be
 * NULL) as Polygons (circles as 64-gons; a zone across the antimeridian
 * as a MultiPolygon of its parts on either side, a circle round a pole
 * as a Polygon closed along the pole's edge of the map, one round both
 * poles as the whole map with a hole), each with a "kind" property:
 * track, operator, home or zone. Written to path+".tmp" and renamed, so
 * a reader never sees half a file ("-": standard output). 0, or -1 with a
 * message naming the file in err. */
int geojson_write(const char *path, struct air *a, const struct zones *z,
    char *err, size_t errn);

#endif
