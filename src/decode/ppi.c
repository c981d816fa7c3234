/* SPDX-License-Identifier: MIT */
/* ppi.c - the Per-Packet Information header (LINKTYPE_PPI, 192).
 *
 * Reference: CACE Technologies, "Per-Packet Information Header
 * Specification" 1.0.7; Wireshark's PPI dissector for the field flags.
 *
 *   version(1) = 0, flags(1: bit 0 = fields 32-bit aligned), length(2,
 *   LE: the whole header), dlt(4, LE: the frame's link type), then
 *   fields: type(2, LE) length(2, LE) data, each padded to 4 bytes when
 *   aligned; the frame starts at 'length'.
 *
 * Field type 2, 802.11-common (20 bytes): TSF timer 8, flags 2 (0x0001
 * FCS present at the end of the frame, 0x0004 FCS invalid), rate 2,
 * channel frequency 2 (MHz), channel flags 2, FHSS hop set 1, FHSS
 * pattern 1, dBm antenna signal 1 (-128, and in practice 0, unknown),
 * dBm antenna noise 1. Only 802.11 frames (dlt 105) are read. */
#include "radiolayer.h"

#include "../core/limits.h"

#define PPI_ALIGNED 0x01
#define PPI_DLT_80211 105
#define PPI_FIELD_COMMON 2
#define PPI_COMMON_LEN 20
#define PPI_C_FCS 0x0001
#define PPI_C_BADFCS 0x0004

/* The 802.11-common field: frequency and signal into r, FCS flags out. */
static void
ppi_common(struct cur f, struct radio *r, uint16_t *flags)
{
	uint16_t freq;
	int8_t sig;

	(void)cur_skip(&f, 8); /* TSF timer */
	*flags = cur_le16(&f);
	(void)cur_skip(&f, 2); /* rate */
	freq = cur_le16(&f);
	(void)cur_skip(&f, 4); /* channel flags, FHSS */
	sig = (int8_t)cur_u8(&f);
	if (cur_bad(&f))
		return;
	r->freq_mhz = freq;
	if (sig != -128 && sig != 0)
		r->rssi_dbm = sig, r->has_rssi = true;
}

enum dec
ppi_decode(struct cur c, struct radio *r, const struct radio_out *out,
    struct stats *st)
{
	struct cur h = c;
	uint8_t ver, pflags;
	uint16_t len, cflags = 0;
	uint32_t dlt;
	unsigned i;

	ver = cur_u8(&h);
	pflags = cur_u8(&h);
	len = cur_le16(&h);
	dlt = cur_le32(&h);
	if (cur_bad(&h)) {
		STAT_INC(st, PPI_TRUNC);
		return DEC_TRUNC;
	}
	if (ver != 0 || len < 8) {
		STAT_INC(st, PPI_MALFORMED);
		return DEC_MALFORMED;
	}
	h = cur_sub(&c, len); /* the fields end where the frame starts */
	if (cur_bad(&c)) {
		STAT_INC(st, PPI_TRUNC);
		return DEC_TRUNC;
	}
	if (dlt != PPI_DLT_80211)
		return DEC_UNSUPPORTED;
	(void)cur_skip(&h, 8);
	for (i = 0; i < PPI_MAX_FIELDS && cur_left(&h) > 0; i++) {
		uint16_t type = cur_le16(&h);
		uint16_t flen = cur_le16(&h);
		struct cur f = cur_sub(&h, flen);

		if (cur_bad(&h)) {
			STAT_INC(st, PPI_MALFORMED);
			return DEC_MALFORMED;
		}
		if (type == PPI_FIELD_COMMON && flen == PPI_COMMON_LEN)
			ppi_common(f, r, &cflags);
		if ((pflags & PPI_ALIGNED) && cur_left(&h) > 0)
			(void)cur_skip(&h, (4 - ((size_t)flen & 3)) & 3);
	}
	if (cflags & PPI_C_BADFCS) {
		STAT_INC(st, WIFI_BAD_FCS);
		return DEC_MALFORMED;
	}
	if ((cflags & PPI_C_FCS) && !cur_trim(&c, 4)) {
		STAT_INC(st, WIFI_TRUNC);
		return DEC_TRUNC;
	}
	return ieee80211_decode(c, r, out, st);
}
