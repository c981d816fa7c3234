/* SPDX-License-Identifier: MIT */
/* kb.c - loading and querying the knowledge base (data/ tables, ieee-data).
 *
 * data/ tables (.tsv): UTF-8 text, one record a line, fields separated by a tab,
 * '#' starts a comment line, blank lines ignored. ieee-data CSV (RFC 4180):
 *   Registry,Assignment,Organization Name,Organization Address */
#include "kb.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "../core/ascii.h"
#include "../core/hash.h"
#include "datafile.h"

#define KB_FILE_MAX (16u << 20) /* no data file is anywhere near this */
#define KB_LINE_MAX 4096        /* the longest line today is 560 bytes */
#define KB_FIELDS 8

static const char *const kind_names[KIND_COUNT] = { "unknown", "camera",
	"nvr", "dvr", "intercom", "access-control", "drone",
	"drone-controller", "drone-app-host", "radio" };
static const char *const role_names[] = { "cloud", "p2p", "vendor", "app" };
static const char *const rel_names[] = { "own", "subsidiary", "oem",
	"generic" };

const char *
kind_name(enum kind k)
{
	return (unsigned)k < KIND_COUNT ? kind_names[k] : "unknown";
}

const char *
role_name(enum domain_role r)
{
	return (unsigned)r < 4 ? role_names[r] : "?";
}

static int
find_name(const char *const *names, unsigned n, const char *s)
{
	for (unsigned i = 0; i < n; i++)
		if (strcmp(names[i], s) == 0)
			return (int)i;
	return -1;
}

int
kb_maker_id(const struct kb *kb, const char *id)
{
	for (unsigned i = 0; i < kb->nmaker; i++)
		if (strcmp(kb->maker[i].id, id) == 0)
			return (int)i;
	return -1;
}

/* One parsed line: its fields, or an error message. */
typedef int (*line_fn)(struct kb *kb, char **f, unsigned nf, char *why,
    size_t whyn);

static int
line_maker(struct kb *kb, char **f, unsigned nf, char *why, size_t n)
{
	struct kb_maker *m;

	if (nf != 7)
		return snprintf(why, n, "expected 7 fields, found %u", nf), -1;
	if (kb->nmaker >= KB_MAX_MAKERS)
		return snprintf(why, n, "too many makers"), -1;
	if (kb_maker_id(kb, f[0]) >= 0)
		return snprintf(why, n, "maker '%.40s' listed twice", f[0]), -1;
	m = &kb->maker[kb->nmaker];
	if (!datafile_copy(m->id, sizeof m->id, f[0]) ||
	    !datafile_copy(m->name, sizeof m->name, f[1]) ||
	    strlen(f[2]) != 2 ||
	    !datafile_copy(m->country, sizeof m->country, f[2]) ||
	    !datafile_copy(m->basis, sizeof m->basis, f[4]) ||
	    !datafile_copy(m->since, sizeof m->since, f[5]) ||
	    !datafile_copy(m->ieee, sizeof m->ieee, f[6]))
		return snprintf(why, n, "a field is empty or too long"), -1;
	if (strcmp(f[3], "yes") != 0 && strcmp(f[3], "no") != 0)
		return snprintf(why, n, "covered must be yes or no, not '%.20s'",
		    f[3]), -1;
	m->covered = strcmp(f[3], "yes") == 0;
	if (m->covered && (strcmp(m->basis, "-") == 0 ||
	    strlen(m->since) != 10))
		return snprintf(why, n, "a covered maker needs a basis and a "
		    "YYYY-MM-DD date"), -1;
	kb->nmaker++;
	return 0;
}

static int
maker_ref(const struct kb *kb, const char *id, uint8_t *out, char *why,
    size_t n)
{
	int m = kb_maker_id(kb, id);

	if (m < 0)
		return snprintf(why, n, "unknown maker '%.40s'", id), -1;
	*out = (uint8_t)m;
	return 0;
}

static int
line_brand(struct kb *kb, char **f, unsigned nf, char *why, size_t n)
{
	struct kb_brand *b;
	int rel;

	if (nf != 4)
		return snprintf(why, n, "expected 4 fields, found %u", nf), -1;
	if (kb->nbrand >= KB_MAX_BRANDS)
		return snprintf(why, n, "too many brands"), -1;
	b = &kb->brand[kb->nbrand];
	if (!datafile_copy(b->brand, sizeof b->brand, f[0]))
		return snprintf(why, n, "brand empty or too long"), -1;
	if (maker_ref(kb, f[1], &b->maker, why, n) < 0)
		return -1;
	if ((rel = find_name(rel_names, 4, f[2])) < 0)
		return snprintf(why, n, "relation must be own, subsidiary, oem "
		    "or generic, not '%.20s'", f[2]), -1;
	b->rel = (uint8_t)rel;
	kb->nbrand++;
	return 0;
}

/* The domain entry exactly equal to s (n bytes, any case), or NULL. */
static inline const struct kb_domain *
domain_exact(const struct kb *kb, const char *s, size_t n)
{
	uint32_t h;

	if (n >= sizeof kb->domain[0].suffix)
		return NULL; /* longer than any suffix */
	h = (uint32_t)hash_str_fold(s, n, 0);
	for (unsigned k = 0; k < KB_DOMAIN_SLOTS; k++) {
		uint16_t v = kb->dslot[(h + k) & (KB_DOMAIN_SLOTS - 1)];
		const struct kb_domain *d;

		if (v == 0)
			return NULL;
		d = &kb->domain[v - 1];
		if (d->len == n && strncasecmp(d->suffix, s, n) == 0)
			return d;
	}
	return NULL;
}

static int
line_domain(struct kb *kb, char **f, unsigned nf, char *why, size_t n)
{
	struct kb_domain *d;
	uint32_t h;
	int role;

	if (nf != 4)
		return snprintf(why, n, "expected 4 fields, found %u", nf), -1;
	if (kb->ndomain >= KB_MAX_DOMAINS)
		return snprintf(why, n, "too many domains"), -1;
	d = &kb->domain[kb->ndomain];
	if (!datafile_copy(d->suffix, sizeof d->suffix, f[0]) ||
	    !datafile_copy(d->service, sizeof d->service, f[3]) ||
	    d->suffix[0] == '.' || strchr(d->suffix, '.') == NULL)
		return snprintf(why, n, "suffix must be a dotted name"), -1;
	for (char *c = d->suffix; *c; c++)
		*c = (char)tolower((unsigned char)*c);
	if (maker_ref(kb, f[1], &d->maker, why, n) < 0)
		return -1;
	if ((role = find_name(role_names, 4, f[2])) < 0)
		return snprintf(why, n, "role must be cloud, p2p, vendor or "
		    "app, not '%.20s'", f[2]), -1;
	d->role = (uint8_t)role;
	{
		unsigned labels = 1;
		for (const char *c = d->suffix; *c; c++)
			labels += *c == '.';
		if (labels > kb->dlabels)
			kb->dlabels = labels;
	}
	d->len = (uint8_t)strlen(d->suffix);
	if (domain_exact(kb, d->suffix, d->len) != NULL)
		return snprintf(why, n, "suffix listed twice"), -1;
	{
		unsigned bit = kb_domain_bit(kb_domain_tail(d->suffix,
		    d->len));

		kb->dfilter[bit / 64] |= 1ull << (bit % 64);
	}
	h = (uint32_t)hash_str_fold(d->suffix, d->len, 0);
	for (unsigned k = 0; k < KB_DOMAIN_SLOTS; k++) {
		uint16_t *s = &kb->dslot[(h + k) & (KB_DOMAIN_SLOTS - 1)];
		if (*s == 0) {
			*s = (uint16_t)(kb->ndomain + 1);
			break;
		}
	}
	kb->ndomain++;
	return 0;
}

static int
kind_ref(const char *s, uint8_t *out, char *why, size_t n)
{
	for (unsigned k = 1; k < KIND_COUNT; k++) {
		if (strcmp(kind_names[k], s) == 0) {
			*out = (uint8_t)k;
			return 0;
		}
	}
	return snprintf(why, n, "unknown kind '%.30s'", s), -1;
}

static int
line_model(struct kb *kb, char **f, unsigned nf, char *why, size_t n)
{
	struct kb_model *m;

	if (nf != 3)
		return snprintf(why, n, "expected 3 fields, found %u", nf), -1;
	if (kb->nmodel >= KB_MAX_MODELS)
		return snprintf(why, n, "too many models"), -1;
	m = &kb->model[kb->nmodel];
	if (!datafile_copy(m->prefix, sizeof m->prefix, f[0]))
		return snprintf(why, n, "prefix empty or too long"), -1;
	if (maker_ref(kb, f[1], &m->maker, why, n) < 0 ||
	    kind_ref(f[2], &m->kind, why, n) < 0)
		return -1;
	kb->nmodel++;
	return 0;
}

static int
line_kind(struct kb *kb, char **f, unsigned nf, char *why, size_t n)
{
	struct kb_kind *k;

	if (nf != 2)
		return snprintf(why, n, "expected 2 fields, found %u", nf), -1;
	if (kb->nkind >= KB_MAX_KINDS)
		return snprintf(why, n, "too many labels"), -1;
	k = &kb->kindl[kb->nkind];
	if (!datafile_copy(k->label, sizeof k->label, f[0]))
		return snprintf(why, n, "label empty or too long"), -1;
	if (kind_ref(f[1], &k->kind, why, n) < 0)
		return -1;
	kb->nkind++;
	return 0;
}

struct tsv {
	struct kb *kb;
	line_fn fn;
};

/* datafile_each() callback: one line of a knowledge-base file. */
static int
on_line(void *ctx, char *line, unsigned lineno, char *why, size_t whyn)
{
	struct tsv *t = ctx;
	char *f[KB_FIELDS + 1];

	(void)lineno;
	if (datafile_skip(line))
		return 0;
	return t->fn(t->kb, f, datafile_fields(line, f, KB_FIELDS), why, whyn);
}

/* Load dir/name, calling fn for each record line. */
static int
load_tsv(struct kb *kb, const char *dir, const char *name, line_fn fn,
    char *err, size_t errn)
{
	struct tsv t = { kb, fn };
	char path[4096];

	snprintf(path, sizeof path, "%s/%s", dir, name);
	return datafile_each(path, KB_FILE_MAX, KB_LINE_MAX, on_line, &t, err,
	    errn);
}

int
kb_load(struct kb *kb, const char *dir, char *err, size_t errn)
{
	if (load_tsv(kb, dir, "manufacturers.tsv", line_maker, err, errn) < 0 ||
	    load_tsv(kb, dir, "brands.tsv", line_brand, err, errn) < 0 ||
	    load_tsv(kb, dir, "domains.tsv", line_domain, err, errn) < 0 ||
	    load_tsv(kb, dir, "models.tsv", line_model, err, errn) < 0 ||
	    load_tsv(kb, dir, "kinds.tsv", line_kind, err, errn) < 0)
		return -1;
	return 0;
}

void
kb_free(struct kb *kb)
{
	free(kb->oui);
	free(kb->names);
	free(kb->oslot);
	free(kb->checked);
	kb->checked = NULL;
	kb->oui = NULL;
	kb->names = NULL;
	kb->oslot = NULL;
}

const struct kb_brand *
kb_brand(const struct kb *kb, const char *s, size_t n)
{
	while (n > 0 && isspace((unsigned char)*s))
		s++, n--;
	while (n > 0 && isspace((unsigned char)s[n - 1]))
		n--;
	for (unsigned i = 0; i < kb->nbrand; i++)
		if (strlen(kb->brand[i].brand) == n &&
		    strncasecmp(kb->brand[i].brand, s, n) == 0)
			return &kb->brand[i];
	return NULL;
}

/* Where the label that ends at i of name starts: just past the last dot
 * before i, or 0. Eight bytes at a time (each dot becomes a zero byte,
 * found exactly, without borrows), then byte by byte. */
static size_t
label_start(const char *name, size_t i)
{
	for (; i >= 8; i -= 8) {
		uint64_t w, z;

		memcpy(&w, name + i - 8, 8);
		z = ascii_byte_marks(w, '.');
		if (z != 0)
			return i - 8 + (size_t)(63 - __builtin_clzll(z)) / 8 + 1;
	}
	while (i > 0 && name[i - 1] != '.')
		i--;
	return i;
}

const struct kb_domain *
kb_domain(const struct kb *kb, const char *name, size_t n)
{
	const struct kb_domain *found = NULL, *d;
	size_t i;

	if (n > 0 && name[n - 1] == '.')
		n--;
	if (n > 255 || !kb_domain_filter_has(kb, kb_domain_tail(name, n)))
		return NULL;
	/* Right to left, a label at a time: at each label start the suffix
	 * from there is looked up; the last (longest) match wins. Suffixes
	 * hold at least two and at most dlabels labels, and fit in
	 * kb_domain.suffix: only those are looked up, and the walk stops
	 * past them. */
	i = label_start(name, n);
	for (unsigned labels = 2; i > 0 && labels <= kb->dlabels; labels++) {
		i = label_start(name, i - 1); /* before the dot */
		if (n - i >= sizeof kb->domain[0].suffix)
			break;
		if ((d = domain_exact(kb, name + i, n - i)) != NULL)
			found = d;
	}
	return found;
}

const struct kb_model *
kb_model(const struct kb *kb, const char *s, size_t n)
{
	const struct kb_model *best = NULL;
	size_t bl = 0;

	for (unsigned i = 0; i < kb->nmodel; i++) {
		size_t l = strlen(kb->model[i].prefix);
		if (l <= n && l > bl &&
		    strncasecmp(kb->model[i].prefix, s, l) == 0) {
			best = &kb->model[i];
			bl = l;
		}
	}
	return best;
}

enum kind
kb_kind_label(const struct kb *kb, const char *s, size_t n)
{
	for (unsigned i = 0; i < kb->nkind; i++)
		if (strlen(kb->kindl[i].label) == n &&
		    strncasecmp(kb->kindl[i].label, s, n) == 0)
			return (enum kind)kb->kindl[i].kind;
	return KIND_UNKNOWN;
}

int
kb_maker_of_org(const struct kb *kb, const char *org)
{
	for (unsigned i = 0; i < kb->nmaker; i++) {
		const char *p = kb->maker[i].ieee;

		while (*p) {
			char frag[128];
			size_t l = strcspn(p, ",");

			if (l > 0 && l < sizeof frag) {
				memcpy(frag, p, l);
				frag[l] = '\0';
				if (strcasestr(org, frag) != NULL)
					return (int)i;
			}
			p += l;
			if (*p == ',')
				p++;
		}
	}
	return -1;
}
