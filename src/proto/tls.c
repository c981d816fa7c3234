/* SPDX-License-Identifier: MIT */
/* tls.c - TLS handshake in the clear: SNI and server certificate names.
 *
 *   record    = type(1) version(2) length(2) fragment    (RFC 8446 5.1)
 *   handshake = msg_type(1) length(3) body               (RFC 8446 4)
 *   ClientHello: version(2) random(32) session_id<1> cipher_suites<2>
 *                compression<1> extensions<2>
 *   ServerHello: version(2) random(32) session_id<1> cipher(2)
 *                compression(1) extensions<2>
 *   extension = type(2) length(2) data; server_name (0, RFC 6066 3):
 *                list<2> of name_type(1) name<2>; supported_versions (43)
 *   Certificate (TLS <= 1.2, RFC 5246 7.4.2): certificate_list<3> of
 *                cert<3> (DER; the first one is the sender's own)
 *
 * Only what lies in this packet is read: a message cut by the segment
 * end is read as far as it goes (the names of a certificate come early).
 * In TLS 1.3 the Certificate is encrypted, so a ServerHello selecting
 * 1.3 ends the search; so does a ChangeCipherSpec record. */
#include <string.h>

#include "proto.h"
#include "x509.h"

#define TLS_RECORDS_MAX 32
#define TLS_MSGS_MAX 16     /* handshake messages per record */
#define TLS_EXTS_MAX 64
#define TLS_SNI_MAX 4       /* server_name entries looked at */
#define TLS_RECORD_MAX 18432 /* 2^14 + 2048 (RFC 5246 6.2.3) */
#define TLS_VAL_MAX 256     /* reported value length cap */
#define CONF_SNI 60
#define CONF_CERT 80
#define CONF_VENDOR 85

enum { REC_CCS = 20, REC_ALERT = 21, REC_HS = 22, REC_APP = 23 };
enum { HS_CLIENT_HELLO = 1, HS_SERVER_HELLO = 2, HS_CERTIFICATE = 11 };
enum { EXT_SNI = 0, EXT_VERSIONS = 43 };

static const char SRC[] = "tls";

struct tls_state {
	bool stop;      /* encrypted from here on */
	bool bad;       /* something impossible was seen */
};

/* A child cursor of n bytes, or of what is left if fewer remain. */
static struct cur
sub_upto(struct cur *c, size_t n)
{
	size_t left = cur_left(c);

	return cur_sub(c, n < left ? n : left);
}

static uint32_t
cur_be24(struct cur *c)
{
	uint32_t v = (uint32_t)cur_u8(c) << 16;

	v |= (uint32_t)cur_u8(c) << 8;
	return v | cur_u8(c);
}

/* server_name extension: the first host_name is the sender's lookup. */
static void
tls_sni(struct cur d, struct proto_ctx *ctx)
{
	struct cur list = sub_upto(&d, cur_be16(&d));

	for (unsigned i = 0; i < TLS_SNI_MAX && cur_left(&list) > 0; i++) {
		uint8_t type = cur_u8(&list);
		uint16_t n = cur_be16(&list);
		const uint8_t *name = cur_take(&list, n);

		if (name == NULL)
			return;
		if (type == 0 && n > 0) {
			proto_fact(ctx, SUBJ_SENDER, FACT_DOMAIN, CONF_SNI, SRC,
			    (const char *)name,
			    n < TLS_VAL_MAX ? n : TLS_VAL_MAX);
			return;
		}
	}
}

/* Walk the extensions block at c (ClientHello or ServerHello). */
static void
tls_exts(struct cur *c, struct proto_ctx *ctx, struct tls_state *st,
    bool client)
{
	struct cur exts = sub_upto(c, cur_be16(c));

	for (unsigned i = 0; i < TLS_EXTS_MAX && cur_left(&exts) >= 4; i++) {
		uint16_t type = cur_be16(&exts);
		struct cur d = sub_upto(&exts, cur_be16(&exts));

		if (client && type == EXT_SNI)
			tls_sni(d, ctx);
		/* ServerHello: the selected version (RFC 8446 4.2.1). */
		if (!client && type == EXT_VERSIONS && cur_be16(&d) >= 0x0304)
			st->stop = true;
	}
}

/* ClientHello and ServerHello bodies up to their extensions. */
static void
tls_hello(struct cur b, struct proto_ctx *ctx, struct tls_state *st,
    bool client)
{
	uint16_t version = cur_be16(&b);

	(void)cur_skip(&b, 32);
	(void)cur_skip(&b, cur_u8(&b));        /* session id */
	if (client) {
		(void)cur_skip(&b, cur_be16(&b)); /* cipher suites */
		(void)cur_skip(&b, cur_u8(&b));   /* compression methods */
	} else {
		(void)cur_skip(&b, 3);             /* cipher, compression */
		/* Pre-RFC drafts of 1.3 sent 0x7fxx here. */
		if (version >= 0x0304)
			st->stop = true;
	}
	if (!cur_bad(&b))
		tls_exts(&b, ctx, st, client);
}

/* Certificate: names of the first certificate. */
static void
tls_cert(struct cur b, struct proto_ctx *ctx)
{
	struct x509_info xi;
	struct cur der;

	(void)cur_be24(&b); /* certificate_list length */
	der = sub_upto(&b, cur_be24(&b));
	if (cur_bad(&b) || !x509_names(der, &xi))
		return;
	if (xi.subject_len > 0)
		proto_fact(ctx, SUBJ_SENDER, FACT_CERT_SUBJECT, CONF_CERT, SRC,
		    xi.subject, xi.subject_len);
	if (xi.issuer_len > 0)
		proto_fact(ctx, SUBJ_SENDER, FACT_CERT_ISSUER, CONF_CERT, SRC,
		    xi.issuer, xi.issuer_len);
	if (xi.vendor != NULL)
		proto_fact(ctx, SUBJ_SENDER, FACT_VENDOR, CONF_VENDOR, SRC,
		    xi.vendor, strlen(xi.vendor));
}

/* The handshake messages of one record fragment. */
static void
tls_handshake(struct cur f, struct proto_ctx *ctx, struct tls_state *st)
{
	for (unsigned i = 0; i < TLS_MSGS_MAX && cur_left(&f) >= 4 &&
	    !st->stop; i++) {
		uint8_t type = cur_u8(&f);
		struct cur b = sub_upto(&f, cur_be24(&f));

		if (type == HS_CLIENT_HELLO)
			tls_hello(b, ctx, st, true);
		else if (type == HS_SERVER_HELLO)
			tls_hello(b, ctx, st, false);
		else if (type == HS_CERTIFICATE)
			tls_cert(b, ctx);
	}
}

/* tls_decode: see proto.h. Payload starting with a handshake record
 * (0x16 0x03 0x00-0x04). Reports FACT_DOMAIN (SNI, 60) for the sender
 * of a ClientHello; FACT_CERT_SUBJECT / FACT_CERT_ISSUER (80) of the
 * first certificate of a TLS <= 1.2 Certificate message for its sender,
 * plus FACT_VENDOR (85) for Hikvision and Dahua default certificates. */
enum dec
tls_decode(struct cur payload, struct proto_ctx *ctx)
{
	struct tls_state st = { false, false };
	struct cur c = payload;
	const uint8_t *h = cur_take(&c, 5);

	if (h == NULL || h[0] != REC_HS || h[1] != 3 || h[2] > 4 ||
	    be16(h + 3) == 0 || be16(h + 3) > TLS_RECORD_MAX)
		return DEC_UNSUPPORTED;
	STAT_INC(ctx->st, TLS_MSGS);
	c = payload;
	for (unsigned i = 0; i < TLS_RECORDS_MAX && cur_left(&c) > 0 &&
	    !st.stop; i++) {
		const uint8_t *r = cur_take(&c, 5);
		struct cur frag;

		if (r == NULL)
			break; /* header cut by the segment end */
		if (r[0] < REC_CCS || r[0] > REC_APP || r[1] != 3 ||
		    be16(r + 3) > TLS_RECORD_MAX) {
			st.bad = true;
			break;
		}
		frag = sub_upto(&c, be16(r + 3));
		if (r[0] == REC_HS)
			tls_handshake(frag, ctx, &st);
		else if (r[0] != REC_ALERT)
			st.stop = true;
	}
	if (st.bad) {
		STAT_INC(ctx->st, TLS_MALFORMED);
		return DEC_MALFORMED;
	}
	return DEC_OK;
}
