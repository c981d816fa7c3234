/* SPDX-License-Identifier: MIT */
/* radiolayer.h - the layers behind radio_decode(), one protocol per file:
 * radiotap.c, ppi.c (radio headers), ieee80211.c (802.11 management
 * frames), btle.c (Bluetooth LE link layer and its capture headers).
 *
 * Each layer takes a cursor by value over its bytes, adds what it learns
 * to r (which radio_decode() zeroed) and hands payloads to out through
 * radio_emit(). Private to src/decode: the engine sees only radio.h. */
#ifndef VIGIE_RADIOLAYER_H
#define VIGIE_RADIOLAYER_H

#include "radio.h"

/* A radio layer (also the type of the link-type table in radio.c). */
typedef enum dec (*radio_fn)(struct cur c, struct radio *r,
    const struct radio_out *out, struct stats *st);

/* radio_emit: hand payload c of kind to out (if it has a receiver). */
static inline void
radio_emit(const struct radio_out *out, const struct radio *r,
    enum air_payload kind, struct cur c)
{
	if (out != NULL && out->payload != NULL)
		out->payload(out->ctx, r, kind, c);
}

/* radiotap_decode: a radiotap header (DLT 127), then the 802.11 frame it
 * carries. Takes channel frequency and dBm signal; honours the FCS and
 * bad-FCS flags. */
enum dec radiotap_decode(struct cur c, struct radio *r,
    const struct radio_out *out, struct stats *st);

/* ppi_decode: a PPI header (DLT 192) over an 802.11 frame (PPI DLT 105);
 * the 802.11-common field gives frequency, dBm signal and FCS flags. */
enum dec ppi_decode(struct cur c, struct radio *r, const struct radio_out *out,
    struct stats *st);

/* ieee80211_decode: an 802.11 frame without FCS (DLT 105, or what a radio
 * header leaves): beacons, probe responses and NAN service discovery
 * frames are read for drone payloads; other frames are DEC_UNSUPPORTED. */
enum dec ieee80211_decode(struct cur c, struct radio *r,
    const struct radio_out *out, struct stats *st);

/* btle_decode: a Bluetooth LE link-layer packet (DLT 251: access
 * address, PDU, CRC), uncoded PHY. */
enum dec btle_decode(struct cur c, struct radio *r, const struct radio_out *out,
    struct stats *st);

/* btle_phdr_decode: the 10-byte LE pseudo-header (DLT 256), then the
 * link-layer packet. */
enum dec btle_phdr_decode(struct cur c, struct radio *r,
    const struct radio_out *out, struct stats *st);

/* btle_nordic_decode: the nRF Sniffer for Bluetooth LE header (DLT 272),
 * then the link-layer packet. */
enum dec btle_nordic_decode(struct cur c, struct radio *r,
    const struct radio_out *out, struct stats *st);

#endif
