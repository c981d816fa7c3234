/* SPDX-License-Identifier: MIT */
/* oui.c - the IEEE MAC address registry (Debian ieee-data) and the
 * project's additions (data/oui-extra.tsv).
 *
 * ieee-data CSV (RFC 4180), one assignment a line:
 *   MA-L,4419B6,"Hangzhou Hikvision Digital Technology Co.,Ltd.",address
 * MA-L assignments are 24-bit prefixes, MA-M 28-bit, MA-S (oui36.csv)
 * 36-bit. Lookups try the longest block first. */
#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "kb.h"

#define OUI_FILE_MAX (32u << 20)

static int
add_name(struct kb *kb, const char *s, size_t n, uint32_t *off)
{
	if (kb->nnames + n + 1 > kb->cnames) {
		size_t nc = kb->cnames ? kb->cnames * 2 : 1u << 20;
		char *p;

		while (kb->nnames + n + 1 > nc)
			nc *= 2;
		if ((p = realloc(kb->names, nc)) == NULL)
			return -1;
		kb->names = p;
		kb->cnames = nc;
	}
	memcpy(kb->names + kb->nnames, s, n);
	kb->names[kb->nnames + n] = '\0';
	*off = (uint32_t)kb->nnames;
	kb->nnames += n + 1;
	return 0;
}

/* Add prefix hex (6, 7 or 9 digits) for organisation org (n bytes). */
static int
add_oui(struct kb *kb, const char *hex, size_t hl, const char *org,
    size_t n)
{
	struct oui_ent e = { 0, 0, 0 };

	if (hl != 6 && hl != 7 && hl != 9)
		return -1;
	for (size_t i = 0; i < hl; i++) {
		int c = tolower((unsigned char)hex[i]);
		unsigned v;

		if (c >= '0' && c <= '9')
			v = (unsigned)(c - '0');
		else if (c >= 'a' && c <= 'f')
			v = (unsigned)(c - 'a' + 10);
		else
			return -1;
		e.prefix = e.prefix << 4 | v;
	}
	e.bits = (uint8_t)(hl * 4);
	e.prefix <<= 48 - e.bits;
	if (kb->noui == kb->coui) {
		size_t nc = kb->coui ? kb->coui * 2 : 65536;
		struct oui_ent *p = realloc(kb->oui, nc * sizeof *p);
		if (p == NULL)
			return -1;
		kb->oui = p;
		kb->coui = nc;
	}
	if (add_name(kb, org, n, &e.org) < 0)
		return -1;
	kb->oui[kb->noui++] = e;
	return 0;
}

/* One CSV field at r, ending before end (RFC 4180: a quoted field may
 * hold commas, doubled quotes and line breaks). Unquoted in place into
 * [*s, *s + *n); returns the position after its terminator (the comma or
 * the line break), or end. memchr does the scanning: the registry is
 * several MB. */
static char *
csv_field(char *r, char *end, char **s, size_t *n, bool *eol)
{
	char *w, *q;

	*eol = false;
	if (r < end && *r == '"') {
		*s = w = ++r;
		while (r < end && (q = memchr(r, '"', (size_t)(end - r)))) {
			memmove(w, r, (size_t)(q - r));
			w += q - r;
			r = q + 1;
			if (r < end && *r == '"') { /* "" is one quote */
				*w++ = '"';
				r++;
				continue;
			}
			break;
		}
		*n = (size_t)(w - *s);
		while (r < end && *r != ',' && *r != '\n')
			r++;
	} else {
		char *c = memchr(r, ',', (size_t)(end - r));
		char *nl = memchr(r, '\n', (size_t)((c ? c : end) - r));

		*s = r;
		r = nl ? nl : c ? c : end;
		*n = (size_t)(r - *s);
		if (*n > 0 && (*s)[*n - 1] == '\r')
			(*n)--;
	}
	if (r < end && *r == '\n')
		*eol = true;
	return r < end ? r + 1 : end;
}

/* Parse one record at *p into at most max fields; returns the number of
 * fields (0 at the end) and moves *p past the record. */
static unsigned
csv_record(char **p, char *end, char **f, size_t *fl, unsigned max)
{
	char *r = *p, *s;
	unsigned n = 0;
	bool eol = false;
	size_t l;

	if (r >= end)
		return 0;
	while (!eol && r < end) {
		r = csv_field(r, end, &s, &l, &eol);
		if (n < max) {
			f[n] = s;
			fl[n] = l;
		}
		n++;
	}
	*p = r;
	return n;
}

/* The set of 24-bit prefixes: open addressing on key + 1. */
static bool
set_has(const uint32_t *set, size_t cap, uint32_t key)
{
	size_t j = (key * 2654435761u) & (cap - 1);

	if (cap == 0)
		return false;
	for (; set[j] != 0; j = (j + 1) & (cap - 1))
		if (set[j] == key + 1)
			return true;
	return false;
}

static int
set_add(uint32_t **set, size_t *n, size_t *cap, uint32_t key)
{
	if (set_has(*set, *cap, key))
		return 0;
	if ((*n + 1) * 2 > *cap) {
		size_t nc = *cap ? *cap * 2 : 256;
		uint32_t *ns = calloc(nc, sizeof *ns);

		if (ns == NULL)
			return -1;
		for (size_t i = 0; i < *cap; i++) {
			if ((*set)[i] != 0) {
				size_t j = (((*set)[i] - 1) * 2654435761u) &
				    (nc - 1);
				while (ns[j] != 0)
					j = (j + 1) & (nc - 1);
				ns[j] = (*set)[i];
			}
		}
		free(*set);
		*set = ns;
		*cap = nc;
	}
	{
		size_t j = (key * 2654435761u) & (*cap - 1);
		while ((*set)[j] != 0)
			j = (j + 1) & (*cap - 1);
		(*set)[j] = key + 1;
		(*n)++;
	}
	return 0;
}

/* The 24-bit prefix spelt by the first 6 hex digits at hex, or -1. */
static long
hex24(const char *hex, size_t hl)
{
	long v = 0;

	if (hl < 6)
		return -1;
	/* Run on every line of the registry (some 40,000): no tolower()
	 * call; c | 0x20 folds 'A'-'F' onto 'a'-'f' and nothing else. */
	for (size_t i = 0; i < 6; i++) {
		unsigned c = (unsigned char)hex[i];

		if (c - '0' < 10u)
			v = v << 4 | (long)(c - '0');
		else if ((c | 0x20u) - 'a' < 6u)
			v = v << 4 | (long)((c | 0x20u) - 'a' + 10);
		else
			return -1;
	}
	return v;
}

/* The registry is read in chunks of OUI_CHUNK bytes through one buffer,
 * so that its megabytes need no buffer of their own (a fresh one costs a
 * page fault per 4 KiB): a record is parsed once at least OUI_RECORD_MAX
 * bytes follow it in the buffer (or the file has ended), and what is
 * left is moved to the front before the next read. A longer record (none
 * is) would be cut where the chunk ends and read as two bad ones. */
#define OUI_CHUNK (256u << 10)
#define OUI_RECORD_MAX (16u << 10)

/* The filter of wanted prefixes: one bit of 4096 for each, at a hash of
 * its six hex digits as text with case folded (| 0x20 leaves digits
 * alone and folds A-F). A record's digits are tested before they are
 * parsed; the filter has no false negatives. */
static unsigned
hex6_bit(const char *hex6)
{
	uint64_t w = 0;

	memcpy(&w, hex6, 6);
	return (unsigned)((w | 0x202020202020ull) * 0x9e3779b97f4a7c15ull >>
	    52);
}

static void
want_bit(uint64_t *bits, uint32_t k)
{
	static const char hex[] = "0123456789ABCDEF";
	char d[6];
	unsigned b;

	for (int i = 5; i >= 0; i--, k >>= 4)
		d[i] = hex[k & 15];
	b = hex6_bit(d);
	bits[b >> 6] |= 1ull << (b & 63);
}

static bool
maybe_wanted(const uint64_t *bits, const char *hex6)
{
	unsigned b = hex6_bit(hex6);

	return bits[b >> 6] >> (b & 63) & 1;
}

/* What load_csv() needs while it walks a file. */
struct csvread {
	struct kb *kb;
	const char *path;
	const uint32_t *want;   /* wanted 24-bit prefixes + 1, or NULL: all */
	size_t wcap;
	uint64_t bits[4096 / 64]; /* their filter (maybe_wanted) */
	unsigned rec;           /* records seen, the header included */
};

/* Take the records from *pp on while one has at least OUI_RECORD_MAX
 * bytes after it before end (any, at the file's end: last), moving *pp
 * past them. 0, or -1 with the bad record named in err. */
static int
take_records(struct csvread *r, char **pp, char *end, bool last, char *err,
    size_t errn)
{
	char *p = *pp;
	int rc = 0;

	while (p < end && (last || (size_t)(end - p) >= OUI_RECORD_MAX)) {
		char *fv[4];
		size_t fl[4];
		unsigned n;

		/* Filtered read: a record line starts "MA-X,HHHHHH"; skip
		 * the lines whose prefix nobody asked for unparsed. */
		if (r->want != NULL && r->rec > 0) {
			char *nl = memchr(p, '\n', (size_t)(end - p));
			long k = end - p > 11 && p[0] == 'M' && p[1] == 'A' &&
			    p[2] == '-' && p[4] == ',' &&
			    maybe_wanted(r->bits, p + 5) ? hex24(p + 5, 6) : -1;

			if (k < 0 || !set_has(r->want, r->wcap, (uint32_t)k)) {
				p = nl ? nl + 1 : end;
				continue;
			}
		}
		if ((n = csv_record(&p, end, fv, fl, 4)) == 0)
			break;
		/* The first record is the header; blank lines have 1 field. */
		if (r->rec++ == 0 || n < 3 || fl[0] == 0)
			continue;
		if (r->want != NULL && !set_has(r->want, r->wcap,
		    (uint32_t)hex24(fv[1], fl[1])))
			continue;
		if (add_oui(r->kb, fv[1], fl[1], fv[2], fl[2]) < 0) {
			snprintf(err, errn, "%s: record %u: bad assignment "
			    "'%.*s'", r->path, r->rec,
			    (int)(fl[1] > 16 ? 16 : fl[1]), fv[1]);
			rc = -1;
			break;
		}
	}
	*pp = p;
	return rc;
}

/* Load the registry file at path, keeping the assignments whose 24-bit
 * prefix is in want (all if want is NULL). */
static int
load_csv(struct kb *kb, const char *path, const uint32_t *want,
    size_t wcap, char *err, size_t errn)
{
	struct csvread r = { kb, path, want, wcap, { 0 }, 0 };
	FILE *f = fopen(path, "rb");
	size_t have = 0, total = 0;
	bool eof = false;
	char *buf;
	int rc = 0;

	if (f == NULL)
		return 1;
	if ((buf = malloc(OUI_CHUNK + 1)) == NULL) {
		fclose(f);
		snprintf(err, errn, "%s: out of memory", path);
		return -1;
	}
	for (size_t i = 0; want != NULL && i < wcap; i++)
		if (want[i] != 0)
			want_bit(r.bits, want[i] - 1);
	while (!eof && rc == 0) {
		size_t got = fread(buf + have, 1, OUI_CHUNK - have, f);
		char *p = buf;

		eof = got < OUI_CHUNK - have;
		have += got;
		if (eof && ferror(f)) {
			snprintf(err, errn, "%s: cannot read", path);
			rc = -1;
		} else if ((total += got) > OUI_FILE_MAX) {
			snprintf(err, errn, "%s: larger than %u MiB", path,
			    OUI_FILE_MAX >> 20);
			rc = -1;
		} else {
			buf[have] = '\0';
			rc = take_records(&r, &p, buf + have, eof, err, errn);
			have = (size_t)(buf + have - p);
			memmove(buf, p, have);
		}
	}
	fclose(f);
	free(buf);
	return rc;
}

static int
load_extra(struct kb *kb, const char *dir, char *err, size_t errn)
{
	char path[4096], line[512];
	unsigned lineno = 0;
	FILE *f;

	snprintf(path, sizeof path, "%s/oui-extra.tsv", dir);
	if ((f = fopen(path, "r")) == NULL) {
		snprintf(err, errn, "%s: %s", path, strerror(errno));
		return -1;
	}
	while (fgets(line, sizeof line, f) != NULL) {
		char *hex = line, *blk, *org;

		lineno++;
		line[strcspn(line, "\r\n")] = '\0';
		if (line[0] == '#' || line[0] == '\0')
			continue;
		if ((blk = strchr(hex, '\t')) == NULL ||
		    (org = strchr(blk + 1, '\t')) == NULL || org[1] == '\0' ||
		    strchr(org + 1, '\t') != NULL)
			goto bad;
		*blk++ = '\0';
		*org++ = '\0';
		if (!((strcmp(blk, "MA-L") == 0 && strlen(hex) == 6) ||
		    (strcmp(blk, "MA-M") == 0 && strlen(hex) == 7) ||
		    (strcmp(blk, "MA-S") == 0 && strlen(hex) == 9)))
			goto bad;
		if (add_oui(kb, hex, strlen(hex), org, strlen(org)) < 0)
			goto bad;
	}
	fclose(f);
	return 0;
bad:
	snprintf(err, errn, "%s:%u: expected PREFIX<tab>MA-L|MA-M|MA-S<tab>"
	    "ORGANISATION with a prefix of 6, 7 or 9 hex digits", path, lineno);
	fclose(f);
	return -1;
}

static size_t
oui_hash(uint64_t prefix, unsigned bits, size_t mask)
{
	uint64_t h = (prefix | bits) * 0x9e3779b97f4a7c15ull;
	return (size_t)(h >> 29) & mask;
}

/* Index the entries by (prefix, bits); the first of duplicates wins. */
static int
oui_index(struct kb *kb)
{
	size_t n = 1024;

	while (n < kb->noui * 2)
		n <<= 1;
	free(kb->oslot);
	if ((kb->oslot = calloc(n, sizeof *kb->oslot)) == NULL)
		return -1;
	kb->omask = n - 1;
	for (size_t i = 0; i < kb->noui; i++) {
		const struct oui_ent *e = &kb->oui[i];
		size_t j = oui_hash(e->prefix, e->bits, kb->omask);

		for (;; j = (j + 1) & kb->omask) {
			uint32_t v = kb->oslot[j];
			if (v == 0) {
				kb->oslot[j] = (uint32_t)i + 1;
				break;
			}
			if (kb->oui[v - 1].prefix == e->prefix &&
			    kb->oui[v - 1].bits == e->bits)
				break;
		}
	}
	return 0;
}

static const char *const reg_files[] = { "oui.csv", "mam.csv",
	"oui36.csv" };

int
kb_load_oui(struct kb *kb, const char *ieee_dir, const char *data_dir,
    char *err, size_t errn)
{
	char path[4096];

	snprintf(kb->ieee_dir, sizeof kb->ieee_dir, "%s", ieee_dir);
	if (load_extra(kb, data_dir, err, errn) < 0)
		return -1;
	if (oui_index(kb) < 0) {
		snprintf(err, errn, "out of memory for the MAC registry");
		return -1;
	}
	kb->oui_loaded = true;
	snprintf(path, sizeof path, "%s/%s", ieee_dir, reg_files[0]);
	if (access(path, R_OK) != 0) {
		kb->oui_missing = true;
		snprintf(err, errn, "MAC registry not found in %s (Debian "
		    "package ieee-data): MAC vendors come from "
		    "data/oui-extra.tsv only", ieee_dir);
		return 1;
	}
	return 0;
}

int
kb_oui_want(struct kb *kb, const uint8_t *macs, size_t n)
{
	uint32_t *want = NULL;
	size_t nw = 0, cw = 0;
	char err[4400];
	int rc = 0;

	if (kb->oui_all || kb->oui_missing || !kb->oui_loaded)
		return 0;
	for (size_t i = 0; macs != NULL && i < n; i++) {
		const uint8_t *m = macs + i * 6;
		uint32_t k = (uint32_t)m[0] << 16 | (uint32_t)m[1] << 8 | m[2];

		if ((m[0] & 0x03) != 0 || set_has(kb->checked, kb->cchecked, k))
			continue;
		if (set_add(&want, &nw, &cw, k) < 0 ||
		    set_add(&kb->checked, &kb->nchecked, &kb->cchecked, k) < 0) {
			free(want);
			return -1;
		}
	}
	if (macs != NULL && nw == 0)
		return 0;
	for (unsigned i = 0; i < 3 && rc == 0; i++) {
		char path[4096];

		snprintf(path, sizeof path, "%s/%s", kb->ieee_dir,
		    reg_files[i]);
		if (load_csv(kb, path, macs ? want : NULL, cw, err,
		    sizeof err) < 0)
			rc = -1;
	}
	free(want);
	if (macs == NULL)
		kb->oui_all = true;
	if (oui_index(kb) < 0)
		rc = -1;
	return rc;
}

const char *
kb_oui(const struct kb *kb, const uint8_t *mac)
{
	static const uint8_t bits[] = { 36, 28, 24 };
	uint64_t m = 0;

	if (kb->oslot == NULL || (mac[0] & 0x03) != 0) /* group or local */
		return NULL;
	for (unsigned i = 0; i < 6; i++)
		m = m << 8 | mac[i];
	for (unsigned b = 0; b < 3; b++) {
		uint64_t p = m & ~((1ull << (48 - bits[b])) - 1);
		size_t j = oui_hash(p, bits[b], kb->omask);

		for (uint32_t v; (v = kb->oslot[j]) != 0;
		    j = (j + 1) & kb->omask)
			if (kb->oui[v - 1].prefix == p &&
			    kb->oui[v - 1].bits == bits[b])
				return kb->names + kb->oui[v - 1].org;
	}
	return NULL;
}
