/* SPDX-License-Identifier: MIT */
/* report.c - `vigie report`: its command line, where the report goes, and
 * the escaping writers every format uses.
 *
 * A report written to a file goes to PATH.tmp first and is renamed over
 * PATH only when whole, so a failed run leaves no half report behind
 * (and an older report at PATH stays as it was). */
#include <errno.h>
#include <getopt.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "../core/esc.h"
#include "outfile.h"
#include "report.h"

enum rep_fmt { RF_TEXT, RF_JSON, RF_CSV, RF_HTML };

struct rep_opts {
	enum rep_fmt fmt;
	const char *out;                /* -o, or NULL: standard output */
	const struct rep_table *table;  /* --table, or NULL */
};

enum { O_DB = 256, O_SITE, O_SINCE, O_UNTIL, O_FORMAT, O_TABLE, O_OUT,
	O_HELP };

static const struct option longopts[] = {
	{ "db", 1, NULL, O_DB }, { "site", 1, NULL, O_SITE },
	{ "since", 1, NULL, O_SINCE }, { "until", 1, NULL, O_UNTIL },
	{ "format", 1, NULL, O_FORMAT }, { "table", 1, NULL, O_TABLE },
	{ "output", 1, NULL, O_OUT }, { "help", 0, NULL, O_HELP },
	{ NULL, 0, NULL, 0 },
};

static void
usage(FILE *f)
{
	fprintf(f, "usage: vigie report [options]\n"
	    "Summarise the store written by vigie scan: covered devices by\n"
	    "organisation, site, vendor and kind, what they send where, the\n"
	    "alerts, the drones heard. The captures are not read again.\n\n"
	    "options:\n"
	    "  --db PATH              SQLite store (default vigie.db)\n"
	    "  --site NAME            only this site; repeatable\n"
	    "  --since T, --until T   only records active in this window: "
	    "a UTC time\n"
	    "                         (2026-11-01T08:00:00Z) or a date "
	    "(2026-11-01,\n"
	    "                         which --until takes to its end)\n"
	    "  --format F             text (default), json, csv or html\n"
	    "  --table NAME           csv: only this table\n"
	    "  -o, --output PATH      write there ('-' = standard output); "
	    "csv without\n"
	    "                         --table: a directory, one NAME.csv per "
	    "table\n"
	    "  --help                 this help\n\ntables:\n");
	for (const struct rep_table *t = rep_tables(); t->name; t++)
		fprintf(f, "  %-16s %s\n", t->name, t->doc);
	fprintf(f, "\nexit status: 0 written; 1 the store could not be read; "
	    "2 bad command\nline; 3 the report could not be written.\n"
	    "\nexample: vigie report --db vigie.db --site hq --format html "
	    "-o hq.html\n");
}

static int bad_usage(const char *fmt, ...)
    __attribute__((format(printf, 1, 2)));

/* One line naming the problem, a pointer to --help, exit status 2. */
static int
bad_usage(const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "vigie: report: ");
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fprintf(stderr, "\nTry 'vigie report --help'.\n");
	return REP_USAGE;
}

/* A date or UTC time (time_parse(); end: the last microsecond of the
 * period named) as a stored time "YYYY-MM-DDTHH:MM:SS.ffffffZ". */
static bool
parse_time(const char *s, bool end, char out[32])
{
	uint64_t us;

	if (!time_parse(s, strlen(s), end, &us))
		return false;
	time_fmt(us, out, 32);
	return true;
}

/* Options into r and o; -1 to go on, or an exit status. */
static int
parse(int argc, char **argv, struct rep *r, struct rep_opts *o)
{
	const char *table = NULL;
	int c;

	opterr = 0;
	while ((c = getopt_long(argc, argv, ":ho:", longopts, NULL)) != -1) {
		switch (c) {
		case O_DB:
			r->path = optarg;
			break;
		case O_SITE:
			if (!esc_label_ok(optarg))
				return bad_usage("--site: '%s' must be 1-64 "
				    "printable characters", optarg);
			if (r->nsites == REPORT_MAX_SITES)
				return bad_usage("--site: at most %d sites",
				    REPORT_MAX_SITES);
			r->sites[r->nsites++] = optarg;
			break;
		case O_SINCE:
		case O_UNTIL:
			if (!parse_time(optarg, c == O_UNTIL,
			    c == O_SINCE ? r->since : r->until))
				return bad_usage("--%s: '%s' is not a date "
				    "(YYYY-MM-DD) or a UTC time (YYYY-MM-DDTHH:"
				    "MM[:SS[.ffffff]]Z)", c == O_SINCE ?
				    "since" : "until", optarg);
			break;
		case O_FORMAT:
			if (strcmp(optarg, "text") == 0)
				o->fmt = RF_TEXT;
			else if (strcmp(optarg, "json") == 0)
				o->fmt = RF_JSON;
			else if (strcmp(optarg, "csv") == 0)
				o->fmt = RF_CSV;
			else if (strcmp(optarg, "html") == 0)
				o->fmt = RF_HTML;
			else
				return bad_usage("--format: unknown format "
				    "'%s' (text, json, csv or html)", optarg);
			break;
		case O_TABLE:
			table = optarg;
			break;
		case 'o':
		case O_OUT:
			o->out = strcmp(optarg, "-") == 0 ? NULL : optarg;
			break;
		case 'h':
		case O_HELP:
			usage(stdout);
			return REP_OK;
		case ':':
			return bad_usage("option '%s' needs a value",
			    argv[optind - 1]);
		default:
			return bad_usage("unknown option '%s'",
			    argv[optind - 1]);
		}
	}
	if (optind < argc)
		return bad_usage("unexpected argument '%s'", argv[optind]);
	if (table != NULL) {
		if (o->fmt != RF_CSV)
			return bad_usage("--table goes with --format csv");
		if ((o->table = rep_table(table)) == NULL)
			return bad_usage("--table: unknown table '%s' (vigie "
			    "report --help lists them)", table);
	}
	if (o->fmt == RF_CSV && o->table == NULL && o->out == NULL)
		return bad_usage("--format csv writes one file per table: give "
		    "-o DIRECTORY, or --table NAME for one table");
	if (r->since[0] && r->until[0] && strcmp(r->since, r->until) > 0)
		return bad_usage("--since %s is after --until %s", r->since,
		    r->until);
	return -1;
}

static int
write_one(struct rep *r, const struct rep_opts *o, const struct rep_table *t)
{
	switch (o->fmt) {
	case RF_TEXT:
		return rep_write_text(r);
	case RF_JSON:
		return rep_write_json(r);
	case RF_CSV:
		return rep_write_csv(r, t);
	case RF_HTML:
		return rep_write_html(r);
	}
	return -1;
}

/* Write the report (one table t, or the whole) to path or stdout. */
static int
emit(struct rep *r, const struct rep_opts *o, const struct rep_table *t,
    const char *path)
{
	struct outfile of;
	char err[4200];
	int rc;

	if (path == NULL)
		path = "-";
	if ((r->f = outfile_open(&of, path, err, sizeof err)) == NULL) {
		fprintf(stderr, "vigie: report: %s\n", err);
		return REP_OUTPUT;
	}
	rc = write_one(r, o, t);
	if (rc < 0) {
		outfile_close(&of, r->f, false, err, sizeof err);
		fprintf(stderr, "vigie: report: %s\n", r->err);
		return REP_STORE;
	}
	if (outfile_close(&of, r->f, true, err, sizeof err) < 0) {
		fprintf(stderr, "vigie: report: %s\n", err);
		return REP_OUTPUT;
	}
	return REP_OK;
}

/* --format csv -o DIR: DIR/NAME.csv for every table. */
static int
emit_csv_dir(struct rep *r, const struct rep_opts *o)
{
	char path[4096];

	if (mkdir(o->out, 0777) != 0 && errno != EEXIST) {
		fprintf(stderr, "vigie: report: cannot make directory %s: %s\n",
		    o->out, strerror(errno));
		return REP_OUTPUT;
	}
	for (const struct rep_table *t = rep_tables(); t->name; t++) {
		int rc;

		if (snprintf(path, sizeof path, "%s/%s.csv", o->out, t->name) >=
		    (int)sizeof path) {
			fprintf(stderr, "vigie: report: %s: path too long\n",
			    o->out);
			return REP_OUTPUT;
		}
		if ((rc = emit(r, o, t, path)) != REP_OK)
			return rc;
	}
	return REP_OK;
}

/* Warn of a --site no complete scan has (the report is then empty for
 * it, which is right, but a typo should not pass unseen). */
static void
warn_sites(struct rep *r)
{
	for (unsigned i = 0; i < r->nsites; i++) {
		sqlite3_stmt *st = rep_prepare(r, "SELECT 1 FROM scans WHERE "
		    "complete = 1 AND site = ?");

		if (st == NULL)
			return;
		sqlite3_bind_text(st, 1, r->sites[i], -1, SQLITE_STATIC);
		if (rep_step(r, st) == 1) {
			sqlite3_finalize(st);
			continue;
		}
		fprintf(stderr, "vigie: report: warning: no complete scan of "
		    "site '");
		r->f = stderr;
		rep_terms(r, r->sites[i]);
		fprintf(stderr, "' in %s\n", r->path);
	}
}

int
report_main(int argc, char **argv)
{
	struct rep r = { .path = "vigie.db" };
	struct rep_opts o = { .fmt = RF_TEXT };
	int rc;

	if ((rc = parse(argc, argv, &r, &o)) >= 0)
		return rc;
	if ((r.buf = malloc(REP_BUF)) == NULL) {
		fprintf(stderr, "vigie: report: out of memory\n");
		return REP_STORE;
	}
	if ((rc = rep_open(&r)) != REP_OK || rep_build(&r) < 0) {
		fprintf(stderr, "vigie: report: %s\n", r.err);
		rc = REP_STORE;
		goto out;
	}
	warn_sites(&r);
	if (o.fmt == RF_CSV && o.table == NULL)
		rc = emit_csv_dir(&r, &o);
	else
		rc = emit(&r, &o, o.table, o.out);
out:
	rep_close(&r);
	free(r.buf);
	return rc;
}

void
rep_json(struct rep *r, const char *s, size_t n)
{
	if (s == NULL) {
		fputs("null", r->f);
		return;
	}
	esc_json(r->buf, REP_BUF, s, n);
	fprintf(r->f, "\"%s\"", r->buf);
}

void
rep_html(struct rep *r, const char *s, size_t n)
{
	if (s != NULL && esc_html(r->buf, REP_BUF, s, n) > 0)
		fputs(r->buf, r->f);
}

void
rep_term(struct rep *r, const char *s, size_t n)
{
	if (s != NULL && esc_term(r->buf, REP_BUF, s, n) > 0)
		fputs(r->buf, r->f);
}

void
rep_csv(struct rep *r, const char *s, size_t n)
{
	if (s != NULL && esc_csv(r->buf, REP_BUF, s, n) > 0)
		fputs(r->buf, r->f);
}

void
rep_htmls(struct rep *r, const char *s)
{
	if (s != NULL)
		rep_html(r, s, strlen(s));
}

void
rep_terms(struct rep *r, const char *s)
{
	if (s != NULL)
		rep_term(r, s, strlen(s));
}

char *
rep_num(int64_t n, char *buf, size_t len)
{
	char tmp[32];
	/* The magnitude in unsigned arithmetic: -INT64_MIN overflows. */
	uint64_t m = n < 0 ? 0 - (uint64_t)n : (uint64_t)n;
	int k = snprintf(tmp, sizeof tmp, "%llu", (unsigned long long)m);
	size_t o = 0;

	if (n < 0 && o + 1 < len)
		buf[o++] = '-';
	for (int i = 0; i < k && o + 2 < len; i++) {
		buf[o++] = tmp[i];
		if ((k - i - 1) % 3 == 0 && i < k - 1)
			buf[o++] = ',';
	}
	buf[o] = '\0';
	return buf;
}

char *
rep_bytes(int64_t n, char *buf, size_t len)
{
	static const char *const unit[] = { "kB", "MB", "GB", "TB", "PB" };
	double v = (double)n;
	unsigned u = 0;

	if (n < 1000) {
		snprintf(buf, len, "%lld B", (long long)n);
		return buf;
	}
	v /= 1000.0;
	while (v >= 999.95 && u < 4) {
		v /= 1000.0;
		u++;
	}
	snprintf(buf, len, "%.1f %s", v, unit[u]);
	return buf;
}
