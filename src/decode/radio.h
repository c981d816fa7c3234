/* SPDX-License-Identifier: MIT */
/* radio.h - the radio link layers: 802.11 (with radiotap, PPI or bare)
 * and Bluetooth LE (bare, with the LE pseudo-header, Nordic sniffer).
 *
 * These frames carry no IP for vigie: what matters in them is the drone
 * broadcast. radio_decode() reads one frame through bounded cursors,
 * fills a struct radio with the radio context (transmitter, frequency,
 * signal) and hands every drone-broadcast payload it finds to out, each
 * as a cursor over exactly that payload. It keeps no state, allocates
 * nothing and counts every problem in st. */
#ifndef VIGIE_RADIO_H
#define VIGIE_RADIO_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "../core/cursor.h"
#include "../core/packet.h"
#include "../core/stats.h"

/* How the broadcast travelled. */
enum air_carrier {
	AIR_NONE = 0,
	AIR_WIFI_BEACON,   /* 802.11 beacon or probe response, vendor IE */
	AIR_WIFI_NAN,      /* Wi-Fi NAN service discovery frame (action) */
	AIR_BLE4,          /* BLE legacy advertising */
	AIR_BLE5,          /* BLE extended advertising (AUX_ADV_IND) */
	AIR_OCUSYNC        /* DJI OcuSync burst, software radio */
};

/* What the payload cursor holds. */
enum air_payload {
	/* DJI DroneID: the vendor IE body after OUI 26:37:12, i.e. starting
	 * with the bytes 58 62 13, then subcommand, then the record. */
	AIRP_DJI = 1,
	/* ASTM F3411: a message counter byte, then one 25-byte message
	 * (which may itself be a Message Pack, type 0xF). Beacon IE after
	 * FA:0B:BC 0D; NAN service info; BLE service data after the 0xFFFA
	 * UUID and the application code 0x0D. */
	AIRP_ODID
};

struct radio {
	uint64_t ts_us;       /* packet time */
	uint8_t tx[6];        /* transmitter: 802.11 addr2 (TA/SA), BLE AdvA */
	bool has_tx;
	uint8_t carrier;      /* enum air_carrier */
	uint16_t freq_mhz;    /* centre frequency, 0 if unknown (BLE: from
	                       * the RF channel when the header gives it) */
	int8_t rssi_dbm;      /* signal, valid when has_rssi */
	bool has_rssi;
	uint8_t ssid_len;     /* 802.11 SSID as sent (raw, escape on output) */
	uint8_t ssid[32];
};

/* Where payloads go. payload() is called once per drone payload found,
 * with r valid only during the call. */
struct radio_out {
	void *ctx;
	void (*payload)(void *ctx, const struct radio *r,
	    enum air_payload kind, struct cur c);
};

/* radio_link: whether dlt is a radio link type radio_decode() reads;
 * name (if not NULL) receives its short name ("802.11-radiotap"). */
bool radio_link(int dlt, const char **name);

/* radio_decode: decode n bytes of a frame of radio link type dlt taken
 * at ts_us, calling out->payload for each drone payload in it. Returns
 * DEC_OK when the frame was read (whether or not it held a payload),
 * DEC_TRUNC / DEC_MALFORMED when a header was cut short or impossible
 * (counted in st), DEC_UNSUPPORTED for a frame or link type that cannot
 * carry a broadcast. Never reads outside [frame, frame + n). */
enum dec radio_decode(int dlt, const uint8_t *frame, size_t n,
    uint64_t ts_us, const struct radio_out *out, struct stats *st);

#endif
