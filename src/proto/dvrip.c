/* SPDX-License-Identifier: MIT */
/* dvrip.c - Dahua DVRIP binary protocol on TCP 37777.
 *
 *   0      1..3    4..7              8..31        32..
 *   cmd | ...   | body length (LE) | header data | body (length bytes)
 *
 * cmd 0xa0 / 0xa1: login family; 0xa4: information / serial query
 * (Snort SID 45320 matches A4 00 00 00 00 00 00 00 07 00, CVE-2013-6117);
 * 0xf4: JSON over DVRIP (bashis' Dahua JSON console; libprotoident).
 * References: ../shared/docs/network.md 1.2, r4bit999/dvrip-analysis (header
 * fields). Newer firmware speaks DHIP on the same port: "DHIP" at
 * bytes 4-7 belongs to the DHIP decoder.
 *
 * Strictness: the payload must be a whole number of messages, each with
 * a known command byte and a body length that ends exactly at the next
 * header (or at the payload end). Random data passes with odds of about
 * 2^-32 per message. */
#include <string.h>

#include "proto.h"

#define DVRIP_PORT 37777
#define DVRIP_HDR 32
#define DVRIP_MSGS_MAX 8   /* messages chained in one payload */
#define CONF_DVRIP 70

static const char SRC[] = "dvrip";

static bool
dvrip_cmd(uint8_t c)
{
	return c == 0xa0 || c == 0xa1 || c == 0xa4 || c == 0xf4;
}

/* True if c holds 1..DVRIP_MSGS_MAX whole messages and nothing else. */
static bool
dvrip_chain(struct cur c)
{
	for (unsigned i = 0; i < DVRIP_MSGS_MAX; i++) {
		const uint8_t *h = cur_take(&c, DVRIP_HDR);
		uint32_t len;

		if (h == NULL || !dvrip_cmd(h[0]))
			return false;
		len = le32(h + 4);
		if (len > cur_left(&c) || !cur_skip(&c, len))
			return false;
		if (cur_left(&c) == 0)
			return true;
	}
	return false;
}

/* dvrip_decode: see proto.h. Requests (towards port 37777) report
 * FACT_PROTOCOL "dahua-dvrip" and FACT_VENDOR "Dahua" (70) for the
 * receiver; replies (from 37777) the same for the sender. */
enum dec
dvrip_decode(struct cur payload, struct proto_ctx *ctx)
{
	static const char proto[] = "dahua-dvrip", vendor[] = "Dahua";
	const uint8_t *h;
	struct cur c = payload;
	unsigned subj;

	h = cur_take(&c, 8);
	if (h == NULL || memcmp(h + 4, "DHIP", 4) == 0 || !dvrip_cmd(h[0]))
		return DEC_UNSUPPORTED;
	if (!dvrip_chain(payload))
		return DEC_UNSUPPORTED;
	if (ctx->p != NULL && ctx->p->sport == DVRIP_PORT)
		subj = SUBJ_SENDER;
	else if (ctx->p != NULL && ctx->p->dport == DVRIP_PORT)
		subj = SUBJ_RECEIVER;
	else
		return DEC_UNSUPPORTED; /* no way to tell the device */
	STAT_INC(ctx->st, DVRIP_MSGS);
	proto_fact(ctx, subj, FACT_PROTOCOL, CONF_DVRIP, SRC, proto,
	    sizeof proto - 1);
	proto_fact(ctx, subj, FACT_VENDOR, CONF_DVRIP, SRC, vendor,
	    sizeof vendor - 1);
	return DEC_OK;
}
