/* SPDX-License-Identifier: MIT */
/* jsonscan.c - tolerant, allocation-free JSON event scanner.
 *
 * Reference: RFC 8259 (see jsonscan.h for what is tolerated). The state
 * is a depth counter, one bit per depth saying object or array, and the
 * member name that opened each container. */
#include <string.h>

#include "jsonscan.h"
#include "xmlscan.h"

static bool
is_ws(char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

/* Bytes that end a literal (number, true, false, null). */
static bool
lit_stop(char c)
{
	return is_ws(c) || c == ',' || c == '}' || c == ']' || c == ':' ||
	    c == '{' || c == '[' || c == '"';
}

static void
skip_ws(struct json_scan *s)
{
	while (s->p < s->end && is_ws(*s->p))
		s->p++;
}

static bool
fail(struct json_scan *s)
{
	s->malformed = true;
	s->stop = true;
	s->p = s->end;
	return false;
}

void
json_init(struct json_scan *s, struct cur c)
{
	size_t n = cur_left(&c);
	const uint8_t *q = cur_take(&c, n);

	memset(s, 0, sizeof *s);
	s->p = (const char *)q;
	s->end = q ? s->p + n : s->p;
	s->stop = q == NULL;
}

/* str_scan: s->p is at '"': the raw contents up to the closing quote. A
 * backslash escapes the next byte, whatever it is. */
static bool
str_scan(struct json_scan *s, const char **v, size_t *n)
{
	const char *q = s->p + 1;

	while (q < s->end && *q != '"') {
		if (*q == '\\') {
			if (s->end - q < 2)
				return false;
			q += 2;
			continue;
		}
		q++;
	}
	if (q >= s->end)
		return false;
	*v = s->p + 1;
	*n = (size_t)(q - *v);
	s->p = q + 1;
	return true;
}

/* may_follow: what comes after a scalar may follow a value. */
static bool
may_follow(struct json_scan *s)
{
	skip_ws(s);
	return s->p == s->end || *s->p == ',' || *s->p == '}' || *s->p == ']';
}

static void
ev_base(struct json_scan *s, struct json_ev *ev, enum json_kind k,
    const char *key, size_t klen)
{
	ev->kind = k;
	ev->key = key;
	ev->key_len = klen;
	ev->parent = s->depth > 0 ? s->keys[s->depth] : NULL;
	ev->parent_len = s->depth > 0 ? s->keylen[s->depth] : 0;
	ev->val = NULL;
	ev->val_len = 0;
	ev->depth = s->depth;
}

/* value: s->p is at the first byte of a value named key. */
static bool
value(struct json_scan *s, struct json_ev *ev, const char *key, size_t klen)
{
	char c = *s->p;
	const char *v = s->p;

	if (c == '{' || c == '[') {
		if (s->depth >= JSON_MAX_DEPTH)
			return fail(s);
		ev_base(s, ev, c == '{' ? JSON_OBJECT : JSON_ARRAY, key, klen);
		s->depth++;
		s->keys[s->depth] = key;
		s->keylen[s->depth] = klen;
		if (c == '[')
			s->arr |= 1u << (s->depth - 1);
		else
			s->arr &= ~(1u << (s->depth - 1));
		s->p++;
		return true;
	}
	ev_base(s, ev, c == '"' ? JSON_STRING : JSON_LITERAL, key, klen);
	if (c == '"') {
		if (!str_scan(s, &ev->val, &ev->val_len))
			return fail(s);
	} else {
		while (s->p < s->end && !lit_stop(*s->p))
			s->p++;
		if (s->p == v)
			return fail(s);
		ev->val = v;
		ev->val_len = (size_t)(s->p - v);
	}
	return may_follow(s) ? true : fail(s);
}

/* close_ct: s->p is at '}' or ']'. */
static bool
close_ct(struct json_scan *s, struct json_ev *ev, char c)
{
	bool is_arr;

	if (s->depth == 0)
		return fail(s);
	is_arr = (s->arr >> (s->depth - 1)) & 1u;
	if (is_arr != (c == ']'))
		return fail(s);
	ev->key = s->keys[s->depth];
	ev->key_len = s->keylen[s->depth];
	s->depth--;
	ev->kind = JSON_END;
	ev->parent = s->depth > 0 ? s->keys[s->depth] : NULL;
	ev->parent_len = s->depth > 0 ? s->keylen[s->depth] : 0;
	ev->val = NULL;
	ev->val_len = 0;
	ev->depth = s->depth;
	s->p++;
	return true;
}

bool
json_next(struct json_scan *s, struct json_ev *ev)
{
	while (!s->stop) {
		const char *key = NULL;
		size_t klen = 0;
		char c;

		skip_ws(s);
		if (s->p >= s->end) {
			s->stop = true;
			if (s->depth > 0)
				s->malformed = true;
			return false;
		}
		c = *s->p;
		if (c == ',') {
			s->p++;
			continue;
		}
		if (c == '}' || c == ']')
			return close_ct(s, ev, c);
		if (s->depth > 0 && !((s->arr >> (s->depth - 1)) & 1u)) {
			/* In an object: "name" ':' first. */
			if (c != '"' || !str_scan(s, &key, &klen))
				return fail(s);
			skip_ws(s);
			if (s->p >= s->end || *s->p != ':')
				return fail(s);
			s->p++;
			skip_ws(s);
			if (s->p >= s->end)
				return fail(s);
		}
		return value(s, ev, key, klen);
	}
	return false;
}

bool
json_key_is(const struct json_ev *ev, const char *key)
{
	return ev->key != NULL && xml_ieq(ev->key, ev->key_len, key);
}

bool
json_parent_is(const struct json_ev *ev, const char *key)
{
	return ev->parent != NULL && xml_ieq(ev->parent, ev->parent_len, key);
}

bool
json_find(struct cur c, const char *key, const char *parent,
    const char **val, size_t *len)
{
	struct json_scan s;
	struct json_ev ev;

	json_init(&s, c);
	while (json_next(&s, &ev)) {
		if (ev.val == NULL || !json_key_is(&ev, key))
			continue;
		if (parent != NULL && !json_parent_is(&ev, parent))
			continue;
		*val = ev.val;
		*len = ev.val_len;
		return true;
	}
	return false;
}
