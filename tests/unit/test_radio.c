/* SPDX-License-Identifier: MIT */
/* test_radio.c - radio_decode() on hand-built 802.11 frames (beacons
 * and their elements, other frame types, radiotap, PPI, NAN service
 * discovery), every truncation of a good frame of every radio link type,
 * and the link type names. BLE and the nRF Sniffer header:
 * test_radio_ble.c; the public drone captures: test_radio_corpus.c. */
#include "radio_util.h"

static const uint8_t TA[6] = { 0x84, 0xcc, 0xa8, 0x60, 0x43, 0x24 };
static const uint8_t BCAST[6] = { 0xff, 0xff, 0xff, 0xff, 0xff, 0xff };

/* 802.11 management header of subtype sub from TA. */
static void
mgmt_hdr(struct buf *f, unsigned sub, unsigned fc1)
{
	put8(f, sub << 4);
	put8(f, fc1);
	put16le(f, 0);
	putn(f, BCAST, 6);
	putn(f, TA, 6);
	putn(f, TA, 6);
	put16le(f, 0x10);
}

static void
beacon_fixed(struct buf *f)
{
	for (unsigned i = 0; i < 8; i++)
		put8(f, i);
	put16le(f, 100);
	put16le(f, 0x0401);
}

static void
ie_ssid(struct buf *f, const char *s)
{
	put8(f, 0);
	put8(f, (unsigned)strlen(s));
	putn(f, s, strlen(s));
}

static void
ie_astm(struct buf *f, unsigned counter)
{
	put8(f, 221);
	put8(f, 4 + 26);
	put8(f, 0xfa), put8(f, 0x0b), put8(f, 0xbc), put8(f, 0x0d);
	odid_body(f, counter);
}

static void
ie_dji(struct buf *f)
{
	put8(f, 221);
	put8(f, 3 + 3 + 2 + 4);
	put8(f, 0x26), put8(f, 0x37), put8(f, 0x12);
	put8(f, 0x58), put8(f, 0x62), put8(f, 0x13);
	put8(f, 0x10), put8(f, 0x02); /* subcommand, version */
	put32le(f, 0x01020304);
}

/* A beacon: SSID, rates, ASTM vendor element. */
static void
beacon(struct buf *f)
{
	mgmt_hdr(f, 8, 0);
	beacon_fixed(f);
	ie_ssid(f, "GBR-OP-123ABCD");
	put8(f, 1), put8(f, 1), put8(f, 0x82);
	ie_astm(f, 7);
}

static void
beacon_astm(void **state)
{
	struct buf f = { .n = 0 };
	struct seen s;
	struct stats st;

	(void)state;
	beacon(&f);
	assert_int_equal(run(105, &f, &s, &st), DEC_OK);
	assert_int_equal(s.n, 1);
	assert_int_equal(s.kind[AIRP_ODID], 1);
	assert_int_equal(s.carrier[AIR_WIFI_BEACON], 1);
	assert_int_equal(s.len, 26);
	assert_int_equal(s.pay[0], 7); /* the counter */
	assert_true(s.last.has_tx);
	assert_memory_equal(s.last.tx, TA, 6);
	assert_int_equal(s.last.ssid_len, 14);
	assert_memory_equal(s.last.ssid, "GBR-OP-123ABCD", 14);
	assert_int_equal(s.last.ts_us, 1000);
	assert_int_equal(s.last.freq_mhz, 0);
	assert_false(s.last.has_rssi);

	/* A probe response reads the same. */
	f.b[0] = 5 << 4;
	assert_int_equal(run(105, &f, &s, &st), DEC_OK);
	assert_int_equal(s.kind[AIRP_ODID], 1);
}

/* The SSID is known when a payload leaves, even when it comes after the
 * vendor element; a DJI element needs its 58 62 13. */
static void
ssid_after_vendor_dji(void **state)
{
	struct buf f = { .n = 0 };
	struct seen s;
	struct stats st;

	(void)state;
	mgmt_hdr(&f, 8, 0);
	beacon_fixed(&f);
	ie_dji(&f);
	ie_ssid(&f, "fabiassid");
	assert_int_equal(run(105, &f, &s, &st), DEC_OK);
	assert_int_equal(s.kind[AIRP_DJI], 1);
	assert_int_equal(s.len, 3 + 2 + 4);
	assert_int_equal(s.pay[0], 0x58);
	assert_int_equal(s.pay[2], 0x13);
	assert_int_equal(s.pay[3], 0x10);
	assert_int_equal(s.last.ssid_len, 9);
	assert_memory_equal(s.last.ssid, "fabiassid", 9);

	/* Same OUI, other content: not DroneID. */
	f.b[24 + 12 + 5] = 0x59;
	assert_int_equal(run(105, &f, &s, &st), DEC_OK);
	assert_int_equal(s.n, 0);
}

/* A bogus element length: what precedes it is used, what follows is
 * lost, and the chain is counted once. */
static void
ie_bogus_length(void **state)
{
	struct buf f = { .n = 0 }, g;
	struct seen s;
	struct stats st;

	(void)state;
	mgmt_hdr(&f, 8, 0);
	beacon_fixed(&f);
	g = f;
	ie_ssid(&f, "x");
	ie_astm(&f, 1);
	put8(&f, 48), put8(&f, 200), put8(&f, 1); /* RSN, 200 claimed */
	assert_int_equal(run(105, &f, &s, &st), DEC_OK);
	assert_int_equal(s.kind[AIRP_ODID], 1);
	assert_int_equal(st.n[STAT_WIFI_IE_MALFORMED], 1);

	put8(&g, 48), put8(&g, 200), put8(&g, 1);
	ie_astm(&g, 1);
	assert_int_equal(run(105, &g, &s, &st), DEC_OK);
	assert_int_equal(s.n, 0);
	assert_int_equal(st.n[STAT_WIFI_IE_MALFORMED], 1);

	/* An SSID over 32 bytes is refused, the rest still read. */
	f.n = g.n = 0;
	mgmt_hdr(&f, 8, 0);
	beacon_fixed(&f);
	ie_ssid(&f, "0123456789012345678901234567890123");
	ie_astm(&f, 2);
	assert_int_equal(run(105, &f, &s, &st), DEC_OK);
	assert_int_equal(s.kind[AIRP_ODID], 1);
	assert_int_equal(s.last.ssid_len, 0);
	assert_int_equal(st.n[STAT_WIFI_IE_MALFORMED], 1);
}

/* Frames that carry no broadcast, and an impossible one. */
static void
other_frames(void **state)
{
	struct buf f = { .n = 0 };
	struct seen s;
	struct stats st;

	(void)state;
	beacon(&f);
	f.b[0] = 0x08; /* data */
	assert_int_equal(run(105, &f, &s, &st), DEC_UNSUPPORTED);
	f.b[0] = 0xd4; /* control: ACK */
	assert_int_equal(run(105, &f, &s, &st), DEC_UNSUPPORTED);
	f.b[0] = 0x40; /* probe request */
	assert_int_equal(run(105, &f, &s, &st), DEC_UNSUPPORTED);
	f.b[0] = 0x80, f.b[1] = 0x40; /* protected beacon */
	assert_int_equal(run(105, &f, &s, &st), DEC_UNSUPPORTED);
	f.b[0] = 0x81, f.b[1] = 0; /* protocol version 1 */
	assert_int_equal(run(105, &f, &s, &st), DEC_MALFORMED);
	assert_int_equal(st.n[STAT_WIFI_MALFORMED], 1);
	assert_int_equal(s.n, 0);
	f.b[0] = 0x80, f.b[1] = 0x80; /* Order: 4 bytes of HT control */
	assert_int_equal(run(105, &f, &s, &st), DEC_OK);
	assert_int_equal(s.n, 0); /* the body is read 4 bytes late */
}

/* A radiotap header over f's frame: two present words (so TSFT needs 4
 * bytes of padding), a second radiotap namespace repeating the signal. */
static void
radiotap2(struct buf *rt, unsigned flags)
{
	size_t lenpos;

	put8(rt, 0), put8(rt, 0);
	lenpos = rt->n;
	put16le(rt, 0);
	put32le(rt, 1u << 0 | 1u << 1 | 1u << 3 | 1u << 5 | 1u << 29 |
	    1u << 31);
	put32le(rt, 1u << 5 | 1u << 11);
	pad_to(rt, 8);
	assert_int_equal(rt->n, 16);
	for (unsigned i = 0; i < 8; i++)
		put8(rt, 0xee); /* TSFT */
	put8(rt, flags);
	pad_to(rt, 2);
	put16le(rt, 2437), put16le(rt, 0x00a0);
	put8(rt, (uint8_t)-42); /* dBm signal */
	put8(rt, (uint8_t)-50); /* antenna 0 signal */
	put8(rt, 0);            /* antenna 0 */
	rt->b[lenpos] = (uint8_t)rt->n;
}

static void
radiotap_fields(void **state)
{
	struct buf f = { .n = 0 };
	struct seen s;
	struct stats st;
	size_t hl;

	(void)state;
	radiotap2(&f, 0);
	hl = f.n;
	beacon(&f);
	assert_int_equal(run(127, &f, &s, &st), DEC_OK);
	assert_int_equal(s.kind[AIRP_ODID], 1);
	assert_int_equal(s.last.freq_mhz, 2437);
	assert_true(s.last.has_rssi);
	assert_int_equal(s.last.rssi_dbm, -42);
	assert_memory_equal(s.last.tx, TA, 6);

	/* FCS at the end: stripped (else it would break the chain). */
	f.b[24] = 0x10;
	put8(&f, 0xdd), put8(&f, 0x30), put8(&f, 1), put8(&f, 2);
	assert_int_equal(run(127, &f, &s, &st), DEC_OK);
	assert_int_equal(s.kind[AIRP_ODID], 1);
	assert_int_equal(st.n[STAT_WIFI_IE_MALFORMED], 0);

	/* Bad FCS: counted and dropped. */
	f.b[24] = 0x50;
	assert_int_equal(run(127, &f, &s, &st), DEC_MALFORMED);
	assert_int_equal(st.n[STAT_WIFI_BAD_FCS], 1);
	assert_int_equal(s.n, 0);

	/* A header too short for its fields. */
	f.b[24] = 0;
	f.b[2] = (uint8_t)(hl - 2);
	assert_int_not_equal(run(127, &f, &s, &st), DEC_OK);
	assert_int_equal(st.n[STAT_RADIOTAP_MALFORMED], 1);

	/* Version 1, length below 8. */
	f.b[2] = (uint8_t)hl, f.b[0] = 1;
	assert_int_equal(run(127, &f, &s, &st), DEC_MALFORMED);
	f.b[0] = 0, f.b[2] = 6;
	assert_int_equal(run(127, &f, &s, &st), DEC_MALFORMED);
	assert_int_equal(st.n[STAT_RADIOTAP_MALFORMED], 1);
}

/* Three present words: a vendor namespace is skipped whole; a field
 * vigie cannot size ends the walk but not the frame. */
static void
radiotap_namespaces(void **state)
{
	struct buf f = { .n = 0 };
	struct seen s;
	struct stats st;

	(void)state;
	put8(&f, 0), put8(&f, 0), put16le(&f, 0);
	put32le(&f, 1u << 2 | 1u << 5 | 1u << 30 | 1u << 31); /* rate, signal */
	put32le(&f, 1u << 0 | 1u << 7 | 1u << 29 | 1u << 31); /* vendor bits */
	put32le(&f, 1u << 3);  /* radiotap again: channel */
	put8(&f, 2);           /* rate */
	put8(&f, (uint8_t)-61);
	pad_to(&f, 2);
	put8(&f, 0x00), put8(&f, 0x11), put8(&f, 0x22), put8(&f, 0);
	put16le(&f, 5);        /* skip length */
	for (unsigned i = 0; i < 5; i++)
		put8(&f, 0x5a);
	pad_to(&f, 2);
	put16le(&f, 5180), put16le(&f, 0x0140);
	f.b[2] = (uint8_t)f.n;
	beacon(&f);
	assert_int_equal(run(127, &f, &s, &st), DEC_OK);
	assert_int_equal(s.kind[AIRP_ODID], 1);
	assert_int_equal(s.last.freq_mhz, 5180);
	assert_int_equal(s.last.rssi_dbm, -61);

	/* Bit 28 (TLVs follow) in the first word: the walk stops there,
	 * before the vendor namespace and the channel, not the frame. */
	f.b[7] |= 0x10;
	assert_int_equal(run(127, &f, &s, &st), DEC_OK);
	assert_int_equal(s.kind[AIRP_ODID], 1);
	assert_int_equal(s.last.freq_mhz, 0);
	assert_int_equal(s.last.rssi_dbm, -61);
	/* So does a field beyond those defined (bit 2 of a continuation of
	 * the radiotap namespace: field 34). */
	f.b[7] = 0x80, f.b[11] = 0x80, f.b[8] = 0x04;
	assert_int_equal(run(127, &f, &s, &st), DEC_OK);
	assert_int_equal(s.kind[AIRP_ODID], 1);
	assert_int_equal(s.last.freq_mhz, 0);
	assert_int_equal(st.n[STAT_RADIOTAP_MALFORMED], 0);

	/* Both namespace bits in one word: impossible. */
	f.b[7] = 0x40 | 0x20 | 0x80;
	assert_int_equal(run(127, &f, &s, &st), DEC_MALFORMED);
	assert_int_equal(st.n[STAT_RADIOTAP_MALFORMED], 1);
}

/* Present words chained beyond the bound, or past the header. */
static void
radiotap_chain_bound(void **state)
{
	struct buf f = { .n = 0 };
	struct seen s;
	struct stats st;

	(void)state;
	put8(&f, 0), put8(&f, 0), put16le(&f, 4 + 4 * 9);
	for (unsigned i = 0; i < 9; i++)
		put32le(&f, 1u << 31);
	beacon(&f);
	assert_int_equal(run(127, &f, &s, &st), DEC_MALFORMED);
	assert_int_equal(st.n[STAT_RADIOTAP_MALFORMED], 1);
	f.b[2] = 12; /* two words, both chaining: the header ends first */
	assert_int_equal(run(127, &f, &s, &st), DEC_MALFORMED);
	/* Longer than the frame. */
	f.b[2] = 4 + 4 * 9;
	f.n = 20;
	assert_int_equal(run(127, &f, &s, &st), DEC_TRUNC);
	assert_int_equal(st.n[STAT_RADIOTAP_TRUNC], 1);
	/* Seven words chaining, an eighth ending the chain: fine. */
	f.n = 0;
	put8(&f, 0), put8(&f, 0), put16le(&f, 4 + 4 * 8);
	for (unsigned i = 0; i < 8; i++)
		put32le(&f, i < 7 ? 1u << 31 : 0);
	beacon(&f);
	assert_int_equal(run(127, &f, &s, &st), DEC_OK);
	assert_int_equal(s.kind[AIRP_ODID], 1);
}

/* PPI with an unrelated field, 32-bit alignment, then 802.11-common. */
static void
ppi_header(struct buf *f, unsigned cflags)
{
	put8(f, 0), put8(f, 1), put16le(f, 0), put32le(f, 105);
	put16le(f, 3), put16le(f, 1), put8(f, 0); /* 802.11n MAC, bogus */
	pad_to(f, 4);
	put16le(f, 2), put16le(f, 20);
	for (unsigned i = 0; i < 8; i++)
		put8(f, 0);
	put16le(f, cflags), put16le(f, 2);
	put16le(f, 2412), put16le(f, 0x00a0);
	put8(f, 0), put8(f, 0), put8(f, (uint8_t)-70), put8(f, (uint8_t)-95);
	f->b[2] = (uint8_t)f->n;
}

static void
ppi_beacon(void **state)
{
	struct buf f = { .n = 0 };
	struct seen s;
	struct stats st;

	(void)state;
	ppi_header(&f, 0x0001);
	beacon(&f);
	put32le(&f, 0xdeadbeef); /* the FCS */
	assert_int_equal(run(192, &f, &s, &st), DEC_OK);
	assert_int_equal(s.kind[AIRP_ODID], 1);
	assert_int_equal(s.last.freq_mhz, 2412);
	assert_int_equal(s.last.rssi_dbm, -70);
	assert_int_equal(st.n[STAT_WIFI_IE_MALFORMED], 0);
	f.b[28] = 0x05; /* FCS invalid */
	assert_int_equal(run(192, &f, &s, &st), DEC_MALFORMED);
	assert_int_equal(st.n[STAT_WIFI_BAD_FCS], 1);
	f.b[28] = 0x01;
	f.b[4] = 127; /* not an 802.11 frame */
	assert_int_equal(run(192, &f, &s, &st), DEC_UNSUPPORTED);
}

/* A NAN service discovery frame: an attribute before, then a Service
 * Descriptor attribute with the optional fields of ctl. */
static void
nan_sdf(struct buf *f, const uint8_t sid[6], unsigned ctl, unsigned silen)
{
	size_t lenpos;

	mgmt_hdr(f, 13, 0);
	put8(f, 4), put8(f, 9);
	put8(f, 0x50), put8(f, 0x6f), put8(f, 0x9a), put8(f, 0x13);
	put8(f, 0x0e), put16le(f, 3), put8(f, 1), put16le(f, 0x0200);
	put8(f, 0x03);
	lenpos = f->n;
	put16le(f, 0);
	putn(f, sid, 6);
	put8(f, 1), put8(f, 0), put8(f, ctl);
	if (ctl & 0x40)
		put16le(f, 0xffff);
	if (ctl & 0x04)
		put8(f, 2), put8(f, 1), put8(f, 0x41);
	if (ctl & 0x08)
		put8(f, 1), put8(f, 0);
	if (ctl & 0x10) {
		put8(f, silen);
		odid_body(f, 0x22);
	}
	f->b[lenpos] = (uint8_t)(f->n - lenpos - 2);
}

static const uint8_t ODID_SID[6] = { 0x88, 0x69, 0x19, 0x9d, 0x92, 0x09 };

static void
nan_service_info(void **state)
{
	static const uint8_t other[6] = { 1, 2, 3, 4, 5, 6 };
	struct buf f = { .n = 0 };
	struct seen s;
	struct stats st;

	(void)state;
	nan_sdf(&f, ODID_SID, 0x10, 26);
	assert_int_equal(run(105, &f, &s, &st), DEC_OK);
	assert_int_equal(s.kind[AIRP_ODID], 1);
	assert_int_equal(s.carrier[AIR_WIFI_NAN], 1);
	assert_int_equal(s.len, 26);
	assert_int_equal(s.pay[0], 0x22);
	assert_memory_equal(s.last.tx, TA, 6);

	f.n = 0; /* binding bitmap, matching filter, response filter */
	nan_sdf(&f, ODID_SID, 0x10 | 0x40 | 0x04 | 0x08 | 0x20, 26);
	assert_int_equal(run(105, &f, &s, &st), DEC_OK);
	assert_int_equal(s.kind[AIRP_ODID], 1);
	assert_int_equal(s.pay[0], 0x22);
	assert_int_equal(s.pay[1], 0x00);

	f.n = 0; /* another service */
	nan_sdf(&f, other, 0x10, 26);
	assert_int_equal(run(105, &f, &s, &st), DEC_OK);
	assert_int_equal(s.n, 0);

	f.n = 0; /* no service info */
	nan_sdf(&f, ODID_SID, 0x00, 0);
	assert_int_equal(run(105, &f, &s, &st), DEC_OK);
	assert_int_equal(s.n, 0);

	f.n = 0; /* service info longer than its attribute */
	nan_sdf(&f, ODID_SID, 0x10, 27);
	assert_int_equal(run(105, &f, &s, &st), DEC_OK);
	assert_int_equal(s.n, 0);
	assert_int_equal(st.n[STAT_NAN_MALFORMED], 1);

	f.n = 0; /* an attribute longer than the frame */
	nan_sdf(&f, ODID_SID, 0x10, 26);
	f.n -= 3;
	assert_int_equal(run(105, &f, &s, &st), DEC_OK);
	assert_int_equal(s.n, 0);
	assert_int_equal(st.n[STAT_NAN_MALFORMED], 1);

	f.n = 0; /* other action frames */
	nan_sdf(&f, ODID_SID, 0x10, 26);
	f.b[24] = 3;
	assert_int_equal(run(105, &f, &s, &st), DEC_UNSUPPORTED);
	f.b[24] = 4, f.b[29] = 0x12;
	assert_int_equal(run(105, &f, &s, &st), DEC_UNSUPPORTED);
}

/* Every prefix of every good frame: never a read outside it (the copy
 * is exactly n bytes, so ASan sees any), never a payload outside it,
 * and the whole frame decodes. */
static void
every_truncation(void **state)
{
	struct buf fr[7];
	const int dlt[7] = { 127, 127, 192, 105, 251, 256, 272 };

	(void)state;
	memset(fr, 0, sizeof fr);
	radiotap2(&fr[0], 0x10);
	beacon(&fr[0]);
	put32le(&fr[0], 0);
	put8(&fr[1], 0), put8(&fr[1], 0), put16le(&fr[1], 8), put32le(&fr[1], 0);
	nan_sdf(&fr[1], ODID_SID, 0x10 | 0x40 | 0x04 | 0x08, 26);
	ppi_header(&fr[2], 0);
	beacon(&fr[2]);
	mgmt_hdr(&fr[3], 8, 0);
	beacon_fixed(&fr[3]);
	ie_dji(&fr[3]);
	ie_ssid(&fr[3], "fabiassid");
	ble4_pdu(&fr[4]);
	put8(&fr[5], 37), put8(&fr[5], 0), put8(&fr[5], 0), put8(&fr[5], 0);
	put32le(&fr[5], 0), put16le(&fr[5], 2u << 14);
	ble5_pdu(&fr[5], true);
	nordic_v3(&fr[6], 0x21, 10);
	for (unsigned k = 0; k < 7; k++) {
		for (size_t n = 0; n <= fr[k].n; n++) {
			uint8_t *b = test_malloc(n ? n : 1);
			struct seen s;
			struct stats st;
			enum dec r;

			memcpy(b, fr[k].b, n);
			r = run_bytes(dlt[k], b, n, &s, &st);
			assert_true(r == DEC_OK || r == DEC_TRUNC ||
			    r == DEC_MALFORMED || r == DEC_UNSUPPORTED);
			if (n == fr[k].n) {
				assert_int_equal(r, DEC_OK);
				assert_int_equal(s.n, 1);
			}
			test_free(b);
		}
	}
}

static void
link_names(void **state)
{
	const char *name = NULL;
	struct stats st;

	(void)state;
	assert_true(radio_link(127, &name));
	assert_string_equal(name, "802.11-radiotap");
	assert_true(radio_link(105, NULL));
	assert_true(radio_link(192, NULL));
	assert_true(radio_link(251, NULL));
	assert_true(radio_link(256, NULL));
	assert_true(radio_link(272, &name));
	assert_string_equal(name, "ble-nordic");
	assert_false(radio_link(1, NULL));
	memset(&st, 0, sizeof st);
	assert_int_equal(radio_decode(1, NULL, 0, 0, NULL, &st),
	    DEC_UNSUPPORTED);
	assert_int_equal(st.n[STAT_LINK_UNSUPPORTED], 1);
	/* No receiver: decoded all the same. */
	assert_int_equal(radio_decode(251, (const uint8_t *)"\xd6\xbe\x89\x8e"
	    "\x02\x06\1\2\3\4\5\6", 12, 0, NULL, &st), DEC_OK);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(beacon_astm),
		cmocka_unit_test(ssid_after_vendor_dji),
		cmocka_unit_test(ie_bogus_length),
		cmocka_unit_test(other_frames),
		cmocka_unit_test(radiotap_fields),
		cmocka_unit_test(radiotap_namespaces),
		cmocka_unit_test(radiotap_chain_bound),
		cmocka_unit_test(ppi_beacon),
		cmocka_unit_test(nan_service_info),
		cmocka_unit_test(every_truncation),
		cmocka_unit_test(link_names),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
