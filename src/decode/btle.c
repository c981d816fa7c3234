/* SPDX-License-Identifier: MIT */
/* btle.c - Bluetooth LE advertising, bare or behind a capture header.
 *
 * References: Bluetooth Core Specification 5.4, Vol 6 Part B 2.1 (packet
 * format), 2.3 (advertising physical channel PDUs), 2.3.4 (Common
 * Extended Advertising Payload Format); Vol 3 Part C 11 (AD structures);
 * Vol 6 Part A 2 (channels); tcpdump.org/linktypes.html for the three
 * link types; Wireshark's nordic_ble dissector for the nRF Sniffer
 * header; ASTM F3411 (Bluetooth transports).
 *
 * DLT 251, LINKTYPE_BLUETOOTH_LE_LL:
 *   access address(4, LE) [CI(1) on LE Coded PHY] header(2) PDU CRC(3)
 * DLT 256, LINKTYPE_BLUETOOTH_LE_LL_WITH_PHDR, then the above:
 *   RF channel(1: 0..39, 2402 + 2n MHz) signal(1, dBm) noise(1)
 *   access address offenses(1) reference access address(4)
 *   flags(2, LE: 0x0002 signal valid, 0x0400 CRC checked, 0x0800 CRC
 *   valid, 0xC000 PHY: 2 = LE Coded)
 * DLT 272, LINKTYPE_NORDIC_BLE (nRF Sniffer), then the above:
 *   board(1) payload length(2, LE) protocol version(1) counter(2) id(1)
 *   (version 1: header length(1) payload length(1) instead of the two
 *   length bytes; legacy: BE EF id(1) counter(2) unused(2) length(1)
 *   instead of the first seven bytes), then the packet event header:
 *   length(1) flags(1: 0x01 CRC ok, 0x06 aux type (channel < 37, 1 =
 *   AUX_CHAIN_IND), 0x70 PHY: 2 = LE Coded) channel index(1) RSSI(1,
 *   negated) event counter(2) time(4); the access address is at 17 in
 *   every version. Packet ids 0x02 (advertising) and 0x06 (packet).
 *
 * Advertising PDUs (access address 0x8E89BED6), header: type(4 bits)
 * RFU ChSel TxAdd RxAdd, length(8 bits). ADV_IND (0), ADV_NONCONN_IND
 * (2), SCAN_RSP (4), ADV_SCAN_IND (6): AdvA(6) AdvData. ADV_EXT_IND,
 * AUX_ADV_IND and relatives (7): extended header length(6 bits) AdvMode
 * (2 bits) [flags(1) AdvA(6) TargetA(6) CTEInfo(1) ADI(2) AuxPtr(3)
 * SyncInfo(18) TxPower(1), each when its flag bit (0x01..0x40) is set,
 * ACAD to the end of the header] AdvData. AdvData: AD structures
 * length(1) type(1) data; type 0x16 (service data, 16-bit UUID) with
 * UUID 0xFFFA and application code 0x0D is ASTM F3411 (payload: what
 * follows the application code). */
#include <string.h>

#include "radiolayer.h"

#include "../core/limits.h"

#define BLE_ADV_AA 0x8e89bed6u

#define PDU_ADV_IND 0
#define PDU_ADV_NONCONN_IND 2
#define PDU_SCAN_RSP 4
#define PDU_ADV_SCAN_IND 6
#define PDU_ADV_EXT 7

#define AD_SERVICE_DATA16 0x16
#define UUID_ASTM_RID 0xfffau
#define ASTM_APP_CODE 0x0d

#define PHDR_SIGNAL_VALID 0x0002
#define PHDR_CRC_CHECKED 0x0400
#define PHDR_CRC_VALID 0x0800
#define PHDR_PHY_SHIFT 14
#define PHY_CODED 2

#define NORDIC_HDR 17
#define NORDIC_CRC_OK 0x01
#define NORDIC_PHY_SHIFT 4
#define NORDIC_AUX_CHAIN 1

/* What a capture header says about the packet that follows. */
struct ble_rx {
	bool coded;     /* LE Coded PHY: a CI byte follows the address */
	bool chain;     /* an AUX_CHAIN_IND: AdvData continues another PDU */
};

/* Centre frequency of channel index ch (Vol 6 Part A 2): advertising
 * channels 37, 38, 39 at 2402, 2426, 2480 MHz, data channels 0..36 in
 * the gaps; 0 when ch is no channel. */
static uint16_t
ble_chan_mhz(unsigned ch)
{
	if (ch == 37)
		return 2402;
	if (ch == 38)
		return 2426;
	if (ch == 39)
		return 2480;
	if (ch <= 10)
		return (uint16_t)(2404 + 2 * ch);
	if (ch <= 36)
		return (uint16_t)(2428 + 2 * (ch - 11));
	return 0;
}

/* The advertiser's address a, sent least significant byte first, as
 * the transmitter in the usual order (most significant first). */
static void
ble_adva(struct radio *r, const uint8_t *a)
{
	for (unsigned i = 0; i < 6; i++)
		r->tx[i] = a[5 - i];
	r->has_tx = true;
}

/* Walk the AD structures of AdvData c; a zero length ends the data
 * (the rest is padding). */
static void
ble_ad_walk(struct cur c, struct radio *r, const struct radio_out *out,
    struct stats *st)
{
	for (unsigned i = 0; i < BLE_MAX_ADS && cur_left(&c) > 0; i++) {
		uint8_t len = cur_u8(&c);
		struct cur s;

		if (len == 0)
			break;
		s = cur_sub(&c, len);
		if (cur_bad(&c)) {
			STAT_INC(st, BLE_AD_MALFORMED);
			break;
		}
		if (len < 4 || cur_u8(&s) != AD_SERVICE_DATA16 ||
		    cur_le16(&s) != UUID_ASTM_RID ||
		    cur_u8(&s) != ASTM_APP_CODE)
			continue;
		radio_emit(out, r, AIRP_ODID, s);
	}
}

/* The Common Extended Advertising Payload p of an extended PDU. */
static enum dec
ble_ext(struct cur p, struct radio *r, const struct radio_out *out,
    struct stats *st)
{
	static const uint8_t field_len[7] = { 6, 6, 1, 2, 3, 18, 1 };
	uint8_t hlen = (uint8_t)(cur_u8(&p) & 0x3f);
	struct cur h = cur_sub(&p, hlen);
	const uint8_t *adva = NULL;

	if (cur_bad(&p)) {
		STAT_INC(st, BLE_MALFORMED);
		return DEC_MALFORMED;
	}
	if (hlen > 0) {
		uint8_t flags = cur_u8(&h);

		if (flags & 0x01)
			adva = cur_take(&h, 6);
		for (unsigned i = 1; i < 7; i++)
			if (flags & (1u << i))
				(void)cur_skip(&h, field_len[i]);
		if (cur_bad(&h)) {
			STAT_INC(st, BLE_MALFORMED);
			return DEC_MALFORMED;
		}
		/* The rest of h is ACAD: no broadcast is defined there. */
	}
	if (adva != NULL)
		ble_adva(r, adva);
	r->carrier = AIR_BLE5;
	ble_ad_walk(p, r, out, st);
	return DEC_OK;
}

/* A link-layer packet c received as rx says. */
static enum dec
ble_ll(struct cur c, struct ble_rx rx, struct radio *r,
    const struct radio_out *out, struct stats *st)
{
	uint32_t aa;
	uint8_t h0, len;
	struct cur p;
	const uint8_t *adva;

	aa = cur_le32(&c);
	if (rx.coded)
		(void)cur_u8(&c); /* coding indicator */
	h0 = cur_u8(&c);
	len = cur_u8(&c);
	if (cur_bad(&c)) {
		STAT_INC(st, BLE_TRUNC);
		return DEC_TRUNC;
	}
	if (aa != BLE_ADV_AA) /* a data channel PDU */
		return DEC_UNSUPPORTED;
	p = cur_sub(&c, len); /* the CRC follows; not needed */
	if (cur_bad(&c)) {
		STAT_INC(st, BLE_TRUNC);
		return DEC_TRUNC;
	}
	switch (h0 & 0x0f) {
	case PDU_ADV_IND:
	case PDU_ADV_NONCONN_IND:
	case PDU_SCAN_RSP:
	case PDU_ADV_SCAN_IND:
		adva = cur_take(&p, 6);
		if (adva == NULL) {
			STAT_INC(st, BLE_MALFORMED);
			return DEC_MALFORMED;
		}
		ble_adva(r, adva);
		r->carrier = AIR_BLE4;
		ble_ad_walk(p, r, out, st);
		return DEC_OK;
	case PDU_ADV_EXT:
		if (rx.chain) /* a fragment: not reassembled */
			return DEC_UNSUPPORTED;
		return ble_ext(p, r, out, st);
	default:
		return DEC_UNSUPPORTED;
	}
}

enum dec
btle_decode(struct cur c, struct radio *r, const struct radio_out *out,
    struct stats *st)
{
	struct ble_rx rx = { false, false };

	return ble_ll(c, rx, r, out, st);
}

enum dec
btle_phdr_decode(struct cur c, struct radio *r, const struct radio_out *out,
    struct stats *st)
{
	struct ble_rx rx = { false, false };
	uint8_t ch;
	int8_t sig;
	uint16_t flags;

	ch = cur_u8(&c);
	sig = (int8_t)cur_u8(&c);
	(void)cur_skip(&c, 6); /* noise, offenses, reference address */
	flags = cur_le16(&c);
	if (cur_bad(&c)) {
		STAT_INC(st, BLE_PHDR_TRUNC);
		return DEC_TRUNC;
	}
	if (ch <= 39)
		r->freq_mhz = (uint16_t)(2402 + 2 * ch);
	if (flags & PHDR_SIGNAL_VALID)
		r->rssi_dbm = sig, r->has_rssi = true;
	if ((flags & PHDR_CRC_CHECKED) && !(flags & PHDR_CRC_VALID)) {
		STAT_INC(st, BLE_BAD_CRC);
		return DEC_MALFORMED;
	}
	rx.coded = ((flags >> PHDR_PHY_SHIFT) & 3) == PHY_CODED;
	return ble_ll(c, rx, r, out, st);
}

/* The packet length a Nordic header h (NORDIC_HDR bytes) announces,
 * counted from the start of the frame; 0 when it announces none. */
static size_t
nordic_len(const uint8_t *h, bool legacy)
{
	if (legacy)
		return 0;
	if (h[3] == 1) /* board, header length (from itself), payload */
		return 1 + (size_t)h[1] + h[2];
	return 1 + 6 + (size_t)le16(h + 1);
}

enum dec
btle_nordic_decode(struct cur c, struct radio *r,
    const struct radio_out *out, struct stats *st)
{
	struct ble_rx rx = { false, false };
	const uint8_t *h = cur_take(&c, NORDIC_HDR);
	bool legacy;
	size_t len;
	uint8_t id;

	if (h == NULL) {
		STAT_INC(st, NORDIC_TRUNC);
		return DEC_TRUNC;
	}
	legacy = h[0] == 0xbe && h[1] == 0xef;
	id = legacy ? h[2] : h[6];
	len = nordic_len(h, legacy);
	if (len != 0) {
		if (len < NORDIC_HDR) {
			STAT_INC(st, NORDIC_MALFORMED);
			return DEC_MALFORMED;
		}
		if (!cur_clamp(&c, len - NORDIC_HDR)) {
			STAT_INC(st, NORDIC_TRUNC);
			return DEC_TRUNC;
		}
	}
	if (id != 0x02 && id != 0x06) /* not a received packet */
		return DEC_UNSUPPORTED;
	if (h[9] <= 39)
		r->freq_mhz = ble_chan_mhz(h[9]);
	if (h[10] <= 128)
		r->rssi_dbm = (int8_t)-(int)h[10], r->has_rssi = true;
	if (!(h[8] & NORDIC_CRC_OK)) {
		STAT_INC(st, BLE_BAD_CRC);
		return DEC_MALFORMED;
	}
	rx.coded = ((h[8] >> NORDIC_PHY_SHIFT) & 7) == PHY_CODED;
	rx.chain = id == 0x02 && h[9] < 37 &&
	    ((h[8] >> 1) & 3) == NORDIC_AUX_CHAIN;
	return ble_ll(c, rx, r, out, st);
}
