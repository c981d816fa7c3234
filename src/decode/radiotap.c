/* SPDX-License-Identifier: MIT */
/* radiotap.c - the radiotap header (LINKTYPE_IEEE802_11_RADIOTAP, 127).
 *
 * Reference: https://www.radiotap.org (header, alignment, namespaces,
 * the defined fields); the Linux iterator net/wireless/radiotap.c for
 * the handling of namespaces.
 *
 *   version(1) = 0, pad(1), length(2, LE: the whole header), present(4,
 *   LE) [present(4) ... while bit 31 is set], then the fields of the set
 *   bits, in bit order, each aligned to its natural size counted from
 *   the start of the header; the 802.11 frame starts at 'length'.
 *
 * In a present word, bit 29 says the next word starts the radiotap
 * namespace again (field numbers restart at 0: per-antenna fields), bit
 * 30 that it starts a vendor namespace, whose 6-byte header (OUI 3,
 * sub-namespace 1, skip length 2 LE; aligned to 2) sits where field 30
 * would and is followed by 'skip length' bytes of vendor data, skipped
 * whole. A field whose size vigie does not know (field 28, TLVs, or any
 * field beyond those defined) ends the walk: nothing after it can be
 * located, but the frame still can, by the header length. Kept: Flags
 * (1), Channel (3), dBm antenna signal (5), XChannel (18) for the
 * frequency when Channel is absent. */
#include "radiolayer.h"

#include "../core/limits.h"

#define RT_FLAGS 1
#define RT_CHANNEL 3
#define RT_DBM_SIGNAL 5
#define RT_XCHANNEL 18
#define RT_TLV 28               /* TLVs to the end of the header */
#define RT_RADIOTAP_NS (1u << 29)
#define RT_VENDOR_NS (1u << 30)
#define RT_EXT (1u << 31)

#define RT_F_FCS 0x10           /* frame ends with its 4-byte FCS */
#define RT_F_BADFCS 0x40        /* and that FCS failed */

/* Alignment and size of the radiotap-namespace fields 0..27. */
static const struct {
	uint8_t align, size;
} rt_fields[] = {
	{ 8, 8 },   /* 0 TSFT */
	{ 1, 1 },   /* 1 Flags */
	{ 1, 1 },   /* 2 Rate */
	{ 2, 4 },   /* 3 Channel: frequency, flags */
	{ 2, 2 },   /* 4 FHSS */
	{ 1, 1 },   /* 5 dBm antenna signal */
	{ 1, 1 },   /* 6 dBm antenna noise */
	{ 2, 2 },   /* 7 Lock quality */
	{ 2, 2 },   /* 8 TX attenuation */
	{ 2, 2 },   /* 9 dB TX attenuation */
	{ 1, 1 },   /* 10 dBm TX power */
	{ 1, 1 },   /* 11 Antenna */
	{ 1, 1 },   /* 12 dB antenna signal */
	{ 1, 1 },   /* 13 dB antenna noise */
	{ 2, 2 },   /* 14 RX flags */
	{ 2, 2 },   /* 15 TX flags */
	{ 1, 1 },   /* 16 RTS retries */
	{ 1, 1 },   /* 17 data retries */
	{ 4, 8 },   /* 18 XChannel: flags 4, frequency 2, channel, power */
	{ 1, 3 },   /* 19 MCS */
	{ 4, 8 },   /* 20 A-MPDU status */
	{ 2, 12 },  /* 21 VHT */
	{ 8, 12 },  /* 22 timestamp */
	{ 2, 12 },  /* 23 HE */
	{ 2, 12 },  /* 24 HE-MU */
	{ 2, 6 },   /* 25 HE-MU-other-user */
	{ 1, 1 },   /* 26 0-length-PSDU */
	{ 2, 4 },   /* 27 L-SIG */
};

#define RT_NFIELDS (sizeof rt_fields / sizeof rt_fields[0])

/* The walk over the fields. */
struct rt_walk {
	struct cur hc;          /* the header; hc.p at the next field */
	const uint8_t *start;   /* start of the header, for alignment */
	uint8_t flags;          /* the Flags field, 0 if absent */
	bool has_flags;
	uint16_t xfreq;         /* XChannel frequency, 0 if absent */
};

/* Skip to the next multiple of a (a power of two) from the header start,
 * then take n bytes; NULL (and hc bad) if the header ends first. */
static const uint8_t *
rt_take(struct rt_walk *w, size_t a, size_t n)
{
	size_t off;

	if (cur_bad(&w->hc))
		return NULL;
	off = (size_t)(w->hc.p - w->start);
	if (!cur_skip(&w->hc, (a - (off & (a - 1))) & (a - 1)))
		return NULL;
	return cur_take(&w->hc, n);
}

/* Keep what vigie uses of radiotap-namespace field idx at q; the first
 * occurrence wins (later namespaces repeat fields per antenna). */
static void
rt_keep(struct rt_walk *w, unsigned idx, const uint8_t *q, struct radio *r)
{
	switch (idx) {
	case RT_FLAGS:
		if (!w->has_flags)
			w->flags = q[0], w->has_flags = true;
		break;
	case RT_CHANNEL:
		if (r->freq_mhz == 0)
			r->freq_mhz = le16(q);
		break;
	case RT_DBM_SIGNAL:
		if (!r->has_rssi)
			r->rssi_dbm = (int8_t)q[0], r->has_rssi = true;
		break;
	case RT_XCHANNEL:
		if (w->xfreq == 0)
			w->xfreq = le16(q + 4);
		break;
	default:
		break;
	}
}

/* The fields of the radiotap-namespace bits 0..28 of present word pw,
 * whose field numbers start at base. Returns 1 to go on, 0 when a field
 * cannot be sized (the walk ends, not an error), -1 when a field runs
 * past the header. */
static int
rt_word(struct rt_walk *w, uint32_t pw, unsigned base, struct radio *r)
{
	for (unsigned bit = 0; bit <= RT_TLV; bit++) {
		unsigned idx = base + bit;
		const uint8_t *q;

		if (!(pw & (1u << bit)))
			continue;
		if (bit == RT_TLV || idx >= RT_NFIELDS)
			return 0;
		q = rt_take(w, rt_fields[idx].align, rt_fields[idx].size);
		if (q == NULL)
			return -1;
		rt_keep(w, idx, q, r);
	}
	return 1;
}

/* Walk the fields of the n present words at pc. Returns false if the
 * header is impossible (a field past its end, or both namespace bits). */
static bool
rt_walk_fields(struct rt_walk *w, struct cur pc, unsigned n, struct radio *r)
{
	unsigned base = 0;
	bool vendor = false;

	for (unsigned i = 0; i < n; i++) {
		uint32_t pw = cur_le32(&pc);
		const uint8_t *v;

		if ((pw & RT_RADIOTAP_NS) && (pw & RT_VENDOR_NS))
			return false;
		if (!vendor) {
			int k = rt_word(w, pw, base, r);

			if (k < 0)
				return false;
			if (k == 0)
				return true;
		}
		/* Vendor words: their data was skipped with their header. */
		if (pw & RT_VENDOR_NS) {
			v = rt_take(w, 2, 6);
			if (v == NULL || !cur_skip(&w->hc, le16(v + 4)))
				return false;
			vendor = true;
			base = 0;
		} else if (pw & RT_RADIOTAP_NS) {
			vendor = false;
			base = 0;
		} else {
			base += 32;
		}
	}
	return true;
}

enum dec
radiotap_decode(struct cur c, struct radio *r, const struct radio_out *out,
    struct stats *st)
{
	struct rt_walk w = { c, c.p, 0, false, 0 };
	struct cur pc;
	uint8_t ver;
	uint16_t len;
	unsigned n = 0;
	uint32_t pw;

	ver = cur_u8(&c);
	(void)cur_u8(&c); /* pad */
	len = cur_le16(&c);
	if (cur_bad(&c)) {
		STAT_INC(st, RADIOTAP_TRUNC);
		return DEC_TRUNC;
	}
	if (ver != 0 || len < 8) {
		STAT_INC(st, RADIOTAP_MALFORMED);
		return DEC_MALFORMED;
	}
	if (!cur_clamp(&w.hc, len)) {
		STAT_INC(st, RADIOTAP_TRUNC);
		return DEC_TRUNC;
	}
	(void)cur_skip(&w.hc, 4);
	/* Present words: as many as bit 31 chains, within the header. */
	pc = w.hc;
	do
		pw = cur_le32(&w.hc);
	while (++n < RADIOTAP_MAX_WORDS && (pw & RT_EXT));
	if (cur_bad(&w.hc) || (pw & RT_EXT) ||
	    !rt_walk_fields(&w, pc, n, r)) {
		STAT_INC(st, RADIOTAP_MALFORMED);
		return DEC_MALFORMED;
	}
	if (r->freq_mhz == 0)
		r->freq_mhz = w.xfreq;
	(void)cur_skip(&c, (size_t)len - 4); /* the frame follows the header */
	if (w.flags & RT_F_BADFCS) {
		STAT_INC(st, WIFI_BAD_FCS);
		return DEC_MALFORMED;
	}
	if ((w.flags & RT_F_FCS) && !cur_trim(&c, 4)) {
		STAT_INC(st, WIFI_TRUNC);
		return DEC_TRUNC;
	}
	return ieee80211_decode(c, r, out, st);
}
