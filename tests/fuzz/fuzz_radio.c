/* SPDX-License-Identifier: MIT */
/* fuzz_radio.c - libFuzzer target for radio_decode() (radiotap, PPI,
 * 802.11, Bluetooth LE and its capture headers).
 *
 * Input: link(1) frame: the first byte selects the link type (modulo
 * the count of radio_links below), the rest is one frame, copied to a
 * buffer of exactly its size so that a read past it is caught in the
 * replay too. Every payload is read byte by byte and its struct radio
 * checked; a truncated or malformed frame must have been counted.
 * Seeds in corpus/radio/ are written by make_radio_seeds.py: crafted
 * frames, and the first frames of the drone captures of
 * ../shared/corpus/drone/ (opendroneid/wireshark-dissector, Apache-2.0;
 * cyber-defence-campus/RemoteIDReceiver, MIT; see
 * ../shared/corpus/SOURCES.md). */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "decode/radio.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const int radio_links[] = { 105, 127, 192, 251, 256, 272 };

struct fuzz_radio {
	const uint8_t *lo, *hi;   /* the frame */
	volatile unsigned sum;    /* volatile: the reads are not optimised out */
};

static void
fuzz_payload(void *ctx, const struct radio *r, enum air_payload kind,
    struct cur c)
{
	struct fuzz_radio *f = ctx;

	if (kind != AIRP_DJI && kind != AIRP_ODID)
		abort();
	if (r->carrier == AIR_NONE || r->carrier > AIR_OCUSYNC)
		abort();
	if (kind == AIRP_DJI && r->carrier != AIR_WIFI_BEACON)
		abort();
	if (r->ssid_len > sizeof r->ssid || cur_bad(&c) || c.p > c.end)
		abort();
	if (cur_left(&c) > 0 && (c.p < f->lo || c.end > f->hi))
		abort();
	for (const uint8_t *p = c.p; p < c.end; p++)
		f->sum += *p;
	for (size_t i = 0; i < r->ssid_len; i++)
		f->sum += r->ssid[i];
	for (size_t i = 0; i < sizeof r->tx; i++)
		f->sum += r->tx[i];
	f->sum += r->freq_mhz + (unsigned)(uint8_t)r->rssi_dbm;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct fuzz_radio f;
	struct radio_out out = { &f, fuzz_payload };
	struct stats st;
	uint8_t *frame;
	size_t n;
	int dlt;
	enum dec r;
	uint64_t counted = 0;

	if (size < 1)
		return 0;
	dlt = radio_links[data[0] % (sizeof radio_links /
	    sizeof radio_links[0])];
	n = size - 1;
	frame = malloc(n ? n : 1);
	if (frame == NULL)
		return 0;
	memcpy(frame, data + 1, n);
	memset(&st, 0, sizeof st);
	f.lo = frame;
	f.hi = frame + n;
	f.sum = 0;
	r = radio_decode(dlt, frame, n, 0, &out, &st);
	for (size_t i = 0; i < STAT_COUNT; i++)
		counted += st.n[i];
	if (r != DEC_OK && r != DEC_TRUNC && r != DEC_MALFORMED &&
	    r != DEC_UNSUPPORTED)
		abort();
	if ((r == DEC_TRUNC || r == DEC_MALFORMED) && counted == 0)
		abort();
	free(frame);
	return 0;
}
