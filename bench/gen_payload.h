/* SPDX-License-Identifier: MIT */
/* gen_payload.h - PRNG, byte writer and binary payload builders. */
/*
 * Everything here is deterministic: the only source of variation is a struct
 * rng that the caller seeds.  Builders append to a struct wb; a write past its
 * capacity is dropped and sets wb.over, so a builder can never overrun its
 * buffer.
 */
#ifndef VIGIE_BENCH_GEN_PAYLOAD_H
#define VIGIE_BENCH_GEN_PAYLOAD_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* xorshift64* generator; seeded through splitmix64 so any seed (even 0) is
 * usable. */
struct rng {
	uint64_t s;
};

static inline uint64_t
splitmix64(uint64_t *x)
{
	uint64_t z = (*x += 0x9e3779b97f4a7c15ULL);

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

static inline void
rng_seed(struct rng *r, uint64_t seed)
{
	r->s = splitmix64(&seed);
	if (r->s == 0)
		r->s = 1;
}

static inline uint64_t
rng_next(struct rng *r)
{
	r->s ^= r->s >> 12;
	r->s ^= r->s << 25;
	r->s ^= r->s >> 27;
	return r->s * 0x2545f4914f6cdd1dULL;
}

/* Uniform in [0, n) for n >= 1 (multiply-shift, no division). */
static inline uint32_t
rng_below(struct rng *r, uint32_t n)
{
	return (uint32_t)(((rng_next(r) >> 32) * n) >> 32);
}

static inline uint16_t
rng_u16(struct rng *r)
{
	return (uint16_t)(rng_next(r) >> 48);
}

/* Uniform in [lo, hi], lo <= hi. */
static inline uint32_t
rng_range(struct rng *r, uint32_t lo, uint32_t hi)
{
	return lo + rng_below(r, hi - lo + 1);
}

struct wb {
	uint8_t *p;
	size_t n, cap;
	bool over;
};

/* Start writer w over buf[0..cap). */
void wb_init(struct wb *w, uint8_t *buf, size_t cap);
/* Append one byte / a big-endian 16-bit / 24-bit / 32-bit value. */
void wb_u8(struct wb *w, uint32_t v);
void wb_be16(struct wb *w, uint32_t v);
void wb_be24(struct wb *w, uint32_t v);
void wb_be32(struct wb *w, uint32_t v);
/* Append n bytes from s. */
void wb_mem(struct wb *w, const void *s, size_t n);
/* Append n PRNG bytes drawn from r. */
void wb_rand(struct wb *w, struct rng *r, size_t n);
/* Append printf-formatted text (no NUL); output that does not fit sets over. */
void wb_fmt(struct wb *w, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
/* Reserve an nbytes-wide (2 or 3) big-endian length field; returns its offset
 * for wb_fill. */
size_t wb_hole(struct wb *w, size_t nbytes);
/* Fill the length field at hole with the number of bytes written after it. */
void wb_fill(struct wb *w, size_t hole, size_t nbytes);

/* Format a 16-byte UUID as 36 lower-case characters plus NUL into out. */
void fmt_uuid(char out[37], const uint8_t u[16]);
/* Format a dotted IPv4 address into out. */
void fmt_ip4(char out[16], const uint8_t ip[4]);

/*
 * TLS (RFC 5246, RFC 8446).  tls_client_hello writes one handshake record
 * holding a ClientHello with SNI; modern adds ALPN, key_share and
 * supported_versions (a browser), otherwise it is a plain TLS 1.2 hello (an
 * embedded client).  tls_server_flight12 writes ServerHello + Certificate
 * (cert_len bytes, with subject CN cn) + ServerKeyExchange + ServerHelloDone;
 * tls_server_flight13 writes ServerHello + ChangeCipherSpec and the header of
 * one application_data record of app_len bytes that the caller fills.
 */
void tls_client_hello(
    struct wb *w, struct rng *r, const char *sni, bool modern);
void tls_server_flight12(
    struct wb *w, struct rng *r, const char *cn, size_t cert_len);
void tls_server_flight13(struct wb *w, struct rng *r, uint32_t app_len);
/* Client ClientKeyExchange + ChangeCipherSpec + Finished (TLS 1.2). */
void tls_client_finish12(struct wb *w, struct rng *r);
/* ChangeCipherSpec + encrypted Finished: server side of TLS 1.2, client side of
 * TLS 1.3. */
void tls_finish(struct wb *w, struct rng *r);

/*
 * DNS (RFC 1035).  dns_query writes a one-question message; dns_answer writes
 * the matching response with nans A (4-byte) or AAAA (16-byte) records taken
 * from addrs, or NXDOMAIN when nans is 0.  mdns_query (RFC 6762) writes a PTR
 * query for service.
 */
void dns_query(struct wb *w, uint16_t id, const char *name, uint16_t qtype);
void dns_answer(struct wb *w, uint16_t id, const char *name, uint16_t qtype,
    const uint8_t *addrs, unsigned nans, uint32_t ttl);
void mdns_query(struct wb *w, const char *service);
/* Write name as DNS labels (no compression); labels longer than 63 bytes are
 * cut. */
void dns_name(struct wb *w, const char *name);

/*
 * SMB2 (MS-SMB2 2.2.1): NetBIOS session length, then a 64-byte sync header for
 * command (arg & 0xff; arg & 0x8000 marks a response); the caller adds extra
 * body bytes, which the length field already counts.
 */
void smb2_header(struct wb *w, struct rng *r, uint16_t arg, uint32_t extra);

#endif
