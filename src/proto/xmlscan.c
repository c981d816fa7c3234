/* SPDX-License-Identifier: MIT */
/* xmlscan.c - tolerant, allocation-free scanner for XML-ish text.
 *
 * Reference: XML 1.0 (W3C), lexical forms only (see xmlscan.h). Every
 * search is bounded by the end of the text and every skipped construct
 * moves the read position past what was searched, so a document costs
 * linear time however it is broken. */
#include <string.h>

#include "xmlscan.h"

#include "../core/ascii.h"

static bool
is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

/* Bytes that end a tag name (1), and the namespace separator (2). */
static const uint8_t name_class[256] = {
	[' '] = 1, ['\t'] = 1, ['\r'] = 1, ['\n'] = 1, ['/'] = 1, ['>'] = 1,
	['<'] = 1, ['='] = 1, ['"'] = 1, ['\''] = 1, [':'] = 2,
};

/* find: first occurrence of the n-byte lit in [p, end), or NULL. */
static const char *
find(const char *p, const char *end, const char *lit, size_t n)
{
	while (p < end && (size_t)(end - p) >= n) {
		const char *q = memchr(p, lit[0], (size_t)(end - p));

		if (q == NULL || (size_t)(end - q) < n)
			return NULL;
		if (memcmp(q, lit, n) == 0)
			return q;
		p = q + 1;
	}
	return NULL;
}

void
xml_init(struct xml_scan *s, struct cur c)
{
	size_t n = cur_left(&c);
	const uint8_t *q = cur_take(&c, n);

	s->p = (const char *)q;
	s->end = q ? s->p + n : s->p;
	s->bad = false;
}

/* starts: the text at p (bounded by end) begins with lit. */
static bool
starts(const char *p, const char *end, const char *lit)
{
	size_t n = strlen(lit);

	return (size_t)(end - p) >= n && memcmp(p, lit, n) == 0;
}

/* skip_special: p is at "<!" or "<?": move past the comment, CDATA
 * section, processing instruction or declaration. False (and bad) if it
 * is unterminated. */
static bool
skip_special(struct xml_scan *s)
{
	const char *p = s->p, *q;
	size_t skip;

	if (starts(p, s->end, "<!--")) {
		q = find(p + 4, s->end, "-->", 3), skip = 3;
	} else if (starts(p, s->end, "<![CDATA[")) {
		q = find(p + 9, s->end, "]]>", 3), skip = 3;
	} else if (starts(p, s->end, "<?")) {
		q = find(p + 2, s->end, "?>", 2), skip = 2;
	} else {
		q = memchr(p + 2, '>', (size_t)(s->end - p - 2)), skip = 1;
	}
	if (q == NULL) {
		s->bad = true;
		s->p = s->end;
		return false;
	}
	s->p = q + skip;
	return true;
}

/* tag_end: from q (just past the name), the '>' that closes the tag,
 * stepping over quoted attribute values; a '<' first ends a broken tag
 * there. NULL if the tag or a quote is unterminated. */
static const char *
tag_end(const char *q, const char *end)
{
	while (q < end) {
		if (*q == '>' || *q == '<')
			return q;
		if (*q == '"' || *q == '\'') {
			const char *r = memchr(q + 1, *q,
			    (size_t)(end - q - 1));

			if (r == NULL)
				return NULL;
			q = r + 1;
			continue;
		}
		q++;
	}
	return NULL;
}

/* fill: el for the tag whose name is [nm, ne), local part from colon,
 * and attributes [ne, gt). */
static void
fill(struct xml_scan *s, struct xml_el *el, const char *colon,
    const char *ne, const char *gt)
{
	const char *t, *u;

	el->name = colon;
	el->name_len = (size_t)(ne - colon);
	el->attr = ne;
	el->attr_len = (size_t)(gt - ne);
	el->empty = gt > ne && gt[-1] == '/';
	if (el->empty)
		el->attr_len--;
	el->text = NULL;
	el->text_len = 0;
	s->p = gt < s->end && *gt == '>' ? gt + 1 : gt;
	if (el->end || el->empty)
		return;
	t = s->p;
	u = memchr(t, '<', (size_t)(s->end - t));
	el->text = t;
	/* Text running to the end of the input may be cut short: none. */
	el->text_len = u ? (size_t)(u - t) : 0;
	while (el->text_len > 0 && is_space(el->text[0]))
		el->text++, el->text_len--;
	while (el->text_len > 0 && is_space(el->text[el->text_len - 1]))
		el->text_len--;
}

bool
xml_next(struct xml_scan *s, struct xml_el *el)
{
	while (s->p != NULL && s->p < s->end) {
		const char *lt = memchr(s->p, '<', (size_t)(s->end - s->p));
		const char *nm, *ne, *gt, *colon;

		if (lt == NULL)
			break;
		s->p = lt;
		if (s->end - lt >= 2 && (lt[1] == '!' || lt[1] == '?')) {
			if (!skip_special(s))
				return false;
			continue;
		}
		nm = lt + 1;
		el->end = nm < s->end && *nm == '/';
		if (el->end)
			nm++;
		/* The name, and where its local part starts (past the last
		 * ':'), in one pass. */
		colon = nm;
		for (ne = nm; ne < s->end; ne++) {
			uint8_t k = name_class[(uint8_t)*ne];

			if (k == 1)
				break;
			if (k == 2)
				colon = ne + 1;
		}
		if (ne == nm) {
			/* "<" followed by no name: text, not a tag. */
			s->p = lt + 1;
			continue;
		}
		gt = tag_end(ne, s->end);
		if (gt == NULL) {
			s->bad = true;
			s->p = s->end;
			return false;
		}
		fill(s, el, colon, ne, gt);
		return true;
	}
	if (s->p != NULL)
		s->p = s->end;
	return false;
}

bool
xml_ieq(const char *p, size_t n, const char *lit)
{
	size_t i;

	for (i = 0; i < n; i++) {
		if (lit[i] == '\0')
			return false;
		/* Mostly the same byte: folded only if not. */
		if (p[i] != lit[i] && ascii_lc(p[i]) != ascii_lc(lit[i]))
			return false;
	}
	return lit[i] == '\0';
}

const char *
xml_istr(const char *p, size_t n, const char *lit)
{
	size_t m = strlen(lit);

	if (m == 0 || m > n)
		return NULL;
	for (size_t i = 0; i + m <= n; i++)
		if (ascii_lc(p[i]) == ascii_lc(lit[0]) &&
		    xml_ieq(p + i, m, lit))
			return p + i;
	return NULL;
}

bool
xml_find(struct cur c, const char *name, const char **val, size_t *len)
{
	struct xml_scan s;
	struct xml_el el;

	xml_init(&s, c);
	while (xml_next(&s, &el)) {
		if (!el.end && xml_name_is(&el, name)) {
			*val = el.text ? el.text : el.name;
			*len = el.text_len;
			return true;
		}
	}
	return false;
}

void
xml_trim(const char **p, size_t *n)
{
	const char *s = *p;
	size_t k = *n;

	while (k > 0 && is_space(s[0]))
		s++, k--;
	while (k > 0 && is_space(s[k - 1]))
		k--;
	if (k >= 2 && s[0] == '"' && s[k - 1] == '"') {
		s++, k -= 2;
		while (k > 0 && is_space(s[0]))
			s++, k--;
		while (k > 0 && is_space(s[k - 1]))
			k--;
	}
	*p = s;
	*n = k;
}

void
xml_split_build(const char *p, size_t n, const char **fw, size_t *fwn,
    const char **build, size_t *buildn)
{
	const char *b;

	xml_trim(&p, &n);
	b = xml_istr(p, n, "build");
	*build = b ? b : p + n;
	*buildn = b ? (size_t)(p + n - b) : 0;
	*fw = p;
	*fwn = b ? (size_t)(b - p) : n;
	while (*fwn > 0 && (is_space(p[*fwn - 1]) || p[*fwn - 1] == ','))
		(*fwn)--;
}

bool
xml_zero_addr(const char *p, size_t n)
{
	xml_trim(&p, &n);
	for (size_t i = 0; i < n; i++)
		if (p[i] != '0' && p[i] != '.' && p[i] != ':' && p[i] != '-')
			return false;
	return true;
}

bool
xml_fact(struct proto_ctx *ctx, unsigned subject, enum fact_field f,
    unsigned conf, const char *src, const char *p, size_t n)
{
	if (p == NULL)
		return false;
	xml_trim(&p, &n);
	if (n == 0)
		return false;
	if (n > XML_VALUE_CAP)
		n = XML_VALUE_CAP;
	proto_fact(ctx, subject, f, conf, src, p, n);
	return true;
}

bool
xml_starts_lt(struct cur c)
{
	for (unsigned i = 0; i < 64; i++) {
		uint8_t b = cur_u8(&c);

		if (cur_bad(&c))
			return false;
		if (b == '<')
			return true;
		if (b != ' ' && b != '\t' && b != '\r' && b != '\n' &&
		    b != 0xef && b != 0xbb && b != 0xbf)
			return false;
	}
	return false;
}
