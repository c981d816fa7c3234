/* SPDX-License-Identifier: MIT */
/* jsonscan.h - tolerant, allocation-free JSON event scanner.
 *
 * Reference: RFC 8259, lexical forms only; no tree, no recursion. Each
 * call yields one event: a scalar member or array element (string or
 * literal: number, true, false, null), the start of an object or array,
 * or the end of one. Every event carries its member name (raw, NULL for
 * array elements and top-level values), the member name of the container
 * it sits in, and its depth (containers open around it).
 *
 * Strings are reported raw: escapes stay undecoded ("fe80::1\/64"). A
 * scalar is reported only if what follows it may follow a value (',', '}',
 * ']' or the end of the text), so a string that swallowed the next member
 * because its closing quote is missing is not reported. Anything that
 * does not parse (unterminated string, missing ':', mismatched bracket,
 * nesting deeper than JSON_MAX_DEPTH) sets malformed and stops the scan;
 * text cut short inside a container also sets malformed. Each event
 * consumes at least one byte and the scan is linear. */
#ifndef VIGIE_JSONSCAN_H
#define VIGIE_JSONSCAN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "../core/cursor.h"

/* Deeper nesting is treated as malformed input. */
#define JSON_MAX_DEPTH 32

enum json_kind {
	JSON_STRING,    /* val: bytes between the quotes, raw */
	JSON_LITERAL,   /* val: number, true, false, null (as written) */
	JSON_OBJECT,    /* an object starts; its members follow */
	JSON_ARRAY,     /* an array starts; its elements follow */
	JSON_END        /* the object or array named key ends */
};

struct json_ev {
	enum json_kind kind;
	const char *key;        /* member name, raw; NULL if none */
	size_t key_len;
	const char *parent;     /* member name of the enclosing container */
	size_t parent_len;
	const char *val;        /* scalar value; NULL for other kinds */
	size_t val_len;
	unsigned depth;         /* containers open around this event */
};

struct json_scan {
	const char *p;          /* next unread byte */
	const char *end;        /* one past the last byte */
	unsigned depth;         /* containers open */
	uint32_t arr;           /* bit d-1 set: container at depth d is [ */
	const char *keys[JSON_MAX_DEPTH + 1];  /* member name per depth */
	size_t keylen[JSON_MAX_DEPTH + 1];
	bool malformed;         /* a parse error stopped the scan */
	bool stop;
};

/* json_init: start scanning the bytes left in c (c is not advanced). */
void json_init(struct json_scan *s, struct cur c);

/* json_next: fill ev with the next event and return true; false at the
 * end of the text or on malformed input (s->malformed then says which). */
bool json_next(struct json_scan *s, struct json_ev *ev);

/* json_key_is: true if ev's member name equals key, ignoring ASCII case. */
bool json_key_is(const struct json_ev *ev, const char *key);

/* json_parent_is: true if the container around ev is named key (ASCII
 * case ignored). */
bool json_parent_is(const struct json_ev *ev, const char *key);

/* json_find: the first scalar member named key (and, unless parent is
 * NULL, inside a container named parent) anywhere in c. True and
 * *val, *len set if found. */
bool json_find(struct cur c, const char *key, const char *parent,
    const char **val, size_t *len);

#endif
