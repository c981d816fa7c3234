/* SPDX-License-Identifier: MIT */
/* fuzz_djiid.c - libFuzzer target for djiid_decode() and djiid_record().
 *
 * Input: one AIRP_DJI payload (58 62 13, subcommand, record); the same
 * bytes also go to djiid_record() as an OcuSync frame would give them
 * (first byte the subcommand, the rest the record). The result is
 * checked against the uas.h contract (caps, unknown positions zero,
 * positions within the globe, yaw in [0, 360)) and every byte of its
 * strings is read; a breach aborts. */
#include <stdlib.h>
#include <string.h>

#include "proto/uas.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static volatile unsigned sum;

static void
need(bool ok)
{
	if (!ok)
		abort();
}

static void
text(const uint8_t *p, size_t n, size_t cap)
{
	need(n <= cap);
	for (size_t i = 0; i < n; i++) {
		need(p[i] != 0);
		sum += p[i];
	}
}

static void
point(bool ok, double lat, double lon)
{
	need(lat == lat && lon == lon); /* not NaN */
	if (ok)
		need(lat >= -90 && lat <= 90 && lon >= -180 && lon <= 180);
	else
		need(lat == 0.0 && lon == 0.0);
}

static void
check(enum dec r, const struct dji_msg *m)
{
	static const struct dji_msg zero;

	need(r <= DEC_UNSUPPORTED);
	if (m->sub == 0) { /* nothing usable: nothing left half-read */
		need(r != DEC_OK);
		need(memcmp(m, &zero, sizeof zero) == 0);
		return;
	}
	need(r == DEC_OK || r == DEC_MALFORMED);
	need(m->sub == 0x10 || m->sub == 0x11);
	text(m->serial, m->serial_len, DJI_SERIAL_LEN);
	if (m->sub == 0x11) {
		need(m->version == 0 && !m->pos_ok && !m->app_ok &&
		    !m->home_ok);
		text(m->drone_id, m->drone_id_len, sizeof m->drone_id);
		text(m->purpose, m->purpose_len, DJI_PURPOSE_LEN);
		return;
	}
	need(m->version == 1 || m->version == 2);
	point(m->pos_ok, m->lat, m->lon);
	point(m->app_ok, m->app_lat, m->app_lon);
	point(m->home_ok, m->home_lat, m->home_lon);
	need(m->att_ok == (m->version == 1));
	if (m->version == 1)
		need(!m->app_ok && m->app_time_ms == 0);
	else
		need(m->pitch == 0.0 && m->roll == 0.0);
	need(m->yaw >= 0 && m->yaw < 360);
	need(m->alt >= -32768 && m->alt <= 32767);
	need(m->height >= -3276.8 && m->height <= 3276.7);
	need(m->v_north >= -327.68 && m->v_north <= 327.67);
	need(m->product_name == djiid_product(m->product));
	if (m->product_name != NULL)
		for (const char *c = m->product_name; *c; c++)
			sum += (unsigned)(uint8_t)*c;
	text(m->uuid, m->uuid_len, DJI_UUID_LEN);
	need(m->drone_id_len == 0 && m->purpose_len == 0);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct stats st;
	struct dji_msg m;

	memset(&st, 0, sizeof st);
	check(djiid_decode(cur_make(data, size), &m, &st), &m);
	if (size > 0)
		check(djiid_record(cur_make(data + 1, size - 1), data[0], &m,
		    &st), &m);
	return 0;
}
