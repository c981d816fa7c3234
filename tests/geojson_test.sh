#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# --geojson zones (RFC 7946): a zone across the antimeridian is a
# MultiPolygon of its parts cut at +-180 (section 3.1.9), a zone near it
# stays the Polygon it always was; circles round a pole or both are closed
# along the map's edge. Every ring is closed, counter-clockwise (holes
# clockwise), within [-180, 180] x [-90, 90], and the drawn shape holds
# the points the zone holds (circles: great-circle distance to the centre).
# usage: geojson_test.sh VIGIE ROOT
set -uo pipefail
vigie=$1 root=$2
. "$root/tests/lib.sh"
py=/usr/bin/python3

# The zones, then what each must be drawn as (TYPE PARTS) and why.
cat >"$tmp/zones.txt" <<'EOF'
dateline circle -16.5 179.99 20000
straddle polygon -17,170 -17,-175 -10,-175 -10,170
straddle_cw polygon -10,170 -10,-175 -17,-175 -17,170
near polygon -17,170 -17,179.5 -10,179.5 -10,170
near_circle circle -16.5 179.7 20000
at180 polygon 10,170 10,180 20,180 20,170
atm180 polygon 10,-180 10,-170 20,-170 20,-180
east180 polygon 10,180 10,-170 20,-170 20,180
north circle 89.9 0 50000
south circle -89.9 179.99 50000
pole circle 90 0 1000
both circle 0 0 15000000
both_hole circle 0 90 15000000
EOF
cat >"$tmp/want.txt" <<'EOF'
dateline MultiPolygon 2     crosses 180 (centre 2 km west of it)
straddle MultiPolygon 2     170 to -175, counter-clockwise
straddle_cw MultiPolygon 2  the same, clockwise
near Polygon 1              up to 179.5: as drawn before
near_circle Polygon 1       up to 179.9: as drawn before
at180 Polygon 1             170 to 180, not across
atm180 Polygon 1            -180 to -170, not across
east180 Polygon 1           given as 180 to -170: the east side
north Polygon 1             round the north pole
south Polygon 1             round the south pole, centre at 179.99
pole Polygon 1              centred on the pole
both Polygon 1              round both poles, hole across 180
both_hole Polygon 1         round both poles, hole at -90
EOF
"$vigie" scan --no-db --quiet --sites "$tmp/zones.txt" --geojson "$tmp/z.geojson" \
	"$root/tests/captures/eth_udp_dns.pcap" && ok || bad "geojson run"

# Shape, ranges, closure, orientation and contents of every zone.
$py - "$tmp/z.geojson" "$tmp/zones.txt" "$tmp/want.txt" <<'EOF' && ok || bad "geojson zones"
import json, math, random, sys

doc = json.load(open(sys.argv[1]))
zones = {l.split()[0]: l.split()[1:] for l in open(sys.argv[2])}
want = {l.split()[0]: (l.split()[1], int(l.split()[2])) for l in open(sys.argv[3])}
feats = {f["properties"]["name"]: f for f in doc["features"]
         if f["properties"]["kind"] == "zone"}
fail = []

def area(r):
    return sum(r[i - 1][0] * r[i][1] - r[i][0] * r[i - 1][1] for i in range(len(r)))

def inside(r, x, y):
    n = False
    for i in range(len(r)):
        (x1, y1), (x2, y2) = r[i - 1], r[i]
        if (y1 > y) != (y2 > y) and x < (x2 - x1) * (y - y1) / (y2 - y1) + x1:
            n = not n
    return n

def metres(la1, lo1, la2, lo2):
    d = math.radians
    a = (math.sin(d(la2 - la1) / 2) ** 2 + math.cos(d(la1)) * math.cos(d(la2))
         * math.sin(d(lo2 - lo1) / 2) ** 2)
    return 2 * 6371008.8 * math.asin(min(1.0, math.sqrt(a)))

def check(name, f):
    g = f["geometry"]
    t, parts = want[name]
    polys = [g["coordinates"]] if g["type"] == "Polygon" else g["coordinates"]
    if g["type"] != t or len(polys) != parts:
        return "%s: %s of %d parts, want %s of %d" % (name, g["type"], len(polys), t, parts)
    for poly in polys:
        for k, r in enumerate(poly):
            if len(r) < 4 or r[0] != r[-1]:
                return "%s: ring of %d positions, not closed" % (name, len(r))
            if any(not (-180 <= x <= 180 and -90 <= y <= 90) for x, y in r):
                return "%s: position out of range" % name
            for (x1, y1), (x2, y2) in zip(r, r[1:]):
                if abs(x2 - x1) > 180 and not (y1 == y2 and abs(y1) == 90):
                    return "%s: edge [%g,%g]-[%g,%g] across the map" % (name, x1, y1, x2, y2)
            if (area(r) > 0) != (k == 0):
                return "%s: ring %d runs the wrong way" % (name, k)
    # The points the zone holds, and only those, are in one part.
    rnd = random.Random(name)
    s = zones[name]
    for _ in range(3000):
        if s[0] == "circle":
            lat, lon, rad = map(float, s[1:4])
            y, x = rnd.uniform(-90, 90), rnd.uniform(-180, 180)
            if rnd.random() < 0.7:  # near the zone
                a = math.degrees(rad / 6371008.8) * 2
                span = min(180, a / max(math.cos(math.radians(lat)), 1e-3))
                y = max(-90, min(90, lat + rnd.uniform(-1, 1) * a))
                x = (lon + rnd.uniform(-1, 1) * span + 540) % 360 - 180
            d = metres(y, x, lat, lon) - rad
            if abs(d) < 0.01 * rad + 10 or abs(y) == 90:
                continue  # a 64-gon is not a circle; the map's edge
            held = d < 0
        else:
            v = [tuple(map(float, p.split(","))) for p in s[1:]]
            y, x = rnd.uniform(-18, -9) if v[0][0] < 0 else rnd.uniform(9, 21), rnd.uniform(-180, 180)
            if rnd.random() < 0.7:
                x = (rnd.uniform(165, 195) + 180) % 360 - 180
            ys, xs = [p[0] for p in v], [p[1] for p in v]
            # these polygons are rectangles: inside is between their edges
            w = [(lon - xs[0] + 540) % 360 - 180 for lon in xs]
            dx = (x - xs[0] + 540) % 360 - 180
            if min(abs(y - b) for b in ys) < 1e-6 or min(abs(dx - b) for b in w) < 1e-6:
                continue
            held = min(ys) < y < max(ys) and min(w) < dx < max(w)
        n = sum(1 for p in polys if inside(p[0], x, y) and not any(inside(h, x, y) for h in p[1:]))
        if n > 1 or (n == 1) != held:
            return "%s: [%g,%g] %s zone but in %d parts" % (name, x, y, "in" if held else "outside", n)
    return None

for name in want:
    if name not in feats:
        fail.append("%s: not drawn" % name)
        continue
    why = check(name, feats[name])
    if why:
        fail.append(why)
if fail:
    print("\n".join(fail))
    sys.exit(1)
EOF

# A zone that does not cross is drawn as it was: the polygon's own
# vertices, counter-clockwise, and nothing else.
grep -qF '{"type":"Feature","geometry":{"type":"Polygon","coordinates":[[[170.0000000,-17.0000000],[179.5000000,-17.0000000],[179.5000000,-10.0000000],[170.0000000,-10.0000000],[170.0000000,-17.0000000]]]},"properties":{"kind":"zone","name":"near"}}' "$tmp/z.geojson" && ok || bad "near zone changed"
# The crossing circle: a part on each side, cut at the same two latitudes.
$py - "$tmp/z.geojson" <<'EOF' && ok || bad "dateline cut points"
import json, sys
f = [f for f in json.load(open(sys.argv[1]))["features"]
     if f["properties"]["name"] == "dateline"][0]
if f["geometry"]["type"] != "MultiPolygon":
    sys.exit("dateline is a " + f["geometry"]["type"])
rings = [p[0] for p in f["geometry"]["coordinates"]]
cuts = lambda x: sorted({y for r in rings for lon, y in r if lon == x})
sides = sorted(all(lon > 0 for lon, y in r) - all(lon < 0 for lon, y in r) for r in rings)
sys.exit(not (sides == [-1, 1] and len(cuts(180.0)) == 2 and cuts(180.0) == cuts(-180.0)))
EOF

finish geojson
