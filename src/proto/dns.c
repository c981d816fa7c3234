/* SPDX-License-Identifier: MIT */
/* dns.c - DNS lookups (RFC 1035 4.1): who asked for which name.
 *
 *   [TCP only: length(2)]
 *   id(2) flags(2) qdcount(2) ancount(2) nscount(2) arcount(2)
 *   question = qname qtype(2) qclass(2)          (qdcount times)
 *   answer, authority, additional = RRs          (see dnsname.h)
 *   flags: QR(1) opcode(4) AA TC RD RA Z(3) rcode(4)
 *
 * A query names what the sender (a device) looks up: FACT_DOMAIN for the
 * sender. A response is from a server, which is of no interest itself,
 * but its question section repeats the lookup of the client it answers:
 * FACT_DOMAIN for the receiver. Answers are walked (so broken messages
 * are counted) but not reported yet. Names are decompressed into a stack
 * buffer that lives for the duration of the proto_fact() call. */
#include "dnsname.h"
#include "proto.h"

#define DNS_HDR 12
#define DNS_QD_MAX 8      /* questions reported per message */
#define DNS_AN_MAX 64     /* answers walked per message */
#define DNS_CONF 50
#define IPPROTO_TCP_NUM 6

static const char SRC[] = "dns";

/* The message view: for TCP, the length-prefixed message (clamped to
 * the segment). False if the prefix is missing or too small. */
static bool
dns_message(struct cur *c, const struct pkt *p)
{
	uint16_t len;

	if (p == NULL || p->proto != IPPROTO_TCP_NUM)
		return true;
	len = cur_be16(c);
	if (cur_bad(c) || len < DNS_HDR)
		return false;
	(void)cur_clamp(c, len);
	return true;
}

/* Step over one owner name in place, without following compression
 * pointers (nothing of an answer is reported, so nothing needs reading):
 * false if it is cut short or uses a reserved label type. Bounded: each
 * turn consumes at least one byte, at most 128 labels. */
static bool
dns_skip_name(const struct cur *msg, struct cur *c)
{
	for (unsigned i = 0; i < 128; i++) {
		uint8_t len = cur_u8(c);

		if (cur_bad(c))
			return false;
		if (len == 0)
			return true;
		if ((len & 0xc0) == 0xc0) {
			/* A pointer ends the name; it must point backwards
			 * into the message, as dnsname_read() requires. */
			size_t to = (size_t)(len & 0x3f) << 8 | cur_u8(c);
			return !cur_bad(c) &&
			    to < (size_t)(c->p - msg->p) - 2;
		}
		if ((len & 0xc0) != 0)
			return false;
		if (!cur_skip(c, len))
			return false;
	}
	return false;
}

/* Walk the answer section without reporting: false if it is broken. */
static bool
dns_skip_answers(const struct cur *msg, struct cur *c, unsigned ancount)
{
	for (unsigned i = 0; i < ancount && i < DNS_AN_MAX; i++) {
		uint16_t rdlen;

		if (!dns_skip_name(msg, c) || !cur_skip(c, 8))
			return false;
		rdlen = cur_be16(c);
		if (!cur_skip(c, rdlen))
			return false;
	}
	return true;
}

/* dns_decode: see proto.h. Queries (QR=0, opcode QUERY) give FACT_DOMAIN
 * for the sender, responses FACT_DOMAIN for the receiver, one per
 * question (at most DNS_QD_MAX), confidence 50. */
enum dec
dns_decode(struct cur payload, struct proto_ctx *ctx)
{
	struct cur msg = payload, c;
	char name[DNSNAME_MAX];
	uint16_t flags, qd, an;
	unsigned opcode, subj;
	size_t nlen;

	if (!dns_message(&msg, ctx->p) || cur_left(&msg) < DNS_HDR)
		return DEC_UNSUPPORTED;
	c = msg;
	(void)cur_be16(&c); /* id */
	flags = cur_be16(&c);
	qd = cur_be16(&c);
	an = cur_be16(&c);
	(void)cur_skip(&c, 4); /* nscount, arcount */
	opcode = (unsigned)(flags >> 11) & 0xf;
	/* Opcodes 0-2, 4 (NOTIFY), 5 (UPDATE), 6 (DSO) exist; a query
	 * without a question is no lookup. */
	if (opcode == 3 || opcode > 6 || (qd == 0 && !(flags & 0x8000)))
		return DEC_UNSUPPORTED;
	STAT_INC(ctx->st, DNS_MSGS);
	if (opcode != 0)
		return DEC_OK;
	subj = (flags & 0x8000) ? SUBJ_RECEIVER : SUBJ_SENDER;
	for (unsigned i = 0; i < qd && i < DNS_QD_MAX; i++) {
		if (!dnsname_read(&msg, &c, name, &nlen) ||
		    !cur_skip(&c, 4)) {
			STAT_INC(ctx->st, DNS_MALFORMED);
			return DEC_MALFORMED;
		}
		if (nlen > 0)
			proto_fact(ctx, subj, FACT_DOMAIN, DNS_CONF, SRC, name,
			    nlen);
	}
	/* Questions beyond the cap were not read: the answers are not
	 * where the cursor stands. */
	if (qd > DNS_QD_MAX)
		return DEC_OK;
	if (!dns_skip_answers(&msg, &c, an)) {
		STAT_INC(ctx->st, DNS_MALFORMED);
		return DEC_MALFORMED;
	}
	return DEC_OK;
}
