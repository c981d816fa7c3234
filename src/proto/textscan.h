/* SPDX-License-Identifier: MIT */
/* textscan.h - allocation-free scanner for line-based text protocols.
 *
 * Reference: RFC 9112 section 2 (HTTP/1.1 message format), RFC 2326
 * section 4 (RTSP/1.0), UPnP Device Architecture 2.0 section 1 (SSDP):
 *
 *   start-line CRLF
 *   *( field-name ":" OWS field-value OWS CRLF )
 *   CRLF
 *   [ body ]
 *
 * Bare LF is accepted for CRLF, a last line without an end of line is
 * kept, NUL bytes are ordinary bytes. Lines longer than TS_LINE_MAX and
 * header sections with more than TS_MAX_LINES lines stop the scan: what
 * was read before is kept and the message is marked bad. Every string
 * handed out points into the scanned bytes. */
#ifndef VIGIE_TEXTSCAN_H
#define VIGIE_TEXTSCAN_H

#include <stdbool.h>
#include <stddef.h>
#include <string.h>

#include "proto.h"

/* Header fields kept per message: real HTTP/RTSP/SSDP messages carry
 * 5-30; a camera's 401 about 8. */
#define TS_MAX_HDRS 64

/* Lines looked at after the start line (headers, folded or broken lines)
 * before the scan gives up: bounds the work on a line flood. */
#define TS_MAX_LINES 128

/* Longest line scanned (bytes, without its end of line). Servers reject
 * longer request lines and fields (8 KiB is the usual limit). */
#define TS_LINE_MAX 8192

/* Longest value reported as a fact (bytes); the receiver caps too. */
#define TS_VAL_MAX 256

/* A run of bytes inside the payload (not NUL-terminated). */
struct ts_str {
	const char *p;
	size_t len;
};

struct ts_hdr {
	struct ts_str name;  /* trimmed field name */
	struct ts_str val;   /* trimmed field value, may be empty */
};

struct ts_msg {
	struct ts_str start;           /* start line without its EOL */
	struct ts_hdr hdr[TS_MAX_HDRS];
	unsigned nhdr;
	bool ended;                    /* the blank line was seen */
	bool bad;                      /* overlong line, no colon, too many */
	struct cur body;               /* after the blank line; else empty */
};

/* What ts_line found. */
enum ts_eol {
	TS_NONE = 0,  /* no bytes left */
	TS_EOL,       /* a line ended by LF (a CR before it is dropped) */
	TS_END,       /* the last bytes, without an end of line */
	TS_LONG       /* TS_LINE_MAX bytes without an end of line */
};

/* ts_line: cut the next line from c into *line and advance c past it
 * (and past its LF). On TS_LONG the line holds the first TS_LINE_MAX
 * bytes and c is left at the end: scanning stops. */
enum ts_eol ts_line(struct cur *c, struct ts_str *line);

/* ts_parse: split the message in c into start line, headers and body
 * cursor. Never fails: m->start is empty if c is, m->bad tells of damage,
 * m->ended whether the header section was complete in these bytes. */
void ts_parse(struct cur c, struct ts_msg *m);

/* ts_starts: whether the bytes at c begin with the literal lit (exact
 * case). Reads through a copy of c. */
bool ts_starts(struct cur c, const char *lit);

/* ts_eq, ts_ieq: s equals lit exactly / ignoring ASCII case. */
bool ts_eq(struct ts_str s, const char *lit);
bool ts_ieq(struct ts_str s, const char *lit);

/* ts_ipfx: s begins with lit, ignoring ASCII case. */
bool ts_ipfx(struct ts_str s, const char *lit);

/* ts_trim: s without leading and trailing blanks (SP, HT, CR, LF, VT,
 * FF). */
struct ts_str ts_trim(struct ts_str s);

/* ts_unquote: a trimmed s without one pair of surrounding double quotes
 * (or a lone leading quote, for a value cut short). */
struct ts_str ts_unquote(struct ts_str s);

/* ts_from: s without its first n bytes (empty if n >= s.len). */
struct ts_str ts_from(struct ts_str s, size_t n);

/* ts_hdr_findn: the first header named name (n bytes, any case) at
 * index >= *at, or NULL; *at is moved past it so a loop can walk
 * repeated fields. */
const struct ts_hdr *ts_hdr_findn(const struct ts_msg *m, const char *name,
    size_t n, unsigned *at);

/* ts_hdr_find: ts_hdr_findn() of a NUL-terminated name (a literal's
 * length is then known where it is called). */
static inline const struct ts_hdr *
ts_hdr_find(const struct ts_msg *m, const char *name, unsigned *at)
{
	return ts_hdr_findn(m, name, strlen(name), at);
}

/* ts_version: the part of a request line after its last space, where
 * the protocol version stands ("HTTP/1.1"); empty if there is none. The
 * request target is then the bytes between the method and that space:
 * *target receives them, trimmed. */
struct ts_str ts_version(struct ts_str line, size_t method_len,
    struct ts_str *target);

/* ts_status_ok: s (the part of a status line after "PROTO/x.y ") starts
 * with a three-digit status code followed by a space or the end. */
bool ts_status_ok(struct ts_str s);

/* The start lines of one HTTP-like protocol: NULL-terminated lists. */
struct ts_dialect {
	const char *const *resp;    /* response prefixes ("HTTP/1.1 ") */
	const char *const *methods; /* request methods, each with its space */
	const char *version;        /* a request's version prefix ("HTTP/1.") */
};

/* What ts_head() found. */
enum ts_kind { TS_NOT = 0, TS_REQUEST, TS_RESPONSE };

/* ts_head: recognise a request or response head of dialect d at the
 * start of payload. A request needs a listed method, a target and a
 * version beginning with d->version, all decided on the request line
 * before any header is split (a decoder that turns a payload away does so
 * cheaply); *target then holds the request target. A recognised head is
 * parsed into m (see ts_parse); a response whose status code is not
 * three digits after the 9-byte "PROTO/x.y " sets m->bad. */
enum ts_kind ts_head(struct cur payload, const struct ts_dialect *d,
    struct ts_msg *m, struct ts_str *target);

/* A text payload whose head is split at most once, however many decoders
 * read it: the HTTP, RTSP and exploit decoders see the same segment. */
struct ts_text {
	struct cur payload;
	bool parsed;                   /* m holds ts_parse(payload) */
	struct ts_msg m;
};

/* ts_text_init: t reads payload; nothing is split yet. */
static inline void
ts_text_init(struct ts_text *t, struct cur payload)
{
	t->payload = payload;
	t->parsed = false;
}

/* ts_text_msg: ts_parse() of t's payload, done by the first call. */
const struct ts_msg *ts_text_msg(struct ts_text *t);

/* A dialect with the first letters of its start lines, so that a
 * payload of another dialect is turned away without a walk of the lists,
 * whose pointers and literals are seldom in the cache: first is the
 * TS_LETTER() of the first byte of every method and response prefix, all
 * of them capital letters. A letter left out would turn its start lines
 * away: test_proto_text checks first against ts_dialect_letters() of the
 * lists. */
#define TS_LETTER(c) (1u << ((c) - 'A'))
struct ts_text_dialect {
	struct ts_dialect d;
	uint32_t first;
};

/* The dialects of http.c and rtsp.c. */
extern const struct ts_text_dialect http_dialect, rtsp_dialect;

/* ts_dialect_letters: the TS_LETTER() of the first byte of each method
 * and response prefix of d, or 0 if one of them starts with no capital
 * letter (then a ts_text_dialect could not hold it). */
uint32_t ts_dialect_letters(const struct ts_dialect *d);

/* ts_text_head: ts_head() on a shared text: the message is t's, *m points
 * to it and is never changed; *bad receives m->bad or a damaged status
 * code. The request line is cut by the shared parse. */
enum ts_kind ts_text_head(struct ts_text *t,
    const struct ts_text_dialect *td,
    const struct ts_msg **m, struct ts_str *target, bool *bad);

/* The text decoders of proto.h (http_decode, rtsp_decode,
 * exploit_http_decode) on a shared text: the same contracts. */
enum dec http_decode_text(struct ts_text *t, struct proto_ctx *ctx);
enum dec rtsp_decode_text(struct ts_text *t, struct proto_ctx *ctx);
enum dec exploit_http_decode_text(struct ts_text *t, struct proto_ctx *ctx);

/* ts_path: the path of a request target: an absolute URI
 * ("scheme://authority/path") loses scheme and authority (and with them
 * any user:password), and the query ('?') and fragment ('#') are cut. */
struct ts_str ts_path(struct ts_str target);

/* ts_param: the value of auth-param name (any case) in a challenge
 * ("Digest realm=\"x\", nonce=..."), unquoted; quoted strings are skipped
 * whole, so a name inside another parameter's value is not matched.
 * Empty if absent. */
struct ts_str ts_param(struct ts_str challenge, const char *name);

/* ts_fact: report s, trimmed and capped at TS_VAL_MAX bytes, unless it
 * is then empty. */
void ts_fact(struct proto_ctx *ctx, unsigned subject, enum fact_field field,
    unsigned confidence, const char *source, struct ts_str s);

/* ts_realm_facts: facts from one WWW-Authenticate value (HTTP, RTSP):
 * FACT_REALM (sender, 70); realm "Login to <serial>" (Dahua and OEMs):
 * VENDOR "Dahua" (80) and SERIAL (85); realm "hikvision" (any case):
 * VENDOR "Hikvision" (80). */
void ts_realm_facts(struct proto_ctx *ctx, const char *source,
    struct ts_str challenge);

#endif
