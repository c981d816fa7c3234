/* SPDX-License-Identifier: MIT */
/* radio_util.h - shared helpers of the radio_decode() suites
 * (test_radio.c, test_radio_ble.c): a frame under construction and its
 * writers, the payload receiver (which checks every payload lies inside
 * its frame), the ASTM payload, and the BLE frames (legacy advertising,
 * AUX_ADV_IND, the nRF Sniffer header) that the BLE tests and the
 * truncation sweep over every link type both build. Included by one
 * test file per executable: the statics are its own. */
#ifndef VIGIE_TEST_RADIO_UTIL_H
#define VIGIE_TEST_RADIO_UTIL_H

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "decode/radio.h"

/* A frame under construction. */
struct buf {
	uint8_t b[600];
	size_t n;
};

static inline void
put8(struct buf *f, unsigned v)
{
	assert_true(f->n < sizeof f->b);
	f->b[f->n++] = (uint8_t)v;
}

static inline void
put16le(struct buf *f, unsigned v)
{
	put8(f, v & 0xff);
	put8(f, v >> 8);
}

static inline void
put32le(struct buf *f, uint32_t v)
{
	put16le(f, v & 0xffff);
	put16le(f, v >> 16);
}

static inline void
putn(struct buf *f, const void *p, size_t n)
{
	assert_true(f->n + n <= sizeof f->b);
	memcpy(f->b + f->n, p, n);
	f->n += n;
}

static inline void
pad_to(struct buf *f, size_t a)
{
	while (f->n % a)
		put8(f, 0);
}

/* What the payload receiver saw. */
struct seen {
	unsigned n, kind[3], carrier[6];
	struct radio last;        /* the struct radio of the last payload */
	uint8_t pay[300];         /* the last payload */
	size_t len;
	const uint8_t *lo, *hi;   /* the frame: payloads must lie inside */
};

static inline void
on_payload(void *ctx, const struct radio *r, enum air_payload kind,
    struct cur c)
{
	struct seen *s = ctx;
	size_t n = cur_left(&c);

	assert_true(kind == AIRP_DJI || kind == AIRP_ODID);
	assert_true(r->carrier > AIR_NONE && r->carrier < 6);
	assert_true(r->ssid_len <= sizeof r->ssid);
	if (n > 0)
		assert_true(c.p >= s->lo && c.end <= s->hi);
	s->n++;
	s->kind[kind]++;
	s->carrier[r->carrier]++;
	s->last = *r;
	s->len = n < sizeof s->pay ? n : sizeof s->pay;
	if (s->len)
		memcpy(s->pay, c.p, s->len);
}

static inline enum dec
run_bytes(int dlt, const uint8_t *b, size_t n, struct seen *s,
    struct stats *st)
{
	struct radio_out out = { s, on_payload };

	memset(s, 0, sizeof *s);
	memset(st, 0, sizeof *st);
	s->lo = b;
	s->hi = b + n;
	return radio_decode(dlt, b, n, 1000, &out, st);
}

static inline enum dec
run(int dlt, const struct buf *f, struct seen *s, struct stats *st)
{
	return run_bytes(dlt, f->b, f->n, s, st);
}

/* An ASTM payload: counter, then a 25-byte Basic ID message. */
static inline void
odid_body(struct buf *f, unsigned counter)
{
	put8(f, counter);
	put8(f, 0x00); /* Basic ID, version 0 */
	put8(f, 0x12); /* serial number, multirotor */
	for (unsigned i = 0; i < 23; i++)
		put8(f, i < 15 ? 'A' + i : 0);
}

static const uint8_t ADVA[6] = { 0x1c, 0x2f, 0xeb, 0xea, 0x7d, 0xe0 };

/* Service data AD structure with an ASTM payload. */
static inline void
ad_astm(struct buf *f, unsigned counter)
{
	put8(f, 1 + 2 + 1 + 26), put8(f, 0x16);
	put8(f, 0xfa), put8(f, 0xff), put8(f, 0x0d);
	odid_body(f, counter);
}

/* Legacy ADV_NONCONN_IND: flags AD, then the service data. */
static inline void
ble4_pdu(struct buf *f)
{
	put32le(f, 0x8e89bed6);
	put8(f, 0x42); /* ADV_NONCONN_IND, TxAdd random */
	put8(f, 6 + 3 + 31);
	putn(f, ADVA, 6);
	put8(f, 2), put8(f, 0x01), put8(f, 0x06);
	ad_astm(f, 3);
	put8(f, 0x11), put8(f, 0x22), put8(f, 0x33); /* CRC */
}

/* AUX_ADV_IND with AdvA, ADI, AuxPtr, TxPower and two bytes of ACAD. */
static inline void
ble5_pdu(struct buf *f, bool ci)
{
	size_t lenpos;

	put32le(f, 0x8e89bed6);
	if (ci)
		put8(f, 0); /* S=8 */
	put8(f, 0x07);
	lenpos = f->n;
	put8(f, 0);
	put8(f, 1 + 6 + 2 + 3 + 1 + 2); /* extended header length, mode 0 */
	put8(f, 0x01 | 0x08 | 0x10 | 0x40);
	putn(f, ADVA, 6);
	put16le(f, 0x0e75);
	put8(f, 1), put8(f, 2), put8(f, 3);
	put8(f, 0x7f);
	put8(f, 0xaa), put8(f, 0xbb); /* ACAD */
	ad_astm(f, 9);
	f->b[lenpos] = (uint8_t)(f->n - lenpos - 1);
	put8(f, 0x11), put8(f, 0x22), put8(f, 0x33);
}

/* The nRF Sniffer header, as version 3 writes it for a Coded PHY
 * advertising packet (odid_bt5_lr_sample.pcapng, frame 1). */
static inline void
nordic_v3(struct buf *f, unsigned flags, unsigned ch)
{
	struct buf p = { .n = 0 };

	ble5_pdu(&p, true);
	put8(f, 3);
	put16le(f, (unsigned)(10 + p.n));
	put8(f, 3), put16le(f, 48659), put8(f, 2);
	put8(f, 10), put8(f, flags), put8(f, ch), put8(f, 53);
	put16le(f, 0), put32le(f, 2694177445u);
	putn(f, p.b, p.n);
}

#endif
