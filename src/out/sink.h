/* SPDX-License-Identifier: MIT */
/* sink.h - output back-ends behind one small vtable. */
#ifndef VIGIE_SINK_H
#define VIGIE_SINK_H

#include <stdint.h>

#include "record.h"

/* What a sink learns when the run ends. */
struct run_end {
	uint64_t fingerprint; /* identity of the input (packet times, sizes) */
	uint64_t first_us, last_us;
	uint64_t packets, bytes;
	const char *files;    /* input names, joined by spaces */
};

struct sink_ops {
	const char *name;
	/* write: store one record; 0, or -1 with sink_error() set. */
	int (*write)(void *self, const struct record *r);
	/* close: finish (commit, flush) and free; 0, or -1 with msg filled. */
	int (*close)(void *self, const struct run_end *end, char *msg,
	    size_t msgn);
	/* error: the last error, for a message naming the output. */
	const char *(*error)(void *self);
};

struct sink {
	const struct sink_ops *ops;
	void *self;
	int failed; /* set after the first error; no more writes */
};

/* json_open: JSON Lines to path ("-" = standard output). 0, or -1 with a
 * message in err. */
int json_open(struct sink *s, const char *path, char *err, size_t errn);

struct zones;

/* What the store keeps about a run besides its records. */
struct store_meta {
	const char *site;          /* --site, or NULL */
	const char *org;           /* --org: the site's organisation, or NULL */
	const struct zones *zones; /* --sites, or NULL */
};

/* sqlite_open: the SQLite store at path (created if missing, schema
 * checked or migrated), a scan row begun for m's site and organisation,
 * with m's zones stored under it. 0, or -1 with err. */
int sqlite_open(struct sink *s, const char *path, const struct store_meta *m,
    char *err, size_t errn);

/* json_render: one record as a JSON object line (with '\n') into a
 * growing buffer *buf of capacity *cap; returns the length or -1 if
 * memory ran out. Used by the JSON sink and the SQLite JSON columns. */
long json_render(const struct record *r, char **buf, size_t *cap);

/* json_value: one value as JSON text into *buf (as json_render). */
long json_value(enum ftype t, const struct val *v, char **buf, size_t *cap);

#endif
