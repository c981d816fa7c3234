/* SPDX-License-Identifier: MIT */
/* crc.c - the two CRCs of an OcuSync DroneID burst.
 *
 * CRC-24A, 3GPP TS 36.212 5.1.1: g(D) = D^24 + D^23 + D^18 + D^17 +
 * D^14 + D^11 + D^10 + D^7 + D^6 + D^5 + D^4 + D^3 + D + 1 (0x864CFB),
 * register cleared, bits MSB first, no final inversion; the CRC is
 * appended MSB first, so over a block ending in its CRC the result is 0
 * ("123456789" gives 0xCDE703, CRC-24/LTE-A in the RevEng catalogue).
 *
 * DJI's CRC-16 (the DUML one, also closing a DroneID frame): the
 * CCITT polynomial 0x1021 reflected (0x8408), bytes LSB first, register
 * preset to 0x3692, no final inversion (crcmod's mkCrcFun(0x11021,
 * 0x3692, rev=True), as in RUB-SysSec/DroneSecurity droneid_packet.py;
 * in RevEng's terms init 0x496C, refin, refout, check 0x7109).
 *
 * Both run four bits at a time from a 16-entry table. */
#include "ocusync.h"

/* crc24_nib[i]: the register contribution of nibble i shifted through
 * four steps of the CRC-24A divider. */
static const uint32_t crc24_nib[16] = {
	0x000000, 0x864cfb, 0x8ad50d, 0x0c99f6,
	0x93e6e1, 0x15aa1a, 0x1933ec, 0x9f7f17,
	0xa18139, 0x27cdc2, 0x2b5434, 0xad18cf,
	0x3267d8, 0xb42b23, 0xb8b2d5, 0x3efe2e,
};

/* crc16_nib[i]: the same for the reflected 0x8408 divider. */
static const uint16_t crc16_nib[16] = {
	0x0000, 0x1081, 0x2102, 0x3183, 0x4204, 0x5285, 0x6306, 0x7387,
	0x8408, 0x9489, 0xa50a, 0xb58b, 0xc60c, 0xd68d, 0xe70e, 0xf78f,
};

uint32_t
crc24a(const uint8_t *p, size_t n)
{
	uint32_t r = 0;

	for (size_t i = 0; i < n; i++) {
		r = ((r << 4) & 0xffffffu) ^ crc24_nib[(r >> 20) ^ (p[i] >> 4)];
		r = ((r << 4) & 0xffffffu) ^ crc24_nib[(r >> 20) ^ (p[i] & 15u)];
	}
	return r;
}

uint16_t
dji_crc16(const uint8_t *p, size_t n)
{
	unsigned r = 0x3692;

	for (size_t i = 0; i < n; i++) {
		r = (r >> 4) ^ crc16_nib[(r ^ p[i]) & 15u];
		r = (r >> 4) ^ crc16_nib[(r ^ (unsigned)(p[i] >> 4)) & 15u];
	}
	return (uint16_t)r;
}
