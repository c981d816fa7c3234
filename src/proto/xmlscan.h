/* SPDX-License-Identifier: MIT */
/* xmlscan.h - tolerant, allocation-free scanner for XML-ish text, and the
 * small text helpers the text-based decoders share.
 *
 * Reference: XML 1.0 (W3C) for the lexical forms only; no DOM, no
 * validation, no recursion. The scanner walks tags left to right:
 *
 *   <?pi ...?>  <!-- comment -->  <![CDATA[ ... ]]>  <!DOCTYPE ...>  skipped
 *   <p:name attr="v">text          start tag: local name "name", raw text
 *   <name/>                        empty element
 *   </p:name>                      end tag
 *
 * Text is reported raw (entities such as &amp; are not decoded) and
 * trimmed of surrounding whitespace. An unterminated tag, comment, CDATA
 * section or quoted attribute stops the scan and sets bad. Each call
 * consumes at least one byte, so a caller's loop always progresses, and
 * a whole document is scanned in linear time. */
#ifndef VIGIE_XMLSCAN_H
#define VIGIE_XMLSCAN_H

#include <stdbool.h>
#include <stddef.h>
#include <string.h>

#include "proto.h"

/* Values this project reports are capped at this many bytes. */
#define XML_VALUE_CAP 256

struct xml_el {
	const char *name;   /* local name, namespace prefix removed */
	size_t name_len;
	const char *attr;   /* raw attribute text of a start tag */
	size_t attr_len;
	const char *text;   /* trimmed raw text up to the next '<'; empty
	                     * if no '<' follows (the text may be cut) */
	size_t text_len;
	bool end;           /* an end tag </name> */
	bool empty;         /* an empty-element tag <name/> */
};

struct xml_scan {
	const char *p;      /* next unread byte */
	const char *end;    /* one past the last byte */
	bool bad;           /* something was left unterminated */
};

/* xml_init: start scanning the bytes left in c (which is not advanced:
 * the scanner keeps its own bounds, taken through the cursor). */
void xml_init(struct xml_scan *s, struct cur c);

/* xml_next: fill el with the next start, empty or end tag and return
 * true; false at the end of the text or when a construct is unterminated
 * (then s->bad is set). Stray '<' characters in text are skipped. */
bool xml_next(struct xml_scan *s, struct xml_el *el);


/* xml_find: the text of the first start tag whose local name is name
 * within the bytes of c; true and *val, *len set if found (the text may be
 * empty), false otherwise. */
bool xml_find(struct cur c, const char *name, const char **val, size_t *len);

/* xml_ieq: true if the n bytes at p equal the NUL-ended lit, ignoring
 * ASCII case. */
bool xml_ieq(const char *p, size_t n, const char *lit);

/* xml_name_is: true if el's local name equals name (NUL-ended), ignoring
 * ASCII case. Inline: where name is a literal its length is known, and
 * turns most names away before a byte is compared. */
static inline bool
xml_name_is(const struct xml_el *el, const char *name)
{
	size_t n = strlen(name);

	return el->name_len == n && xml_ieq(el->name, n, name);
}

/* xml_istr: first occurrence of lit in the n bytes at p, ignoring ASCII
 * case, or NULL. lit must be short (a few bytes): the cost is n*|lit|. */
const char *xml_istr(const char *p, size_t n, const char *lit);

/* xml_trim: shrink *p and *n past surrounding whitespace (space, tab, CR,
 * LF) and one pair of surrounding double quotes. */
void xml_trim(const char **p, size_t *n);

/* xml_split_build: split a firmware string at the word "build" (any
 * case): "V5.5.6build 180326" gives fw "V5.5.6" and build "build 180326";
 * "4.001.0000005.0,build:2020-11-17" gives "4.001.0000005.0" and
 * "build:2020-11-17". Whitespace and commas are trimmed off fw. Without
 * the word, fw is the whole (trimmed) string and build is empty. */
void xml_split_build(const char *p, size_t n, const char **fw, size_t *fwn,
    const char **build, size_t *buildn);

/* xml_starts_lt: true if the first byte past white space and a UTF-8
 * byte order mark (at most 64 bytes) is '<': the cheap test that a payload
 * may be XML at all. */
bool xml_starts_lt(struct cur c);

/* xml_zero_addr: true if the n bytes at p (trimmed) are empty or only
 * '0', '.', ':' and '-': a placeholder such as 0.0.0.0 or 00-00-00-00-00-00
 * rather than an address. */
bool xml_zero_addr(const char *p, size_t n);

/* xml_fact: report a text value: trimmed as xml_trim does, capped at
 * XML_VALUE_CAP bytes, and not reported at all when empty. Returns true
 * if a fact was reported. */
bool xml_fact(struct proto_ctx *ctx, unsigned subject, enum fact_field f,
    unsigned conf, const char *src, const char *p, size_t n);

#endif
