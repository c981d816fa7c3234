/* SPDX-License-Identifier: MIT */
/* fuzz_air.c - libFuzzer target for the airspace as a whole: frames
 * through radio_decode(), the ASTM and DJI decoders, the aircraft and
 * transmitter tables, tracks, spoof checks, zones and the records.
 *
 * Input: a sequence of frames, each link(1) gap(1) len(2, little-endian)
 * bytes(len): link selects the radio link type (modulo the table below),
 * gap advances the packet clock by gap * 50 ms (so that speed and
 * two-radio checks see close and distant fixes), a frame cut by the end
 * of the input is used as it is. Every frame is copied to a buffer of
 * exactly its size. Every record written is read field by field; two
 * zones (a circle and a polygon across the antimeridian) are checked.
 * Seeds in corpus/air/ are frames of tests/captures/air_*.pcap (made by
 * tests/gen/make_air.py) in this format. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/air.h"
#include "core/alerts.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const int links[] = { 105, 127, 192, 251, 256, 272 };

static volatile unsigned sink;

static void
on_record(void *ctx, const struct record *r)
{
	(void)ctx;
	for (unsigned i = 0; i < r->s->n; i++) {
		const struct val *v = &r->v[i];

		if (!v->set)
			continue;
		if (r->s->f[i].type == FT_STR) {
			if (v->u.s.len > 4096)
				abort();
			for (size_t k = 0; k < v->u.s.len; k++)
				sink += (uint8_t)v->u.s.p[k];
		} else if (r->s->f[i].type == FT_DEG) {
			if (!(v->u.d >= -180.0 && v->u.d <= 180.0))
				abort();
		}
	}
}

static void
on_alert(void *ctx, const struct alert *a)
{
	(void)ctx;
	if (a->evlen > ALERT_EVID_MAX || a->rule == NULL)
		abort();
	for (size_t k = 0; k < a->evlen; k++)
		sink += (uint8_t)a->evidence[k];
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct zones z;
	struct stats st;
	struct alerts *al;
	struct air *air;
	uint64_t ts = 1700000000000000ull;

	if (z.n == 0) {
		z.n = 2;
		strcpy(z.z[0].name, "c");
		z.z[0].shape = ZONE_CIRCLE;
		z.z[0].lat = 48.8566;
		z.z[0].lon = 2.3522;
		z.z[0].radius = 500;
		strcpy(z.z[1].name, "p");
		z.z[1].shape = ZONE_POLYGON;
		z.z[1].nv = 3;
		z.z[1].vlat[0] = -10, z.z[1].vlon[0] = 179;
		z.z[1].vlat[1] = 10, z.z[1].vlon[1] = -179;
		z.z[1].vlat[2] = 0, z.z[1].vlon[2] = 170;
	}
	memset(&st, 0, sizeof st);
	if ((al = alerts_new(256, &st)) == NULL)
		return 0;
	struct air_cfg cfg = { "s", &z, on_record, NULL };
	if ((air = air_new(&cfg, al, &st)) == NULL) {
		alerts_free(al);
		return 0;
	}
	while (size >= 4) {
		size_t len = (size_t)data[2] | (size_t)data[3] << 8;
		int dlt = links[data[0] % (sizeof links / sizeof links[0])];
		uint8_t *frame;

		ts += (uint64_t)data[1] * 50000u;
		data += 4;
		size -= 4;
		if (len > size)
			len = size;
		if ((frame = malloc(len ? len : 1)) == NULL)
			break;
		memcpy(frame, data, len);
		air_frame(air, dlt, ts, frame, len);
		free(frame);
		data += len;
		size -= len;
	}
	air_finish(air);
	alerts_each(al, on_alert, NULL);
	air_free(air);
	alerts_free(al);
	return 0;
}
