/* SPDX-License-Identifier: MIT */
/* textscan.c - allocation-free scanner for line-based text protocols.
 *
 * Reference: RFC 9112 section 2 and 5 (message and field syntax), RFC
 * 9110 section 11.2 (auth-param), RFC 2326 section 4. See textscan.h. */
#include <stdint.h>
#include <string.h>

#include "textscan.h"

#include "../core/ascii.h"

static const char DAHUA[] = "Dahua";
static const char HIKVISION[] = "Hikvision";
static const char EMPTY[] = "";

/* SP, or HT LF VT FF CR (9 to 13). */
static bool
blank(int ch)
{
	return ch == ' ' || (unsigned)(ch - '\t') <= '\r' - '\t';
}

/* ts_trim(), inlined where a message is split. */
static inline struct ts_str
trim(struct ts_str s)
{
	while (s.len > 0 && blank((unsigned char)s.p[0])) {
		s.p++;
		s.len--;
	}
	while (s.len > 0 && blank((unsigned char)s.p[s.len - 1]))
		s.len--;
	return s;
}

enum ts_eol
ts_line(struct cur *c, struct ts_str *line)
{
	struct cur w = *c;
	size_t left = cur_left(c), n = left < TS_LINE_MAX ? left : TS_LINE_MAX;
	const uint8_t *q, *lf;

	line->p = EMPTY;
	line->len = 0;
	if (n == 0)
		return TS_NONE;
	q = cur_take(&w, n);
	if (q == NULL)
		return TS_NONE;
	line->p = (const char *)q;
	lf = memchr(q, '\n', n);
	if (lf != NULL) {
		line->len = (size_t)(lf - q);
		(void)cur_skip(c, line->len + 1);
		if (line->len > 0 && line->p[line->len - 1] == '\r')
			line->len--;
		return TS_EOL;
	}
	line->len = n;
	(void)cur_skip(c, left);
	if (n < left)
		return TS_LONG;
	if (line->p[n - 1] == '\r')
		line->len--;
	return TS_END;
}

/* One header line into m (its first byte is no blank); false if it is not
 * a field line. */
static bool
add_hdr(struct ts_msg *m, struct ts_str line)
{
	const char *colon = memchr(line.p, ':', line.len);
	struct ts_hdr *h;
	size_t nl;

	if (colon == NULL || colon == line.p)
		return false;
	if (m->nhdr >= TS_MAX_HDRS)
		return false;
	nl = (size_t)(colon - line.p);
	h = &m->hdr[m->nhdr++];
	/* The name starts with no blank: only its end is trimmed. */
	while (nl > 0 && blank((unsigned char)line.p[nl - 1]))
		nl--;
	h->name.p = line.p;
	h->name.len = nl;
	h->val = trim(ts_from(line, (size_t)(colon - line.p) + 1));
	return true;
}

void
ts_parse(struct cur c, struct ts_msg *m)
{
	enum ts_eol k;

	m->nhdr = 0;
	m->ended = false;
	m->bad = false;
	m->body = cur_make(NULL, 0);
	k = ts_line(&c, &m->start);
	if (k == TS_LONG)
		m->bad = true;
	if (k != TS_EOL)
		return;
	for (unsigned i = 0; i < TS_MAX_LINES; i++) {
		struct ts_str line;

		k = ts_line(&c, &line);
		if (k == TS_NONE)
			return;
		if (k == TS_LONG) {
			m->bad = true; /* a line longer than TS_LINE_MAX */
			return;
		}
		if (k == TS_EOL && line.len == 0) {
			m->ended = true;
			m->body = c;
			return;
		}
		/* A folded continuation (RFC 9112 obs-fold) is dropped. */
		if (!blank((unsigned char)line.p[0]) && !add_hdr(m, line))
			m->bad = true;
		if (k == TS_END)
			return;
	}
	m->bad = true;
}

bool
ts_starts(struct cur c, const char *lit)
{
	size_t n;
	const uint8_t *q;

	/* Most calls try a list of literals: the first byte turns nearly
	 * all of them away. */
	if (cur_left(&c) == 0 || c.p[0] != (uint8_t)lit[0])
		return lit[0] == '\0';
	n = strlen(lit);
	q = cur_take(&c, n);
	return q != NULL && memcmp(q, lit, n) == 0;
}

/* The start-line prefix of dialect d at the start of payload: a response
 * (TS_RESPONSE), a request method (TS_REQUEST, *mlen its length with the
 * space), or neither. Only the first bytes are read. */
static enum ts_kind
ts_kind_of(struct cur payload, const struct ts_dialect *d, size_t *mlen)
{
	for (const char *const *r = d->resp; *r != NULL; r++)
		if (ts_starts(payload, *r))
			return TS_RESPONSE;
	for (const char *const *k = d->methods; *k != NULL; k++) {
		if (ts_starts(payload, *k)) {
			*mlen = strlen(*k);
			return TS_REQUEST;
		}
	}
	return TS_NOT;
}

/* What the start line of payload is in dialect d, decided on that line
 * alone (no header is split): a response, or a request with a listed
 * method, a target (into *target) and a version starting d->version. */
static enum ts_kind
head_kind(struct cur payload, const struct ts_dialect *d,
    struct ts_str *target)
{
	struct ts_str line;
	size_t mlen = 0;
	enum ts_kind k = ts_kind_of(payload, d, &mlen);

	target->p = EMPTY;
	target->len = 0;
	if (k != TS_REQUEST)
		return k;
	(void)ts_line(&payload, &line);
	if (!ts_ipfx(ts_version(line, mlen, target), d->version) ||
	    target->len == 0)
		return TS_NOT;
	return TS_REQUEST;
}

/* A response whose status code is not three digits after the 9-byte
 * "PROTO/x.y " (the start line of m). */
static bool
bad_status(enum ts_kind k, const struct ts_msg *m)
{
	return k == TS_RESPONSE && !ts_status_ok(ts_from(m->start, 9));
}

enum ts_kind
ts_head(struct cur payload, const struct ts_dialect *d, struct ts_msg *m,
    struct ts_str *target)
{
	enum ts_kind k = head_kind(payload, d, target);

	if (k == TS_NOT)
		return TS_NOT;
	ts_parse(payload, m);
	if (bad_status(k, m))
		m->bad = true;
	return k;
}

const struct ts_msg *
ts_text_msg(struct ts_text *t)
{
	if (!t->parsed) {
		ts_parse(t->payload, &t->m);
		t->parsed = true;
	}
	return &t->m;
}

uint32_t
ts_dialect_letters(const struct ts_dialect *d)
{
	const char *const *lists[2] = { d->methods, d->resp };
	uint32_t m = 0;

	for (unsigned i = 0; i < 2; i++)
		for (const char *const *s = lists[i]; *s != NULL; s++) {
			if ((*s)[0] < 'A' || (*s)[0] > 'Z')
				return 0;
			m |= TS_LETTER((*s)[0]);
		}
	return m;
}

enum ts_kind
ts_text_head(struct ts_text *t, const struct ts_text_dialect *td,
    const struct ts_msg **m, struct ts_str *target, bool *bad)
{
	unsigned b0 = cur_left(&t->payload) ? (unsigned)t->payload.p[0] - 'A' :
	    26u;
	enum ts_kind k;

	target->p = EMPTY;
	target->len = 0;
	/* No start line of the dialect begins with any other byte. */
	if (b0 >= 26 || !(td->first >> b0 & 1))
		return TS_NOT;
	k = head_kind(t->payload, &td->d, target);
	if (k == TS_NOT)
		return TS_NOT;
	*m = ts_text_msg(t);
	*bad = (*m)->bad || bad_status(k, *m);
	return k;
}

bool
ts_eq(struct ts_str s, const char *lit)
{
	size_t n = strlen(lit);

	return s.len == n && (n == 0 || memcmp(s.p, lit, n) == 0);
}

/* a and b are the same letter in either case (or the same byte). */
static inline bool
same_icase(unsigned a, unsigned b)
{
	return a == b || ((a ^ b) == 0x20 && (a | 0x20) - 'a' < 26);
}

/* The first n bytes of p and q are equal ignoring ASCII case. */
static bool
ipfx_n(const char *p, const char *q, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (!same_icase((unsigned char)p[i], (unsigned char)q[i]))
			return false;
	return true;
}

bool
ts_ipfx(struct ts_str s, const char *lit)
{
	size_t n = strlen(lit);

	return s.len >= n && ipfx_n(s.p, lit, n);
}

bool
ts_ieq(struct ts_str s, const char *lit)
{
	return s.len == strlen(lit) && ts_ipfx(s, lit);
}

struct ts_str
ts_trim(struct ts_str s)
{
	return trim(s);
}

struct ts_str
ts_unquote(struct ts_str s)
{
	s = ts_trim(s);
	if (s.len > 0 && s.p[0] == '"') {
		s.p++;
		s.len--;
		if (s.len > 0 && s.p[s.len - 1] == '"')
			s.len--;
	}
	return ts_trim(s);
}

struct ts_str
ts_from(struct ts_str s, size_t n)
{
	if (n >= s.len) {
		s.p += s.len;
		s.len = 0;
	} else {
		s.p += n;
		s.len -= n;
	}
	return s;
}

/* One copy for all callers (no copy per field name): each caller looks
 * up a few fields per message, so the code is cold more often than not. */
#if defined(__GNUC__) && !defined(__clang__)
__attribute__((noclone))
#endif
const struct ts_hdr *
ts_hdr_findn(const struct ts_msg *m, const char *name, size_t n,
    unsigned *at)
{
	int c0 = n ? ascii_lc((unsigned char)name[0]) : 0;

	/* Length and first byte turn nearly every other field away. */
	for (unsigned i = *at; i < m->nhdr; i++) {
		const struct ts_str *h = &m->hdr[i].name;

		if (h->len == n && (n == 0 ||
		    (ascii_lc((unsigned char)h->p[0]) == c0 &&
		    ipfx_n(h->p, name, n)))) {
			*at = i + 1;
			return &m->hdr[i];
		}
	}
	*at = m->nhdr;
	return NULL;
}

struct ts_str
ts_version(struct ts_str line, size_t method_len, struct ts_str *target)
{
	struct ts_str v;
	size_t sp;

	line = ts_trim(line);
	v.p = line.p + line.len;
	v.len = 0;
	target->p = v.p;
	target->len = 0;
	sp = line.len;
	while (sp > method_len && line.p[sp - 1] != ' ')
		sp--;
	if (sp <= method_len || sp > line.len)
		return v;
	v = ts_from(line, sp);
	target->p = line.p + method_len;
	target->len = sp - 1 - method_len;
	*target = ts_trim(*target);
	return v;
}

bool
ts_status_ok(struct ts_str s)
{
	if (s.len < 3)
		return false;
	for (size_t i = 0; i < 3; i++)
		if (s.p[i] < '0' || s.p[i] > '9')
			return false;
	return s.len == 3 || s.p[3] == ' ';
}

struct ts_str
ts_path(struct ts_str t)
{
	const char *cut;
	size_t i = 0;

	/* scheme = ALPHA *( ALPHA / DIGIT / "+" / "-" / "." ) "://" */
	while (i < t.len && i < 16 && t.p[i] != ':' && t.p[i] != '/')
		i++;
	if (i > 0 && i + 3 <= t.len && memcmp(t.p + i, "://", 3) == 0) {
		const char *slash;

		t = ts_from(t, i + 3);
		slash = t.len ? memchr(t.p, '/', t.len) : NULL;
		t = ts_from(t, slash ? (size_t)(slash - t.p) : t.len);
	}
	if (t.len && (cut = memchr(t.p, '?', t.len)) != NULL)
		t.len = (size_t)(cut - t.p);
	if (t.len && (cut = memchr(t.p, '#', t.len)) != NULL)
		t.len = (size_t)(cut - t.p);
	return t;
}

/* End of a quoted-string starting at s.p[i] == '"': index past the
 * closing quote (a backslash escapes one byte), or s.len if unclosed. */
static size_t
skip_quoted(struct ts_str s, size_t i)
{
	for (i++; i < s.len; i++) {
		if (s.p[i] == '\\')
			i++;
		else if (s.p[i] == '"')
			return i + 1;
	}
	return s.len;
}

struct ts_str
ts_param(struct ts_str s, const char *name)
{
	size_t i = 0;

	/* Each pass consumes at least one byte. */
	while (i < s.len) {
		size_t n0 = i, n1, v0;

		while (i < s.len && s.p[i] != '=' && s.p[i] != ',' &&
		    s.p[i] != ' ' && s.p[i] != '\t' && s.p[i] != '"')
			i++;
		n1 = i;
		while (i < s.len && (s.p[i] == ' ' || s.p[i] == '\t'))
			i++;
		if (i >= s.len || s.p[i] != '=') {
			/* A scheme name, a token68 or a stray byte. */
			if (i < s.len && s.p[i] == '"')
				i = skip_quoted(s, i);
			else if (i == n0)
				i++;
			continue;
		}
		for (i++; i < s.len && (s.p[i] == ' ' || s.p[i] == '\t'); i++)
			;
		v0 = i;
		if (i < s.len && s.p[i] == '"')
			i = skip_quoted(s, i);
		else
			while (i < s.len && s.p[i] != ',' && s.p[i] != ' ')
				i++;
		if (ts_ieq((struct ts_str){ s.p + n0, n1 - n0 }, name))
			return ts_unquote((struct ts_str){ s.p + v0, i - v0 });
	}
	return (struct ts_str){ s.p + s.len, 0 };
}

void
ts_fact(struct proto_ctx *ctx, unsigned subject, enum fact_field field,
    unsigned confidence, const char *source, struct ts_str s)
{
	s = ts_trim(s);
	if (s.len > TS_VAL_MAX)
		s.len = TS_VAL_MAX;
	if (s.len == 0)
		return;
	proto_fact(ctx, subject, field, confidence, source, s.p, s.len);
}

/* A Dahua serial as the realm states it: one printable token. */
static bool
serial_ok(struct ts_str s)
{
	if (s.len < 4 || s.len > 64)
		return false;
	for (size_t i = 0; i < s.len; i++) {
		unsigned char ch = (unsigned char)s.p[i];

		if (ch <= ' ' || ch >= 0x7f || ch == '"' || ch == ',')
			return false;
	}
	return true;
}

void
ts_realm_facts(struct proto_ctx *ctx, const char *source,
    struct ts_str challenge)
{
	struct ts_str realm = ts_param(challenge, "realm"), sn;

	ts_fact(ctx, SUBJ_SENDER, FACT_REALM, 70, source, realm);
	if (ts_ipfx(realm, "Login to ")) {
		sn = ts_trim(ts_from(realm, sizeof "Login to " - 1));
		if (serial_ok(sn)) {
			proto_fact(ctx, SUBJ_SENDER, FACT_VENDOR, 80, source,
			    DAHUA, sizeof DAHUA - 1);
			ts_fact(ctx, SUBJ_SENDER, FACT_SERIAL, 85, source, sn);
		}
	} else if (ts_ieq(realm, "hikvision")) {
		proto_fact(ctx, SUBJ_SENDER, FACT_VENDOR, 80, source,
		    HIKVISION, sizeof HIKVISION - 1);
	}
}
