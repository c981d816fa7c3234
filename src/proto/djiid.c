/* SPDX-License-Identifier: MIT */
/* djiid.c - DJI DroneID: the Wi-Fi beacon vendor IE (OUI 26:37:12) and
 * the same record as the OcuSync broadcast carries it.
 *
 * No public specification. Layout as reverse engineered by Freek van
 * Tienen and Jan Dumon and published in Kismet (kismetwireless/kismet,
 * dot11_parsers/dot11_ie_221_dji_droneid.ksy and .cc), Department 13's
 * "Anatomy of DJI's Drone Identification Implementation" (2017), and
 * for version 2 RUB-SysSec/DroneSecurity (droneid_packet.py) and
 * cyber-defence-campus/RemoteIDReceiver (parse/dji/parser.py). All
 * integers little-endian; positions are radians x 1e7.
 *
 *   IE body:  58 62 13 | subcommand | record
 *
 *   0x10 flight telemetry, from the version byte:
 *     0 version (1, 2)   1 seq u16   3 state u16   5 serial [16]
 *    21 lon s32   25 lat s32   29 altitude s16 (m)   31 height s16 (dm)
 *    33 v_north   35 v_east   37 v_up   (s16, cm/s)
 *     version 1:  39 pitch  41 roll  43 yaw (s16, 0.01 deg)
 *                 45 home lon  49 home lat  53 product  54 uuid_len
 *                 55 uuid [20]                                (75 bytes)
 *     version 2:  39 yaw s16 (0.01 deg)  41 app GPS time u64 (ms, 1970)
 *                 49 app lat  53 app lon (latitude first here)
 *                 57 home lon  61 home lat  65 product  66 uuid_len
 *                 67 uuid [20]                                (87 bytes)
 *
 *   0x11 flight purpose (Kismet's layout):
 *     0 serial [16]  16 drone_id_len u8  17 drone_id [10]
 *    27 purpose_len u8  28 purpose (to the end of the record; DJI sends
 *       fewer bytes than purpose_len says, so the shorter one counts)
 *
 * Sources disagree on the height unit: Kismet converts nothing,
 * RemoteIDReceiver divides by 10 (decimetres), RUB's DroneSecurity
 * divides altitude and height by 3.281 (feet). vigie reads height as
 * decimetres and altitude as metres, as RemoteIDReceiver does; the
 * velocities are cm/s as in Kismet. The OcuSync frame puts a length
 * byte and the subcommand before the record and a CRC-16 after it:
 * djiid_record() takes the record alone and ignores what follows it. */
#include <string.h>

#include "uas.h"

#define DJI_SUB_TELEMETRY 0x10
#define DJI_SUB_PURPOSE 0x11
#define DJI_DRONE_ID_LEN 10
#define DJI_PI 3.14159265358979323846

/* s16, s32: two's complement without implementation-defined casts. */
static int
s16(uint16_t v)
{
	return v <= INT16_MAX ? (int)v : (int)v - 65536;
}

/* point: a position sent as radians x 1e7 into degrees. Both zero is
 * unknown; beyond +-90 / +-180 degrees impossible (*bad set). Returns
 * whether the position is known, with zeros when it is not. */
static bool
point(int32_t lat_raw, int32_t lon_raw, double *lat, double *lon,
    bool *bad)
{
	double a = (double)lat_raw * 180.0 / (DJI_PI * 1e7);
	double o = (double)lon_raw * 180.0 / (DJI_PI * 1e7);

	*lat = *lon = 0.0;
	if (lat_raw == 0 && lon_raw == 0)
		return false;
	if (a > 90.0 || a < -90.0 || o > 180.0 || o < -180.0) {
		*bad = true;
		return false;
	}
	*lat = a;
	*lon = o;
	return true;
}

/* angle: 0.01-degree units into degrees in [0, 360). */
static double
angle(int v)
{
	int r = v % 36000;

	return (r < 0 ? r + 36000 : r) / 100.0;
}

/* telemetry: subcommand 0x10 from the version byte. */
static enum dec
telemetry(struct cur c, struct dji_msg *m, struct stats *st)
{
	const uint8_t *serial, *uuid;
	int32_t lat, lon, hlat, hlon, alat = 0, alon = 0;
	uint32_t lo, hi;
	uint8_t ulen;
	bool bad = false;

	m->version = cur_u8(&c);
	if (!cur_bad(&c) && m->version != 1 && m->version != 2) {
		STAT_INC(st, DJIID_UNSUPPORTED);
		return DEC_UNSUPPORTED;
	}
	m->seq = cur_le16(&c);
	m->state = cur_le16(&c);
	serial = cur_take(&c, DJI_SERIAL_LEN);
	lon = as_s32(cur_le32(&c));
	lat = as_s32(cur_le32(&c));
	m->alt = s16(cur_le16(&c));
	m->height = s16(cur_le16(&c)) / 10.0;
	m->v_north = s16(cur_le16(&c)) / 100.0;
	m->v_east = s16(cur_le16(&c)) / 100.0;
	m->v_up = s16(cur_le16(&c)) / 100.0;
	if (m->version == 1) {
		m->pitch = s16(cur_le16(&c)) / 100.0;
		m->roll = s16(cur_le16(&c)) / 100.0;
		m->yaw = angle(s16(cur_le16(&c)));
		m->att_ok = true;
	} else {
		m->yaw = angle(s16(cur_le16(&c)));
		lo = cur_le32(&c);
		hi = cur_le32(&c);
		m->app_time_ms = (uint64_t)hi << 32 | lo;
		alat = as_s32(cur_le32(&c));
		alon = as_s32(cur_le32(&c));
	}
	hlon = as_s32(cur_le32(&c));
	hlat = as_s32(cur_le32(&c));
	m->product = cur_u8(&c);
	ulen = cur_u8(&c);
	if (ulen > DJI_UUID_LEN) { /* the field holds 20 bytes */
		bad = true;
		ulen = DJI_UUID_LEN;
	}
	uuid = cur_take(&c, ulen);
	if (cur_bad(&c)) {
		STAT_INC(st, DJIID_TRUNC);
		return DEC_TRUNC;
	}
	m->serial_len = cur_text0(m->serial, serial, DJI_SERIAL_LEN);
	m->pos_ok = point(lat, lon, &m->lat, &m->lon, &bad);
	if (m->version == 2)
		m->app_ok = point(alat, alon, &m->app_lat, &m->app_lon, &bad);
	m->home_ok = point(hlat, hlon, &m->home_lat, &m->home_lon, &bad);
	m->product_name = djiid_product(m->product);
	m->uuid_len = cur_text0(m->uuid, uuid, ulen);
	m->sub = DJI_SUB_TELEMETRY;
	if (bad) {
		STAT_INC(st, DJIID_MALFORMED);
		return DEC_MALFORMED;
	}
	return DEC_OK;
}

/* purpose: subcommand 0x11 from the serial. */
static enum dec
purpose(struct cur c, struct dji_msg *m, struct stats *st)
{
	const uint8_t *serial = cur_take(&c, DJI_SERIAL_LEN), *id;
	uint8_t idlen = cur_u8(&c), plen;
	size_t n;
	bool bad = false;

	id = cur_take(&c, DJI_DRONE_ID_LEN);
	plen = cur_u8(&c);
	if (cur_bad(&c)) {
		STAT_INC(st, DJIID_TRUNC);
		return DEC_TRUNC;
	}
	if (idlen > DJI_DRONE_ID_LEN) { /* the field holds 10 bytes */
		bad = true;
		idlen = DJI_DRONE_ID_LEN;
	}
	n = cur_left(&c) < plen ? cur_left(&c) : plen;
	if (n > DJI_PURPOSE_LEN)
		n = DJI_PURPOSE_LEN;
	m->serial_len = cur_text0(m->serial, serial, DJI_SERIAL_LEN);
	m->drone_id_len = cur_text0(m->drone_id, id, idlen);
	m->purpose_len = cur_text0(m->purpose, cur_take(&c, n), n);
	m->sub = DJI_SUB_PURPOSE;
	if (bad) {
		STAT_INC(st, DJIID_MALFORMED);
		return DEC_MALFORMED;
	}
	return DEC_OK;
}

/* djiid_record: one record of subcommand sub (see uas.h). */
enum dec
djiid_record(struct cur c, uint8_t sub, struct dji_msg *m, struct stats *st)
{
	enum dec r;

	memset(m, 0, sizeof *m);
	if (sub == DJI_SUB_TELEMETRY) {
		r = telemetry(c, m, st);
	} else if (sub == DJI_SUB_PURPOSE) {
		r = purpose(c, m, st);
	} else {
		STAT_INC(st, DJIID_UNSUPPORTED);
		return DEC_UNSUPPORTED;
	}
	if (r == DEC_OK || r == DEC_MALFORMED)
		STAT_INC(st, DJIID_MSGS);
	else
		memset(m, 0, sizeof *m); /* nothing half-read is left */
	return r;
}

/* djiid_decode: an AIRP_DJI payload (see uas.h). */
enum dec
djiid_decode(struct cur c, struct dji_msg *m, struct stats *st)
{
	static const uint8_t magic[3] = { 0x58, 0x62, 0x13 };
	const uint8_t *h = cur_take(&c, sizeof magic);
	uint8_t sub = cur_u8(&c);

	memset(m, 0, sizeof *m);
	if (h != NULL && memcmp(h, magic, sizeof magic) != 0) {
		STAT_INC(st, DJIID_MALFORMED);
		return DEC_MALFORMED;
	}
	if (cur_bad(&c)) {
		STAT_INC(st, DJIID_TRUNC);
		return DEC_TRUNC;
	}
	return djiid_record(c, sub, m, st);
}

/* Product type codes, from the public table DRONEID_DRONE_TYPES in
 * RUB-SysSec/DroneSecurity, src/droneid_packet.py (NDSS 2023). That
 * table names code 3 "Phantom 3 Series" like code 2, apparently a copy
 * slip; other public DroneID decoders call it "Phantom 3 Series Pro",
 * which is kept here. */
static const char *const dji_products[] = {
	[1] = "Inspire 1",
	[2] = "Phantom 3 Series",
	[3] = "Phantom 3 Series Pro",
	[4] = "Phantom 3 Std",
	[5] = "M100",
	[6] = "ACEONE",
	[7] = "WKM",
	[8] = "NAZA",
	[9] = "A2",
	[10] = "A3",
	[11] = "Phantom 4",
	[12] = "MG1",
	[14] = "M600",
	[15] = "Phantom 3 4k",
	[16] = "Mavic Pro",
	[17] = "Inspire 2",
	[18] = "Phantom 4 Pro",
	[20] = "N2",
	[21] = "Spark",
	[23] = "M600 Pro",
	[24] = "Mavic Air",
	[25] = "M200",
	[26] = "Phantom 4 Series",
	[27] = "Phantom 4 Adv",
	[28] = "M210",
	[30] = "M210RTK",
	[31] = "A3_AG",
	[32] = "MG2",
	[34] = "MG1A",
	[35] = "Phantom 4 RTK",
	[36] = "Phantom 4 Pro V2.0",
	[38] = "MG1P",
	[40] = "MG1P-RTK",
	[41] = "Mavic 2",
	[44] = "M200 V2 Series",
	[51] = "Mavic 2 Enterprise",
	[53] = "Mavic Mini",
	[58] = "Mavic Air 2",
	[59] = "P4M",
	[60] = "M300 RTK",
	[61] = "DJI FPV",
	[63] = "Mini 2",
	[64] = "AGRAS T10",
	[65] = "AGRAS T30",
	[66] = "Air 2S",
	[67] = "M30",
	[68] = "DJI Mavic 3",
	[69] = "Mavic 2 Enterprise Advanced",
	[70] = "Mini SE",
};

/* djiid_product: model name of a product type code, or NULL. */
const char *
djiid_product(uint8_t code)
{
	if (code >= sizeof dji_products / sizeof dji_products[0])
		return NULL;
	return dji_products[code];
}
