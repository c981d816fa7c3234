/* SPDX-License-Identifier: MIT */
/* outfile.h - an output file that appears whole or not at all: written
 * as PATH.tmp, renamed to PATH once everything reached the disk's cache,
 * removed on any error; "-" is standard output. A run that fails leaves
 * no half file, and an earlier PATH stays as it was. A PATH that exists
 * and is no regular file (/dev/stdout, a terminal, a named pipe) is
 * written in place: renaming over it would replace the device or pipe
 * with a file. */
#ifndef VIGIE_OUTFILE_H
#define VIGIE_OUTFILE_H

#include <errno.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

/* outfile_reader_left: whether a write to standard output (is_stdout)
 * that failed with err only means its reader went away (`| head`, a
 * pager quit): no error, the output just ends. Elsewhere, and for any
 * other err, the failure is one to report. The one rule for every
 * output vigie writes. */
static inline bool
outfile_reader_left(bool is_stdout, int err)
{
	return is_stdout && err == EPIPE;
}

struct outfile {
	const char *path;
	bool std;          /* "-": standard output, nothing to rename */
	bool direct;       /* PATH itself is written: nothing to rename */
	char tmp[4096];
};

/* outfile_open: start writing path ("-": stdout). The stream, or NULL
 * with "cannot write PATH: reason" (or "PATH: path too long") in err. */
FILE *outfile_open(struct outfile *of, const char *path, char *err,
    size_t errn);

/* outfile_close: finish f. If ok and every write succeeded, the file
 * takes its place (stdout is flushed) and 0 is returned; otherwise the
 * temporary file is removed and -1 returned, with "cannot write PATH:
 * reason" ("cannot write to standard output: reason") in err when ok
 * was true (when ok is false the caller already
 * knows why, and err is left alone). Standard output closed by its
 * reader (EPIPE) is no error: 0. */
int outfile_close(struct outfile *of, FILE *f, bool ok, char *err,
    size_t errn);

#endif
