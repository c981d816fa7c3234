/* SPDX-License-Identifier: MIT */
/* sqlite.c - the embedded store: one table per record schema, one row in
 * `scans` per run, WAL, batched transactions.
 *
 * A run writes its rows under a new scan id marked incomplete. When it
 * ends, one transaction deletes earlier complete scans of the same input
 * (same fingerprint and site) and marks this one complete: re-scanning a
 * capture replaces its rows instead of duplicating them, and a run that
 * fails half-way (disk full) leaves every earlier scan intact. */
#include <errno.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "../core/esc.h"
#include "../core/limits.h"
#include "../intel/zones.h"
#include "sink.h"

#define STR_(x) #x
#define STR(x) STR_(x)

struct sq {
	sqlite3 *db;
	sqlite3_stmt *ins[8];  /* per schema, in schema_all() order */
	sqlite3_stmt *evid;    /* insert into evidence */
	sqlite3_int64 scan;
	unsigned pending;      /* rows in the open transaction */
	char *jbuf;
	size_t jcap;
	char path[256];
	char err[512];
};

/* Keep "what: SQLite's message (the system's, e.g. No space left)". */
static int
sq_fail(struct sq *q, const char *what)
{
	int e = sqlite3_system_errno(q->db);

	if (e != 0)
		snprintf(q->err, sizeof q->err, "%s: %s (%s)", what,
		    sqlite3_errmsg(q->db), strerror(e));
	else
		snprintf(q->err, sizeof q->err, "%s: %s", what,
		    sqlite3_errmsg(q->db));
	return -1;
}

static int
sq_exec(struct sq *q, const char *sql)
{
	char *msg = NULL;

	if (sqlite3_exec(q->db, sql, NULL, NULL, &msg) != SQLITE_OK) {
		int e = sqlite3_system_errno(q->db);

		snprintf(q->err, sizeof q->err, "%s%s%s%s",
		    msg ? msg : sqlite3_errmsg(q->db), e ? " (" : "",
		    e ? strerror(e) : "", e ? ")" : "");
		sqlite3_free(msg);
		return -1;
	}
	return 0;
}

static const char *
col_type(enum ftype t)
{
	switch (t) {
	case FT_U64:
	case FT_I64:
	case FT_BOOL:
		return "INTEGER";
	case FT_F64:
	case FT_DEG:
		return "REAL";
	default:
		return "TEXT";
	}
}

/* CREATE TABLE and INSERT text for schema s into the given buffers. */
static void
schema_sql(const struct schema *s, char *create, size_t cn, char *ins,
    size_t in)
{
	size_t c, i;

	c = (size_t)snprintf(create, cn, "CREATE TABLE IF NOT EXISTS %s ("
	    "scan_id INTEGER NOT NULL REFERENCES scans(id) ON DELETE CASCADE",
	    s->table);
	i = (size_t)snprintf(ins, in, "INSERT INTO %s (scan_id", s->table);
	for (unsigned k = 0; k < s->n; k++) {
		if (s->f[k].type == FT_EVID)
			continue; /* rows of table evidence */
		c += (size_t)snprintf(create + c, cn - c, ", %s %s",
		    s->f[k].name, col_type(s->f[k].type));
		i += (size_t)snprintf(ins + i, in - i, ", %s", s->f[k].name);
	}
	c += (size_t)snprintf(create + c, cn - c, ");"
	    "CREATE INDEX IF NOT EXISTS %s_scan ON %s(scan_id);", s->table,
	    s->table);
	i += (size_t)snprintf(ins + i, in - i, ") VALUES (?");
	for (unsigned k = 0; k < s->n; k++)
		if (s->f[k].type != FT_EVID)
			i += (size_t)snprintf(ins + i, in - i, ", ?");
	snprintf(ins + i, in - i, ")");
}

/* Add the columns a table of an older schema lacks (ALTER TABLE keeps
 * every row; the new columns are NULL in old rows). */
static int
sq_migrate(struct sq *q, const struct schema *s)
{
	for (unsigned k = 0; k < s->n; k++) {
		char sql[512];
		sqlite3_stmt *st;
		bool have = false;

		if (s->f[k].type == FT_EVID)
			continue;
		snprintf(sql, sizeof sql, "SELECT 1 FROM pragma_table_info('%s') "
		    "WHERE name = '%s'", s->table, s->f[k].name);
		if (sqlite3_prepare_v2(q->db, sql, -1, &st, NULL) != SQLITE_OK)
			return sq_fail(q, "reading the schema");
		have = sqlite3_step(st) == SQLITE_ROW;
		sqlite3_finalize(st);
		if (have)
			continue;
		snprintf(sql, sizeof sql, "ALTER TABLE %s ADD COLUMN %s %s",
		    s->table, s->f[k].name, col_type(s->f[k].type));
		if (sq_exec(q, sql) < 0)
			return -1;
	}
	return 0;
}

/* Schema 5 gave scans an org column: add it to an older store. */
static int
sq_migrate_scans(struct sq *q)
{
	sqlite3_stmt *st;
	bool have;

	if (sqlite3_prepare_v2(q->db, "SELECT 1 FROM pragma_table_info("
	    "'scans') WHERE name = 'org'", -1, &st, NULL) != SQLITE_OK)
		return sq_fail(q, "reading the schema");
	have = sqlite3_step(st) == SQLITE_ROW;
	sqlite3_finalize(st);
	return have ? 0 : sq_exec(q, "ALTER TABLE scans ADD COLUMN org TEXT");
}

static int
sq_schema(struct sq *q)
{
	const struct schema *const *all = schema_all();
	sqlite3_stmt *st;
	int ver = 0;

	if (sq_exec(q, "CREATE TABLE IF NOT EXISTS schema_version ("
	    "version INTEGER NOT NULL, applied_at TEXT NOT NULL);"
	    "CREATE TABLE IF NOT EXISTS scans (id INTEGER PRIMARY KEY, "
	    "site TEXT, files TEXT, started_at TEXT, finished_at TEXT, "
	    "fingerprint TEXT, complete INTEGER NOT NULL DEFAULT 0, "
	    "first_seen TEXT, last_seen TEXT, packets INTEGER, "
	    "bytes INTEGER, org TEXT);"
	    "CREATE INDEX IF NOT EXISTS scans_fp ON scans(fingerprint);") < 0)
		return -1;
	if (sqlite3_prepare_v2(q->db, "SELECT max(version) FROM "
	    "schema_version", -1, &st, NULL) != SQLITE_OK)
		return sq_fail(q, "reading schema version");
	if (sqlite3_step(st) == SQLITE_ROW)
		ver = sqlite3_column_int(st, 0);
	sqlite3_finalize(st);
	if (ver > STORE_SCHEMA) {
		snprintf(q->err, sizeof q->err, "schema version %d is newer "
		    "than this vigie understands (%d); use a newer vigie or "
		    "another --db", ver, STORE_SCHEMA);
		return -1;
	}
	if (sq_exec(q, "BEGIN") < 0)
		return -1;
	if (ver > 0 && ver < 5 && sq_migrate_scans(q) < 0)
		goto fail;
	for (unsigned k = 0; all[k]; k++) {
		char create[4096], ins[2048];

		schema_sql(all[k], create, sizeof create, ins, sizeof ins);
		if (sq_exec(q, create) < 0 || (ver > 0 && ver < STORE_SCHEMA &&
		    sq_migrate(q, all[k]) < 0))
			goto fail;
		if (sqlite3_prepare_v2(q->db, ins, -1, &q->ins[k], NULL) !=
		    SQLITE_OK) {
			sq_fail(q, "preparing insert");
			goto fail;
		}
	}
	if (sq_exec(q, "CREATE TABLE IF NOT EXISTS evidence (scan_id INTEGER "
	    "NOT NULL REFERENCES scans(id) ON DELETE CASCADE, device TEXT, "
	    "source TEXT, field TEXT, value TEXT, confidence INTEGER, "
	    "count INTEGER);"
	    "CREATE INDEX IF NOT EXISTS evidence_scan ON evidence(scan_id);"
	    "CREATE INDEX IF NOT EXISTS evidence_device ON "
	    "evidence(device);"
	    "CREATE TABLE IF NOT EXISTS zones (scan_id INTEGER NOT NULL "
	    "REFERENCES scans(id) ON DELETE CASCADE, name TEXT, org TEXT, "
	    "shape TEXT, lat REAL, lon REAL, radius_m REAL, vertices TEXT);"
	    "CREATE INDEX IF NOT EXISTS zones_scan ON zones(scan_id);") < 0)
		goto fail;
	if (sqlite3_prepare_v2(q->db, "INSERT INTO evidence VALUES (?, ?, ?, "
	    "?, ?, ?, ?)", -1, &q->evid, NULL) != SQLITE_OK) {
		sq_fail(q, "preparing insert");
		goto fail;
	}
	if (ver < STORE_SCHEMA && sq_exec(q, "INSERT INTO schema_version "
	    "VALUES (" STR(STORE_SCHEMA) ", "
	    "strftime('%Y-%m-%dT%H:%M:%SZ','now'))") < 0)
		goto fail;
	return sq_exec(q, "COMMIT");
fail:
	sqlite3_exec(q->db, "ROLLBACK", NULL, NULL, NULL);
	return -1;
}

/* A polygon's vertices as JSON text [[lat,lon],...] into buf. */
static void
zone_vertices(const struct zone *z, char *buf, size_t n)
{
	size_t o = (size_t)snprintf(buf, n, "[");

	for (unsigned i = 0; i < z->nv && o < n; i++)
		o += (size_t)snprintf(buf + o, n - o, "%s[%.7f,%.7f]",
		    i ? "," : "", z->vlat[i], z->vlon[i]);
	if (o < n)
		snprintf(buf + o, n - o, "]");
}

/* The zones of the sites file, as rows of table zones for this scan (so
 * that a report can draw them and find a site's organisation). */
static int
sq_zones(struct sq *q, const struct zones *zs)
{
	sqlite3_stmt *st;
	char vert[ZONE_MAX_VERTICES * 32 + 8];
	int rc = SQLITE_DONE;

	if (sqlite3_prepare_v2(q->db, "INSERT INTO zones VALUES (?, ?, ?, ?, "
	    "?, ?, ?, ?)", -1, &st, NULL) != SQLITE_OK)
		return sq_fail(q, "storing zones");
	for (unsigned i = 0; i < zs->n && rc == SQLITE_DONE; i++) {
		const struct zone *z = &zs->z[i];
		bool circle = z->shape == ZONE_CIRCLE;

		sqlite3_reset(st);
		sqlite3_clear_bindings(st);
		sqlite3_bind_int64(st, 1, q->scan);
		sqlite3_bind_text(st, 2, z->name, -1, SQLITE_TRANSIENT);
		if (z->org[0])
			sqlite3_bind_text(st, 3, z->org, -1, SQLITE_TRANSIENT);
		sqlite3_bind_text(st, 4, circle ? "circle" : "polygon", -1,
		    SQLITE_STATIC);
		if (circle) {
			sqlite3_bind_double(st, 5, z->lat);
			sqlite3_bind_double(st, 6, z->lon);
			sqlite3_bind_double(st, 7, z->radius);
		} else {
			zone_vertices(z, vert, sizeof vert);
			sqlite3_bind_text(st, 8, vert, -1, SQLITE_TRANSIENT);
		}
		rc = sqlite3_step(st);
	}
	sqlite3_finalize(st);
	return rc == SQLITE_DONE ? 0 : sq_fail(q, "storing zones");
}

static int
sq_begin_scan(struct sq *q, const struct store_meta *m)
{
	sqlite3_stmt *st;
	int rc;

	if (sqlite3_prepare_v2(q->db, "INSERT INTO scans (site, org, "
	    "started_at) VALUES (?, ?, strftime('%Y-%m-%dT%H:%M:%SZ','now'))",
	    -1, &st, NULL) != SQLITE_OK)
		return sq_fail(q, "starting scan");
	if (m->site)
		sqlite3_bind_text(st, 1, m->site, -1, SQLITE_TRANSIENT);
	if (m->org)
		sqlite3_bind_text(st, 2, m->org, -1, SQLITE_TRANSIENT);
	rc = sqlite3_step(st);
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE)
		return sq_fail(q, "starting scan");
	q->scan = sqlite3_last_insert_rowid(q->db);
	if (m->zones != NULL && m->zones->n > 0)
		return sq_zones(q, m->zones);
	return 0;
}

static int
sq_bind(struct sq *q, sqlite3_stmt *st, int col, enum ftype t,
    const struct val *v)
{
	char tmp[STR_MAX * 3 + 64];

	if (!v->set)
		return sqlite3_bind_null(st, col);
	switch (t) {
	case FT_STR: {
		size_t n = esc_utf8(tmp, sizeof tmp, v->u.s.p,
		    v->u.s.len > STR_MAX ? STR_MAX : v->u.s.len);
		return sqlite3_bind_text(st, col, tmp, (int)n,
		    SQLITE_TRANSIENT);
	}
	case FT_U64:
		return sqlite3_bind_int64(st, col, (sqlite3_int64)v->u.u);
	case FT_I64:
		return sqlite3_bind_int64(st, col, (sqlite3_int64)v->u.i);
	case FT_F64:
	case FT_DEG:
		return sqlite3_bind_double(st, col, v->u.d);
	case FT_BOOL:
		return sqlite3_bind_int(st, col, v->u.b);
	case FT_TIME:
		time_fmt(v->u.u, tmp, sizeof tmp);
		break;
	case FT_ADDR:
		addr_fmt(&v->u.a, tmp, sizeof tmp);
		break;
	case FT_MAC:
		mac_fmt(v->u.mac, tmp, sizeof tmp);
		break;
	case FT_EVID:
		return SQLITE_MISUSE; /* written to table evidence instead */
	case FT_ADDRS:
	case FT_OBJ: {
		long n = json_value(t, v, &q->jbuf, &q->jcap);

		if (n < 0)
			return SQLITE_NOMEM;
		return sqlite3_bind_text(st, col, q->jbuf, (int)n,
		    SQLITE_TRANSIENT);
	}
	}
	return sqlite3_bind_text(st, col, tmp, -1, SQLITE_TRANSIENT);
}

/* Rows of table evidence for the FT_EVID fields of r, tagged with the
 * value of r's key field (records without one have no evidence). */
static int
sq_evidence(struct sq *q, const struct record *r)
{
	const struct val *key;
	char tmp[STR_MAX * 3 + 64];

	if (r->s->key < 0)
		return 0;
	key = &r->v[r->s->key];
	for (unsigned i = 0; i < r->s->n; i++) {
		const struct val *v = &r->v[i];

		if (r->s->f[i].type != FT_EVID || !v->set)
			continue;
		for (unsigned j = 0; j < v->u.evid.n; j++) {
			const struct rec_evid *e = &v->u.evid.v[j];
			size_t n;

			sqlite3_reset(q->evid);
			sqlite3_bind_int64(q->evid, 1, q->scan);
			if (key->set)
				sqlite3_bind_text(q->evid, 2, key->u.s.p,
				    (int)key->u.s.len, SQLITE_TRANSIENT);
			else
				sqlite3_bind_null(q->evid, 2);
			sqlite3_bind_text(q->evid, 3, e->source, -1,
			    SQLITE_STATIC);
			sqlite3_bind_text(q->evid, 4, e->field, -1,
			    SQLITE_STATIC);
			n = esc_utf8(tmp, sizeof tmp, e->val,
			    e->len > STR_MAX ? STR_MAX : e->len);
			sqlite3_bind_text(q->evid, 5, tmp, (int)n,
			    SQLITE_TRANSIENT);
			sqlite3_bind_int(q->evid, 6, (int)e->conf);
			sqlite3_bind_int(q->evid, 7, (int)e->count);
			if (sqlite3_step(q->evid) != SQLITE_DONE)
				return sq_fail(q, "storing evidence");
		}
	}
	return 0;
}

static int
sq_write(void *self, const struct record *r)
{
	struct sq *q = self;
	const struct schema *const *all = schema_all();
	sqlite3_stmt *st = NULL;

	for (unsigned k = 0; all[k]; k++)
		if (all[k] == r->s)
			st = q->ins[k];
	if (st == NULL) {
		snprintf(q->err, sizeof q->err, "no table for %s", r->s->name);
		return -1;
	}
	if (q->pending == 0 && sq_exec(q, "BEGIN") < 0)
		return -1;
	sqlite3_reset(st);
	sqlite3_bind_int64(st, 1, q->scan);
	for (unsigned i = 0, col = 2; i < r->s->n; i++) {
		if (r->s->f[i].type == FT_EVID)
			continue;
		if (sq_bind(q, st, (int)col++, r->s->f[i].type, &r->v[i]) !=
		    SQLITE_OK)
			return sq_fail(q, "storing a record");
	}
	if (sqlite3_step(st) != SQLITE_DONE || sq_evidence(q, r) < 0) {
		sq_fail(q, "storing a record");
		sqlite3_exec(q->db, "ROLLBACK", NULL, NULL, NULL);
		q->pending = 0;
		return -1;
	}
	if (++q->pending >= SQL_BATCH) {
		q->pending = 0;
		if (sq_exec(q, "COMMIT") < 0) {
			sqlite3_exec(q->db, "ROLLBACK", NULL, NULL, NULL);
			return -1;
		}
	}
	return 0;
}

static int
sq_finish(struct sq *q, const struct run_end *e)
{
	sqlite3_stmt *st;
	char fp[32], t0[40], t1[40];
	int rc;

	snprintf(fp, sizeof fp, "%016llx", (unsigned long long)e->fingerprint);
	if (q->pending == 0 && sq_exec(q, "BEGIN") < 0)
		return -1;
	q->pending = 1;
	if (sqlite3_prepare_v2(q->db, "DELETE FROM scans WHERE complete = 1 "
	    "AND fingerprint = ?1 AND site IS (SELECT site FROM scans WHERE "
	    "id = ?2) AND id <> ?2", -1, &st, NULL) != SQLITE_OK)
		return sq_fail(q, "replacing an earlier scan");
	sqlite3_bind_text(st, 1, fp, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int64(st, 2, q->scan);
	rc = sqlite3_step(st);
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE)
		return sq_fail(q, "replacing an earlier scan");
	if (sqlite3_prepare_v2(q->db, "UPDATE scans SET complete = 1, "
	    "fingerprint = ?, files = ?, first_seen = ?, last_seen = ?, "
	    "packets = ?, bytes = ?, finished_at = "
	    "strftime('%Y-%m-%dT%H:%M:%SZ','now') WHERE id = ?", -1, &st,
	    NULL) != SQLITE_OK)
		return sq_fail(q, "closing the scan");
	sqlite3_bind_text(st, 1, fp, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 2, e->files, -1, SQLITE_TRANSIENT);
	if (e->packets) {
		sqlite3_bind_text(st, 3, time_fmt(e->first_us, t0, sizeof t0),
		    -1, SQLITE_TRANSIENT);
		sqlite3_bind_text(st, 4, time_fmt(e->last_us, t1, sizeof t1),
		    -1, SQLITE_TRANSIENT);
	}
	sqlite3_bind_int64(st, 5, (sqlite3_int64)e->packets);
	sqlite3_bind_int64(st, 6, (sqlite3_int64)e->bytes);
	sqlite3_bind_int64(st, 7, q->scan);
	rc = sqlite3_step(st);
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE)
		return sq_fail(q, "closing the scan");
	if (sq_exec(q, "COMMIT") < 0)
		return -1;
	q->pending = 0;
	return 0;
}

static void
sq_free(struct sq *q)
{
	for (unsigned k = 0; k < sizeof q->ins / sizeof q->ins[0]; k++)
		sqlite3_finalize(q->ins[k]);
	sqlite3_finalize(q->evid);
	sqlite3_close(q->db);
	free(q->jbuf);
	free(q);
}

static int
sq_close(void *self, const struct run_end *e, char *msg, size_t msgn)
{
	struct sq *q = self;
	int rc = 0;

	/* e is NULL when the run failed: leave this scan incomplete. */
	if (e != NULL && sq_finish(q, e) < 0) {
		snprintf(msg, msgn, "database %s: %s; this scan was not "
		    "stored, earlier scans are intact", q->path, q->err);
		sqlite3_exec(q->db, "ROLLBACK", NULL, NULL, NULL);
		rc = -1;
	} else if (e == NULL && q->pending) {
		sqlite3_exec(q->db, "COMMIT", NULL, NULL, NULL);
	}
	sq_free(q);
	return rc;
}

static const char *
sq_error(void *self)
{
	return ((struct sq *)self)->err;
}

static const struct sink_ops sqlite_ops = { "sqlite", sq_write, sq_close,
	sq_error };

int
sqlite_open(struct sink *s, const char *path, const struct store_meta *m,
    char *err, size_t errn)
{
	struct sq *q = calloc(1, sizeof *q);

	if (q == NULL) {
		snprintf(err, errn, "out of memory");
		return -1;
	}
	snprintf(q->path, sizeof q->path, "%s", path);
	if (sqlite3_open_v2(path, &q->db, SQLITE_OPEN_READWRITE |
	    SQLITE_OPEN_CREATE, NULL) != SQLITE_OK) {
		snprintf(err, errn, "cannot open database %s: %s", path,
		    q->db ? sqlite3_errmsg(q->db) : "out of memory");
		sq_free(q);
		return -1;
	}
	sqlite3_busy_timeout(q->db, 5000);
	if (sq_exec(q, "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; "
	    "PRAGMA foreign_keys=ON;") < 0 || sq_schema(q) < 0 ||
	    sq_begin_scan(q, m) < 0) {
		snprintf(err, errn, "cannot use database %s: %s", path, q->err);
		sq_free(q);
		return -1;
	}
	s->ops = &sqlite_ops;
	s->self = q;
	s->failed = 0;
	return 0;
}
