/* SPDX-License-Identifier: MIT */
/* dahua5050.c - legacy Dahua discovery on UDP 5050 (binary + text).
 *
 * No public specification; layout as documented in ../shared/docs/network.md
 * section 1.2 (integers little-endian, addresses in network order):
 *
 *   0x00 b3 00 (reply) | a3 01 00 01 (search request, 32 bytes)
 *   0x02 u16 section 2 length      0x04 u32 (0x58 in replies)
 *   0x10 u32 protocol version (2)  0x14 u16 section 3 length
 *   0x28 char[16] device type, NUL padded
 *   0x38 IPv4 address, 0x3c mask, 0x40 gateway, 0x44 DNS (4 bytes each)
 *   0x78 section 2: MAC as 17 characters "00:11:22:33:44:55", then
 *        optionally the device type again (longer form)
 *        section 3: "Key:Value" lines ending in CRLF (SerialNo, Name,
 *        Device, IPv6Addr), blank lines allowed */
#include <string.h>

#include "../core/addr.h"
#include "proto.h"
#include "xmlscan.h"

#define D5050_SRC "dahua5050"
#define D5050_FIXED 0x78
#define D5050_MAC_TEXT 17
#define D5050_MAX_LINES 64

static const uint8_t d5050_search[4] = { 0xa3, 0x01, 0x00, 0x01 };

/* nul_len: bytes before the first NUL among the n at p. */
static size_t
nul_len(const uint8_t *p, size_t n)
{
	const uint8_t *z = memchr(p, 0, n);

	return z ? (size_t)(z - p) : n;
}

/* lines: the key:value facts of section 3; has_model says a model was
 * already reported (then "Device" is not). */
static void
lines(struct proto_ctx *ctx, unsigned subj, const char *p, size_t n,
    bool has_model)
{
	const char *end = p + n;

	for (unsigned i = 0; i < D5050_MAX_LINES && p < end; i++) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		const char *le = nl ? nl : end;
		const char *colon = memchr(p, ':', (size_t)(le - p));

		if (colon != NULL) {
			size_t kl = (size_t)(colon - p);
			const char *v = colon + 1;
			size_t vl = (size_t)(le - v);

			if (xml_ieq(p, kl, "SerialNo"))
				xml_fact(ctx, subj, FACT_SERIAL, 85, D5050_SRC,
				    v, vl);
			else if (xml_ieq(p, kl, "Name"))
				xml_fact(ctx, subj, FACT_NAME, 60, D5050_SRC,
				    v, vl);
			else if (xml_ieq(p, kl, "Device") && !has_model)
				has_model = xml_fact(ctx, subj, FACT_MODEL, 80,
				    D5050_SRC, v, vl);
		}
		p = nl ? nl + 1 : end;
	}
}

/* reply: the facts of a reply whose fixed part is f (D5050_FIXED bytes)
 * and whose sections follow in c. False if a section is cut short. */
static bool
reply(struct proto_ctx *ctx, const uint8_t *f, struct cur c)
{
	struct cur fc = cur_make(f, D5050_FIXED);
	size_t s2, s3, mac_n = 0, model_n;
	const uint8_t *sec2, *sec3, *model = f + 0x28;
	char ip[16];
	size_t ip_n = addr_fmt_v4(f + 0x38, ip);
	bool whole = true, has_model;
	unsigned subj;

	(void)cur_skip(&fc, 2);
	s2 = cur_le16(&fc);
	(void)cur_skip(&fc, 0x14 - 4);
	s3 = cur_le16(&fc);
	if (s2 > cur_left(&c))
		s2 = cur_left(&c), whole = false;
	sec2 = cur_take(&c, s2);
	if (s3 > cur_left(&c))
		s3 = cur_left(&c), whole = false;
	sec3 = cur_take(&c, s3);
	model_n = nul_len(model, 16);
	if (sec2 != NULL && s2 > 0) {
		mac_n = nul_len(sec2, s2 < D5050_MAC_TEXT ? s2 : D5050_MAC_TEXT);
		if (s2 > D5050_MAC_TEXT) {
			model = sec2 + D5050_MAC_TEXT;
			model_n = nul_len(model, s2 - D5050_MAC_TEXT);
		}
	}
	if (xml_zero_addr((const char *)sec2, mac_n))
		mac_n = 0;
	if (xml_zero_addr(ip, ip_n))
		ip_n = 0;
	subj = mac_n || ip_n ? SUBJ_STATED : SUBJ_SENDER;
	proto_fact(ctx, subj, FACT_VENDOR, 85, D5050_SRC, "Dahua", 5);
	if (mac_n)
		xml_fact(ctx, subj, FACT_MAC, 85, D5050_SRC,
		    (const char *)sec2, mac_n);
	if (ip_n)
		proto_fact(ctx, subj, FACT_IP, 85, D5050_SRC, ip, ip_n);
	has_model = xml_fact(ctx, subj, FACT_MODEL, 85, D5050_SRC,
	    (const char *)model, model_n);
	if (sec3 != NULL && s3 > 0)
		lines(ctx, subj, (const char *)sec3, s3, has_model);
	return whole;
}

/* dahua5050_decode: a legacy Dahua discovery datagram (UDP 5050). A
 * search request (a3 01 00 01) gives FACT_PROTOCOL "dahua5050-search"
 * (60) for the sender. A reply (b3 00) gives VENDOR "Dahua", MAC (text
 * of section 2), IP (fixed part), MODEL (section 2 device type, else the
 * fixed 16-byte one, else "Device:"), SERIAL ("SerialNo:") (85) and NAME
 * ("Name:", 60), for SUBJ_STATED when a MAC or IP is stated, else for the
 * sender. A reply shorter than its fixed part counts dahua5050.malformed
 * and returns DEC_TRUNC; sections longer than the datagram count it too
 * (what is there is still read). */
enum dec
dahua5050_decode(struct cur payload, struct proto_ctx *ctx)
{
	struct cur c = payload, t = payload;
	const uint8_t *m = cur_take(&t, 2), *f;

	if (m == NULL || !((m[0] == 0xb3 && m[1] == 0x00) ||
	    (m[0] == 0xa3 && m[1] == 0x01)))
		return DEC_UNSUPPORTED;
	if (m[0] == 0xa3) {
		m = cur_take(&t, 2);
		if (m == NULL || memcmp(m, d5050_search + 2, 2) != 0)
			return DEC_UNSUPPORTED;
		STAT_INC(ctx->st, DAHUA5050_MSGS);
		proto_fact(ctx, SUBJ_SENDER, FACT_PROTOCOL, 60, D5050_SRC,
		    "dahua5050-search", 16);
		return DEC_OK;
	}
	STAT_INC(ctx->st, DAHUA5050_MSGS);
	f = cur_take(&c, D5050_FIXED);
	if (f == NULL) {
		STAT_INC(ctx->st, DAHUA5050_MALFORMED);
		return DEC_TRUNC;
	}
	if (!reply(ctx, f, c)) {
		STAT_INC(ctx->st, DAHUA5050_MALFORMED);
		return DEC_MALFORMED;
	}
	return DEC_OK;
}
