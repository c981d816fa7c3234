/* SPDX-License-Identifier: MIT */
/* datafile.h - reading vigie's own line-oriented data files (the
 * knowledge base's *.tsv, policy.conf, vulns.tsv): one reader, so that
 * every file gets the same limits and the same "FILE:LINE: reason"
 * errors. */
#ifndef VIGIE_DATAFILE_H
#define VIGIE_DATAFILE_H

#include <stdbool.h>
#include <stddef.h>

/* Called for each line: lineno counts from 1; line is NUL-ended, its
 * newline and a trailing CR removed, and may be changed in place. 0, or
 * -1 with a reason in why (size whyn). */
typedef int (*datafile_fn)(void *ctx, char *line, unsigned lineno,
    char *why, size_t whyn);

/* datafile_each: read the file at path (at most max bytes) and call fn
 * for each of its lines. A line holding a NUL byte or longer than
 * line_max bytes, or fn returning -1, stops the reading with "PATH:LINE:
 * reason" in err; a file that cannot be read or is larger than max gives
 * "PATH: reason". 0, or -1. */
int datafile_each(const char *path, size_t max, size_t line_max,
    datafile_fn fn, void *ctx, char *err, size_t errn);

/* datafile_skip: whether line is a comment ('#' first) or blank. */
bool datafile_skip(const char *line);

/* datafile_fields: split line at tabs, in place, into f[0..]: at most
 * max + 1 fields are stored, so a count above max means too many.
 * Returns the count. */
unsigned datafile_fields(char *line, char **f, unsigned max);

/* datafile_copy: copy field s into dst (size n); false, dst unchanged,
 * if s is empty or does not fit. */
bool datafile_copy(char *dst, size_t n, const char *s);

/* datafile_number: a decimal number filling all of s (strtod() syntax),
 * finite and within [lo, hi], into *out; false, *out unchanged, if s is
 * anything else. For data files and options alike. */
bool datafile_number(const char *s, double lo, double hi, double *out);

#endif
