/* SPDX-License-Identifier: MIT */
/* frame.c - the DroneID frame inside an OcuSync transport block, read
 * after CRC-24A has held. No public specification; layout as published
 * by RUB-SysSec/DroneSecurity (droneid_packet.py, NDSS 2023) and
 * proto17/dji_droneid (cpp/remove_turbo.cc):
 *
 *   0        length L: the bytes that follow it up to the CRC-16
 *   1        subcommand (0x10 flight telemetry, 0x11 flight purpose)
 *   2..L     the record (djiid.c), from its version byte
 *   L+1 L+2  DJI CRC-16 over bytes 0..L, little-endian
 *   ...      padding up to the 173 bytes before CRC-24A
 *
 * The transport block is no longer wire bytes at this point only in
 * the sense that CRC-24A held: an adversary transmitting their own
 * bursts controls every byte, so the frame is read through a cursor. */
#include "../core/cursor.h"
#include "frame.h"
#include "ocusync.h"

enum ocu_stage
ocu_frame_parse(const uint8_t *tb, size_t n, struct dji_msg *m,
    struct stats *st)
{
	struct cur c = cur_make(tb, n);
	uint8_t len = cur_u8(&c), sub;
	uint16_t crc, want;
	struct cur rec;

	memset(m, 0, sizeof *m);
	/* Room for the subcommand and a CRC-16, inside the block less its
	 * CRC-24A. */
	if (cur_bad(&c) || len < 1 || n < OCU_TB - 3 ||
	    (size_t)len + 3 > OCU_TB - 3)
		return OCU_FAIL_FRAME;
	rec = cur_sub(&c, len); /* bytes 1..L: subcommand, record */
	crc = cur_le16(&c);
	if (cur_bad(&c)) /* not reached: n and L were checked above */
		return OCU_FAIL_FRAME;
	/* Over bytes 0..L, the length byte and rec, just taken. */
	want = dji_crc16(tb, (size_t)len + 1);
	if (crc != want)
		return OCU_FAIL_CRC16;
	sub = cur_u8(&rec);
	switch (djiid_record(rec, sub, m, st)) {
	case DEC_OK:
	case DEC_MALFORMED: /* read, with a value reported unknown */
		return OCU_OK;
	default:
		return OCU_FAIL_FRAME;
	}
}
