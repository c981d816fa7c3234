/* SPDX-License-Identifier: MIT */
/* gen_payload.c - byte writer and TLS/DNS/SMB2 payload builders. */
/*
 * References: RFC 5246 (TLS 1.2), RFC 8446 (TLS 1.3), RFC 6066 (SNI), RFC 5280
 * (X.509, only the outline: version, serial, algorithm, issuer/subject CN,
 * validity, key, signature), RFC 1035 (DNS wire format), RFC 6762 (mDNS).
 */
#include "gen_payload.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

void
wb_init(struct wb *w, uint8_t *buf, size_t cap)
{
	w->p = buf;
	w->n = 0;
	w->cap = cap;
	w->over = false;
}

void
wb_u8(struct wb *w, uint32_t v)
{
	if (w->n >= w->cap) {
		w->over = true;
		return;
	}
	w->p[w->n++] = (uint8_t)v;
}

void
wb_be16(struct wb *w, uint32_t v)
{
	wb_u8(w, v >> 8);
	wb_u8(w, v & 0xff);
}

void
wb_be24(struct wb *w, uint32_t v)
{
	wb_u8(w, v >> 16);
	wb_be16(w, v & 0xffff);
}

void
wb_be32(struct wb *w, uint32_t v)
{
	wb_be16(w, v >> 16);
	wb_be16(w, v & 0xffff);
}

void
wb_mem(struct wb *w, const void *s, size_t n)
{
	if (n > w->cap - w->n) {
		w->over = true;
		return;
	}
	memcpy(w->p + w->n, s, n);
	w->n += n;
}

void
wb_rand(struct wb *w, struct rng *r, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		wb_u8(w, (uint32_t)(rng_next(r) >> 56));
}

void
wb_fmt(struct wb *w, const char *fmt, ...)
{
	va_list ap;
	int k;
	size_t room = w->cap - w->n;

	va_start(ap, fmt);
	k = vsnprintf((char *)w->p + w->n, room, fmt, ap);
	va_end(ap);
	if (k < 0 || (size_t)k >= room) {
		w->over = true;
		return;
	}
	w->n += (size_t)k;
}

size_t
wb_hole(struct wb *w, size_t nbytes)
{
	size_t at = w->n, i;

	for (i = 0; i < nbytes; i++)
		wb_u8(w, 0);
	return at;
}

void
wb_fill(struct wb *w, size_t hole, size_t nbytes)
{
	size_t v, i;

	if (w->over || hole + nbytes > w->n)
		return;
	v = w->n - hole - nbytes;
	for (i = 0; i < nbytes; i++)
		w->p[hole + i] = (uint8_t)(v >> (8 * (nbytes - 1 - i)));
}

void
fmt_uuid(char out[37], const uint8_t u[16])
{
	static const char hex[] = "0123456789abcdef";
	size_t i, o = 0;

	for (i = 0; i < 16; i++) {
		if (i == 4 || i == 6 || i == 8 || i == 10)
			out[o++] = '-';
		out[o++] = hex[u[i] >> 4];
		out[o++] = hex[u[i] & 15];
	}
	out[o] = '\0';
}

void
fmt_ip4(char out[16], const uint8_t ip[4])
{
	snprintf(out, 16, "%u.%u.%u.%u", ip[0], ip[1], ip[2], ip[3]);
}

/* One extension: type, 2-byte length, then body bytes. */
static void
ext(struct wb *w, uint32_t type, const uint8_t *body, size_t n)
{
	wb_be16(w, type);
	wb_be16(w, (uint32_t)n);
	wb_mem(w, body, n);
}

void
tls_client_hello(struct wb *w, struct rng *r, const char *sni, bool modern)
{
	static const uint16_t cs_modern[] = { 0x1301, 0x1302, 0x1303, 0xc02b,
		0xc02f, 0xcca9, 0xcca8, 0xc02c, 0xc030, 0xc013, 0xc014, 0x009c,
		0x009d, 0x002f, 0x0035 };
	static const uint16_t cs_embedded[] = { 0xc02f, 0xc030, 0xc02b, 0xc02c,
		0xc027, 0xc013, 0xc014, 0x009c, 0x009d, 0x002f, 0x0035,
		0x000a };
	static const uint8_t groups[] = { 0x00, 0x06, 0x00, 0x1d, 0x00, 0x17,
		0x00, 0x18 };
	static const uint8_t points[] = { 0x01, 0x00 };
	static const uint8_t reneg[] = { 0x00 };
	static const uint8_t sigalgs[] = { 0x00, 0x10, 0x04, 0x03, 0x08, 0x04,
		0x04, 0x01, 0x05, 0x03, 0x08, 0x05, 0x05, 0x01, 0x08, 0x06,
		0x06, 0x01 };
	static const uint8_t alpn[] = { 0x00, 0x0c, 0x02, 'h', '2', 0x08, 'h',
		't', 't', 'p', '/', '1', '.', '1' };
	static const uint8_t status[] = { 0x01, 0x00, 0x00, 0x00, 0x00 };
	static const uint8_t versions[] = { 0x04, 0x03, 0x04, 0x03, 0x03 };
	static const uint8_t pskmodes[] = { 0x01, 0x01 };
	const uint16_t *cs = modern ? cs_modern : cs_embedded;
	size_t ncs = modern ? sizeof(cs_modern) / 2 : sizeof(cs_embedded) / 2;
	size_t rec, hs, exts, e, l, i, snilen = strlen(sni);

	wb_u8(w, 0x16); /* handshake record */
	wb_be16(w, 0x0301);
	rec = wb_hole(w, 2);
	wb_u8(w, 0x01); /* ClientHello */
	hs = wb_hole(w, 3);
	wb_be16(w, 0x0303);
	wb_rand(w, r, 32);
	wb_u8(w, modern ? 32 : 0); /* legacy session id */
	if (modern)
		wb_rand(w, r, 32);
	wb_be16(w, (uint32_t)(ncs * 2));
	for (i = 0; i < ncs; i++)
		wb_be16(w, cs[i]);
	wb_u8(w, 1); /* compression methods: null */
	wb_u8(w, 0);
	exts = wb_hole(w, 2);
	wb_be16(w, 0x0000); /* server_name */
	e = wb_hole(w, 2);
	l = wb_hole(w, 2);
	wb_u8(w, 0); /* host_name */
	wb_be16(w, (uint32_t)snilen);
	wb_mem(w, sni, snilen);
	wb_fill(w, l, 2);
	wb_fill(w, e, 2);
	ext(w, 0x0017, NULL, 0); /* extended_master_secret */
	ext(w, 0xff01, reneg, sizeof(reneg));
	ext(w, 0x000a, groups, sizeof(groups));
	ext(w, 0x000b, points, sizeof(points));
	ext(w, 0x0023, NULL, 0); /* session_ticket */
	if (modern) {
		ext(w, 0x0010, alpn, sizeof(alpn));
		ext(w, 0x0005, status, sizeof(status));
	}
	ext(w, 0x000d, sigalgs, sizeof(sigalgs));
	if (modern) {
		ext(w, 0x002b, versions, sizeof(versions));
		ext(w, 0x002d, pskmodes, sizeof(pskmodes));
		wb_be16(w, 0x0033); /* key_share: one x25519 share */
		wb_be16(w, 38);
		wb_be16(w, 36);
		wb_be16(w, 0x001d);
		wb_be16(w, 32);
		wb_rand(w, r, 32);
	}
	wb_fill(w, exts, 2);
	wb_fill(w, hs, 3);
	wb_fill(w, rec, 2);
}

/* X.509 Name with a single commonName; cn must be shorter than 100 bytes. */
static void
der_name(struct wb *w, const char *cn)
{
	size_t l = strlen(cn);

	if (l > 100)
		l = 100;
	wb_u8(w, 0x30);
	wb_u8(w, (uint32_t)(11 + l));
	wb_u8(w, 0x31);
	wb_u8(w, (uint32_t)(9 + l));
	wb_u8(w, 0x30);
	wb_u8(w, (uint32_t)(7 + l));
	wb_mem(w, "\x06\x03\x55\x04\x03", 5);
	wb_u8(w, 0x0c);
	wb_u8(w, (uint32_t)l);
	wb_mem(w, cn, l);
}

/* Tag plus a two-byte long-form length; returns the hole for wb_fill(.., 2). */
static size_t
der_open(struct wb *w, uint32_t tag)
{
	wb_u8(w, tag);
	wb_u8(w, 0x82);
	return wb_hole(w, 2);
}

static void
certificate(struct wb *w, struct rng *r, const char *cn, size_t cert_len)
{
	static const uint8_t sha256rsa[] = { 0x30, 0x0d, 0x06, 0x09, 0x2a, 0x86,
		0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x0b, 0x05, 0x00 };
	static const uint8_t rsakey[] = { 0x30, 0x0d, 0x06, 0x09, 0x2a, 0x86,
		0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x01, 0x05, 0x00 };
	size_t start = w->n, cert, tbs, spki, bits, rsa, mod, key;

	cert = der_open(w, 0x30);
	tbs = der_open(w, 0x30);
	wb_mem(w, "\xa0\x03\x02\x01\x02\x02\x10", 7); /* v3, 16-byte serial */
	wb_u8(w, rng_below(r, 0x80));
	wb_rand(w, r, 15);
	wb_mem(w, sha256rsa, sizeof(sha256rsa));
	der_name(w, "Bench Issuing CA 01");
	wb_mem(w,
	    "\x30\x1e\x17\x0d"
	    "251201000000Z"
	    "\x17\x0d"
	    "261231235959Z",
	    32);
	der_name(w, cn);
	spki = der_open(w, 0x30);
	wb_mem(w, rsakey, sizeof(rsakey));
	bits = der_open(w, 0x03);
	wb_u8(w, 0);
	/*
	 * RSAPublicKey { modulus, 65537 }; the modulus pads the certificate to
	 * about cert_len (sigAlg and a 261-byte signature still follow).
	 */
	rsa = der_open(w, 0x30);
	mod = der_open(w, 0x02);
	key = w->n - start + 6 + sizeof(sha256rsa) + 261;
	wb_u8(w, 0);
	wb_u8(w, 0x80 | rng_below(r, 0x80));
	wb_rand(w, r, cert_len > key + 16 ? cert_len - key : 16);
	wb_fill(w, mod, 2);
	wb_mem(w, "\x02\x03\x01\x00\x01", 5);
	wb_fill(w, rsa, 2);
	wb_fill(w, bits, 2);
	wb_fill(w, spki, 2);
	wb_fill(w, tbs, 2);
	wb_mem(w, sha256rsa, sizeof(sha256rsa));
	wb_mem(w, "\x03\x82\x01\x01\x00", 5);
	wb_rand(w, r, 256);
	wb_fill(w, cert, 2);
}

void
tls_server_flight12(
    struct wb *w, struct rng *r, const char *cn, size_t cert_len)
{
	static const uint8_t exts[] = { 0xff, 0x01, 0x00, 0x01, 0x00, 0x00,
		0x0b, 0x00, 0x02, 0x01, 0x00, 0x00, 0x17, 0x00, 0x00 };
	size_t rec, hs, list, one;

	wb_u8(w, 0x16);
	wb_be16(w, 0x0303);
	rec = wb_hole(w, 2);
	wb_u8(w, 0x02); /* ServerHello */
	hs = wb_hole(w, 3);
	wb_be16(w, 0x0303);
	wb_rand(w, r, 32);
	wb_u8(w, 32);
	wb_rand(w, r, 32);
	wb_be16(w, 0xc02f);
	wb_u8(w, 0);
	wb_be16(w, sizeof(exts));
	wb_mem(w, exts, sizeof(exts));
	wb_fill(w, hs, 3);
	wb_u8(w, 0x0b); /* Certificate */
	hs = wb_hole(w, 3);
	list = wb_hole(w, 3);
	one = wb_hole(w, 3);
	certificate(w, r, cn, cert_len);
	wb_fill(w, one, 3);
	wb_fill(w, list, 3);
	wb_fill(w, hs, 3);
	wb_u8(w, 0x0c); /* ServerKeyExchange: secp256r1, RSA/SHA-256 */
	wb_be24(w, 4 + 65 + 4 + 256);
	wb_mem(w, "\x03\x00\x17\x41\x04", 5);
	wb_rand(w, r, 64);
	wb_mem(w, "\x04\x01\x01\x00", 4);
	wb_rand(w, r, 256);
	wb_mem(w, "\x0e\x00\x00\x00", 4); /* ServerHelloDone */
	wb_fill(w, rec, 2);
}

void
tls_server_flight13(struct wb *w, struct rng *r, uint32_t app_len)
{
	wb_mem(w, "\x16\x03\x03\x00\x7a\x02\x00\x00\x76\x03\x03", 11);
	wb_rand(w, r, 32);
	wb_u8(w, 32);
	wb_rand(w, r, 32);
	wb_mem(w,
	    "\x13\x01\x00\x00\x2e\x00\x2b\x00\x02\x03\x04"
	    "\x00\x33\x00\x24\x00\x1d\x00\x20",
	    19);
	wb_rand(w, r, 32);
	wb_mem(w, "\x14\x03\x03\x00\x01\x01", 6); /* ChangeCipherSpec */
	wb_mem(w, "\x17\x03\x03", 3);
	wb_be16(w, app_len);
}

void
tls_client_finish12(struct wb *w, struct rng *r)
{
	wb_mem(w, "\x16\x03\x03\x00\x46\x10\x00\x00\x42\x41\x04", 11);
	wb_rand(w, r, 64);
	tls_finish(w, r);
}

void
tls_finish(struct wb *w, struct rng *r)
{
	wb_mem(w, "\x14\x03\x03\x00\x01\x01\x16\x03\x03\x00\x28", 11);
	wb_rand(w, r, 40);
}

void
dns_name(struct wb *w, const char *name)
{
	const char *p = name, *dot;
	size_t l;

	while (*p != '\0') {
		dot = strchr(p, '.');
		l = dot ? (size_t)(dot - p) : strlen(p);
		if (l > 63)
			l = 63;
		if (l > 0) {
			wb_u8(w, (uint32_t)l);
			wb_mem(w, p, l);
		}
		if (!dot)
			break;
		p = dot + 1;
	}
	wb_u8(w, 0);
}

void
dns_query(struct wb *w, uint16_t id, const char *name, uint16_t qtype)
{
	wb_be16(w, id);
	wb_be16(w, 0x0100); /* standard query, recursion desired */
	wb_be16(w, 1);
	wb_be16(w, 0);
	wb_be16(w, 0);
	wb_be16(w, 0);
	dns_name(w, name);
	wb_be16(w, qtype);
	wb_be16(w, 1);
}

void
dns_answer(struct wb *w, uint16_t id, const char *name, uint16_t qtype,
    const uint8_t *addrs, unsigned nans, uint32_t ttl)
{
	size_t alen = qtype == 28 ? 16 : 4;
	unsigned i;

	wb_be16(w, id);
	wb_be16(w, nans ? 0x8180 : 0x8183); /* response, RD+RA; NXDOMAIN */
	wb_be16(w, 1);
	wb_be16(w, nans);
	wb_be16(w, 0);
	wb_be16(w, 0);
	dns_name(w, name);
	wb_be16(w, qtype);
	wb_be16(w, 1);
	for (i = 0; i < nans; i++) {
		wb_be16(w, 0xc00c); /* pointer to the question name */
		wb_be16(w, qtype);
		wb_be16(w, 1);
		wb_be32(w, ttl);
		wb_be16(w, (uint32_t)alen);
		wb_mem(w, addrs + i * alen, alen);
	}
}

void
mdns_query(struct wb *w, const char *service)
{
	wb_mem(w, "\x00\x00\x00\x00\x00\x01\x00\x00\x00\x00\x00\x00", 12);
	dns_name(w, service);
	wb_be16(w, 12); /* PTR */
	wb_be16(w, 1);
}

/* SMB2 message (MS-SMB2 2.2.1): NetBIOS length, 64-byte header, extra body
 * follows. */
void
smb2_header(struct wb *w, struct rng *r, uint16_t arg, uint32_t extra)
{
	bool resp = (arg & 0x8000) != 0;

	wb_u8(w, 0);
	wb_be24(w, 64 + extra);
	wb_mem(w, "\xfeSMB\x40\x00\x01\x00\x00\x00\x00\x00", 12);
	wb_u8(w, arg & 0xff); /* command, little-endian */
	wb_u8(w, 0);
	wb_mem(w,
	    resp ? "\x01\x00\x01\x00\x00\x00" : "\x1f\x00\x00\x00\x00\x00", 6);
	wb_rand(
	    w, r, 44); /* next command, message id, tree, session, signature */
}
