/* SPDX-License-Identifier: MIT */
/* vulns.c - loading data/vulns.tsv and matching stated firmware to it.
 *
 * Table: UTF-8 text, one row a line, 11 fields separated by a tab, '#'
 * starts a comment line, blank lines ignored (as the other data/ tables):
 *   vendor  model-globs  fw-min  fw-max  build-min  build-max
 *   cve  cvss  kev  advisory  note
 * Version strings seen on the wire (network.md section 3):
 *   Hikvision  "V5.5.6build 180326" (SADP), "V5.4.5" + "build 170123"
 *   Dahua      "2.800.0000000.24.R,build:2020-11-17", "3.218.00LR002.1" */
#include "vulns.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "../core/ascii.h"
#include "core/limits.h"
#include "datafile.h"

#define VULNS_FILE_MAX (4u << 20) /* a table is tens of KB */
#define VULNS_FIELDS 11
#define VULNS_LINE_MAX 4096
#define VER_VALUE_MAX 999999999u
#define BUILD_OPEN_MAX UINT32_MAX

struct vrow {
	char vendor[32];
	char model[VULNS_MODEL_MAX + 1]; /* "*": any model */
	uint32_t fmin[VULNS_VER_PARTS], fmax[VULNS_VER_PARTS];
	bool has_fmin, has_fmax;
	uint32_t bmin, bmax;             /* YYYYMMDD; 0 / UINT32_MAX open */
	char cve[24], advisory[256], note[VULNS_NOTE_MAX + 1];
	struct vuln pub;
};

struct vulns {
	struct vrow row[VULNS_MAX];
	unsigned n;
};

static bool
is_digit(char c)
{
	return c >= '0' && c <= '9';
}

static bool
is_alpha(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

/* Drop spaces (and a Dahua separating comma) around s[0..*n). */
static const char *
trim(const char *s, size_t *n)
{
	while (*n > 0 && (*s == ' ' || *s == '\t'))
		s++, (*n)--;
	while (*n > 0 && (s[*n - 1] == ' ' || s[*n - 1] == '\t' ||
	    s[*n - 1] == ','))
		(*n)--;
	return s;
}

bool
vulns_version(const char *s, size_t n, uint32_t *out)
{
	size_t i = 0;
	unsigned k = 0;

	s = trim(s, &n);
	if (n > 0 && (s[0] == 'V' || s[0] == 'v'))
		i++;
	if (i >= n || !is_digit(s[i]))
		return false;
	memset(out, 0, VULNS_VER_PARTS * sizeof *out);
	for (;;) {
		uint32_t v = 0;
		size_t start = i;

		if (k == VULNS_VER_PARTS)
			return false;
		for (; i < n && is_digit(s[i]); i++) {
			uint32_t d = (uint32_t)(s[i] - '0');

			if (v > (VER_VALUE_MAX - d) / 10)
				return false;
			v = v * 10 + d;
		}
		while (i < n && (is_digit(s[i]) || is_alpha(s[i]) ||
		    s[i] == '-' || s[i] == '_'))
			i++;
		if (i == start)
			return false; /* an empty component: "5..4", "5.4." */
		out[k++] = v;
		if (i == n)
			return true;
		if (s[i] != '.')
			return false;
		i++;
	}
}

/* Compare two parsed versions component by component. */
static int
version_cmp(const uint32_t *a, const uint32_t *b)
{
	for (unsigned k = 0; k < VULNS_VER_PARTS; k++)
		if (a[k] != b[k])
			return a[k] < b[k] ? -1 : 1;
	return 0;
}

/* Read exactly d digits at s[*i]; false if they are not there. */
static bool
digits(const char *s, size_t n, size_t *i, unsigned d, uint32_t *v)
{
	*v = 0;
	for (unsigned k = 0; k < d; k++, (*i)++) {
		if (*i >= n || !is_digit(s[*i]))
			return false;
		*v = *v * 10 + (uint32_t)(s[*i] - '0');
	}
	return true;
}

/* Skip a label before a build date: the words "build" and "date" in any
 * case, separated by spaces, ':' or '_'. False on any other text. */
static bool
build_label(const char *s, size_t n, size_t *i)
{
	while (*i < n && !is_digit(s[*i])) {
		size_t w = *i;

		while (*i < n && is_alpha(s[*i]))
			(*i)++;
		if (*i > w) {
			size_t l = *i - w;

			if (!((l == 5 && strncasecmp(s + w, "build", 5) == 0) ||
			    (l == 4 && strncasecmp(s + w, "date", 4) == 0)))
				return false;
		} else if (s[*i] == ' ' || s[*i] == ':' || s[*i] == '_')
			(*i)++;
		else
			return false;
	}
	return true;
}

bool
vulns_build(const char *s, size_t n, uint32_t *out)
{
	uint32_t y = 0, m = 0, d = 0;
	size_t i = 0, run;

	s = trim(s, &n);
	if (!build_label(s, n, &i) || i == n)
		return false;
	for (run = 0; i + run < n && is_digit(s[i + run]); run++)
		;
	if (run == 6 && i + 6 == n) {         /* YYMMDD */
		(void)(digits(s, n, &i, 2, &y) && digits(s, n, &i, 2, &m) &&
		    digits(s, n, &i, 2, &d));
		y += 2000;
	} else if (run == 8 && i + 8 == n) {  /* YYYYMMDD */
		(void)(digits(s, n, &i, 4, &y) && digits(s, n, &i, 2, &m) &&
		    digits(s, n, &i, 2, &d));
	} else if (run == 4 && i + 10 == n) { /* YYYY-MM-DD */
		char sep = s[i + 4];

		if ((sep != '-' && sep != '/' && sep != '.') ||
		    s[i + 7] != sep)
			return false;
		(void)digits(s, n, &i, 4, &y);
		i++;
		if (!digits(s, n, &i, 2, &m))
			return false;
		i++;
		if (!digits(s, n, &i, 2, &d))
			return false;
	} else
		return false;
	if (y < 1990 || y > 2099 || m < 1 || m > 12 || d < 1 || d > 31)
		return false;
	*out = y * 10000 + m * 100 + d;
	return true;
}

/* Case-insensitive glob: '*' any run, '?' any byte; pattern p of pn
 * bytes against s of n bytes. Backtracks to the last '*' only, so the
 * cost is at most pn * n steps. */
static bool
glob1(const char *p, size_t pn, const char *s, size_t n)
{
	size_t pi = 0, i = 0, star = SIZE_MAX, mark = 0;

	while (i < n) {
		if (pi < pn && p[pi] == '*') {
			star = pi++;
			mark = i;
		} else if (pi < pn && (p[pi] == '?' ||
		    ascii_lc(p[pi]) == ascii_lc(s[i]))) {
			pi++;
			i++;
		} else if (star != SIZE_MAX) {
			pi = star + 1;
			i = ++mark;
		} else
			return false;
	}
	while (pi < pn && p[pi] == '*')
		pi++;
	return pi == pn;
}

/* True if s (n bytes) matches one of the '|'-separated globs in pat. */
static bool
glob_any(const char *pat, const char *s, size_t n)
{
	for (;;) {
		size_t l = strcspn(pat, "|");

		if (glob1(pat, l, s, n))
			return true;
		if (pat[l] == '\0')
			return false;
		pat += l + 1;
	}
}

/* Copy field s into dst (size n): false if empty or too long. */
static bool
open_field(const char *s)
{
	return strcmp(s, "-") == 0;
}

/* Model globs: "*", or globs of printable ASCII joined by '|', none
 * empty. */
static bool
model_ok(const char *s)
{
	size_t glob = 0;

	for (; *s; s++) {
		if (*s == '|') {
			if (glob == 0)
				return false;
			glob = 0;
		} else if (*s > ' ' && *s < 0x7f)
			glob++;
		else
			return false;
	}
	return glob > 0;
}

/* A table date: YYMMDD or YYYY-MM-DD. */
static bool
date_field(const char *s, uint32_t *out)
{
	size_t l = strlen(s);

	return (l == 6 || (l == 10 && s[4] == '-')) && vulns_build(s, l, out);
}

/* CVE-YYYY-NNNN with 4 to 7 digits after the year. */
static bool
cve_ok(const char *s)
{
	size_t l = strlen(s), d;

	if (l < 13 || strncmp(s, "CVE-", 4) != 0 || s[8] != '-')
		return false;
	for (size_t i = 4; i < 8; i++)
		if (!is_digit(s[i]))
			return false;
	d = strspn(s + 9, "0123456789");
	return d >= 4 && d <= 7 && s[9 + d] == '\0';
}

/* CVSS: 0 to 10 with at most one decimal ("9.8", "10.0", "7"). */
static bool
cvss_parse(const char *s, double *out)
{
	unsigned tenths = 0;
	size_t i = 0, d = strspn(s, "0123456789");

	if (d == 0 || d > 2)
		return false;
	for (; i < d; i++)
		tenths = tenths * 10 + (unsigned)(s[i] - '0');
	tenths *= 10;
	if (s[i] == '.') {
		if (!is_digit(s[i + 1]) || s[i + 2] != '\0')
			return false;
		tenths += (unsigned)(s[i + 1] - '0');
	} else if (s[i] != '\0')
		return false;
	if (tenths > 100)
		return false;
	*out = tenths / 10.0;
	return true;
}

static int
line_firmware(struct vrow *r, char **f, char *why, size_t n)
{
	r->has_fmin = !open_field(f[2]);
	r->has_fmax = !open_field(f[3]);
	if (r->has_fmin && !vulns_version(f[2], strlen(f[2]), r->fmin))
		return snprintf(why, n, "bad firmware min '%.40s' (a version "
		    "like 5.4.0, or -)", f[2]), -1;
	if (r->has_fmax && !vulns_version(f[3], strlen(f[3]), r->fmax))
		return snprintf(why, n, "bad firmware max '%.40s' (a version "
		    "like 5.4.0, or -)", f[3]), -1;
	if (r->has_fmin && r->has_fmax && version_cmp(r->fmin, r->fmax) > 0)
		return snprintf(why, n, "firmware min above max"), -1;
	r->bmin = 0;
	r->bmax = BUILD_OPEN_MAX;
	if (!open_field(f[4]) && !date_field(f[4], &r->bmin))
		return snprintf(why, n, "bad build min '%.40s' (YYMMDD, "
		    "YYYY-MM-DD or -)", f[4]), -1;
	if (!open_field(f[5]) && !date_field(f[5], &r->bmax))
		return snprintf(why, n, "bad build max '%.40s' (YYMMDD, "
		    "YYYY-MM-DD or -)", f[5]), -1;
	if (r->bmin > r->bmax)
		return snprintf(why, n, "build min above max"), -1;
	return 0;
}

/* One row: 0, or -1 with why filled. */
static int
line_row(struct vulns *v, char **f, unsigned nf, char *why, size_t n)
{
	struct vrow *r;

	if (nf != VULNS_FIELDS)
		return snprintf(why, n, "expected %u fields, found %u",
		    VULNS_FIELDS, nf), -1;
	if (v->n >= VULNS_MAX)
		return snprintf(why, n, "too many rows (at most %u)",
		    VULNS_MAX), -1;
	r = &v->row[v->n];
	if (!datafile_copy(r->vendor, sizeof r->vendor, f[0]))
		return snprintf(why, n, "vendor empty or too long"), -1;
	if (!datafile_copy(r->model, sizeof r->model, f[1]) ||
	    !model_ok(r->model))
		return snprintf(why, n, "bad model pattern '%.40s' (globs "
		    "with * and ? joined by |)", f[1]), -1;
	if (line_firmware(r, f, why, n) < 0)
		return -1;
	if (!cve_ok(f[6]) || !datafile_copy(r->cve, sizeof r->cve, f[6]))
		return snprintf(why, n, "bad CVE id '%.30s'", f[6]), -1;
	if (!cvss_parse(f[7], &r->pub.cvss))
		return snprintf(why, n, "bad CVSS '%.20s' (0 to 10, one "
		    "decimal)", f[7]), -1;
	if (strcmp(f[8], "yes") != 0 && strcmp(f[8], "no") != 0)
		return snprintf(why, n, "KEV must be yes or no, not '%.20s'",
		    f[8]), -1;
	if (!datafile_copy(r->advisory, sizeof r->advisory, f[9]) ||
	    !datafile_copy(r->note, sizeof r->note, f[10]))
		return snprintf(why, n, "advisory or note empty or too long"),
		    -1;
	r->pub.kev = strcmp(f[8], "yes") == 0;
	r->pub.cve = r->cve;
	r->pub.advisory = r->advisory;
	r->pub.note = r->note;
	v->n++;
	return 0;
}

/* datafile_each() callback: one line of the table. */
static int
on_line(void *ctx, char *line, unsigned lineno, char *why, size_t whyn)
{
	char *f[VULNS_FIELDS + 1];
	unsigned nf;

	(void)lineno;
	if (datafile_skip(line))
		return 0;
	nf = datafile_fields(line, f, VULNS_FIELDS);
	return line_row(ctx, f, nf, why, whyn);
}

struct vulns *
vulns_load(const char *path, char *err, size_t errn)
{
	struct vulns *v;

	if ((v = calloc(1, sizeof *v)) == NULL) {
		snprintf(err, errn, "%s: out of memory", path);
		return NULL;
	}
	if (datafile_each(path, VULNS_FILE_MAX, VULNS_LINE_MAX, on_line, v,
	    err, errn) < 0) {
		free(v);
		return NULL;
	}
	return v;
}

void
vulns_free(struct vulns *v)
{
	free(v);
}

/* Position of "build" (any case) in s[0..n), or n. */
static size_t
find_build(const char *s, size_t n)
{
	for (size_t i = 0; i + 5 <= n; i++)
		if (strncasecmp(s + i, "build", 5) == 0)
			return i;
	return n;
}

/* What a device stated, parsed once for every row. */
struct stated {
	const char *model;
	size_t mlen;
	uint32_t fw[VULNS_VER_PARTS], build;
	bool has_fw, has_build;
};

static void
stated_parse(struct stated *d, const char *model, size_t mlen,
    const char *fw, size_t flen, const char *build, size_t blen)
{
	if (model == NULL || mlen > STR_MAX)
		mlen = 0;
	if (fw == NULL || flen > STR_MAX)
		flen = 0;
	if (build == NULL || blen > STR_MAX) {
		build = NULL;
		blen = 0;
	}
	d->model = mlen ? trim(model, &mlen) : NULL;
	d->mlen = mlen;
	if (flen > 0) { /* "V5.5.6build 180326": the build is a tail */
		size_t b = find_build(fw, flen);

		if (blen == 0) {
			build = fw + b;
			blen = flen - b;
		}
		flen = b;
	}
	d->has_fw = flen > 0 && vulns_version(fw, flen, d->fw);
	d->has_build = blen > 0 && vulns_build(build, blen, &d->build);
}

/* True if row r matches the device d. */
static bool
row_match(const struct vrow *r, const struct stated *d)
{
	if (strcmp(r->model, "*") != 0 && (d->mlen == 0 ||
	    !glob_any(r->model, d->model, d->mlen)))
		return false;
	if (r->has_fmin || r->has_fmax) {
		if (!d->has_fw)
			return false;
		if (r->has_fmin && version_cmp(d->fw, r->fmin) < 0)
			return false;
		if (r->has_fmax && version_cmp(d->fw, r->fmax) > 0)
			return false;
	}
	if (r->bmin != 0 || r->bmax != BUILD_OPEN_MAX) {
		if (!d->has_build)
			return false;
		if (d->build < r->bmin || d->build > r->bmax)
			return false;
	}
	return true;
}

unsigned
vulns_match(const struct vulns *v, const char *vendor, const char *model,
    size_t mlen, const char *firmware, size_t flen, const char *build,
    size_t blen, const struct vuln **out, unsigned max)
{
	struct stated d;
	unsigned k = 0;

	if (v == NULL || vendor == NULL || max == 0)
		return 0;
	stated_parse(&d, model, mlen, firmware, flen, build, blen);
	for (unsigned i = 0; i < v->n && k < max; i++) {
		const struct vrow *r = &v->row[i];
		bool dup = false;

		if (strcasecmp(r->vendor, vendor) != 0 || !row_match(r, &d))
			continue;
		for (unsigned j = 0; j < k && !dup; j++)
			dup = strcmp(out[j]->cve, r->cve) == 0;
		if (!dup)
			out[k++] = &r->pub;
	}
	return k;
}
