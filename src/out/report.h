/* SPDX-License-Identifier: MIT */
/* report.h - `vigie report`: the store read back and summarised for the
 * people who act on it, as text, JSON, CSV or one HTML page.
 *
 *   report.c       command line, output files, exit status, escaped output
 *   report_db.c    the store: filters, merged tables, the summary figures
 *   report_text.c  report_json.c  report_csv.c  report_html.c (+ _svg.c)
 *
 * Every format reads the same temporary tables (r_dev, r_dst, r_alert,
 * r_drone, r_pos, r_zone, r_sum ...) that report_db.c builds once from
 * the complete scans selected, so the formats agree on every count. The
 * store is opened read-only and never changed. Strings from the store
 * are untrusted (they came from the wire, or the file was made by hand):
 * they leave only through the escaping writers below. */
#ifndef VIGIE_REPORT_H
#define VIGIE_REPORT_H

#include <sqlite3.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "../core/limits.h"
#include "record.h"

/* report_main: `vigie report` (argv[0] is "report"): parse the options,
 * read the store, write the report. Returns the exit status: 0 written;
 * 1 the store could not be read (missing, not a vigie store, newer
 * schema, an SQLite error); 2 bad command line; 3 the report could not be
 * written. Every failure prints one line naming the file or option. */
int report_main(int argc, char **argv);

enum rep_exit { REP_OK = 0, REP_STORE = 1, REP_USAGE = 2, REP_OUTPUT = 3 };

/* The summary figures, in output order; their names (JSON keys, CSV
 * summary rows) are rep_sum_name[]. */
enum rep_sum {
	RS_SCANS, RS_SITES, RS_ORGS, RS_DEVICES, RS_COVERED, RS_DESTS,
	RS_BYTES_UP, RS_FLAGGED, RS_FLAGGED_COVERED, RS_ALERTS, RS_CRITICAL,
	RS_HIGH, RS_MEDIUM, RS_LOW, RS_INFO, RS_DRONES, RS_POSITIONS,
	RS_ZONES, RS_COUNT
};
extern const char *const rep_sum_name[RS_COUNT];

/* Escaping buffer: the worst expansion (HTML, 6 bytes per input byte) of
 * the longest string shown. */
#define REP_BUF (REPORT_STR_MAX * 6 + 16)
/* Columns of one report table. */
#define REP_MAX_COLS 64

struct rep {
	sqlite3 *db;
	const char *path;                  /* --db */
	int schema;                        /* the store's schema version */
	const char *sites[REPORT_MAX_SITES];
	unsigned nsites;
	char since[32], until[32];         /* stored-time bounds; "" if none */
	int64_t sum[RS_COUNT];
	char first[32], last[32];          /* packet times of the scans */
	FILE *f;                           /* where the report goes */
	char *buf;                         /* REP_BUF bytes, for escaping */
	char err[600];
};

/* One table of the report: a JSON array, a CSV file (--table NAME). */
struct rep_table {
	const char *name;
	const char *sql;                   /* over the r_* tables, sorted */
	const struct schema *types;        /* column types by name, or NULL */
	const char *doc;                   /* one line for --help */
};

/* rep_tables: every table, in output order, ending with a NULL name. */
const struct rep_table *rep_tables(void);

/* rep_table: the table called name, or NULL. */
const struct rep_table *rep_table(const char *name);

/* rep_open: open r->path read-only and check that it is a vigie store
 * this vigie can read (older schemas are read as they are: what they
 * lack is empty). REP_OK, or REP_STORE with r->err set. */
int rep_open(struct rep *r);

/* rep_build: select the complete scans (r->sites, r->since, r->until),
 * build the merged tables and the summary (r->sum, r->first, r->last).
 * 0, or -1 with r->err. */
int rep_build(struct rep *r);

/* rep_close: close the store. */
void rep_close(struct rep *r);

/* rep_prepare: a statement over the report's tables; NULL with r->err. */
sqlite3_stmt *rep_prepare(struct rep *r, const char *sql);

/* rep_step: 1 for a row, 0 at the end, -1 with r->err on an error (the
 * statement is finalized at the end or on error). */
int rep_step(struct rep *r, sqlite3_stmt *st);

/* rep_next: rep_step() for a statement kept to be reset and bound again
 * (not finalized): 1 for a row, 0 at the end, -1 with "database PATH:
 * reading WHAT: ..." in r->err. */
int rep_next(struct rep *r, sqlite3_stmt *st, const char *what);

/* How one column of a table is written. */
enum rcol_kind {
	RK_AUTO,   /* as stored: integer, real or text */
	RK_BOOL,   /* 0 / 1 as false / true */
	RK_REAL3,  /* metres, seconds: three decimals */
	RK_DEG,    /* latitude, longitude: seven decimals */
	RK_ADDRS,  /* a stored JSON list of addresses: only its addresses */
	RK_VERTS   /* a zone's stored vertices: only its numbers, in pairs */
};

struct rep_cols {
	int n;
	const char *name[REP_MAX_COLS];
	enum rcol_kind kind[REP_MAX_COLS];
};

/* rep_cols: the columns of st and how to write them, by name, from the
 * record schema types (NULL: all as stored). */
void rep_cols(sqlite3_stmt *st, const struct schema *types,
    struct rep_cols *c);

/* rep_str: column col of st as text, at most REPORT_STR_MAX bytes (cut
 * at a character boundary), length in *n; NULL if the value is NULL. */
const char *rep_str(sqlite3_stmt *st, int col, size_t *n);

/* rep_addrs: the addresses of a stored address list (a JSON array such
 * as ["10.0.0.1","fe80::1"]): the runs of address characters
 * ([0-9A-Fa-f.:]) of s[0..n) that hold a '.' or a ':', each handed to fn
 * in order. */
void rep_addrs(const char *s, size_t n,
    void (*fn)(void *ctx, const char *a, size_t len, unsigned i), void *ctx);

/* rep_vertices: the (lat, lon) pairs of a stored polygon
 * ("[[lat,lon],...]", NUL-terminated; NULL: none), at most
 * ZONE_MAX_VERTICES, each in range, handed to fn in order. */
void rep_vertices(const char *s, void (*fn)(void *ctx, double lat,
    double lon), void *ctx);

/* Escaped output to r->f. rep_json: a JSON string with its quotes;
 * rep_html: HTML text or attribute value (esc_html); rep_term: terminal
 * text (esc_term); rep_csv: one quoted CSV cell (esc_csv). NULL s
 * writes nothing (rep_json: null). */
void rep_json(struct rep *r, const char *s, size_t n);
void rep_html(struct rep *r, const char *s, size_t n);
void rep_term(struct rep *r, const char *s, size_t n);
void rep_csv(struct rep *r, const char *s, size_t n);

/* The same for a NUL-terminated string. */
void rep_htmls(struct rep *r, const char *s);
void rep_terms(struct rep *r, const char *s);

/* rep_num: n with thousands separators (1,234,567) into buf. */
char *rep_num(int64_t n, char *buf, size_t len);

/* rep_bytes: n as a short size ("1.5 MB", SI units) into buf. */
char *rep_bytes(int64_t n, char *buf, size_t len);

/* The formats; each writes to r->f. 0, or -1 with r->err (a store error:
 * output errors are found by the caller from ferror). */
int rep_write_text(struct rep *r);
int rep_write_json(struct rep *r);
int rep_write_csv(struct rep *r, const struct rep_table *t);
int rep_write_html(struct rep *r);

/* report_svg.c: the HTML report's inline charts. rep_svg_countries: bytes
 * sent up by country (covered devices and others); rep_svg_vendors:
 * covered devices by vendor; rep_svg_air: one site's drone tracks,
 * operator and home points and zones (site NULL: records without one).
 * 0, or -1 with r->err. */
int rep_svg_countries(struct rep *r);
int rep_svg_vendors(struct rep *r);
int rep_svg_air(struct rep *r, const char *site, size_t sn);

#endif
