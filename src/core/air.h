/* SPDX-License-Identifier: MIT */
/* air.h - the airspace: aircraft heard through drone broadcasts (DJI
 * DroneID, ASTM F3411 Remote ID), their tracks, and the checks that tell
 * when a broadcast lies.
 *
 * One aircraft per UAS ID (an ASTM serial number, registration, UUID or
 * session ID, the last two as hex text: uas.h; a DJI serial), or, until
 * an ID is heard, per transmitter MAC ("mac:..."): ASTM sends its ID and
 * its position in separate messages, often in separate frames, so a
 * transmitter's last ID names the aircraft of the ID-less messages that
 * follow. Everything is kept in fixed-capacity tables (limits.h);
 * nothing is allocated per packet (the tables are allocated at the first
 * drone payload). Records and alerts go to the engine's callback and
 * alert table; output order depends only on the input. */
#ifndef VIGIE_AIR_H
#define VIGIE_AIR_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "../decode/radio.h"
#include "../intel/zones.h"
#include "../out/record.h"
#include "../proto/uas.h"
#include "alerts.h"
#include "ilist.h"
#include "stats.h"

/* An aircraft's key as text with room for a NUL (aircraft.linked): an
 * ASTM ID (ODID_ID_TEXT: a binary ID is hex text), a DJI serial or
 * "mac:xx:xx:xx:xx:xx:xx"; escaped on output. */
#define AIR_KEY_MAX (ODID_ID_TEXT + 1)
#define AIR_MACS 4         /* transmitters listed per aircraft */
#define AIR_FREQS 4        /* channels listed per aircraft */
#define AIR_IDS 3          /* further IDs listed per aircraft */
/* One further ID as text, "TYPE:ID" with its NUL: the longest type name
 * (air_idt_name(), "caa-registration") and an ASTM ID of ODID_ID_TEXT. */
#define AIR_MORE_ID_MAX (sizeof "caa-registration:" + ODID_ID_TEXT)

/* What a track point knows (bits of air_fix.flags). */
enum {
	FIX_ALT_GEO = 1 << 0,
	FIX_ALT_BARO = 1 << 1,
	FIX_HEIGHT = 1 << 2,
	FIX_SPEED = 1 << 3,
	FIX_VSPEED = 1 << 4,
	FIX_HEADING = 1 << 5,
	FIX_OPERATOR = 1 << 6,
	FIX_RSSI = 1 << 7,
	FIX_DJI = 1 << 8       /* from DJI DroneID (else ASTM) */
};

struct air_fix {
	uint64_t ts;           /* packet time */
	int32_t lat_e7, lon_e7;
	int32_t op_lat_e7, op_lon_e7; /* operator (pilot) at that time */
	float alt_geo, alt_baro, height, speed, vspeed, heading;
	uint16_t flags;
	uint16_t freq;         /* MHz, 0 unknown */
	int8_t rssi;
	uint8_t carrier;       /* enum air_carrier */
};

/* ID kinds (aircraft.id_type). */
enum air_idt {
	AIR_IDT_MAC = 0,       /* no ID heard: keyed by transmitter */
	AIR_IDT_SERIAL,        /* ANSI/CTA-2063-A serial (ASTM ID type 1) */
	AIR_IDT_CAA,           /* CAA registration (2) */
	AIR_IDT_UTM,           /* UTM-assigned UUID (3) */
	AIR_IDT_SESSION,       /* specific session ID (4) */
	AIR_IDT_DJI            /* DJI DroneID serial */
};

/* Spoof and anomaly findings (aircraft.spoof bits). */
enum {
	SPOOF_SPEED = 1 << 0,
	SPOOF_OPERATOR = 1 << 1,
	SPOOF_SERIAL = 1 << 2,
	SPOOF_TWO_RADIOS = 1 << 3,
	SPOOF_TWO_PLACES = 1 << 4,
	SPOOF_MISMATCH = 1 << 5,
	SPOOF_MANY_IDS = 1 << 6,
	SPOOF_AUTH = 1 << 7,
	SPOOF_ROUND = 1 << 8
};

struct aircraft {
	struct ilink age;      /* least recently heard first */
	uint32_t chain;        /* next in hash bucket */
	uint32_t head, tail;   /* track chunks (indexes, 0 = none) */
	uint32_t npts;         /* points in the track */
	uint32_t thinned;      /* times the track was thinned */
	char key[AIR_KEY_MAX];
	uint8_t key_len;
	uint8_t id_type;       /* enum air_idt */
	uint8_t ua_type;       /* ASTM UA type, valid if has_ua */
	bool has_ua;
	uint8_t protos;        /* 1 ASTM, 2 DJI */
	uint8_t carriers;      /* 1 << enum air_carrier */
	uint8_t nids;
	char ids[AIR_IDS][AIR_MORE_ID_MAX]; /* "caa-registration:..." */
	uint8_t nmacs, nfreqs;
	uint8_t macs[AIR_MACS][6];
	uint8_t mac_carrier[AIR_MACS];
	uint64_t mac_last[AIR_MACS], mac_prev[AIR_MACS];
	uint32_t macs_more;
	uint16_t freqs[AIR_FREQS];
	bool has_rssi;
	int8_t rssi_min, rssi_max;
	uint8_t ssid_len;
	uint8_t ssid[32];
	uint64_t first_us, last_us, msgs;
	/* latest state */
	bool has_fix;
	struct air_fix fix;    /* latest position */
	uint8_t status, height_type;
	bool has_status;
	bool has_op;
	int32_t op_lat_e7, op_lon_e7;
	uint8_t op_loc_type;   /* 0 take-off, 1 live, 2 fixed, 3 DJI app */
	bool has_op_alt;
	double op_alt;
	bool has_home;
	int32_t home_lat_e7, home_lon_e7;
	bool has_system;
	struct odid_system sys;
	uint8_t opid_len, self_len;
	uint8_t opid[ODID_ID_LEN];
	uint8_t self[ODID_SELFID_LEN];
	/* DJI */
	uint8_t product;
	bool has_product;
	uint8_t uuid_len, purpose_len;
	uint8_t uuid[DJI_UUID_LEN];
	uint8_t purpose[DJI_PURPOSE_LEN];
	/* authentication */
	uint8_t auth_type;
	bool auth_open;        /* a set is being received */
	uint8_t auth_last, auth_len;
	uint16_t auth_pages;   /* bitmap of pages of the open set */
	uint32_t auth_ts;
	uint32_t auth_ok, auth_bad;
	/* derived */
	double path_m, max_height, max_op_m, max_speed;
	bool has_max_height, has_max_op;
	uint32_t spoof;        /* SPOOF_* bits raised */
	bool serial_checked, serial_ok;
	char linked[AIR_KEY_MAX]; /* an aircraft heard from the same radio in
	                           * the other protocol ("" none) */
	bool evicted;
};

struct air;

/* Receives each record (drone, then its positions) as it is written. */
typedef void (*air_emit_fn)(void *ctx, const struct record *r);

struct air_cfg {
	const char *site;           /* --site, or NULL */
	const struct zones *zones;  /* --sites, or NULL */
	air_emit_fn emit;
	void *ctx;
};

/* air_new: an airspace writing through cfg->emit and raising alerts in
 * al, counting into st. NULL if memory is short. Its tables are
 * allocated at the first drone payload. */
struct air *air_new(const struct air_cfg *cfg, struct alerts *al,
    struct stats *st);

/* air_free: release a (NULL is fine). */
void air_free(struct air *a);

/* air_frame: one frame of radio link type dlt (radio.h) at packet time
 * ts_us: every drone broadcast in it is decoded and filed. */
void air_frame(struct air *a, int dlt, uint64_t ts_us, const uint8_t *data,
    size_t n);

/* air_dji: file one decoded DJI DroneID record heard with radio context
 * r (the software-radio path uses this directly). */
void air_dji(struct air *a, const struct radio *r, const struct dji_msg *m);

/* air_finish: end of input: close open authentication sets, check the
 * zones, write every aircraft (sorted by first heard, then ID) with its
 * positions. Call once, before the alerts are written. */
void air_finish(struct air *a);

/* air_each: call fn for every aircraft still held, in output order
 * (after air_finish: every aircraft of the run that was not evicted). */
void air_each(struct air *a, void (*fn)(void *ctx, struct air *a,
    const struct aircraft *ac), void *ctx);

/* air_points: call fn for each track point of ac, oldest first. */
void air_points(struct air *a, const struct aircraft *ac,
    void (*fn)(void *ctx, const struct air_fix *f), void *ctx);

/* air_count: aircraft heard so far (written or held). */
uint64_t air_count(const struct air *a);

/* air_ua_type_name, air_idt_name, air_carrier_name: names used in the
 * records ("helicopter-or-multirotor", "serial", "wifi-beacon"). */
const char *air_ua_type_name(uint8_t t);
const char *air_idt_name(uint8_t t);
const char *air_carrier_name(uint8_t c);

#endif
