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
 * FACT_DOMAIN for the receiver. In a response to a one-question query
 * (the only kind resolvers send), each A and AAAA record that answers the
 * question, directly or through its CNAME chain, is reported to
 * ctx->answer: the client learnt that this name is at that address
 * (passive DNS). Other answers are walked so that broken messages are
 * counted. Names are decompressed into stack buffers that live for the
 * duration of the callback. */
#include <string.h>

#include "dnsname.h"
#include "proto.h"

#define DNS_HDR 12
#define DNS_QD_MAX 8      /* questions reported per message */
#define DNS_AN_MAX 64     /* answers walked per message */
#define DNS_CNAME_MAX 8   /* CNAME links followed per question */
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

/* Is the owner name at c the question's own name, written as a pointer
 * to it (0xc00c, as nearly every server writes its answers)? Then c
 * moves past it. Only for a question written without a pointer (qplain):
 * reading the owner would follow just this one, so it would give the
 * question's name and could not fail. */
static bool
dns_owner_is_question(struct cur *c, bool qplain)
{
	if (!qplain || cur_left(c) < 2 || c->p[0] != 0xc0 ||
	    c->p[1] != DNS_HDR)
		return false;
	(void)cur_skip(c, 2);
	return true;
}

/* Report the addresses a response gives for its question q (qlen
 * bytes; qplain: written without a compression pointer) to ctx->answer.
 * The CNAME chain that starts at q is followed in record order, as
 * servers write it (RFC 1034 4.3.2 step 3a): a record answers when its
 * owner is the chain's current name. Bounded by DNS_AN_MAX records and
 * DNS_CNAME_MAX links, so a looping chain ends. False if the section is
 * broken. */
static bool
dns_answers(const struct cur *msg, struct cur *c, unsigned ancount,
    const char *q, size_t qlen, bool qplain, struct proto_ctx *ctx)
{
	char at[DNSNAME_MAX], owner[DNSNAME_MAX];
	const char *cn = q;  /* the chain's current name: q, then at */
	size_t alen = qlen, olen;
	unsigned links = 0;
	bool moved = false;  /* cn is another name than q */

	for (unsigned i = 0; i < ancount && i < DNS_AN_MAX; i++) {
		uint16_t type, klass, rdlen;
		uint32_t ttl;
		const uint8_t *f;
		struct cur rd;
		bool same; /* the owner is the chain's current name */

		if (links == 0 && dns_owner_is_question(c, qplain))
			same = true; /* the chain is still at the question */
		else if (!dnsname_read(msg, c, owner, &olen))
			return false;
		else
			same = olen == alen && memcmp(owner, cn, olen) == 0;
		/* type(2) class(2) ttl(4) rdlength(2), then the RDATA */
		if ((f = cur_take(c, 10)) == NULL)
			return false;
		type = be16(f);
		klass = be16(f + 2);
		ttl = be32(f + 4);
		rdlen = be16(f + 8);
		rd = cur_sub(c, rdlen);
		if (cur_bad(c))
			return false;
		if ((klass & 0x7fff) != 1 || !same)
			continue;
		if (type == 5) { /* CNAME: the chain moves on */
			if (links++ == DNS_CNAME_MAX) {
				STAT_INC(ctx->st, DNS_CNAME_TOO_LONG);
				return true;
			}
			if (!dnsname_read(msg, &rd, at, &alen) || alen == 0)
				return false;
			cn = at;
			moved = alen != qlen || memcmp(at, q, qlen) != 0;
		} else if ((type == 1 && rdlen == 4) ||
		    (type == 28 && rdlen == 16)) {
			struct dns_answer a = { q, qlen, moved ? at : NULL,
				moved ? alen : 0, { { 0 } }, ttl };

			if (type == 1)
				addr_from_v4(&a.addr, rd.p);
			else
				addr_from_v6(&a.addr, rd.p);
			STAT_INC(ctx->st, DNS_ANSWERS);
			ctx->answer(ctx->ud, &a);
		}
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
	const uint8_t *h;
	uint16_t flags, qd, an;
	bool ok, qplain = false;
	unsigned opcode, subj;
	size_t nlen = 0;

	if (!dns_message(&msg, ctx->p) || cur_left(&msg) < DNS_HDR)
		return DEC_UNSUPPORTED;
	c = msg;
	h = cur_take(&c, DNS_HDR); /* there: checked above */
	flags = be16(h + 2);
	qd = be16(h + 4);
	an = be16(h + 6);
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
		const uint8_t *q = c.p;

		if (!dnsname_read(&msg, &c, name, &nlen) ||
		    !cur_skip(&c, 4)) {
			STAT_INC(ctx->st, DNS_MALFORMED);
			return DEC_MALFORMED;
		}
		/* Written without a pointer: labels and the final zero take
		 * two bytes more than the dotted text (the root, one byte). */
		qplain = (size_t)(c.p - q) - 4 == (nlen ? nlen + 2 : 1);
		if (nlen > 0)
			proto_fact(ctx, subj, FACT_DOMAIN, DNS_CONF, SRC, name,
			    nlen);
	}
	/* Questions beyond the cap were not read: the answers are not
	 * where the cursor stands. */
	if (qd > DNS_QD_MAX)
		return DEC_OK;
	/* A response to one question, with no error: its addresses. */
	if (ctx->answer != NULL && qd == 1 && (flags & 0x800f) == 0x8000)
		ok = dns_answers(&msg, &c, an, name, nlen, qplain, ctx);
	else
		ok = dns_skip_answers(&msg, &c, an);
	if (!ok) {
		STAT_INC(ctx->st, DNS_MALFORMED);
		return DEC_MALFORMED;
	}
	return DEC_OK;
}
