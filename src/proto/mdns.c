/* SPDX-License-Identifier: MIT */
/* mdns.c - multicast DNS announcements (RFC 6762, DNS-SD RFC 6763).
 *
 * Same wire format as DNS (RFC 1035 4.1, see dnsname.h), UDP 5353. A
 * response (QR=1) is a device announcing its own records:
 *   A / AAAA   owner "host.local"                  -> FACT_NAME
 *   PTR        owner "x.in-addr.arpa"/"ip6.arpa", target "host.local"
 *   SRV        target "host.local"                 -> FACT_NAME
 *   TXT        "md=", "model=", "model_number="    -> FACT_MODEL
 *              "manufacturer="                     -> FACT_VENDOR
 * all about the sender. PTR records of service types (owner
 * "_http._tcp.local") name service instances, not hosts: skipped.
 * Queries carry nothing about the sender that this decoder reports. */
#include <string.h>

#include "dnsname.h"
#include "proto.h"

#define MDNS_HDR 12
#define MDNS_QD_MAX 16    /* questions skipped in a response */
#define MDNS_RR_MAX 64    /* records read per message */
#define MDNS_TXT_MAX 64   /* strings read per TXT record */
#define MDNS_SEEN 4       /* distinct host names remembered per message */
#define MDNS_NAME_MAX 8   /* host names reported per message */
#define MDNS_VAL_MAX 256  /* reported value length cap */
#define CONF_NAME 50
#define CONF_TXT 60

enum { T_A = 1, T_PTR = 12, T_TXT = 16, T_AAAA = 28, T_SRV = 33 };

static const char SRC[] = "mdns";

/* Host names already reported in this message. */
struct seen {
	char name[MDNS_SEEN][DNSNAME_MAX];
	size_t len[MDNS_SEEN];
	unsigned n, reported;
};

/* Report name as the sender's host name if it is "<host>.local", once. */
static void
mdns_host(struct proto_ctx *ctx, struct seen *s, const char *name,
    size_t len)
{
	if (len <= 6 || !dnsname_has_suffix(name, len, "local") ||
	    s->reported >= MDNS_NAME_MAX)
		return;
	for (unsigned i = 0; i < s->n; i++)
		if (s->len[i] == len && memcmp(s->name[i], name, len) == 0)
			return;
	if (s->n < MDNS_SEEN) {
		memcpy(s->name[s->n], name, len);
		s->len[s->n++] = len;
	}
	s->reported++;
	proto_fact(ctx, SUBJ_SENDER, FACT_NAME, CONF_NAME, SRC, name, len);
}

/* Case-insensitive equality of a TXT key with a lower-case word. */
static bool
key_is(const uint8_t *k, size_t klen, const char *word)
{
	if (klen != strlen(word))
		return false;
	for (size_t i = 0; i < klen; i++) {
		uint8_t b = k[i];
		if (b >= 'A' && b <= 'Z')
			b = (uint8_t)(b - 'A' + 'a');
		if (b != (uint8_t)word[i])
			return false;
	}
	return true;
}

/* One TXT string "key=value": model and maker keys are reported. */
static void
mdns_txt_kv(struct proto_ctx *ctx, const uint8_t *s, size_t len)
{
	const uint8_t *eq = memchr(s, '=', len);
	const uint8_t *v, *e;
	size_t klen;
	int field;

	if (eq == NULL)
		return;
	klen = (size_t)(eq - s);
	if (key_is(s, klen, "md") || key_is(s, klen, "model") ||
	    key_is(s, klen, "model_number"))
		field = FACT_MODEL;
	else if (key_is(s, klen, "manufacturer"))
		field = FACT_VENDOR;
	else
		return;
	v = eq + 1;
	e = s + len;
	while (v < e && (*v == ' ' || *v == '\t' || *v == '"'))
		v++;
	while (e > v && (e[-1] == ' ' || e[-1] == '\t' || e[-1] == '"'))
		e--;
	if (e - v > MDNS_VAL_MAX)
		e = v + MDNS_VAL_MAX;
	if (e > v)
		proto_fact(ctx, SUBJ_SENDER, (enum fact_field)field, CONF_TXT,
		    SRC, (const char *)v, (size_t)(e - v));
}

/* One record of a response. */
static void
mdns_rr(struct proto_ctx *ctx, const struct cur *msg, struct dnsname_rr *rr,
    struct seen *s)
{
	char target[DNSNAME_MAX];
	struct cur d = rr->rdata;
	size_t tlen;

	switch (rr->type) {
	case T_A:
	case T_AAAA:
		mdns_host(ctx, s, rr->name, rr->nlen);
		break;
	case T_PTR:
		if ((dnsname_has_suffix(rr->name, rr->nlen, "in-addr.arpa") ||
		    dnsname_has_suffix(rr->name, rr->nlen, "ip6.arpa")) &&
		    dnsname_read(msg, &d, target, &tlen))
			mdns_host(ctx, s, target, tlen);
		break;
	case T_SRV:
		if (cur_skip(&d, 6) && dnsname_read(msg, &d, target, &tlen))
			mdns_host(ctx, s, target, tlen);
		break;
	case T_TXT:
		for (unsigned i = 0; i < MDNS_TXT_MAX && cur_left(&d) > 0;
		    i++) {
			uint8_t n = cur_u8(&d);
			const uint8_t *str = cur_take(&d, n);

			if (str == NULL)
				break;
			if (n > 0)
				mdns_txt_kv(ctx, str, n);
		}
		break;
	default:
		break;
	}
}

/* mdns_decode: see proto.h. Responses give FACT_NAME (host names ending
 * in ".local", 50) and FACT_MODEL / FACT_VENDOR from TXT keys (60) for
 * the sender; queries are counted and give nothing. */
enum dec
mdns_decode(struct cur payload, struct proto_ctx *ctx)
{
	struct cur msg = payload, c = payload;
	struct dnsname_rr rr;
	struct seen s;
	char name[DNSNAME_MAX];
	uint16_t flags, qd;
	unsigned nrr;
	size_t nlen;
	unsigned i;

	if (cur_left(&c) < MDNS_HDR)
		return DEC_UNSUPPORTED;
	(void)cur_be16(&c); /* id */
	flags = cur_be16(&c);
	qd = cur_be16(&c);
	nrr = cur_be16(&c);
	nrr += cur_be16(&c);
	nrr += cur_be16(&c);
	/* RFC 6762 18.3: opcode 0 only. */
	if ((flags & 0x7800) != 0)
		return DEC_UNSUPPORTED;
	STAT_INC(ctx->st, MDNS_MSGS);
	if (!(flags & 0x8000))
		return DEC_OK;
	for (i = 0; i < qd && i < MDNS_QD_MAX; i++)
		if (!dnsname_read(&msg, &c, name, &nlen) || !cur_skip(&c, 4))
			goto bad;
	if (qd > MDNS_QD_MAX)
		return DEC_OK;
	s.n = s.reported = 0;
	for (i = 0; i < nrr && i < MDNS_RR_MAX; i++) {
		if (!dnsname_rr_read(&msg, &c, &rr))
			goto bad;
		mdns_rr(ctx, &msg, &rr, &s);
	}
	return DEC_OK;
bad:
	STAT_INC(ctx->st, MDNS_MALFORMED);
	return DEC_MALFORMED;
}
