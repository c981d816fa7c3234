/* SPDX-License-Identifier: MIT */
/* cs2.c - CS2 Network "PPPP" P2P framing (UDP 32100 / 32108 and others).
 *
 *   0xf1 | type(1) | length(2, big-endian) = bytes after this header
 *   DID (device id) in MSG_DEV_LGN: prefix(8, ASCII, NUL-padded)
 *        serial(4, big-endian) check(8, ASCII, NUL-padded)
 *        written "PREFIX-000123-CHECK"
 *
 * No vendor document exists. The message types below are those on which
 * independent public descriptions agree (Wireshark Lua dissectors and
 * client re-implementations of the protocol, e.g. the "PPPP protocol"
 * write-ups, pmarrapese's DEF CON 28 research, libpppp ports):
 *   0x00 HELLO 0x01 HELLO_ACK 0x02 HELLO_TO 0x03 HELLO_TO_ACK
 *   0x08 QUERY_DID 0x09 QUERY_DID_ACK
 *   0x10 DEV_LGN 0x11 DEV_LGN_ACK 0x12 DEV_LGN_CRC 0x13 DEV_LGN_ACK_CRC
 *   0x20 P2P_REQ 0x21 P2P_REQ_ACK 0x30 LAN_SEARCH
 *   0x40 PUNCH_TO 0x41 PUNCH_PKT 0x42 P2P_RDY 0x43 P2P_RDY_ACK
 *   0xd0 DRW 0xd1 DRW_ACK 0xe0 ALIVE 0xe1 ALIVE_ACK 0xf0 CLOSE
 * The DID is reported only from DEV_LGN, a device logging in to its
 * server with its own id. PUNCH_PKT and P2P_RDY also carry a DID, but
 * both peers send the device's id there, so it cannot be tied to the
 * sender without flow state. */
#include <stdio.h>
#include <string.h>

#include "proto.h"

#define CS2_MAGIC 0xf1
#define CS2_HDR 4
#define CS2_DID 20
#define CS2_DEV_LGN 0x10
#define CONF_PROTO 70
#define CONF_SERIAL 60

static const char SRC[] = "cs2";

static bool
cs2_type(uint8_t t)
{
	switch (t) {
	case 0x00: case 0x01: case 0x02: case 0x03: case 0x08: case 0x09:
	case 0x10: case 0x11: case 0x12: case 0x13: case 0x20: case 0x21:
	case 0x30: case 0x40: case 0x41: case 0x42: case 0x43: case 0xd0:
	case 0xd1: case 0xe0: case 0xe1: case 0xf0:
		return true;
	default:
		return false;
	}
}

/* Length of an upper-case ASCII word of 1..7 letters NUL-padded to a
 * field of n bytes, or 0 if the field is not that. */
static size_t
cs2_word(const uint8_t *f, size_t n)
{
	size_t k = 0;

	while (k < n && f[k] >= 'A' && f[k] <= 'Z')
		k++;
	if (k == 0 || k >= n)
		return 0;
	for (size_t i = k; i < n; i++)
		if (f[i] != 0)
			return 0;
	return k;
}

/* A DID at d (CS2_DID bytes) as FACT_SERIAL for the sender. */
static void
cs2_did(struct proto_ctx *ctx, const uint8_t *d)
{
	char buf[32];
	size_t pl = cs2_word(d, 8), cl = cs2_word(d + 12, 8);
	int k;

	if (pl == 0 || cl == 0)
		return;
	k = snprintf(buf, sizeof buf, "%.*s-%06lu-%.*s", (int)pl,
	    (const char *)d, (unsigned long)be32(d + 8), (int)cl,
	    (const char *)d + 12);
	if (k > 0 && (size_t)k < sizeof buf)
		proto_fact(ctx, SUBJ_SENDER, FACT_SERIAL, CONF_SERIAL, SRC, buf,
		    (size_t)k);
}

/* cs2_decode: see proto.h. One CS2 message of a known type whose length
 * field matches the datagram: FACT_PROTOCOL "cs2-p2p" (70) for the
 * sender; a device's DEV_LGN also gives its DID as FACT_SERIAL (60). */
enum dec
cs2_decode(struct cur payload, struct proto_ctx *ctx)
{
	static const char proto[] = "cs2-p2p";
	struct cur c = payload;
	const uint8_t *h = cur_take(&c, CS2_HDR);
	const uint8_t *did;

	if (h == NULL || h[0] != CS2_MAGIC || !cs2_type(h[1]) ||
	    be16(h + 2) != cur_left(&c))
		return DEC_UNSUPPORTED;
	STAT_INC(ctx->st, CS2_MSGS);
	proto_fact(ctx, SUBJ_SENDER, FACT_PROTOCOL, CONF_PROTO, SRC, proto,
	    sizeof proto - 1);
	if (h[1] == CS2_DEV_LGN) {
		did = cur_take(&c, CS2_DID);
		if (did == NULL) {
			STAT_INC(ctx->st, CS2_MALFORMED);
			return DEC_MALFORMED;
		}
		cs2_did(ctx, did);
	}
	return DEC_OK;
}
