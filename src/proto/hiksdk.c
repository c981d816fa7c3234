/* SPDX-License-Identifier: MIT */
/* hiksdk.c - Hikvision SDK command port (TCP 8000) error replies.
 *
 * Reference: the Nmap service probes "Hikvision IPCam control port" and
 * "hik-connect" (nmap/nmap nmap-service-probes): a device answers an
 * unrecognised request with exactly 16 bytes,
 *   00 00 00 10 | 00 00 00 1e | 00 00 00 1e | 00 00 00 00
 *   00 00 00 10 | 00 00 00 0d | 00 00 00 0d | 00 00 00 00
 * a big-endian length (16) then a status code repeated. The request
 * framing of the SDK is not publicly documented well enough to match
 * reliably, so only these replies are recognised, and only whole: an
 * arbitrary TCP 8000 payload gives nothing. */
#include <string.h>

#include "proto.h"

#define HIKSDK_PORT 8000
#define HIKSDK_REPLY 16
#define CONF_HIKSDK 70

static const char SRC[] = "hiksdk";

static const uint8_t REPLY_1E[HIKSDK_REPLY] = { 0, 0, 0, 0x10, 0, 0, 0, 0x1e,
	0, 0, 0, 0x1e, 0, 0, 0, 0 };
static const uint8_t REPLY_0D[HIKSDK_REPLY] = { 0, 0, 0, 0x10, 0, 0, 0, 0x0d,
	0, 0, 0, 0x0d, 0, 0, 0, 0 };

/* hiksdk_decode: see proto.h. One of the two 16-byte replies, sent by
 * the device (from port 8000, or with no port known): FACT_PROTOCOL
 * "hik-sdk-8000" and FACT_VENDOR "Hikvision" (70) for the sender. */
enum dec
hiksdk_decode(struct cur payload, struct proto_ctx *ctx)
{
	static const char proto[] = "hik-sdk-8000", vendor[] = "Hikvision";
	const struct pkt *p = ctx->p;
	const uint8_t *b;

	if (cur_left(&payload) != HIKSDK_REPLY)
		return DEC_UNSUPPORTED;
	b = cur_take(&payload, HIKSDK_REPLY);
	if (b == NULL || (memcmp(b, REPLY_1E, HIKSDK_REPLY) != 0 &&
	    memcmp(b, REPLY_0D, HIKSDK_REPLY) != 0))
		return DEC_UNSUPPORTED;
	/* A reply travels from the command port, never towards it. */
	if (p != NULL && p->dport == HIKSDK_PORT && p->sport != HIKSDK_PORT)
		return DEC_UNSUPPORTED;
	STAT_INC(ctx->st, HIKSDK_MSGS);
	proto_fact(ctx, SUBJ_SENDER, FACT_PROTOCOL, CONF_HIKSDK, SRC, proto,
	    sizeof proto - 1);
	proto_fact(ctx, SUBJ_SENDER, FACT_VENDOR, CONF_HIKSDK, SRC, vendor,
	    sizeof vendor - 1);
	return DEC_OK;
}
