/* SPDX-License-Identifier: MIT */
/* datafile.c - vigie's own data files, line by line (see datafile.h). */
#include "datafile.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The whole file at path, NUL-ended, if it is at most max bytes. */
static char *
slurp(const char *path, size_t max, size_t *len, char *err, size_t errn)
{
	FILE *f = fopen(path, "rb");
	char *buf;
	size_t n;

	if (f == NULL) {
		snprintf(err, errn, "%s: %s", path, strerror(errno));
		return NULL;
	}
	if ((buf = malloc(max + 1)) == NULL) {
		snprintf(err, errn, "%s: out of memory", path);
		fclose(f);
		return NULL;
	}
	n = fread(buf, 1, max + 1, f);
	if (ferror(f) || n > max) {
		if (ferror(f))
			snprintf(err, errn, "%s: read error", path);
		else
			snprintf(err, errn, "%s: larger than %zu bytes", path,
			    max);
		free(buf);
		fclose(f);
		return NULL;
	}
	fclose(f);
	buf[n] = '\0';
	*len = n;
	return buf;
}

int
datafile_each(const char *path, size_t max, size_t line_max,
    datafile_fn fn, void *ctx, char *err, size_t errn)
{
	char why[256], *buf;
	unsigned lineno = 0;
	size_t len;
	int rc = 0;

	if ((buf = slurp(path, max, &len, err, errn)) == NULL)
		return -1;
	for (char *s = buf, *next; s < buf + len && rc == 0; s = next) {
		char *nl = memchr(s, '\n', (size_t)(buf + len - s));
		size_t l = nl ? (size_t)(nl - s) : (size_t)(buf + len - s);

		lineno++;
		next = s + l + (nl != NULL);
		if (memchr(s, '\0', l) != NULL) {
			snprintf(why, sizeof why, "NUL byte");
			rc = -1;
		} else if (l > line_max) {
			snprintf(why, sizeof why, "line longer than %zu bytes",
			    line_max);
			rc = -1;
		} else {
			if (l > 0 && s[l - 1] == '\r')
				l--;
			s[l] = '\0';
			rc = fn(ctx, s, lineno, why, sizeof why);
		}
		if (rc < 0)
			snprintf(err, errn, "%s:%u: %s", path, lineno, why);
	}
	free(buf);
	return rc;
}

bool
datafile_skip(const char *line)
{
	return line[0] == '#' || line[strspn(line, " \t")] == '\0';
}

unsigned
datafile_fields(char *line, char **f, unsigned max)
{
	unsigned nf = 0;

	for (char *p = line; p != NULL && nf <= max; nf++) {
		f[nf] = p;
		if ((p = strchr(p, '\t')) != NULL)
			*p++ = '\0';
	}
	return nf;
}

bool
datafile_number(const char *s, double lo, double hi, double *out)
{
	char *end;
	double v;

	errno = 0;
	v = strtod(s, &end);
	if (end == s || *end != '\0' || errno != 0 || !isfinite(v) ||
	    v < lo || v > hi)
		return false;
	*out = v;
	return true;
}

bool
datafile_copy(char *dst, size_t n, const char *s)
{
	size_t l = strlen(s);

	if (l == 0 || l >= n)
		return false;
	memcpy(dst, s, l + 1);
	return true;
}
