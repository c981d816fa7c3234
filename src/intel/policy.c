/* SPDX-License-Identifier: MIT */
/* policy.c - loading and querying the site policy (data/policy.conf).
 *
 * Format (docs/policy.md): UTF-8 text, one directive a line, words
 * separated by spaces or tabs, '#' starts a comment that runs to the end
 * of the line, blank lines ignored:
 *   flagged-country CC [CC...]
 *   upload-threshold BYTES[k|K|M|G]
 *   cloud DOMAIN-SUFFIX CATEGORY VENDOR
 *   allow SITE|* CIDR|DOMAIN-SUFFIX
 *   isolate KIND [KIND...]
 *   severity RULE LEVEL */
#include "policy.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "../core/ascii.h"
#include "../core/hash.h"
#include "datafile.h"
#include "kb.h"

#define POLICY_FILE_MAX (1u << 20) /* a policy is a few KB */
#define POLICY_SITE_MAX 64         /* as --site accepts */

static const char *const categories[] = { "vendor-cloud", "p2p-relay",
	"flight-records", "geofence", "telemetry" };
static const char *const levels[] = { "info", "low", "medium", "high",
	"critical" };

#define NELEM(a) (sizeof(a) / sizeof((a)[0]))

struct pol_cloud {
	char suffix[POLICY_NAME_MAX + 1];
	char vendor[POLICY_VENDOR_MAX + 1];
	struct policy_cloud pub;
};

struct pol_site {
	char name[POLICY_SITE_MAX + 1]; /* "*" for every site */
	struct netset nets;
};

struct pol_name {
	char suffix[POLICY_NAME_MAX + 1];
	uint8_t site;
};

struct pol_rule {
	char rule[POLICY_RULE_MAX + 1];
	uint8_t level;
	unsigned line;
};

struct policy {
	char path[512];                  /* for policy_check_rules() */
	uint8_t flagged[(26 * 26 + 7) / 8];
	uint64_t upload;
	unsigned upload_line;            /* 0: not given */
	unsigned isolate;                /* bit per enum kind */
	struct pol_cloud cloud[POLICY_MAX_CLOUDS];
	unsigned ncloud, clabels;        /* most labels in a suffix */
	uint16_t cslot[POLICY_CLOUD_SLOTS]; /* index + 1 into cloud[] */
	struct pol_site site[POLICY_MAX_SITES + 1]; /* [0] is "*" */
	unsigned nsite;
	struct pol_name name[POLICY_MAX_NAMES];
	unsigned nname;
	struct pol_rule rule[POLICY_MAX_RULES];
	unsigned nrule;
};

_Static_assert((POLICY_CLOUD_SLOTS & (POLICY_CLOUD_SLOTS - 1)) == 0 &&
    POLICY_CLOUD_SLOTS > POLICY_MAX_CLOUDS, "cloud slots");
_Static_assert(POLICY_MAX_SITES < 255, "site index is a uint8_t");
_Static_assert(KIND_COUNT <= 32, "isolate is a 32-bit set");

static int
find_word(const char *const *names, size_t n, const char *s)
{
	for (size_t i = 0; i < n; i++)
		if (strcmp(names[i], s) == 0)
			return (int)i;
	return -1;
}

/* True if name (n bytes, any case) ends with suffix (NUL-ended, lower
 * case) on a label boundary. */
static bool
suffix_match(const char *name, size_t n, const char *suffix)
{
	size_t l = strlen(suffix);

	if (n < l || strncasecmp(name + n - l, suffix, l) != 0)
		return false;
	return n == l || name[n - l - 1] == '.';
}

/* Copy the domain suffix s into dst (POLICY_NAME_MAX + 1 bytes), lower
 * case: at least two dotted labels of 1-63 letters, digits, '-' or '_'. */
static bool
suffix_parse(char *dst, const char *s)
{
	size_t n = strlen(s), label = 0, dots = 0;

	if (n == 0 || n > POLICY_NAME_MAX)
		return false;
	for (size_t i = 0; i < n; i++) {
		char c = (char)ascii_lc(s[i]);

		if (c == '.') {
			if (label == 0)
				return false;
			dots++;
			label = 0;
		} else if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
		    c == '-' || c == '_') {
			if (++label > 63)
				return false;
		} else
			return false;
		dst[i] = c;
	}
	dst[n] = '\0';
	return label > 0 && dots > 0;
}

/* The cloud entry whose suffix is exactly s (n bytes, any case), or
 * NULL. */
static const struct pol_cloud *
cloud_find(const struct policy *p, const char *s, size_t n)
{
	uint32_t h = (uint32_t)hash_str_fold(s, n, 0);

	for (unsigned k = 0; k < POLICY_CLOUD_SLOTS; k++) {
		uint16_t v = p->cslot[(h + k) & (POLICY_CLOUD_SLOTS - 1)];
		const struct pol_cloud *c;

		if (v == 0)
			return NULL;
		c = &p->cloud[v - 1];
		if (strlen(c->suffix) == n && strncasecmp(c->suffix, s, n) == 0)
			return c;
	}
	return NULL;
}

/* A directive's handler: words w[1..n-1] are its arguments; fills why
 * and returns -1 on a malformed line. */
typedef int (*dir_fn)(struct policy *p, char **w, unsigned n,
    unsigned line, char *why, size_t whyn);

static int
d_country(struct policy *p, char **w, unsigned n, unsigned line, char *why,
    size_t whyn)
{
	(void)line;
	for (unsigned i = 1; i < n; i++) {
		const char *c = w[i];
		unsigned bit;

		if (strlen(c) != 2 || c[0] < 'A' || c[0] > 'Z' ||
		    c[1] < 'A' || c[1] > 'Z')
			return snprintf(why, whyn, "'%.20s' is not a country "
			    "code (two upper-case letters, ISO 3166-1 "
			    "alpha-2)", c), -1;
		bit = (unsigned)(c[0] - 'A') * 26 + (unsigned)(c[1] - 'A');
		p->flagged[bit / 8] |= (uint8_t)(1u << (bit % 8));
	}
	return 0;
}

/* Parse a byte count: decimal digits, then optionally k or K (KiB), M
 * (MiB) or G (GiB). False on anything else or above UINT64_MAX. */
static bool
bytes_parse(const char *s, uint64_t *out)
{
	uint64_t v = 0;
	unsigned shift = 0;
	const char *q = s;

	for (; *q >= '0' && *q <= '9'; q++) {
		uint64_t d = (uint64_t)(*q - '0');

		if (v > (UINT64_MAX - d) / 10)
			return false;
		v = v * 10 + d;
	}
	if (q == s)
		return false;
	if (*q == 'k' || *q == 'K')
		shift = 10, q++;
	else if (*q == 'M')
		shift = 20, q++;
	else if (*q == 'G')
		shift = 30, q++;
	if (*q != '\0' || v > (UINT64_MAX >> shift))
		return false;
	*out = v << shift;
	return true;
}

static int
d_upload(struct policy *p, char **w, unsigned n, unsigned line, char *why,
    size_t whyn)
{
	(void)n;
	if (p->upload_line != 0)
		return snprintf(why, whyn, "upload-threshold given twice "
		    "(first on line %u)", p->upload_line), -1;
	if (!bytes_parse(w[1], &p->upload))
		return snprintf(why, whyn, "bad number '%.30s' (bytes, "
		    "optionally followed by k, M or G)", w[1]), -1;
	p->upload_line = line;
	return 0;
}

static int
d_cloud(struct policy *p, char **w, unsigned n, unsigned line, char *why,
    size_t whyn)
{
	struct pol_cloud *c;
	unsigned labels = 1;
	uint32_t h;
	int cat;

	(void)n, (void)line;
	if (p->ncloud >= POLICY_MAX_CLOUDS)
		return snprintf(why, whyn, "too many cloud lines (at most "
		    "%u)", POLICY_MAX_CLOUDS), -1;
	c = &p->cloud[p->ncloud];
	if (!suffix_parse(c->suffix, w[1]))
		return snprintf(why, whyn, "'%.60s' is not a domain suffix "
		    "(two or more dotted labels of letters, digits, '-', "
		    "'_'; no '*')", w[1]), -1;
	if ((cat = find_word(categories, NELEM(categories), w[2])) < 0)
		return snprintf(why, whyn, "unknown category '%.30s' "
		    "(vendor-cloud, p2p-relay, flight-records, geofence, "
		    "telemetry)", w[2]), -1;
	if (strlen(w[3]) > POLICY_VENDOR_MAX)
		return snprintf(why, whyn, "vendor '%.40s...' longer than %u "
		    "bytes", w[3], POLICY_VENDOR_MAX), -1;
	if (cloud_find(p, c->suffix, strlen(c->suffix)) != NULL)
		return snprintf(why, whyn, "cloud suffix '%.60s' listed twice",
		    c->suffix), -1;
	memcpy(c->vendor, w[3], strlen(w[3]) + 1);
	c->pub.suffix = c->suffix;
	c->pub.category = categories[cat];
	c->pub.vendor = c->vendor;
	for (const char *q = c->suffix; *q; q++)
		labels += *q == '.';
	if (labels > p->clabels)
		p->clabels = labels;
	h = (uint32_t)hash_str_fold(c->suffix, strlen(c->suffix), 0);
	for (unsigned k = 0; k < POLICY_CLOUD_SLOTS; k++) {
		uint16_t *s = &p->cslot[(h + k) & (POLICY_CLOUD_SLOTS - 1)];
		if (*s == 0) {
			*s = (uint16_t)(p->ncloud + 1);
			break;
		}
	}
	p->ncloud++;
	return 0;
}

/* Index of site s in p->site, or -1. */
static int
site_find(const struct policy *p, const char *s)
{
	for (unsigned i = 0; i < p->nsite; i++)
		if (strcmp(p->site[i].name, s) == 0)
			return (int)i;
	return -1;
}

/* The index of site s, added if new; -1 with why filled if s is not a
 * site name or there are too many. */
static int
site_get(struct policy *p, const char *s, char *why, size_t whyn)
{
	size_t l = strlen(s);
	int i;

	if ((i = site_find(p, s)) >= 0)
		return i;
	if (l > POLICY_SITE_MAX)
		return snprintf(why, whyn, "site '%.40s...' longer than %u "
		    "bytes", s, POLICY_SITE_MAX), -1;
	if (p->nsite > POLICY_MAX_SITES)
		return snprintf(why, whyn, "too many sites (at most %u)",
		    POLICY_MAX_SITES), -1;
	memcpy(p->site[p->nsite].name, s, l + 1);
	return (int)p->nsite++;
}

/* True if s can only be meant as an address or prefix. */
static bool
looks_numeric(const char *s)
{
	if (strchr(s, '/') != NULL || strchr(s, ':') != NULL)
		return true;
	return s[strspn(s, "0123456789.")] == '\0';
}

static int
d_allow(struct policy *p, char **w, unsigned n, unsigned line, char *why,
    size_t whyn)
{
	int s;

	(void)n, (void)line;
	if ((s = site_get(p, w[1], why, whyn)) < 0)
		return -1;
	if (looks_numeric(w[2])) {
		struct netset *ns = &p->site[s].nets;

		if (ns->n >= LOCAL_MAX_NETS)
			return snprintf(why, whyn, "too many allowed prefixes "
			    "for site '%.40s' (at most %u)", w[1],
			    LOCAL_MAX_NETS), -1;
		return netset_add(ns, w[2], why, whyn);
	}
	if (p->nname >= POLICY_MAX_NAMES)
		return snprintf(why, whyn, "too many allowed domains (at "
		    "most %u)", POLICY_MAX_NAMES), -1;
	if (!suffix_parse(p->name[p->nname].suffix, w[2]))
		return snprintf(why, whyn, "'%.60s' is neither a CIDR prefix "
		    "nor a domain suffix", w[2]), -1;
	p->name[p->nname++].site = (uint8_t)s;
	return 0;
}

static int
d_isolate(struct policy *p, char **w, unsigned n, unsigned line, char *why,
    size_t whyn)
{
	(void)line;
	for (unsigned i = 1; i < n; i++) {
		unsigned k;

		for (k = 0; k < KIND_COUNT; k++)
			if (strcmp(kind_name((enum kind)k), w[i]) == 0)
				break;
		if (k == KIND_COUNT)
			return snprintf(why, whyn, "unknown kind '%.30s' "
			    "(camera, nvr, dvr, intercom, access-control, "
			    "drone, drone-controller, drone-app-host, radio, "
			    "unknown)", w[i]), -1;
		p->isolate |= 1u << k;
	}
	return 0;
}

static int
d_severity(struct policy *p, char **w, unsigned n, unsigned line, char *why,
    size_t whyn)
{
	struct pol_rule *r;
	size_t l = strlen(w[1]);
	int lv;

	(void)n;
	if (l > POLICY_RULE_MAX || l != strspn(w[1],
	    "abcdefghijklmnopqrstuvwxyz0123456789.-_"))
		return snprintf(why, whyn, "'%.40s' is not a rule id (lower "
		    "case letters, digits, '.', '-', '_'; at most %u bytes)",
		    w[1], POLICY_RULE_MAX), -1;
	if ((lv = find_word(levels, NELEM(levels), w[2])) < 0)
		return snprintf(why, whyn, "unknown severity '%.30s' (info, "
		    "low, medium, high, critical)", w[2]), -1;
	for (unsigned i = 0; i < p->nrule; i++)
		if (strcmp(p->rule[i].rule, w[1]) == 0)
			return snprintf(why, whyn, "severity of '%.40s' given "
			    "twice (first on line %u)", w[1],
			    p->rule[i].line), -1;
	if (p->nrule >= POLICY_MAX_RULES)
		return snprintf(why, whyn, "too many severity lines (at most "
		    "%u)", POLICY_MAX_RULES), -1;
	r = &p->rule[p->nrule++];
	memcpy(r->rule, w[1], l + 1);
	r->level = (uint8_t)lv;
	r->line = line;
	return 0;
}

static const struct directive {
	const char *name, *usage;
	unsigned min, max; /* arguments */
	dir_fn fn;
} directives[] = {
	{ "flagged-country", "CC [CC...]", 1, POLICY_MAX_WORDS - 1, d_country },
	{ "upload-threshold", "BYTES", 1, 1, d_upload },
	{ "cloud", "DOMAIN-SUFFIX CATEGORY VENDOR", 3, 3, d_cloud },
	{ "allow", "SITE|* CIDR|DOMAIN-SUFFIX", 2, 2, d_allow },
	{ "isolate", "KIND [KIND...]", 1, POLICY_MAX_WORDS - 1,
	    d_isolate },
	{ "severity", "RULE LEVEL", 2, 2, d_severity },
};

/* One line (NUL-ended, newline removed): 0, or -1 with why filled. */
static int
parse_line(struct policy *p, char *s, unsigned line, char *why, size_t whyn)
{
	char *w[POLICY_MAX_WORDS], *c;
	unsigned n = 0;

	if ((c = strchr(s, '#')) != NULL)
		*c = '\0';
	for (c = s; *c != '\0'; c++)
		if (((unsigned char)*c < 0x20 && *c != '\t') || *c == 0x7f)
			return snprintf(why, whyn, "control character 0x%02x",
			    (unsigned char)*c), -1;
	for (c = s;;) {
		c += strspn(c, " \t");
		if (*c == '\0')
			break;
		if (n == POLICY_MAX_WORDS)
			return snprintf(why, whyn, "more than %u words on a "
			    "line", POLICY_MAX_WORDS), -1;
		w[n++] = c;
		c += strcspn(c, " \t");
		if (*c != '\0')
			*c++ = '\0';
	}
	if (n == 0)
		return 0;
	for (size_t i = 0; i < NELEM(directives); i++) {
		const struct directive *d = &directives[i];

		if (strcmp(d->name, w[0]) != 0)
			continue;
		if (n - 1 < d->min || n - 1 > d->max)
			return snprintf(why, whyn, "usage: %s %s", d->name,
			    d->usage), -1;
		return d->fn(p, w, n, line, why, whyn);
	}
	return snprintf(why, whyn, "unknown directive '%.40s' (see "
	    "docs/policy.md)", w[0]), -1;
}

/* datafile_each() callback: one line of the policy. */
static int
on_line(void *ctx, char *line, unsigned lineno, char *why, size_t whyn)
{
	return parse_line(ctx, line, lineno, why, whyn);
}

struct policy *
policy_load(const char *path, char *err, size_t errn)
{
	struct policy *p;

	if ((p = calloc(1, sizeof *p)) == NULL) {
		snprintf(err, errn, "%s: out of memory", path);
		return NULL;
	}
	snprintf(p->path, sizeof p->path, "%s", path);
	p->upload = POLICY_DEFAULT_UPLOAD;
	memcpy(p->site[0].name, "*", 2);
	p->nsite = 1;
	if (datafile_each(path, POLICY_FILE_MAX, POLICY_LINE_MAX, on_line, p,
	    err, errn) < 0) {
		free(p);
		return NULL;
	}
	return p;
}

void
policy_free(struct policy *p)
{
	free(p);
}

bool
policy_flagged(const struct policy *p, const char cc[2])
{
	char a = (char)ascii_lc(cc[0]), b = (char)ascii_lc(cc[1]);
	unsigned bit;

	if (a < 'a' || a > 'z' || b < 'a' || b > 'z')
		return false;
	bit = (unsigned)(a - 'a') * 26 + (unsigned)(b - 'a');
	return ((unsigned)p->flagged[bit / 8] >> (bit % 8)) & 1u;
}

uint64_t
policy_upload_threshold(const struct policy *p)
{
	return p->upload;
}

const struct policy_cloud *
policy_cloud(const struct policy *p, const char *name, size_t len)
{
	const struct pol_cloud *found = NULL, *c;
	size_t i;

	if (len > 0 && name[len - 1] == '.')
		len--;
	if (len == 0 || len > POLICY_NAME_MAX)
		return NULL;
	/* Right to left, a label at a time: each label start begins a
	 * longer suffix; the last one found is the most specific. No entry
	 * has more than clabels labels, so the walk stops there. */
	i = len;
	for (unsigned labels = 1; labels <= p->clabels; labels++) {
		while (i > 0 && name[i - 1] != '.')
			i--;
		if (labels >= 2 &&
		    (c = cloud_find(p, name + i, len - i)) != NULL)
			found = c;
		if (i == 0)
			break;
		i--; /* the dot */
	}
	return found ? &found->pub : NULL;
}

bool
policy_allowed(const struct policy *p, const char *site,
    const struct addr *a, const char *name, size_t nlen)
{
	int mine = site ? site_find(p, site) : -1;

	if (mine == 0)
		mine = -1; /* a site called "*" is not every site */
	if (a != NULL && (netset_has(&p->site[0].nets, a) ||
	    (mine > 0 && netset_has(&p->site[mine].nets, a))))
		return true;
	if (name == NULL)
		return false;
	if (nlen > 0 && name[nlen - 1] == '.')
		nlen--;
	if (nlen == 0 || nlen > POLICY_NAME_MAX)
		return false;
	for (unsigned i = 0; i < p->nname; i++) {
		const struct pol_name *e = &p->name[i];

		if ((e->site == 0 || (int)e->site == mine) &&
		    suffix_match(name, nlen, e->suffix))
			return true;
	}
	return false;
}

bool
policy_isolated(const struct policy *p, const char *kind)
{
	for (unsigned k = 0; k < KIND_COUNT; k++)
		if (strcmp(kind_name((enum kind)k), kind) == 0)
			return (p->isolate >> k) & 1u;
	return false;
}

const char *
policy_severity(const struct policy *p, const char *rule, const char *dflt)
{
	for (unsigned i = 0; i < p->nrule; i++)
		if (strcmp(p->rule[i].rule, rule) == 0)
			return levels[p->rule[i].level];
	return dflt;
}

bool
policy_check_rules(const struct policy *p, const char *const *known,
    size_t n, char *err, size_t errn)
{
	for (unsigned i = 0; i < p->nrule; i++) {
		size_t k;

		for (k = 0; k < n; k++)
			if (strcmp(known[k], p->rule[i].rule) == 0)
				break;
		if (k == n) {
			snprintf(err, errn, "%s:%u: unknown rule '%s'",
			    p->path, p->rule[i].line, p->rule[i].rule);
			return false;
		}
	}
	return true;
}
