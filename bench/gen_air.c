/* SPDX-License-Identifier: MIT */
/* gen_air.c - deterministic 802.11 monitor-mode capture for the airspace
 * benchmark.
 *
 * Output: classic pcap, LINKTYPE_IEEE802_11_RADIOTAP (127), each frame a
 * radiotap header (Flags, Rate, Channel, dBm signal: 15 bytes) and an
 * 802.11 beacon. What a sensor on a rooftop hears on one channel:
 *
 *   90 %  beacons of AP_COUNT ordinary access points (SSID, rates, DS,
 *         TIM, RSN, WMM vendor element, HT capabilities)
 *    8 %  ASTM F3411 Remote ID beacons of ASTM_COUNT drones (vendor IE
 *         FA:0B:BC 0D, a Message Pack of Basic ID + Location + System),
 *         each drone flying a slow circle
 *    2 %  DJI DroneID beacons (vendor IE 26:37:12, telemetry version 2)
 *         of DJI_COUNT drones
 *
 * usage: vigie-bench-air [-n FRAMES] -o FILE. Only integer arithmetic and
 * a fixed PRNG: the same arguments always give the same bytes. */
#define _POSIX_C_SOURCE 200809L

#include <errno.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define AP_COUNT 200
#define ASTM_COUNT 20
#define DJI_COUNT 5
#define EPOCH_S 1767600000u /* 2026-01-05T08:00:00Z */
#define GAP_US 97u          /* about 10,000 frames a second */

static uint64_t rng = 0x61697276696769ull;

static uint32_t
rnd(void)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return (uint32_t)(rng >> 16);
}

struct buf {
	uint8_t b[512];
	size_t n;
};

static void
put(struct buf *b, const void *p, size_t n)
{
	memcpy(b->b + b->n, p, n);
	b->n += n;
}

static void
u8(struct buf *b, unsigned v)
{
	b->b[b->n++] = (uint8_t)v;
}

static void
le16(struct buf *b, unsigned v)
{
	u8(b, v & 0xff);
	u8(b, (v >> 8) & 0xff);
}

static void
le32(struct buf *b, uint32_t v)
{
	le16(b, v & 0xffff);
	le16(b, v >> 16);
}

static void
ie(struct buf *b, unsigned id, const void *p, size_t n)
{
	u8(b, id);
	u8(b, (unsigned)n);
	put(b, p, n);
}

/* Radiotap header and beacon header from transmitter mac. */
static void
beacon_head(struct buf *b, const uint8_t *mac, unsigned seq, int signal)
{
	static const uint8_t rt[8] = { 0, 0, 15, 0, 0x2e, 0, 0, 0 };
	static const uint8_t bc[6] = { 0xff, 0xff, 0xff, 0xff, 0xff, 0xff };

	b->n = 0;
	put(b, rt, sizeof rt);
	u8(b, 0);          /* flags */
	u8(b, 2);          /* 1 Mb/s */
	le16(b, 2437);     /* channel 6 */
	le16(b, 0x00a0);   /* 2 GHz, CCK */
	u8(b, (unsigned)(signal & 0xff));
	le16(b, 0x0080);   /* beacon */
	le16(b, 0);
	put(b, bc, 6);
	put(b, mac, 6);
	put(b, mac, 6);
	le16(b, (seq & 0xfff) << 4);
	for (int i = 0; i < 8; i++)
		u8(b, rnd() & 0xff); /* TSF */
	le16(b, 100);
	le16(b, 0x0411);
}

static void
ap_beacon(struct buf *b, unsigned ap, unsigned seq)
{
	static const uint8_t rates[8] = { 0x82, 0x84, 0x8b, 0x96, 0x0c,
		0x12, 0x18, 0x24 };
	static const uint8_t rsn[20] = { 1, 0, 0, 0x0f, 0xac, 4, 1, 0, 0,
		0x0f, 0xac, 4, 1, 0, 0, 0x0f, 0xac, 2, 0x0c, 0 };
	static const uint8_t wmm[24] = { 0, 0x50, 0xf2, 2, 1, 1, 0x80, 0,
		3, 0xa4, 0, 0, 0x27, 0xa4, 0, 0, 0x42, 0x43, 0x5e, 0, 0x62,
		0x32, 0x2f, 0 };
	uint8_t mac[6] = { 0x00, 0x1a, 0x2b, 0x00, (uint8_t)(ap >> 8),
		(uint8_t)ap };
	uint8_t ht[26] = { 0xef, 0x19, 0x1b, 0xff, 0xff };
	uint8_t tim[4] = { 0, 1, 0, 0 };
	uint8_t ds = 6;
	char ssid[32];
	int n = snprintf(ssid, sizeof ssid, "office-net-%03u", ap);

	beacon_head(b, mac, seq, -40 - (int)(ap % 50));
	ie(b, 0, ssid, (size_t)n);
	ie(b, 1, rates, sizeof rates);
	ie(b, 3, &ds, 1);
	ie(b, 5, tim, sizeof tim);
	ie(b, 48, rsn, sizeof rsn);
	ie(b, 45, ht, sizeof ht);
	ie(b, 221, wmm, sizeof wmm);
}

/* Position on a 300 m circle around the drone's centre at time t. */
static void
circle(unsigned d, uint64_t t_us, int32_t *lat_e7, int32_t *lon_e7)
{
	double a = (double)(t_us / 1000000u % 360u) * M_PI / 180.0;
	double clat = 48.80 + d * 0.002, clon = 2.30 + d * 0.003;

	*lat_e7 = (int32_t)lround((clat + 300.0 / 111195.0 * sin(a)) * 1e7);
	*lon_e7 = (int32_t)lround((clon + 300.0 / 73200.0 * cos(a)) * 1e7);
}

static void
astm_beacon(struct buf *b, unsigned d, unsigned seq, uint64_t t_us)
{
	uint8_t mac[6] = { 0x02, 0xd0, 0, 0, 0, (uint8_t)d };
	uint8_t body[3 + 1 + 1 + 3 + 3 * 25];
	char id[21];
	int32_t lat, lon;
	struct buf m = { { 0 }, 0 };

	circle(d, t_us, &lat, &lon);
	snprintf(id, sizeof id, "1596F%015u", d);
	beacon_head(b, mac, seq, -70);
	ie(b, 0, "RID-drone", 9);
	put(&m, (const uint8_t[]){ 0xfa, 0x0b, 0xbc, 0x0d }, 4);
	u8(&m, seq & 0xff);                /* counter */
	u8(&m, 0xf2);                      /* pack, version 2 */
	u8(&m, 25);
	u8(&m, 3);
	u8(&m, 0x02);                      /* Basic ID */
	u8(&m, 0x12);                      /* serial, multirotor */
	put(&m, id, 20);
	put(&m, (const uint8_t[3]){ 0 }, 3);
	u8(&m, 0x12);                      /* Location */
	u8(&m, 0x20);                      /* airborne */
	u8(&m, (unsigned)(t_us / 1000000u % 180u));
	u8(&m, 40);                        /* 10 m/s */
	u8(&m, 0);
	le32(&m, (uint32_t)lat);
	le32(&m, (uint32_t)lon);
	le16(&m, (unsigned)((100 + 1000) * 2));
	le16(&m, (unsigned)((150 + 1000) * 2));
	le16(&m, (unsigned)((60 + 1000) * 2));
	u8(&m, 0x3b);
	u8(&m, 0x24);
	le16(&m, (unsigned)(t_us / 100000u % 36000u));
	u8(&m, 1);
	u8(&m, 0);
	u8(&m, 0x42);                      /* System */
	u8(&m, 0x05);                      /* EU, live operator position */
	le32(&m, (uint32_t)(int32_t)lround((48.80 + d * 0.002) * 1e7));
	le32(&m, (uint32_t)(int32_t)lround((2.30 + d * 0.003) * 1e7));
	le16(&m, 1);
	u8(&m, 0);
	le16(&m, 0);
	le16(&m, 0);
	u8(&m, 0x12);
	le16(&m, (unsigned)((40 + 1000) * 2));
	le32(&m, (uint32_t)(t_us / 1000000u - 1546300800u));
	u8(&m, 0);
	memcpy(body, m.b, m.n);
	ie(b, 221, body, m.n);
}

static void
dji_beacon(struct buf *b, unsigned d, unsigned seq, uint64_t t_us)
{
	uint8_t mac[6] = { 0x60, 0x60, 0x1f, 0, 0, (uint8_t)d };
	const double k = 1e7 * M_PI / 180.0;
	int32_t lat, lon;
	char serial[17];
	struct buf m = { { 0 }, 0 };

	circle(ASTM_COUNT + d, t_us, &lat, &lon);
	snprintf(serial, sizeof serial, "3YTBJ7R0A1%06u", d);
	beacon_head(b, mac, seq, -65);
	ie(b, 0, "DJI-drone", 9);
	put(&m, (const uint8_t[]){ 0x26, 0x37, 0x12, 0x58, 0x62, 0x13 }, 6);
	u8(&m, 0x10);
	u8(&m, 2);
	le16(&m, seq);
	le16(&m, 0x1fff);
	put(&m, serial, 16);
	le32(&m, (uint32_t)(int32_t)lround(lon / 1e7 * k));
	le32(&m, (uint32_t)(int32_t)lround(lat / 1e7 * k));
	le16(&m, 150);
	le16(&m, 600);
	le16(&m, 700);
	le16(&m, 0xfc18);
	le16(&m, 0);
	le16(&m, 9000);
	for (int i = 0; i < 8; i++)
		u8(&m, (unsigned)((t_us / 1000u) >> (8 * i)) & 0xff);
	le32(&m, (uint32_t)(int32_t)lround((48.80 + d * 0.002) * k));
	le32(&m, (uint32_t)(int32_t)lround((2.30 + d * 0.003) * k));
	le32(&m, (uint32_t)(int32_t)lround((2.30 + d * 0.003) * k));
	le32(&m, (uint32_t)(int32_t)lround((48.80 + d * 0.002) * k));
	u8(&m, 58);
	u8(&m, 0);
	put(&m, (const uint8_t[20]){ 0 }, 20);
	ie(b, 221, m.b, m.n);
}

int
main(int argc, char **argv)
{
	unsigned long n = 500000;
	const char *out = NULL;
	struct buf b;
	FILE *f;
	int c;

	while ((c = getopt(argc, argv, "n:o:")) != -1) {
		if (c == 'n')
			n = strtoul(optarg, NULL, 10);
		else if (c == 'o')
			out = optarg;
		else
			return 2;
	}
	if (out == NULL || n == 0) {
		fprintf(stderr, "usage: vigie-bench-air [-n FRAMES] -o FILE\n");
		return 2;
	}
	if ((f = fopen(out, "wb")) == NULL) {
		fprintf(stderr, "vigie-bench-air: %s: %s\n", out, strerror(errno));
		return 1;
	}
	{
		struct buf h = { { 0 }, 0 };
		le32(&h, 0xa1b2c3d4);
		le16(&h, 2);
		le16(&h, 4);
		le32(&h, 0);
		le32(&h, 0);
		le32(&h, 65535);
		le32(&h, 127);
		fwrite(h.b, 1, h.n, f);
	}
	for (unsigned long i = 0; i < n; i++) {
		uint64_t t = (uint64_t)EPOCH_S * 1000000u + i * GAP_US;
		unsigned r = rnd() % 100, seq = (unsigned)(i & 0xffff);
		struct buf h = { { 0 }, 0 };

		if (r < 90)
			ap_beacon(&b, rnd() % AP_COUNT, seq);
		else if (r < 98)
			astm_beacon(&b, rnd() % ASTM_COUNT, seq, t);
		else
			dji_beacon(&b, rnd() % DJI_COUNT, seq, t);
		le32(&h, (uint32_t)(t / 1000000u));
		le32(&h, (uint32_t)(t % 1000000u));
		le32(&h, (uint32_t)b.n);
		le32(&h, (uint32_t)b.n);
		fwrite(h.b, 1, h.n, f);
		fwrite(b.b, 1, b.n, f);
	}
	if (fclose(f) != 0) {
		fprintf(stderr, "vigie-bench-air: %s: write failed\n", out);
		return 1;
	}
	return 0;
}
