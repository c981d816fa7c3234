/* SPDX-License-Identifier: MIT */
/* test_proto_binary.c - DNS, mDNS, DHCP, TLS/X.509, Hikvision SDK 8000,
 * Dahua DVRIP and CS2 PPPP decoders: crafted payloads, real payloads cut
 * from the IoT Sentinel captures (../shared/corpus/net/, andypitcher/
 * IoT_Sentinel, MIT), TLS flights and certificates made with Python ssl
 * and openssl (tests/fuzz/corpus/tls/), negative controls and hostile
 * input (every truncation, pointer loops, oversized names). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>
#include <pcap/dlt.h>

#include "decode/decode.h"
#include "proto/dnsname.h"
#include "proto/proto.h"
#include "proto/x509.h"

#define MAXF 64
#define VALMAX 300

struct got {
	unsigned n;
	struct {
		unsigned subj, field, conf;
		char val[VALMAX];
		size_t len;
	} f[MAXF];
};

static void
collect(void *ud, const struct fact *f)
{
	struct got *g = ud;

	/* Every value: non-empty, capped, readable to its end. */
	assert_true(f->len > 0);
	assert_true(f->len <= 256);
	assert_non_null(f->source);
	if (g->n >= MAXF)
		return;
	g->f[g->n].subj = f->subject;
	g->f[g->n].field = f->field;
	g->f[g->n].conf = f->confidence;
	memcpy(g->f[g->n].val, f->val, f->len);
	g->f[g->n].len = f->len;
	g->n++;
}

static struct got G;
static struct stats ST;

/* DNS answers reported (name, cname, address) during one run(). */
static struct {
	unsigned n;
	char name[8][64], cname[8][64];
	struct addr a[8];
} A;

static void
on_answer(void *ud, const struct dns_answer *a)
{
	(void)ud;
	if (A.n < 8) {
		snprintf(A.name[A.n], 64, "%.*s", (int)a->nlen, a->name);
		snprintf(A.cname[A.n], 64, "%.*s", (int)a->clen,
		    a->cname ? a->cname : "");
		A.a[A.n] = a->addr;
	}
	A.n++;
}

/* Run fn on a private copy of b (so ASan sees overreads) with the given
 * transport and ports; facts land in G. */
static enum dec
run(proto_fn fn, const uint8_t *b, size_t n, unsigned proto,
    unsigned sport, unsigned dport)
{
	struct pkt p;
	struct proto_ctx ctx;
	uint8_t *copy = malloc(n ? n : 1);
	enum dec r;

	assert_non_null(copy);
	if (n)
		memcpy(copy, b, n);
	memset(&p, 0, sizeof p);
	memset(&G, 0, sizeof G);
	memset(&ST, 0, sizeof ST);
	memset(&A, 0, sizeof A);
	p.proto = (uint8_t)proto;
	p.sport = (uint16_t)sport;
	p.dport = (uint16_t)dport;
	p.l4_ok = true;
	ctx.p = &p;
	ctx.st = &ST;
	ctx.fact = collect;
	ctx.finding = NULL;
	ctx.answer = on_answer;
	ctx.ud = &G;
	r = fn(cur_make(copy, n), &ctx);
	free(copy);
	return r;
}

static void
expect(unsigned i, unsigned subj, unsigned field, unsigned conf,
    const char *val)
{
	assert_true(i < G.n);
	assert_int_equal(G.f[i].subj, subj);
	assert_int_equal(G.f[i].field, field);
	assert_int_equal(G.f[i].conf, conf);
	assert_int_equal(G.f[i].len, strlen(val));
	assert_memory_equal(G.f[i].val, val, G.f[i].len);
}

/* Whole file into a malloc'd buffer; NULL if absent. */
static uint8_t *
slurp(const char *path, size_t *n)
{
	FILE *f = fopen(path, "rb");
	uint8_t *b;
	long k;

	if (f == NULL)
		return NULL;
	if (fseek(f, 0, SEEK_END) != 0 || (k = ftell(f)) < 0) {
		fclose(f);
		return NULL;
	}
	rewind(f);
	b = malloc((size_t)k + 1);
	if (b == NULL || fread(b, 1, (size_t)k, f) != (size_t)k) {
		free(b);
		b = NULL;
	}
	fclose(f);
	*n = (size_t)k;
	return b;
}

/* The transport payload of frame idx (0-based) of a classic pcap, as a
 * malloc'd copy; the ports and IP protocol in *p. Skips the test when
 * the capture is absent. */
static uint8_t *
pcap_payload(const char *name, unsigned idx, struct pkt *p, size_t *n)
{
	char path[256];
	size_t len, o = 24;
	uint8_t *f, *out = NULL;
	struct stats st;

	snprintf(path, sizeof path, "../shared/corpus/net/%s", name);
	f = slurp(path, &len);
	if (f == NULL) {
		printf("skip: %s absent\n", path);
		skip();
	}
	for (unsigned i = 0; o + 16 <= len; i++) {
		size_t cl = (size_t)f[o + 8] | (size_t)f[o + 9] << 8 |
		    (size_t)f[o + 10] << 16 | (size_t)f[o + 11] << 24;

		o += 16;
		if (cl > len - o)
			break;
		if (i == idx) {
			memset(p, 0, sizeof *p);
			memset(&st, 0, sizeof st);
			assert_int_equal(decode_frame(DLT_EN10MB, f + o, cl, p,
			    &st), DEC_OK);
			*n = cur_left(&p->payload);
			out = malloc(*n + 1);
			assert_non_null(out);
			memcpy(out, p->payload.p, *n);
			break;
		}
		o += cl;
	}
	free(f);
	assert_non_null(out);
	return out;
}

/* A corpus seed of the repository (part of the tree: must exist). */
static uint8_t *
seed(const char *rel, size_t *n)
{
	char path[256];
	uint8_t *b;

	snprintf(path, sizeof path, "tests/fuzz/corpus/%s", rel);
	b = slurp(path, n);
	assert_non_null(b);
	return b;
}

/* Every prefix of b through every decoder: no crash, sane facts. */
static void
sweep(const uint8_t *b, size_t n)
{
	static const proto_fn fns[] = { dns_decode, mdns_decode, dhcp_decode,
		tls_decode, hiksdk_decode, dvrip_decode, cs2_decode };

	for (size_t k = 0; k <= n; k++)
		for (size_t i = 0; i < sizeof fns / sizeof fns[0]; i++) {
			(void)run(fns[i], b, k, 17, 37777, 8000);
			(void)run(fns[i], b, k, 6, 8000, 37777);
		}
}

/* Crafted payloads; the larger ones are read from tests/fuzz/corpus/. */
static const uint8_t DNS_QUERY[37] = {
	0x1a, 0x2b, 0x01, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
	0x03, 0x64, 0x65, 0x76, 0x0b, 0x68, 0x69, 0x6b, 0x2d, 0x63, 0x6f, 0x6e,
	0x6e, 0x65, 0x63, 0x74, 0x03, 0x63, 0x6f, 0x6d, 0x00, 0x00, 0x01, 0x00,
	0x01,
};

static const uint8_t DNS_RESP[71] = {
	0x00, 0x77, 0x81, 0x80, 0x00, 0x01, 0x00, 0x02, 0x00, 0x00, 0x00, 0x00,
	0x03, 0x77, 0x77, 0x77, 0x0c, 0x65, 0x61, 0x73, 0x79, 0x34, 0x69, 0x70,
	0x63, 0x6c, 0x6f, 0x75, 0x64, 0x03, 0x63, 0x6f, 0x6d, 0x00, 0x00, 0x01,
	0x00, 0x01, 0xc0, 0x0c, 0x00, 0x05, 0x00, 0x01, 0x00, 0x00, 0x01, 0x2c,
	0x00, 0x05, 0x02, 0x6c, 0x62, 0xc0, 0x10, 0xc0, 0x32, 0x00, 0x01, 0x00,
	0x01, 0x00, 0x00, 0x01, 0x2c, 0x00, 0x04, 0x2f, 0x5b, 0x48, 0x0a,
};

static const uint8_t DNS_TCP[51] = {
	0x00, 0x31, 0x00, 0x55, 0x01, 0x00, 0x00, 0x02, 0x00, 0x00, 0x00, 0x00,
	0x00, 0x00, 0x03, 0x61, 0x70, 0x69, 0x0b, 0x68, 0x69, 0x6b, 0x2d, 0x63,
	0x6f, 0x6e, 0x6e, 0x65, 0x63, 0x74, 0x03, 0x63, 0x6f, 0x6d, 0x00, 0x00,
	0x1c, 0x00, 0x01, 0x05, 0x61, 0x6c, 0x61, 0x72, 0x6d, 0xc0, 0x10, 0x00,
	0x01, 0x00, 0x01,
};

static const uint8_t CS2_DEVLGN[44] = {
	0xf1, 0x10, 0x00, 0x28, 0x54, 0x4e, 0x50, 0x55, 0x53, 0x41, 0x45, 0x00,
	0x00, 0x01, 0xe2, 0x40, 0x41, 0x42, 0x43, 0x44, 0x45, 0x00, 0x00, 0x00,
	0x00, 0x00, 0x00, 0x00, 0x02, 0x00, 0x6c, 0x7d, 0xc0, 0xa8, 0x01, 0x09,
	0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
};

static const uint8_t CS2_PUNCH[24] = {
	0xf1, 0x41, 0x00, 0x14, 0x54, 0x4e, 0x50, 0x55, 0x53, 0x41, 0x45, 0x00,
	0x00, 0x01, 0xe2, 0x40, 0x41, 0x42, 0x43, 0x44, 0x45, 0x00, 0x00, 0x00,
};

static const uint8_t DVRIP_A4[32] = {
	0xa4, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x07, 0x00, 0x00, 0x00,
	0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
	0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
};

static const uint8_t DVRIP_F4[87] = {
	0xf4, 0x00, 0x00, 0x00, 0x37, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
	0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
	0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x7b, 0x22, 0x6d, 0x65,
	0x74, 0x68, 0x6f, 0x64, 0x22, 0x3a, 0x22, 0x67, 0x6c, 0x6f, 0x62, 0x61,
	0x6c, 0x2e, 0x6c, 0x6f, 0x67, 0x69, 0x6e, 0x22, 0x2c, 0x22, 0x70, 0x61,
	0x72, 0x61, 0x6d, 0x73, 0x22, 0x3a, 0x7b, 0x22, 0x75, 0x73, 0x65, 0x72,
	0x4e, 0x61, 0x6d, 0x65, 0x22, 0x3a, 0x22, 0x61, 0x64, 0x6d, 0x69, 0x6e,
	0x22, 0x7d, 0x7d,
};

static const uint8_t DVRIP_DHIP[87] = {
	0x20, 0x00, 0x00, 0x00, 0x44, 0x48, 0x49, 0x50, 0x00, 0x00, 0x00, 0x00,
	0x00, 0x00, 0x00, 0x00, 0x37, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
	0x37, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x7b, 0x22, 0x6d, 0x65,
	0x74, 0x68, 0x6f, 0x64, 0x22, 0x3a, 0x22, 0x67, 0x6c, 0x6f, 0x62, 0x61,
	0x6c, 0x2e, 0x6c, 0x6f, 0x67, 0x69, 0x6e, 0x22, 0x2c, 0x22, 0x70, 0x61,
	0x72, 0x61, 0x6d, 0x73, 0x22, 0x3a, 0x7b, 0x22, 0x75, 0x73, 0x65, 0x72,
	0x4e, 0x61, 0x6d, 0x65, 0x22, 0x3a, 0x22, 0x61, 0x64, 0x6d, 0x69, 0x6e,
	0x22, 0x7d, 0x7d,
};

static const uint8_t HIK_1E[16] = {
	0x00, 0x00, 0x00, 0x10, 0x00, 0x00, 0x00, 0x1e, 0x00, 0x00, 0x00, 0x1e,
	0x00, 0x00, 0x00, 0x00,
};


/* ---- dnsname ---------------------------------------------------- */

static bool
name_at(const uint8_t *m, size_t mlen, size_t off, char *out, size_t *n)
{
	struct cur msg = cur_make(m, mlen), c = msg;

	(void)cur_skip(&c, off);
	return dnsname_read(&msg, &c, out, n);
}

static void
test_dnsname(void **state)
{
	uint8_t m[600];
	char out[DNSNAME_MAX];
	size_t n, o;

	(void)state;
	/* Compression pointer followed; cursor stops after the pointer. */
	{
		struct cur msg = cur_make(DNS_RESP, sizeof DNS_RESP), c = msg;
		(void)cur_skip(&c, 12 + 22 + 4 + 12);
		assert_true(dnsname_read(&msg, &c, out, &n));
		assert_int_equal(n, strlen("lb.easy4ipcloud.com"));
		assert_memory_equal(out, "lb.easy4ipcloud.com", n);
		assert_int_equal(c.p - msg.p, 12 + 22 + 4 + 12 + 5);
	}
	/* Pointer to itself, forward pointer, pointer into its own name. */
	memset(m, 0, sizeof m);
	m[12] = 0xc0, m[13] = 12;
	assert_false(name_at(m, 14, 12, out, &n));
	m[12] = 0xc0, m[13] = 20;
	assert_false(name_at(m, 30, 12, out, &n));
	m[12] = 1, m[13] = 'a', m[14] = 0xc0, m[15] = 12;
	assert_false(name_at(m, 16, 12, out, &n));
	/* A chain of backwards pointers: 16 hops pass, 17 fail. */
	o = 12;
	m[o++] = 0;
	for (unsigned i = 0; i < 18; i++) {
		m[o] = 1, m[o + 1] = 'x';
		m[o + 2] = 0xc0, m[o + 3] = (uint8_t)(o - (i ? 4 : 1));
		o += 4;
	}
	assert_true(name_at(m, o, 12 + 1 + 15 * 4, out, &n));
	assert_int_equal(n, 16 * 2 - 1);
	assert_false(name_at(m, o, 12 + 1 + 16 * 4, out, &n));
	/* Label of 64; name of 255 wire bytes passes, 257 fails. */
	m[12] = 64;
	assert_false(name_at(m, 100, 12, out, &n));
	memset(m, 'a', sizeof m);
	for (unsigned i = 0; i < 4; i++)
		m[i * 64] = i < 3 ? 63 : 61;
	m[3 * 64 + 62] = 0;
	assert_true(name_at(m, 300, 0, out, &n));
	assert_int_equal(n, 253);
	m[3 * 64] = 63, m[3 * 64 + 62] = 'a', m[4 * 64] = 0;
	assert_false(name_at(m, 300, 0, out, &n));
	/* Upper case folded; truncated names fail. */
	{
		static const uint8_t u[] = { 3, 'W', 'w', 'W', 2, 'C', 'n', 0 };
		assert_true(name_at(u, sizeof u, 0, out, &n));
		assert_memory_equal(out, "www.cn", 6);
		for (size_t k = 0; k < sizeof u; k++)
			assert_false(name_at(u, k, 0, out, &n));
	}
	/* Only A-Z fold, in every position of the 8-byte steps: the bytes
	 * next to the letters ('@' '[' '`' '{'), high bytes, '.' stay. */
	{
		static const uint8_t u[] = { 20, '@', 'A', 'Z', '[', '`', 'a',
			'z', '{', 0xc1, 0xda, 0xff, 0x80, 'M', 'q', '-', '_',
			'0', '9', 'Q', 'B', 1, 'X', 0 };
		static const char want[] = { '@', 'a', 'z', '[', '`', 'a',
			'z', '{', (char)0xc1, (char)0xda, (char)0xff,
			(char)0x80,
			'm', 'q', '-', '_', '0', '9', 'q', 'b', '.', 'x' };
		assert_true(name_at(u, sizeof u, 0, out, &n));
		assert_int_equal(n, sizeof want);
		assert_memory_equal(out, want, sizeof want);
	}
	assert_true(dnsname_has_suffix("a.local", 7, "local"));
	assert_false(dnsname_has_suffix("alocal", 6, "local"));
}

/* dnsname_plain() on a copy of the n bytes at m in a buffer of exactly
 * n bytes (so that ASan sees a read past it); *used receives how far the
 * cursor moved, or SIZE_MAX if it changed on failure. */
static bool
plain_at(const uint8_t *m, size_t n, char *out, size_t *outlen,
    size_t *used)
{
	uint8_t *b = malloc(n ? n : 1);
	struct cur c, was;
	bool ok;

	assert_non_null(b);
	if (n > 0)
		memcpy(b, m, n);
	c = was = cur_make(b, n);
	ok = dnsname_plain(&c, out, outlen);
	*used = (size_t)(c.p - was.p);
	if (c.end != was.end || (!ok && c.p != was.p))
		*used = SIZE_MAX;
	free(b);
	return ok;
}

static void
test_dnsname_plain(void **state)
{
	static const uint8_t www[] = { 3, 'W', 'w', 'w', 2, 'c', 'N', 0 };
	uint8_t m[300];
	char out[DNSNAME_MAX];
	size_t n, used;
	struct cur bad = cur_make(www, sizeof www);

	(void)state;
	/* The final zero is the last byte of the buffer: read, and the
	 * cursor left at its end. */
	assert_true(plain_at(www, sizeof www, out, &n, &used));
	assert_int_equal(n, 6);
	assert_memory_equal(out, "www.cn", 6);
	assert_int_equal(used, sizeof www);
	/* Every cut (the zero, a label's last byte, a length byte, the
	 * empty buffer): false, cursor untouched. */
	for (size_t k = 0; k < sizeof www; k++) {
		assert_false(plain_at(www, k, out, &n, &used));
		assert_int_equal(used, 0);
	}
	/* The root alone, as the whole buffer. */
	assert_true(plain_at(www + 7, 1, out, &n, &used));
	assert_int_equal(n, 0);
	assert_int_equal(used, 1);
	/* A pointer, or a reserved label type: left to dnsname_read_any(). */
	m[0] = 0xc0, m[1] = 12;
	assert_false(plain_at(m, 2, out, &n, &used));
	assert_int_equal(used, 0);
	m[0] = 1, m[1] = 'a', m[2] = 0x40, m[3] = 0;
	assert_false(plain_at(m, 4, out, &n, &used));
	assert_int_equal(used, 0);
	/* 255 wire bytes (zero at offset 254) pass even as the whole buffer;
	 * 256 fail however long the buffer. */
	memset(m, 'a', sizeof m);
	for (unsigned i = 0; i < 4; i++)
		m[i * 64] = i < 3 ? 63 : 61;
	m[254] = 0;
	assert_true(plain_at(m, 255, out, &n, &used));
	assert_int_equal(n, 253);
	assert_int_equal(used, 255);
	m[3 * 64] = 62, m[254] = 'a', m[255] = 0;
	assert_false(plain_at(m, 256, out, &n, &used));
	assert_false(plain_at(m, sizeof m, out, &n, &used));
	assert_int_equal(used, 0);
	/* A bad cursor stays bad. */
	(void)cur_take(&bad, sizeof www + 1);
	assert_false(dnsname_plain(&bad, out, &n));
	assert_true(cur_bad(&bad));
}

/* ---- DNS -------------------------------------------------------- */

static void
test_dns(void **state)
{
	static const char ssdp[] = "NOTIFY * HTTP/1.1\r\nHOST: x\r\n\r\n";

	(void)state;
	assert_int_equal(run(dns_decode, DNS_QUERY, sizeof DNS_QUERY, 17,
	    40000, 53), DEC_OK);
	assert_int_equal(G.n, 1);
	expect(0, SUBJ_SENDER, FACT_DOMAIN, 50, "dev.hik-connect.com");
	assert_int_equal(ST.n[STAT_DNS_MSGS], 1);
	/* A response: the question names the receiver's lookup. */
	assert_int_equal(run(dns_decode, DNS_RESP, sizeof DNS_RESP, 17, 53,
	    40000), DEC_OK);
	assert_int_equal(G.n, 1);
	expect(0, SUBJ_RECEIVER, FACT_DOMAIN, 50, "www.easy4ipcloud.com");
	/* TCP: length prefix, two questions, the second compressed. */
	assert_int_equal(run(dns_decode, DNS_TCP, sizeof DNS_TCP, 6, 40000,
	    53), DEC_OK);
	assert_int_equal(G.n, 2);
	expect(0, SUBJ_SENDER, FACT_DOMAIN, 50, "api.hik-connect.com");
	expect(1, SUBJ_SENDER, FACT_DOMAIN, 50, "alarm.hik-connect.com");
	/* Negative: SSDP text on port 53. */
	assert_int_equal(run(dns_decode, (const uint8_t *)ssdp,
	    sizeof ssdp - 1, 17, 40000, 53), DEC_UNSUPPORTED);
	assert_int_equal(G.n, 0);
	/* A broken answer: counted, the question still reported. */
	assert_int_equal(run(dns_decode, DNS_RESP, sizeof DNS_RESP - 3, 17,
	    53, 40000), DEC_MALFORMED);
	assert_int_equal(G.n, 1);
	assert_int_equal(ST.n[STAT_DNS_MALFORMED], 1);
	sweep(DNS_QUERY, sizeof DNS_QUERY);
	sweep(DNS_RESP, sizeof DNS_RESP);
	sweep(DNS_TCP, sizeof DNS_TCP);
}

/* Append name (dotted) in wire form at b+*n. */
static void
put_name(uint8_t *b, size_t *n, const char *name)
{
	while (*name) {
		size_t l = strcspn(name, ".");
		b[(*n)++] = (uint8_t)l;
		memcpy(b + *n, name, l);
		*n += l;
		name += l + (name[l] == '.');
	}
	b[(*n)++] = 0;
}

/* Append an RR owned by the question (pointer 0xc00c) or by name. */
static void
put_rr(uint8_t *b, size_t *n, const char *owner, uint16_t type,
    const uint8_t *rd, size_t rdlen)
{
	static const uint8_t tail[] = { 0, 1, 0, 0, 0, 60 };

	if (owner == NULL)
		b[(*n)++] = 0xc0, b[(*n)++] = 0x0c;
	else
		put_name(b, n, owner);
	b[(*n)++] = (uint8_t)(type >> 8);
	b[(*n)++] = (uint8_t)type;
	memcpy(b + *n, tail, sizeof tail);
	*n += sizeof tail;
	b[(*n)++] = (uint8_t)(rdlen >> 8);
	b[(*n)++] = (uint8_t)rdlen;
	memcpy(b + *n, rd, rdlen);
	*n += rdlen;
}

static void
test_dns_answers(void **state)
{
	static const uint8_t v4[4] = { 47, 91, 1, 10 }, other[4] = { 1, 2, 3,
		4 };
	static const uint8_t v6[16] = { 0x24, 0x08, 0x80, 0, [15] = 0x10 };
	uint8_t b[2048], rd[64];
	size_t n = 0, m;
	char t[48];

	(void)state;
	/* x.hik-connect.com CNAME y.cdn.net; y.cdn.net A, AAAA; z.other A
	 * (not in the chain: not reported). */
	memcpy(b, "\x12\x34\x81\x80\x00\x01\x00\x04\x00\x00\x00\x00", 12);
	n = 12;
	put_name(b, &n, "X.hik-connect.com");
	memcpy(b + n, "\x00\x01\x00\x01", 4);
	n += 4;
	m = 0;
	put_name(rd, &m, "y.cdn.net");
	put_rr(b, &n, NULL, 5, rd, m);
	put_rr(b, &n, "y.cdn.net", 1, v4, 4);
	put_rr(b, &n, "y.cdn.net", 28, v6, 16);
	put_rr(b, &n, "z.other", 1, other, 4);
	assert_int_equal(run(dns_decode, b, n, 17, 53, 40000), DEC_OK);
	assert_int_equal(A.n, 2);
	assert_string_equal(A.name[0], "x.hik-connect.com");
	assert_string_equal(A.cname[0], "y.cdn.net");
	assert_string_equal(addr_fmt(&A.a[0], t, sizeof t), "47.91.1.10");
	assert_string_equal(addr_fmt(&A.a[1], t, sizeof t), "2408:8000::10");
	assert_int_equal(ST.n[STAT_DNS_ANSWERS], 2);
	sweep(b, n);
	/* A CNAME loop a -> b -> a ...: cut after DNS_CNAME_MAX links,
	 * counted, nothing reported. */
	memcpy(b, "\x12\x35\x81\x80\x00\x01\x00\x14\x00\x00\x00\x00", 12);
	n = 12;
	put_name(b, &n, "a.loop");
	memcpy(b + n, "\x00\x01\x00\x01", 4);
	n += 4;
	for (unsigned i = 0; i < 20; i++) {
		m = 0;
		put_name(rd, &m, i % 2 ? "a.loop" : "b.loop");
		put_rr(b, &n, i % 2 ? "b.loop" : "a.loop", 5, rd, m);
	}
	assert_int_equal(run(dns_decode, b, n, 17, 53, 40000), DEC_OK);
	assert_int_equal(A.n, 0);
	assert_int_equal(ST.n[STAT_DNS_CNAME_TOO_LONG], 1);
	/* Owners written as a pointer to the question (0xc00c): the
	 * question's address is reported, one after a CNAME is not (the
	 * chain has moved on to the CNAME's target). */
	memcpy(b, "\x12\x36\x81\x80\x00\x01\x00\x03\x00\x00\x00\x00", 12);
	n = 12;
	put_name(b, &n, "Cam.Example");
	memcpy(b + n, "\x00\x01\x00\x01", 4);
	n += 4;
	put_rr(b, &n, NULL, 1, v4, 4);
	m = 0;
	put_name(rd, &m, "edge.cdn.net");
	put_rr(b, &n, NULL, 5, rd, m);
	put_rr(b, &n, NULL, 1, other, 4);
	assert_int_equal(run(dns_decode, b, n, 17, 53, 40000), DEC_OK);
	assert_int_equal(A.n, 1);
	assert_string_equal(A.name[0], "cam.example");
	assert_string_equal(A.cname[0], "");
	assert_string_equal(addr_fmt(&A.a[0], t, sizeof t), "47.91.1.10");
	/* A question that itself ends in a pointer (into the header: offset
	 * 4 is qdcount's zero high byte, the root) is still the owner
	 * 0xc00c points to. */
	n = 12;
	memcpy(b + n, "\x01x\xc0\x04\x00\x01\x00\x01", 8);
	n += 8;
	b[7] = 1;
	put_rr(b, &n, NULL, 1, v4, 4);
	assert_int_equal(run(dns_decode, b, n, 17, 53, 40000), DEC_OK);
	assert_int_equal(A.n, 1);
	assert_string_equal(A.name[0], "x");
	/* An error response (NXDOMAIN) names no address. */
	memcpy(b, "\x12\x34\x81\x83", 4);
	n = 12;
	put_name(b, &n, "x.hik-connect.com");
	memcpy(b + n, "\x00\x01\x00\x01", 4);
	n += 4;
	put_rr(b, &n, NULL, 1, v4, 4);
	b[7] = 1;
	assert_int_equal(run(dns_decode, b, n, 17, 53, 40000), DEC_OK);
	assert_int_equal(A.n, 0);
}

static void
test_dns_pcap(void **state)
{
	struct pkt p;
	size_t n = 0;
	uint8_t *b;

	(void)state;
	b = pcap_payload("D-LinkCam_Setup-A-1-STA.pcap", 29, &p, &n);
	assert_int_equal(run(dns_decode, b, n, 17, p.sport, p.dport), DEC_OK);
	assert_int_equal(G.n, 1);
	expect(0, SUBJ_SENDER, FACT_DOMAIN, 50, "ntp1.dlink.com");
	free(b);
	/* 19 answers, CNAME and compression: walked, not reported. */
	b = pcap_payload("D-LinkCam_Setup-A-1-STA.pcap", 187, &p, &n);
	assert_int_equal(run(dns_decode, b, n, 17, p.sport, p.dport), DEC_OK);
	assert_int_equal(G.n, 1);
	expect(0, SUBJ_RECEIVER, FACT_DOMAIN, 50, "signal.mydlink.com");
	sweep(b, n);
	free(b);
}

/* ---- mDNS ------------------------------------------------------- */

static void
test_mdns(void **state)
{
	size_t n = 0;
	uint8_t *b = seed("mdns/announce_hik", &n);

	(void)state;
	assert_int_equal(run(mdns_decode, b, n, 17, 5353, 5353), DEC_OK);
	assert_int_equal(G.n, 4);
	expect(0, SUBJ_SENDER, FACT_NAME, 50, "ipc-7a08.local");
	expect(1, SUBJ_SENDER, FACT_MODEL, 60, "DS-2CD2143G2-I");
	expect(2, SUBJ_SENDER, FACT_VENDOR, 60, "Hikvision");
	expect(3, SUBJ_SENDER, FACT_NAME, 50, "cam2.local");
	assert_int_equal(ST.n[STAT_MDNS_MSGS], 1);
	/* A DNS query is an mDNS query: nothing. */
	assert_int_equal(run(mdns_decode, DNS_QUERY, sizeof DNS_QUERY, 17,
	    5353, 5353), DEC_OK);
	assert_int_equal(G.n, 0);
	/* Cut in the last record: earlier facts kept, counted. */
	assert_int_equal(run(mdns_decode, b, n - 1, 17, 5353, 5353),
	    DEC_MALFORMED);
	assert_int_equal(G.n, 3);
	assert_int_equal(ST.n[STAT_MDNS_MALFORMED], 1);
	sweep(b, n);
	free(b);
}

static void
test_mdns_pcap(void **state)
{
	struct pkt p;
	size_t n = 0;
	uint8_t *b;

	(void)state;
	b = pcap_payload("EdimaxCam1_Setup-A-1-STA.pcap", 5, &p, &n);
	assert_int_equal(run(mdns_decode, b, n, 17, 5353, 5353), DEC_OK);
	assert_int_equal(G.n, 1);
	expect(0, SUBJ_SENDER, FACT_NAME, 50, "localcam.local");
	sweep(b, n);
	free(b);
	b = pcap_payload("EdimaxCam1_Setup-A-1-STA.pcap", 13, &p, &n);
	assert_int_equal(run(mdns_decode, b, n, 17, 5353, 5353), DEC_OK);
	assert_int_equal(G.n, 0);
	free(b);
	/* A, PTR and SRV name one host: reported once. */
	b = pcap_payload("D-LinkCam_Setup-A-1-STA.pcap", 4, &p, &n);
	assert_int_equal(run(mdns_decode, b, n, 17, 5353, 5353), DEC_OK);
	assert_int_equal(G.n, 2);
	expect(0, SUBJ_SENDER, FACT_NAME, 50, "dcs-935l-b0c554255b0e.local");
	expect(1, SUBJ_SENDER, FACT_MODEL, 60, "DCS-935L");
	free(b);
}

/* ---- DHCP ------------------------------------------------------- */

static void
test_dhcp(void **state)
{
	size_t n, rn;
	uint8_t *b = seed("dhcp/request_hik", &n);
	uint8_t *relay = seed("dhcp/request_relayed", &rn);

	(void)state;
	assert_int_equal(run(dhcp_decode, b, n, 17, 68, 67), DEC_OK);
	assert_int_equal(G.n, 5);
	expect(0, SUBJ_SENDER, FACT_MAC, 60, "44:19:b6:12:34:56");
	expect(1, SUBJ_SENDER, FACT_DHCP_PRL, 40, "1,3,6,12,15,28,42");
	expect(2, SUBJ_SENDER, FACT_DHCP_VENDOR, 50, "udhcp 1.19.4");
	expect(3, SUBJ_SENDER, FACT_NAME, 50, "DS-2CD2143G2-I");
	expect(4, SUBJ_SENDER, FACT_IP, 40, "192.168.1.64");
	/* Relayed: the client is a stated device, with its MAC. */
	assert_int_equal(run(dhcp_decode, relay, rn, 17, 67, 67), DEC_OK);
	assert_int_equal(G.n, 3);
	expect(0, SUBJ_STATED, FACT_MAC, 60, "44:19:b6:12:34:56");
	expect(1, SUBJ_STATED, FACT_NAME, 50, "cam1");
	expect(2, SUBJ_STATED, FACT_IP, 40, "10.1.2.3");
	/* An option overrunning the end: malformed, earlier facts kept. */
	assert_int_equal(run(dhcp_decode, b, 240 + 3 + 9 + 6 + 5, 17, 68, 67),
	    DEC_MALFORMED);
	assert_int_equal(ST.n[STAT_DHCP_MALFORMED], 1);
	assert_int_equal(G.n, 2);
	expect(1, SUBJ_SENDER, FACT_IP, 40, "192.168.1.64");
	assert_int_equal(run(dhcp_decode, DNS_QUERY, sizeof DNS_QUERY, 17, 68,
	    67), DEC_UNSUPPORTED);
	sweep(b, n);
	sweep(relay, rn);
	/* A reply: counted only. No cookie: not DHCP. */
	b[0] = 2;
	assert_int_equal(run(dhcp_decode, b, n, 17, 67, 68), DEC_OK);
	assert_int_equal(G.n, 0);
	b[0] = 1, b[236] = 0;
	assert_int_equal(run(dhcp_decode, b, n, 17, 68, 67), DEC_UNSUPPORTED);
	assert_int_equal(G.n, 0);
	free(b);
	free(relay);
}

static void
test_dhcp_pcap(void **state)
{
	struct pkt p;
	size_t n = 0;
	uint8_t *b;

	(void)state;
	b = pcap_payload("D-LinkCam_Setup-A-1-STA.pcap", 18, &p, &n);
	assert_int_equal(run(dhcp_decode, b, n, 17, 68, 67), DEC_OK);
	assert_int_equal(G.n, 5);
	expect(0, SUBJ_SENDER, FACT_MAC, 60, "b0:c5:54:25:5b:0e");
	expect(1, SUBJ_SENDER, FACT_DHCP_PRL, 40, "1,3,6,12,15,28,42");
	expect(2, SUBJ_SENDER, FACT_DHCP_VENDOR, 50, "udhcp 1.22.1");
	expect(3, SUBJ_SENDER, FACT_NAME, 50, "DCS-935L");
	expect(4, SUBJ_SENDER, FACT_IP, 40, "10.10.10.37");
	free(b);
	b = pcap_payload("EdimaxCam1_Setup-A-1-STA.pcap", 2, &p, &n);
	assert_int_equal(run(dhcp_decode, b, n, 17, 68, 67), DEC_OK);
	assert_int_equal(G.n, 3);
	expect(0, SUBJ_SENDER, FACT_MAC, 60, "74:da:38:80:7a:08");
	expect(1, SUBJ_SENDER, FACT_DHCP_VENDOR, 50, "udhcp 0.9.8");
	expect(2, SUBJ_SENDER, FACT_DHCP_PRL, 40, "1,3,6,12,15,28,42");
	sweep(b, n);
	free(b);
}

/* ---- TLS and X.509 ---------------------------------------------- */

static void
test_tls_client(void **state)
{
	static const char http[] = "GET / HTTP/1.1\r\n\r\n";
	size_t n = 0;
	uint8_t *b = seed("tls/client_hello_sni", &n);

	(void)state;
	assert_int_equal(run(tls_decode, b, n, 6, 50000, 443), DEC_OK);
	assert_int_equal(G.n, 1);
	expect(0, SUBJ_SENDER, FACT_DOMAIN, 60, "dev.hik-connect.com");
	assert_int_equal(ST.n[STAT_TLS_MSGS], 1);
	sweep(b, n);
	free(b);
	/* An SNI extension claiming 64 KiB, and a name claiming 255 bytes,
	 * inside a 65-byte hello: lengths past the segment are clamped (a
	 * hello cut by the segment end looks the same, so it is not called
	 * malformed), and the name that does not fit is not reported. */
	{
		enum dec r;
		static const uint8_t head[] = { 0x16, 0x03, 0x01, 0x00, 0x38,
			0x01, 0x00, 0x00, 0x34, 0x03, 0x03 };
		static const uint8_t tail[] = { 0x00, 0x00, 0x02, 0x13, 0x01,
			0x01, 0x00, 0x00, 0x0b, 0x00, 0x00, 0xff, 0xff, 0xff,
			0xfd, 0x00, 0xff, 0xfa, 'a', '.', 'c', 'n' };
		uint8_t big[sizeof head + 32 + sizeof tail];

		memcpy(big, head, sizeof head);
		memset(big + sizeof head, 0x5a, 32);
		memcpy(big + sizeof head + 32, tail, sizeof tail);
		r = run(tls_decode, big, sizeof big, 6, 50000, 443);
		assert_int_equal(r, DEC_OK);
		assert_int_equal(G.n, 0);
		assert_int_equal(ST.n[STAT_TLS_MSGS], 1);
		sweep(big, sizeof big);
	}
	assert_int_equal(run(tls_decode, (const uint8_t *)http,
	    sizeof http - 1, 6, 50000, 443), DEC_UNSUPPORTED);
	assert_int_equal(run(tls_decode, DNS_QUERY, sizeof DNS_QUERY, 6,
	    50000, 443), DEC_UNSUPPORTED);
}

static void
test_tls_server(void **state)
{
	size_t n = 0;
	uint8_t *b;

	(void)state;
	b = seed("tls/server_tls12_hikvision", &n);
	assert_int_equal(run(tls_decode, b, n, 6, 443, 50000), DEC_OK);
	assert_int_equal(G.n, 3);
	expect(0, SUBJ_SENDER, FACT_CERT_SUBJECT, 80, "CN=www.hikvision.com,"
	    "OU=DVRNVR,O=HIKVISION,L=HangZhou,ST=ZheJiang,C=CN");
	expect(1, SUBJ_SENDER, FACT_CERT_ISSUER, 80, "CN=www.hikvision.com,"
	    "OU=DVRNVR,O=HIKVISION,L=HangZhou,ST=ZheJiang,C=CN");
	expect(2, SUBJ_SENDER, FACT_VENDOR, 85, "Hikvision");
	sweep(b, n);
	free(b);
	b = seed("tls/server_tls12_dahua", &n);
	assert_int_equal(run(tls_decode, b, n, 6, 443, 50000), DEC_OK);
	assert_int_equal(G.n, 3);
	expect(0, SUBJ_SENDER, FACT_CERT_SUBJECT, 80, "CN=192.168.1.108,C=CN");
	expect(1, SUBJ_SENDER, FACT_CERT_ISSUER, 80, "CN=Dahua Device NVR CA,"
	    "O=Zhejiang Dahua Technology Co.\\,Ltd.,C=CN");
	expect(2, SUBJ_SENDER, FACT_VENDOR, 85, "Dahua");
	free(b);
	/* TLS 1.3: the certificate is encrypted. */
	b = seed("tls/server_tls13", &n);
	assert_int_equal(run(tls_decode, b, n, 6, 443, 50000), DEC_OK);
	assert_int_equal(G.n, 0);
	free(b);
}

static void
test_tls_pcap(void **state)
{
	struct pkt p;
	size_t n = 0;
	uint8_t *b;

	(void)state;
	/* The certificate runs past this segment: names still read. */
	b = pcap_payload("D-LinkCam_Setup-A-1-STA.pcap", 193, &p, &n);
	assert_int_equal(run(tls_decode, b, n, 6, p.sport, p.dport), DEC_OK);
	assert_int_equal(G.n, 2);
	expect(0, SUBJ_SENDER, FACT_CERT_SUBJECT, 80, "CN=*.auto.mydlink.com,"
	    "O=D-Link Corporation,OU=IT Dept.,L=Taipei,ST=Taiwan,C=TW");
	expect(1, SUBJ_SENDER, FACT_CERT_ISSUER, 80, "CN=GlobalSign "
	    "Organization Validation CA - SHA256 - G2,O=GlobalSign nv-sa,C=BE");
	sweep(b, n);
	free(b);
}

static void
test_x509_hostile(void **state)
{
	size_t n, dn;
	uint8_t *rec = seed("tls/cert_forged_cn", &n), *der = rec + 15;
	struct x509_info xi;

	(void)state;
	/* A CN forging ",O=HIKVISION": escaped, and no vendor. */
	assert_int_equal(run(tls_decode, rec, n, 6, 443, 50000), DEC_OK);
	assert_int_equal(G.n, 2);
	expect(0, SUBJ_SENDER, FACT_CERT_SUBJECT, 80,
	    "O=Acme,CN=evil\\,O=HIKVISION");
	sweep(rec, n);
	/* Every truncation of the DER; long lengths and bad tags. */
	dn = n - 15;
	for (size_t k = 0; k <= dn; k++) {
		uint8_t *d = malloc(k + 1);
		assert_non_null(d);
		memcpy(d, der, k);
		(void)x509_names(cur_make(d, k), &xi);
		free(d);
	}
	der[1] = 0x85;
	assert_false(x509_names(cur_make(der, dn), &xi));
	der[1] = 0x80;
	assert_false(x509_names(cur_make(der, dn), &xi));
	der[1] = 0x82, der[0] = 0x1f;
	assert_false(x509_names(cur_make(der, dn), &xi));
	/* Deep nesting: a SEQUENCE tower is no certificate. */
	memset(der, 0x30, dn);
	for (size_t i = 1; i < dn; i += 2)
		der[i] = (uint8_t)(dn - i - 1 > 127 ? 0x81 : dn - i - 1);
	assert_false(x509_names(cur_make(der, dn), &xi));
	free(rec);
}

/* ---- Hikvision SDK 8000, DVRIP, CS2 ------------------------------ */

static void
test_hiksdk(void **state)
{
	uint8_t b[17];

	(void)state;
	assert_int_equal(run(hiksdk_decode, HIK_1E, 16, 6, 8000, 50000),
	    DEC_OK);
	assert_int_equal(G.n, 2);
	expect(0, SUBJ_SENDER, FACT_PROTOCOL, 70, "hik-sdk-8000");
	expect(1, SUBJ_SENDER, FACT_VENDOR, 70, "Hikvision");
	assert_int_equal(ST.n[STAT_HIKSDK_MSGS], 1);
	memcpy(b, HIK_1E, 16);
	b[7] = b[11] = 0x0d;
	assert_int_equal(run(hiksdk_decode, b, 16, 6, 8000, 50000), DEC_OK);
	assert_int_equal(G.n, 2);
	/* Towards the port, longer, or another code: nothing. */
	assert_int_equal(run(hiksdk_decode, HIK_1E, 16, 6, 50000, 8000),
	    DEC_UNSUPPORTED);
	b[16] = 0;
	assert_int_equal(run(hiksdk_decode, b, 17, 6, 8000, 50000),
	    DEC_UNSUPPORTED);
	b[7] = 0x0e;
	assert_int_equal(run(hiksdk_decode, b, 16, 6, 8000, 50000),
	    DEC_UNSUPPORTED);
	assert_int_equal(run(hiksdk_decode, DVRIP_A4, 16, 6, 8000, 50000),
	    DEC_UNSUPPORTED);
	assert_int_equal(G.n, 0);
}

static void
test_dvrip(void **state)
{
	uint8_t b[sizeof DVRIP_A4 + sizeof DVRIP_F4];

	(void)state;
	/* Snort SID 45320 query, client to 37777: the receiver. */
	assert_int_equal(run(dvrip_decode, DVRIP_A4, sizeof DVRIP_A4, 6,
	    50000, 37777), DEC_OK);
	assert_int_equal(G.n, 2);
	expect(0, SUBJ_RECEIVER, FACT_PROTOCOL, 70, "dahua-dvrip");
	expect(1, SUBJ_RECEIVER, FACT_VENDOR, 70, "Dahua");
	assert_int_equal(run(dvrip_decode, DVRIP_F4, sizeof DVRIP_F4, 6,
	    37777, 50000), DEC_OK);
	assert_int_equal(G.n, 2);
	expect(0, SUBJ_SENDER, FACT_PROTOCOL, 70, "dahua-dvrip");
	/* Two messages in one segment. */
	memcpy(b, DVRIP_A4, sizeof DVRIP_A4);
	memcpy(b + sizeof DVRIP_A4, DVRIP_F4, sizeof DVRIP_F4);
	assert_int_equal(run(dvrip_decode, b, sizeof b, 6, 50000, 37777),
	    DEC_OK);
	/* DHIP on 37777, wrong length, unknown command: nothing. */
	assert_int_equal(run(dvrip_decode, DVRIP_DHIP, sizeof DVRIP_DHIP, 6,
	    50000, 37777), DEC_UNSUPPORTED);
	assert_int_equal(run(dvrip_decode, DVRIP_F4, sizeof DVRIP_F4 - 1, 6,
	    50000, 37777), DEC_UNSUPPORTED);
	memcpy(b, DVRIP_A4, sizeof DVRIP_A4);
	b[0] = 0xa5;
	assert_int_equal(run(dvrip_decode, b, sizeof DVRIP_A4, 6, 50000,
	    37777), DEC_UNSUPPORTED);
	assert_int_equal(G.n, 0);
	sweep(DVRIP_F4, sizeof DVRIP_F4);
}

static void
test_cs2(void **state)
{
	uint8_t b[sizeof CS2_DEVLGN];

	(void)state;
	assert_int_equal(run(cs2_decode, CS2_DEVLGN, sizeof CS2_DEVLGN, 17,
	    50000, 32100), DEC_OK);
	assert_int_equal(G.n, 2);
	expect(0, SUBJ_SENDER, FACT_PROTOCOL, 70, "cs2-p2p");
	expect(1, SUBJ_SENDER, FACT_SERIAL, 60, "TNPUSAE-123456-ABCDE");
	assert_int_equal(ST.n[STAT_CS2_MSGS], 1);
	/* PUNCH_PKT: the id may be the peer's, so no serial. */
	assert_int_equal(run(cs2_decode, CS2_PUNCH, sizeof CS2_PUNCH, 17,
	    32108, 50000), DEC_OK);
	assert_int_equal(G.n, 1);
	/* A prefix that is not an upper-case word: no serial. */
	memcpy(b, CS2_DEVLGN, sizeof b);
	b[5] = 'n';
	assert_int_equal(run(cs2_decode, b, sizeof b, 17, 50000, 32100),
	    DEC_OK);
	assert_int_equal(G.n, 1);
	/* Length field wrong, unknown type, other magic: nothing. */
	assert_int_equal(run(cs2_decode, CS2_DEVLGN, sizeof CS2_DEVLGN - 1, 17,
	    50000, 32100), DEC_UNSUPPORTED);
	b[1] = 0x77;
	assert_int_equal(run(cs2_decode, b, sizeof b, 17, 50000, 32100),
	    DEC_UNSUPPORTED);
	assert_int_equal(run(cs2_decode, DNS_QUERY, sizeof DNS_QUERY, 17,
	    50000, 32100), DEC_UNSUPPORTED);
	assert_int_equal(G.n, 0);
	/* DEV_LGN too short for a device id: malformed. */
	memcpy(b, CS2_DEVLGN, 4 + 10);
	b[2] = 0, b[3] = 10;
	assert_int_equal(run(cs2_decode, b, 14, 17, 50000, 32100),
	    DEC_MALFORMED);
	sweep(CS2_DEVLGN, sizeof CS2_DEVLGN);
}

/* The binary decoders stay silent on every other sample. */
static void
test_cross_negative(void **state)
{
	static const char *const s[] = { "dns/resp_cname",
		"mdns/announce_hik", "dhcp/request_hik", "cs2/dev_lgn",
		"dvrip/f4_json_login", "hiksdk/reply_1e" };

	(void)state;
	for (size_t i = 0; i < sizeof s / sizeof s[0]; i++) {
		size_t n = 0;
		uint8_t *b = seed(s[i], &n);

		if (i != 5)
			assert_int_equal(run(hiksdk_decode, b, n, 6, 8000, 1),
			    DEC_UNSUPPORTED);
		if (i != 4)
			assert_int_equal(run(dvrip_decode, b, n, 6, 37777, 1),
			    DEC_UNSUPPORTED);
		if (i != 3)
			assert_int_equal(run(cs2_decode, b, n, 17, 32100, 1),
			    DEC_UNSUPPORTED);
		assert_int_equal(run(tls_decode, b, n, 6, 443, 1),
		    DEC_UNSUPPORTED);
		assert_int_equal(G.n, 0);
		free(b);
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_dnsname),
		cmocka_unit_test(test_dnsname_plain),
		cmocka_unit_test(test_dns),
		cmocka_unit_test(test_dns_answers),
		cmocka_unit_test(test_dns_pcap),
		cmocka_unit_test(test_mdns),
		cmocka_unit_test(test_mdns_pcap),
		cmocka_unit_test(test_dhcp),
		cmocka_unit_test(test_dhcp_pcap),
		cmocka_unit_test(test_tls_client),
		cmocka_unit_test(test_tls_server),
		cmocka_unit_test(test_tls_pcap),
		cmocka_unit_test(test_x509_hostile),
		cmocka_unit_test(test_hiksdk),
		cmocka_unit_test(test_dvrip),
		cmocka_unit_test(test_cs2),
		cmocka_unit_test(test_cross_negative),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
