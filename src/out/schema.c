/* SPDX-License-Identifier: MIT */
/* schema.c - the fields of every record kind, in output order. */
#include "record.h"

#include "../core/check.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define N(a) (unsigned)(sizeof(a) / sizeof((a)[0]))

#define FIELD_ROW(kind, name, type, doc) { #name, type, doc },
static const struct field device_f[] = { DEV_FIELDS(FIELD_ROW) };
static const struct field flow_f[] = { FLOW_FIELDS(FIELD_ROW) };
static const struct field dest_f[] = { DEST_FIELDS(FIELD_ROW) };
static const struct field alert_f[] = { ALERT_FIELDS(FIELD_ROW) };
static const struct field drone_f[] = { DRONE_FIELDS(FIELD_ROW) };
static const struct field dpos_f[] = { DRONE_POS_FIELDS(FIELD_ROW) };
static const struct field stats_f[] = { STATS_FIELDS(FIELD_ROW) };
#undef FIELD_ROW

const struct schema schema_device = { "device", device_f, N(device_f),
	"devices", F_DEV_key };
const struct schema schema_flow = { "flow", flow_f, N(flow_f), "flows",
	-1 };
const struct schema schema_dest = { "destination", dest_f, N(dest_f),
	"destinations", -1 };
const struct schema schema_alert = { "alert", alert_f, N(alert_f),
	"alerts", -1 };
const struct schema schema_drone = { "drone", drone_f, N(drone_f),
	"drones", -1 };
const struct schema schema_drone_pos = { "drone_position", dpos_f,
	N(dpos_f), "drone_positions", -1 };
const struct schema schema_stats = { "stats", stats_f, N(stats_f),
	"stats", -1 };

const struct schema *const *
schema_all(void)
{
	static const struct schema *const all[] = { &schema_device,
		&schema_flow, &schema_dest, &schema_alert, &schema_drone,
		&schema_drone_pos, &schema_stats, NULL };
	return all;
}

void
rec_init(struct record *r, const struct schema *s)
{
	CHECK(s->n <= REC_MAX_FIELDS);
	r->s = s;
	for (unsigned i = 0; i < s->n; i++)
		r->v[i].set = false; /* values are read only where set */
}

static struct val *
slot(struct record *r, unsigned i, enum ftype t)
{
	CHECK(i < r->s->n && r->s->f[i].type == t);
	r->v[i].set = true;
	return &r->v[i];
}

void
rec_str(struct record *r, unsigned i, const char *p, size_t len)
{
	struct val *v = slot(r, i, FT_STR);
	v->u.s.p = p;
	v->u.s.len = len;
}

void
rec_cstr(struct record *r, unsigned i, const char *p)
{
	if (p != NULL)
		rec_str(r, i, p, strlen(p));
}

void
rec_u64(struct record *r, unsigned i, uint64_t x)
{
	slot(r, i, FT_U64)->u.u = x;
}

void
rec_f64(struct record *r, unsigned i, double x)
{
	slot(r, i, FT_F64)->u.d = x;
}

void
rec_i64(struct record *r, unsigned i, int64_t x)
{
	slot(r, i, FT_I64)->u.i = x;
}

void
rec_deg(struct record *r, unsigned i, double x)
{
	slot(r, i, FT_DEG)->u.d = x;
}

void
rec_bool(struct record *r, unsigned i, bool x)
{
	slot(r, i, FT_BOOL)->u.b = x;
}

void
rec_time(struct record *r, unsigned i, uint64_t us)
{
	slot(r, i, FT_TIME)->u.u = us;
}

void
rec_addr(struct record *r, unsigned i, const struct addr *a)
{
	slot(r, i, FT_ADDR)->u.a = *a;
}

void
rec_mac(struct record *r, unsigned i, const uint8_t *mac)
{
	memcpy(slot(r, i, FT_MAC)->u.mac, mac, 6);
}

void
rec_addrs(struct record *r, unsigned i, const struct addr *v, unsigned n)
{
	struct val *x = slot(r, i, FT_ADDRS);
	x->u.addrs.v = v;
	x->u.addrs.n = n;
}

void
rec_obj(struct record *r, unsigned i, struct counters c)
{
	slot(r, i, FT_OBJ)->u.obj = c;
}

void
rec_evid(struct record *r, unsigned i, const struct rec_evid *v, unsigned n)
{
	struct val *x = slot(r, i, FT_EVID);
	x->u.evid.v = v;
	x->u.evid.n = n;
}

char *
time_fmt(uint64_t us, char *buf, size_t n)
{
	time_t secs = (time_t)(us / 1000000u);
	struct tm tm;

	if (gmtime_r(&secs, &tm) == NULL) {
		snprintf(buf, n, "invalid");
		return buf;
	}
	snprintf(buf, n, "%04d-%02d-%02dT%02d:%02d:%02d.%06uZ",
	    tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, tm.tm_hour,
	    tm.tm_min, tm.tm_sec, (unsigned)(us % 1000000u));
	return buf;
}

/* Exactly width digits at s[*i..] as a number in [lo, hi], *i moved on. */
static bool
tp_digits(const char *s, size_t n, size_t *i, int width, int lo, int hi,
    int *v)
{
	int x = 0;

	if (n - *i < (size_t)width)
		return false;
	for (int k = 0; k < width; k++, (*i)++) {
		if (s[*i] < '0' || s[*i] > '9')
			return false;
		x = x * 10 + (s[*i] - '0');
	}
	*v = x;
	return x >= lo && x <= hi;
}

/* Days since 1970-01-01 of a proleptic Gregorian date. */
static int64_t
days_from_civil(int y, int m, int d)
{
	int64_t yy = y - (m <= 2);
	int64_t era = (yy >= 0 ? yy : yy - 399) / 400;
	int64_t yoe = yy - era * 400;
	int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;

	return era * 146097 + doe - 719468;
}

bool
time_parse(const char *s, size_t n, bool end, uint64_t *us)
{
	static const int mdays[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31,
		30, 31 };
	int y, mo, d, h = end ? 23 : 0, mi = end ? 59 : 0, sec = end ? 59 : 0;
	long frac = end ? 999999 : 0;
	size_t i = 0;

	if (!tp_digits(s, n, &i, 4, 1970, 9999, &y) || i >= n ||
	    s[i++] != '-' || !tp_digits(s, n, &i, 2, 1, 12, &mo) ||
	    i >= n || s[i++] != '-' || !tp_digits(s, n, &i, 2, 1, 31, &d))
		return false;
	if (d > mdays[mo - 1] + (mo == 2 && y % 4 == 0 &&
	    (y % 100 != 0 || y % 400 == 0)))
		return false;
	if (i < n) {
		if ((s[i] != 'T' && s[i] != ' ') || (i++,
		    !tp_digits(s, n, &i, 2, 0, 23, &h)) || i >= n ||
		    s[i++] != ':' || !tp_digits(s, n, &i, 2, 0, 59, &mi))
			return false;
		if (i < n && s[i] == ':') {
			i++;
			if (!tp_digits(s, n, &i, 2, 0, 60, &sec))
				return false;
			if (i < n && s[i] == '.') {
				int k = 0;

				frac = 0;
				for (i++; i < n && s[i] >= '0' && s[i] <= '9';
				    i++, k++)
					if (k < 6)
						frac = frac * 10 + (s[i] - '0');
				if (k == 0 || k > 9)
					return false;
				for (; k < 6; k++)
					frac *= 10;
			}
		}
		if (!((n - i == 1 && s[i] == 'Z') ||
		    (n - i == 6 && memcmp(s + i, "+00:00", 6) == 0)))
			return false;
	}
	*us = (uint64_t)(days_from_civil(y, mo, d) * 86400 + h * 3600 +
	    mi * 60 + sec) * 1000000u + (uint64_t)frac;
	return true;
}
