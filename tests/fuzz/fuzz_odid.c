/* SPDX-License-Identifier: MIT */
/* fuzz_odid.c - libFuzzer target for odid_decode() and odid_message().
 *
 * Input: one AIRP_ODID payload (counter byte, then a message or a
 * Message Pack). Every message passed on is checked against the uas.h
 * contract (types, caps, unknown values zero, positions within the
 * globe) and every byte of its strings is read, so ASan sees any read
 * outside the input; a breach aborts. */
#include <stdlib.h>
#include <string.h>

#include "proto/uas.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

struct seen {
	volatile unsigned sum;
	unsigned n;
};

static void
need(bool ok)
{
	if (!ok)
		abort();
}

/* text: n bytes within cap, no NUL among them, each one read. */
static void
text(struct seen *s, const uint8_t *p, size_t n, size_t cap)
{
	need(n <= cap);
	for (size_t i = 0; i < n; i++) {
		need(p[i] != 0);
		s->sum += p[i];
	}
}

/* binary_id: a Basic ID of type 3 or 4 as uas.h has it: a UUID in the
 * RFC 9562 form (type 3 only) or an even count of lowercase hex digits,
 * within ODID_ID_TEXT; each byte read. */
static void
binary_id(struct seen *s, const struct odid_basic *b)
{
	bool uuid = b->id_len == 36 && b->id[8] == '-';

	need(b->id_len <= ODID_ID_TEXT);
	need(uuid ? b->id_type == 3 : b->id_len % 2 == 0);
	for (size_t i = 0; i < b->id_len; i++) {
		uint8_t c = b->id[i];

		if (uuid && (i == 8 || i == 13 || i == 18 || i == 23))
			need(c == '-');
		else
			need((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'));
		s->sum += c;
	}
}

static void
alt(bool ok, double v)
{
	need(ok ? v >= -999.5 && v <= 31767.5 : v == 0.0);
}

static void
location(const struct odid_location *l)
{
	need(l->status <= 15 && l->height_type <= 1);
	need(l->dir_ok ? l->direction >= 0 && l->direction < 360 :
	    l->direction == 0.0);
	need(l->speed_ok ? l->speed >= 0 && l->speed <= 254.25 :
	    l->speed == 0.0);
	need(l->vspeed_ok ? l->vspeed >= -64 && l->vspeed <= 63.5 :
	    l->vspeed == 0.0);
	if (l->pos_ok)
		need(l->lat_e7 >= -900000000 && l->lat_e7 <= 900000000 &&
		    l->lon_e7 >= -1800000000 && l->lon_e7 <= 1800000000 &&
		    (l->lat_e7 != 0 || l->lon_e7 != 0));
	else
		need(l->lat_e7 == 0 && l->lon_e7 == 0);
	alt(l->alt_baro_ok, l->alt_baro);
	alt(l->alt_geo_ok, l->alt_geo);
	alt(l->height_ok, l->height);
	need(l->acc_h <= 15 && l->acc_v <= 15 && l->acc_baro <= 15 &&
	    l->acc_speed <= 15 && l->acc_ts <= 15);
	need(l->ts_ok ? l->ts_s >= 0 && l->ts_s <= 3600 : l->ts_s == 0.0);
}

static void
auth(struct seen *s, const struct odid_auth *a)
{
	need(a->auth_type <= 15 && a->page <= 15);
	if (a->page == 0) {
		need(a->data_len == ODID_AUTH_PAGE0);
		need(a->last_page < ODID_AUTH_PAGES);
		need(a->length <= ODID_AUTH_PAGE0 +
		    a->last_page * ODID_AUTH_PAGEN);
	} else {
		need(a->data_len == ODID_AUTH_PAGEN);
		need(a->last_page == 0 && a->length == 0 &&
		    a->timestamp == 0);
	}
	for (size_t i = 0; i < a->data_len; i++)
		s->sum += a->data[i];
}

static void
system_msg(const struct odid_system *y)
{
	need(y->op_loc_type <= 3 && y->class_type <= 7);
	if (y->op_pos_ok)
		need(y->op_lat_e7 >= -900000000 && y->op_lat_e7 <= 900000000 &&
		    y->op_lon_e7 >= -1800000000 &&
		    y->op_lon_e7 <= 1800000000);
	else
		need(y->op_lat_e7 == 0 && y->op_lon_e7 == 0);
	need(y->area_radius <= 2550 && y->area_radius % 10 == 0);
	alt(y->ceiling_ok, y->area_ceiling);
	alt(y->floor_ok, y->area_floor);
	alt(y->op_alt_ok, y->op_alt);
	need(y->eu_category <= 15 && y->eu_class <= 15);
	if (y->class_type != 1)
		need(y->eu_category == 0 && y->eu_class == 0);
	need(y->ts_ok == (y->timestamp != 0));
}

static void
check(void *ctx, const struct odid_msg *m)
{
	struct seen *s = ctx;

	s->n++;
	need(s->n <= ODID_PACK_MAX);
	need(m->version <= 2);
	switch (m->type) {
	case ODID_BASIC:
		need(m->u.basic.id_type <= 15 && m->u.basic.ua_type <= 15);
		if (m->u.basic.id_type == 3 || m->u.basic.id_type == 4)
			binary_id(s, &m->u.basic);
		else
			text(s, m->u.basic.id, m->u.basic.id_len, ODID_ID_LEN);
		break;
	case ODID_LOCATION:
		location(&m->u.loc);
		break;
	case ODID_AUTH:
		auth(s, &m->u.auth);
		break;
	case ODID_SELFID:
		text(s, m->u.self.text, m->u.self.len, ODID_SELFID_LEN);
		break;
	case ODID_SYSTEM:
		system_msg(&m->u.sys);
		break;
	case ODID_OPERATOR:
		text(s, m->u.op.id, m->u.op.id_len, ODID_ID_LEN);
		break;
	default:
		abort();
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct seen s = { 0, 0 };
	struct stats st;
	struct odid_msg m;
	uint8_t counter = 0;
	enum dec r;

	memset(&st, 0, sizeof st);
	r = odid_decode(cur_make(data, size), &counter, check, &s, &st);
	need(r <= DEC_UNSUPPORTED);
	need(size == 0 || counter == data[0]);
	need(st.n[STAT_ODID_MSGS] >= s.n);
	if (r == DEC_OK)
		need(st.n[STAT_ODID_TRUNC] == 0 &&
		    st.n[STAT_ODID_MALFORMED] == 0 &&
		    st.n[STAT_ODID_PACK_MALFORMED] == 0);

	/* The same bytes as one message (Bluetooth 4 carries them so). */
	s.n = 0;
	r = odid_message(cur_make(data, size), &m, &st);
	if (r == DEC_OK || (r == DEC_MALFORMED &&
	    !(m.type == ODID_AUTH && m.u.auth.data_len == 0)))
		check(&s, &m);
	return 0;
}
