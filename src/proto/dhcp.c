/* SPDX-License-Identifier: MIT */
/* dhcp.c - DHCP client requests (RFC 2131 section 2, options RFC 2132).
 *
 *   op(1) htype(1) hlen(1) hops(1) xid(4) secs(2) flags(2)
 *   ciaddr(4) yiaddr(4) siaddr(4) giaddr(4) chaddr(16) sname(64) file(128)
 *   magic cookie 63 82 53 63, then options: code(1) len(1) data(len),
 *   0 = pad, 255 = end. Option 52 (overload) is ignored.
 *
 * A BOOTREQUEST (op 1) describes the client: hostname (12), vendor class
 * (60), parameter request list (55, as "1,3,6,15"), requested IP (50) or
 * ciaddr, and chaddr as its MAC. Sent through a relay (giaddr set), the
 * packet's sender is the relay, so the client is then a stated device.
 * Replies (op 2) come from servers and are only counted. */
#include <stdio.h>
#include <string.h>

#include "proto.h"

#define DHCP_FIXED 236
#define DHCP_OPTS_MAX 255   /* options walked per message */
#define DHCP_PRL_TEXT 256   /* rendered parameter request list, capped */
#define DHCP_VAL_MAX 256  /* reported value length cap */
#define CONF_NAME 50
#define CONF_VENDOR 50
#define CONF_PRL 40
#define CONF_IP 40
#define CONF_MAC 60

enum { OPT_PAD = 0, OPT_HOSTNAME = 12, OPT_REQIP = 50, OPT_MSGTYPE = 53,
	OPT_PRL = 55, OPT_VCLASS = 60, OPT_END = 255 };

#define DHCPDECLINE 4      /* option 50 then names an address refused */

static const char SRC[] = "dhcp";

/* Report a text option, cut at a NUL, trimmed of spaces and quotes. */
static void
dhcp_text(struct proto_ctx *ctx, unsigned subj, enum fact_field f,
    unsigned conf, const uint8_t *v, size_t len)
{
	const uint8_t *nul = memchr(v, 0, len);
	const uint8_t *e;

	if (nul != NULL)
		len = (size_t)(nul - v);
	e = v + len;
	while (v < e && (*v == ' ' || *v == '\t' || *v == '"'))
		v++;
	while (e > v && (e[-1] == ' ' || e[-1] == '\t' || e[-1] == '"'))
		e--;
	if (e - v > DHCP_VAL_MAX)
		e = v + DHCP_VAL_MAX;
	if (e > v)
		proto_fact(ctx, subj, f, conf, SRC, (const char *)v,
		    (size_t)(e - v));
}

/* Option 55 as decimal codes joined by commas, whole codes only. */
static void
dhcp_prl(struct proto_ctx *ctx, unsigned subj, const uint8_t *v,
    size_t len)
{
	char buf[DHCP_PRL_TEXT];
	size_t n = 0;

	for (size_t i = 0; i < len; i++) {
		char one[8];
		int k = snprintf(one, sizeof one, "%s%u", n ? "," : "",
		    (unsigned)v[i]);

		if (k <= 0 || n + (size_t)k > sizeof buf)
			break;
		memcpy(buf + n, one, (size_t)k);
		n += (size_t)k;
	}
	if (n > 0)
		proto_fact(ctx, subj, FACT_DHCP_PRL, CONF_PRL, SRC, buf, n);
}

/* A non-zero IPv4 address as dotted text. */
static void
dhcp_ip(struct proto_ctx *ctx, unsigned subj, const uint8_t *a)
{
	char buf[16];
	int k;

	if ((a[0] | a[1] | a[2] | a[3]) == 0)
		return;
	k = snprintf(buf, sizeof buf, "%u.%u.%u.%u", a[0], a[1], a[2], a[3]);
	if (k > 0)
		proto_fact(ctx, subj, FACT_IP, CONF_IP, SRC, buf, (size_t)k);
}

/* chaddr as aa:bb:cc:dd:ee:ff (Ethernet only, not all zero). */
static void
dhcp_mac(struct proto_ctx *ctx, unsigned subj, const uint8_t *m)
{
	char buf[18];
	int k;

	if ((m[0] | m[1] | m[2] | m[3] | m[4] | m[5]) == 0)
		return;
	k = snprintf(buf, sizeof buf, "%02x:%02x:%02x:%02x:%02x:%02x", m[0],
	    m[1], m[2], m[3], m[4], m[5]);
	if (k > 0)
		proto_fact(ctx, subj, FACT_MAC, CONF_MAC, SRC, buf, (size_t)k);
}

/* Walk the options of a request; false if one overruns the message.
 * reqip receives option 50 when present (4 bytes), mtype option 53. */
static bool
dhcp_options(struct cur c, struct proto_ctx *ctx, unsigned subj,
    const uint8_t **reqip, unsigned *mtype)
{
	for (unsigned i = 0; i < DHCP_OPTS_MAX && cur_left(&c) > 0; i++) {
		uint8_t code = cur_u8(&c), len;
		const uint8_t *v;

		if (code == OPT_PAD)
			continue;
		if (code == OPT_END)
			return true;
		len = cur_u8(&c);
		v = cur_take(&c, len);
		if (v == NULL)
			return false;
		if (code == OPT_HOSTNAME && len > 0)
			dhcp_text(ctx, subj, FACT_NAME, CONF_NAME, v, len);
		else if (code == OPT_VCLASS && len > 0)
			dhcp_text(ctx, subj, FACT_DHCP_VENDOR, CONF_VENDOR, v,
			    len);
		else if (code == OPT_PRL)
			dhcp_prl(ctx, subj, v, len);
		else if (code == OPT_REQIP && len == 4)
			*reqip = v;
		else if (code == OPT_MSGTYPE && len == 1)
			*mtype = v[0];
	}
	/* No end option: tolerated (snap length, lazy clients). */
	return true;
}

/* dhcp_decode: see proto.h. A BOOTREQUEST gives, for the client (the
 * sender, or stated device SUBJ_STATED when relayed): FACT_NAME (opt 12,
 * 50), FACT_DHCP_VENDOR (opt 60, 50), FACT_DHCP_PRL (opt 55, 40),
 * FACT_IP (opt 50 or ciaddr, 40) and FACT_MAC (chaddr, 60). */
enum dec
dhcp_decode(struct cur payload, struct proto_ctx *ctx)
{
	struct cur c = payload;
	const uint8_t *h, *cookie, *reqip = NULL;
	unsigned subj = SUBJ_SENDER, mtype = 0;
	bool eth, ok;

	h = cur_take(&c, DHCP_FIXED);
	cookie = cur_take(&c, 4);
	if (cookie == NULL || (h[0] != 1 && h[0] != 2) ||
	    be32(cookie) != 0x63825363u)
		return DEC_UNSUPPORTED;
	STAT_INC(ctx->st, DHCP_MSGS);
	if (h[0] != 1)
		return DEC_OK;
	eth = h[1] == 1 && h[2] == 6;
	if ((h[24] | h[25] | h[26] | h[27]) != 0) {
		/* Relayed: the client is a device the message states, and
		 * a stated device needs its MAC. */
		if (!eth)
			return DEC_OK;
		subj = SUBJ_STATED;
	}
	if (eth)
		dhcp_mac(ctx, subj, h + 28);
	ok = dhcp_options(c, ctx, subj, &reqip, &mtype);
	if (mtype == DHCPDECLINE)
		reqip = NULL;
	if (reqip != NULL)
		dhcp_ip(ctx, subj, reqip);
	if (reqip == NULL || memcmp(reqip, h + 12, 4) != 0)
		dhcp_ip(ctx, subj, h + 12);
	if (!ok) {
		STAT_INC(ctx->st, DHCP_MALFORMED);
		return DEC_MALFORMED;
	}
	return DEC_OK;
}
