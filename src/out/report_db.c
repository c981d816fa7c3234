/* SPDX-License-Identifier: MIT */
/* report_db.c - the store as the report sees it: complete scans chosen by
 * site and time, each kind of record merged across them, the summary.
 *
 * A device is one (site, key): the records of it in several scans (the
 * same site captured on several days, or a record split when the host
 * table was full) fold into one row. Its counters are summed, its first
 * and last times widened, and its identity taken from the record that
 * claims most: covered first, then the highest confidence, then the
 * latest. Destinations fold by (site, device, remote, transport, port),
 * alerts by (site, rule, device, remote, ref), drones by (site, id), zones
 * by (site, name), all keeping the latest record's descriptive fields.
 *
 * A record is in the time window when it overlaps it: last seen at or
 * after --since and first seen at or before --until (its counters are
 * its whole record's, not prorated). Drone positions are in the window
 * by their own time. Stored times are RFC 3339 text of fixed width, so
 * they compare as strings.
 *
 * A site's organisation is the --org of its latest scan that gave one,
 * else the org= of the sites-file zone named like the site. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "report.h"

const char *const rep_sum_name[RS_COUNT] = {
	[RS_SCANS] = "scans", [RS_SITES] = "sites",
	[RS_ORGS] = "organisations", [RS_DEVICES] = "devices",
	[RS_COVERED] = "covered_devices", [RS_DESTS] = "destinations",
	[RS_BYTES_UP] = "bytes_up", [RS_FLAGGED] = "bytes_up_flagged",
	[RS_FLAGGED_COVERED] = "bytes_up_flagged_covered",
	[RS_ALERTS] = "alerts", [RS_CRITICAL] = "alerts_critical",
	[RS_HIGH] = "alerts_high", [RS_MEDIUM] = "alerts_medium",
	[RS_LOW] = "alerts_low", [RS_INFO] = "alerts_info",
	[RS_DRONES] = "drones", [RS_POSITIONS] = "drone_positions",
	[RS_ZONES] = "zones",
};

/* What each summary figure counts, over the merged tables. */
static const char *const sum_sql[RS_COUNT] = {
	[RS_SCANS] = "SELECT count(*) FROM r_scan",
	[RS_SITES] = "SELECT count(*) FROM r_site",
	[RS_ORGS] = "SELECT count(DISTINCT org) FROM r_site",
	[RS_DEVICES] = "SELECT count(*) FROM r_dev",
	[RS_COVERED] = "SELECT count(*) FROM r_dev WHERE covered",
	[RS_DESTS] = "SELECT count(*) FROM r_dst",
	[RS_BYTES_UP] = "SELECT total(bytes_up) FROM r_dst",
	[RS_FLAGGED] = "SELECT total(bytes_up) FROM r_dst WHERE flagged",
	[RS_FLAGGED_COVERED] = ("SELECT total(bytes_up) FROM r_dst "
	    "WHERE flagged AND covered"),
	[RS_ALERTS] = "SELECT count(*) FROM r_alert",
	[RS_CRITICAL] = "SELECT count(*) FROM r_alert WHERE sev_rank = 0",
	[RS_HIGH] = "SELECT count(*) FROM r_alert WHERE sev_rank = 1",
	[RS_MEDIUM] = "SELECT count(*) FROM r_alert WHERE sev_rank = 2",
	[RS_LOW] = "SELECT count(*) FROM r_alert WHERE sev_rank = 3",
	[RS_INFO] = "SELECT count(*) FROM r_alert WHERE sev_rank = 4",
	[RS_DRONES] = "SELECT count(*) FROM r_drone",
	[RS_POSITIONS] = "SELECT count(*) FROM r_pos",
	[RS_ZONES] = "SELECT count(*) FROM r_zone",
};

/* The window test for a record x (?1 since, ?2 until; NULL: open). */
#define WIN "(?1 IS NULL OR x.last_seen >= ?1) AND " \
	"(?2 IS NULL OR x.first_seen <= ?2)"

/* The rowid of the record a group keeps: the one with the greatest sort
 * key k (text), ties to the latest (rowids grow with scans). One GROUP BY
 * and a rowid lookup: a window function costs twice as much. */
#define REP(k) "CAST(substr(max(" k " || printf('%019d', x.rowid)), -19) " \
	"AS INTEGER) AS rep"

/* The merged tables, built in this order (each may use the ones before;
 * ?1 and ?2 are the window). */
static const char *const build_sql[] = {
	"CREATE TEMP TABLE r_scan AS SELECT x.id AS id, x.site AS site, "
	"x.org AS org, x.files AS files, x.first_seen AS first_seen, "
	"x.last_seen AS last_seen, x.packets AS packets, x.bytes AS bytes "
	"FROM scans x WHERE x.complete = 1 AND (NOT EXISTS (SELECT 1 FROM "
	"r_want) OR x.site IN (SELECT site FROM r_want)) AND " WIN,

	"CREATE TEMP TABLE r_site AS SELECT g.site AS site, coalesce("
	"(SELECT s.org FROM r_scan s WHERE s.site IS g.site AND s.org <> '' "
	"ORDER BY s.id DESC LIMIT 1), (SELECT z.org FROM zones z JOIN r_scan "
	"s ON s.id = z.scan_id WHERE s.site IS g.site AND z.name = g.site "
	"AND z.org <> '' ORDER BY z.scan_id DESC LIMIT 1)) AS org "
	"FROM (SELECT DISTINCT site FROM r_scan) g",

	"CREATE TEMP TABLE r_dev AS SELECT g.site AS site, o.org AS org, "
	"d.key AS key, g.cov AS covered, d.vendor AS vendor, d.brand AS brand, "
	"d.model AS model, d.serial AS serial, d.firmware AS firmware, "
	"d.build AS build, d.kind AS kind, d.name AS name, "
	"d.covered_basis AS covered_basis, d.confidence AS confidence, "
	"d.conflicts AS conflicts, d.mac AS mac, d.via_mac AS via_mac, "
	"d.router AS router, d.vlan AS vlan, d.ips AS ips, "
	"d.ips_more AS ips_more, g.f0 AS first_seen, g.f1 AS last_seen, "
	"g.n1 AS flows, g.n2 AS pkts_out, g.n3 AS bytes_out, g.n4 AS pkts_in, "
	"g.n5 AS bytes_in, g.nrec AS records FROM (SELECT x.site AS site, "
	"max(coalesce(x.covered, 0) <> 0) AS cov, min(x.first_seen) AS f0, "
	"max(x.last_seen) AS f1, sum(x.flows) AS n1, sum(x.pkts_out) AS n2, "
	"sum(x.bytes_out) AS n3, sum(x.pkts_in) AS n4, sum(x.bytes_in) AS n5, "
	"count(*) AS nrec, " REP("printf('%d%03d', coalesce(x.covered, 0) <> 0, "
	"min(max(coalesce(x.confidence, 0), 0), 999)) || "
	"coalesce(x.last_seen, '')") " FROM devices x JOIN r_scan s "
	"ON s.id = x.scan_id WHERE " WIN " GROUP BY x.site, x.key) g "
	"JOIN devices d ON d.rowid = g.rep LEFT JOIN r_site o "
	"ON o.site IS g.site",

	"CREATE INDEX temp.r_dev_key ON r_dev(key, site)",

	"CREATE TEMP TABLE r_devscan AS SELECT DISTINCT x.scan_id AS scan_id, "
	"x.site AS site, x.key AS key FROM devices x JOIN r_scan s "
	"ON s.id = x.scan_id WHERE " WIN,

	"CREATE INDEX temp.r_devscan_key ON r_devscan(scan_id, key)",

	"CREATE TEMP TABLE r_evid AS SELECT ds.site AS site, e.device AS device, "
	"e.source AS source, e.field AS field, e.value AS value, "
	"max(e.confidence) AS confidence, sum(e.count) AS count "
	"FROM evidence e JOIN r_devscan ds ON ds.scan_id = e.scan_id AND "
	"ds.key = e.device GROUP BY ds.site, e.device, e.source, e.field, "
	"e.value",

	"CREATE INDEX temp.r_evid_dev ON r_evid(device, site)",

	"CREATE TEMP TABLE r_dst AS SELECT g.site AS site, g.device AS device, "
	"coalesce(v.covered, d.covered, 0) AS covered, d.local AS local, "
	"d.remote AS remote, d.name AS name, d.name_source AS name_source, "
	"d.country AS country, d.asn AS asn, d.org AS org, d.scope AS scope, "
	"coalesce(d.flagged, 0) AS flagged, d.cloud AS cloud, d.proto AS proto, "
	"d.port AS port, CASE WHEN g.dmin <> g.dmax THEN 'both' ELSE "
	"d.direction END AS direction, g.n1 AS flows, g.n2 AS pkts_up, "
	"g.n3 AS bytes_up, g.n4 AS pkts_down, g.n5 AS bytes_down, "
	"g.f0 AS first_seen, g.f1 AS last_seen FROM (SELECT x.site AS site, "
	"x.device AS device, min(x.direction) AS dmin, "
	"max(x.direction) AS dmax, min(x.first_seen) AS f0, "
	"max(x.last_seen) AS f1, sum(x.flows) AS n1, sum(x.pkts_up) AS n2, "
	"sum(x.bytes_up) AS n3, sum(x.pkts_down) AS n4, "
	"sum(x.bytes_down) AS n5, " REP("coalesce(x.last_seen, '')")
	" FROM destinations x JOIN r_scan s ON s.id = x.scan_id WHERE " WIN
	" GROUP BY x.site, x.device, x.remote, x.proto, x.port) g "
	"JOIN destinations d ON d.rowid = g.rep "
	"LEFT JOIN r_dev v ON v.key = g.device AND v.site IS g.site",

	"CREATE INDEX temp.r_dst_dev ON r_dst(device, site)",

	"CREATE TEMP TABLE r_alert AS SELECT g.site AS site, a.rule AS rule, "
	"a.severity AS severity, a.device AS device, a.remote AS remote, "
	"a.remote_name AS remote_name, a.country AS country, a.ref AS ref, "
	"a.summary AS summary, a.evidence AS evidence, g.f0 AS first_seen, "
	"g.f1 AS last_seen, g.n AS count, CASE a.severity WHEN 'critical' "
	"THEN 0 WHEN 'high' THEN 1 WHEN 'medium' THEN 2 WHEN 'low' THEN 3 "
	"WHEN 'info' THEN 4 ELSE 5 END AS sev_rank FROM (SELECT x.site AS "
	"site, min(x.first_seen) AS f0, max(x.last_seen) AS f1, "
	"sum(x.count) AS n, " REP("coalesce(x.last_seen, '')") " FROM alerts x "
	"JOIN r_scan s ON s.id = x.scan_id WHERE " WIN " GROUP BY x.site, "
	"x.rule, x.device, x.remote, x.ref) g JOIN alerts a ON a.rowid = g.rep",

	"CREATE TEMP TABLE r_drone AS SELECT g.site AS site, d.id AS id, "
	"d.id_type AS id_type, d.ids AS ids, d.protocols AS protocols, "
	"d.carriers AS carriers, d.maker AS maker, d.model AS model, "
	"d.product_code AS product_code, d.serial_valid AS serial_valid, "
	"d.ua_type AS ua_type, d.transmitters AS transmitters, d.ssid AS ssid, "
	"d.channels AS channels, g.r0 AS rssi_min, g.r1 AS rssi_max, "
	"g.f0 AS first_seen, g.f1 AS last_seen, g.nmsg AS messages, "
	"0 AS positions, d.position_time AS position_time, d.lat AS lat, "
	"d.lon AS lon, d.alt_geo AS alt_geo, d.height AS height, "
	"d.height_ref AS height_ref, d.speed AS speed, d.heading AS heading, "
	"d.status AS status, d.operator_lat AS operator_lat, "
	"d.operator_lon AS operator_lon, d.operator_location AS "
	"operator_location, d.home_lat AS home_lat, d.home_lon AS home_lon, "
	"d.operator_id AS operator_id, d.self_id AS self_id, "
	"d.classification AS classification, d.eu_category AS eu_category, "
	"d.eu_class AS eu_class, g.mh AS max_height, g.ms AS max_speed, "
	"g.mo AS max_operator_distance, d.auth_type AS auth_type, "
	"d.linked AS linked, d.spoof AS spoof, g.nrec AS records "
	"FROM (SELECT x.site AS site, min(x.first_seen) AS f0, "
	"max(x.last_seen) AS f1, sum(x.messages) AS nmsg, "
	"min(x.rssi_min) AS r0, max(x.rssi_max) AS r1, "
	"max(x.max_height) AS mh, max(x.max_speed) AS ms, "
	"max(x.max_operator_distance) AS mo, count(*) AS nrec, "
	REP("coalesce(x.last_seen, '')") " FROM drones x JOIN r_scan s "
	"ON s.id = x.scan_id WHERE " WIN " GROUP BY x.site, x.id) g "
	"JOIN drones d ON d.rowid = g.rep",

	"CREATE INDEX temp.r_drone_id ON r_drone(id, site)",

	"CREATE TEMP TABLE r_pos AS SELECT x.site AS site, x.drone AS drone, "
	"x.time AS time, x.lat AS lat, x.lon AS lon, x.alt_geo AS alt_geo, "
	"x.height AS height, x.speed AS speed, x.heading AS heading, "
	"x.operator_lat AS operator_lat, x.operator_lon AS operator_lon, "
	"x.protocol AS protocol, x.carrier AS carrier, x.freq AS freq, "
	"x.rssi AS rssi FROM drone_positions x JOIN r_scan s "
	"ON s.id = x.scan_id WHERE (?1 IS NULL OR x.time >= ?1) AND "
	"(?2 IS NULL OR x.time <= ?2) AND EXISTS (SELECT 1 FROM r_drone d "
	"WHERE d.id = x.drone AND d.site IS x.site)",

	"CREATE INDEX temp.r_pos_drone ON r_pos(drone, site, time)",

	"UPDATE r_drone SET positions = (SELECT count(*) FROM r_pos p WHERE "
	"p.drone = r_drone.id AND p.site IS r_drone.site)",

	"CREATE TEMP TABLE r_zone AS SELECT site, name, org, shape, lat, lon, "
	"radius_m, vertices FROM (SELECT s.site AS site, z.*, row_number() "
	"OVER (PARTITION BY s.site, z.name ORDER BY z.scan_id DESC) AS rn "
	"FROM zones z JOIN r_scan s ON s.id = z.scan_id) WHERE rn = 1",
};

/* The types of table zones' columns (it has no record schema). */
static const struct field zone_f[] = {
	{ "lat", FT_DEG, "" }, { "lon", FT_DEG, "" },
	{ "radius_m", FT_F64, "" }, { "vertices", FT_STR, "" },
};
static const struct schema zone_types = { "zone", zone_f, 4, "zones", -1 };

#define DEV_COLS "site, org, key, covered, vendor, brand, model, serial, " \
	"firmware, build, kind, name, covered_basis, confidence, conflicts, " \
	"mac, via_mac, router, vlan, ips, ips_more, first_seen, last_seen, " \
	"flows, pkts_out, bytes_out, pkts_in, bytes_in, records"
#define NULLS_LAST(c) c " IS NULL, " c

static const struct rep_table tables[] = {
	{ "summary", "SELECT key, value FROM r_sum ORDER BY ord", NULL,
	    "the figures of the summary cards, one per row" },
	{ "sites", "SELECT r.site AS site, r.org AS org, count(*) AS scans, "
	    "min(s.first_seen) AS first_seen, max(s.last_seen) AS last_seen, "
	    "CAST(total(s.packets) AS INTEGER) AS packets FROM r_site r JOIN r_scan s "
	    "ON s.site IS r.site GROUP BY r.site, r.org ORDER BY "
	    NULLS_LAST("r.site"), NULL, "sites, their organisation and scans" },
	{ "rollup", "SELECT org, site, vendor, kind, count(*) AS "
	    "covered_devices FROM r_dev WHERE covered GROUP BY org, site, "
	    "vendor, kind ORDER BY " NULLS_LAST("org") ", " NULLS_LAST("site")
	    ", " NULLS_LAST("vendor") ", " NULLS_LAST("kind"), NULL,
	    "covered devices by organisation, site, vendor and kind" },
	{ "by_org", "SELECT org, sum(covered <> 0) AS covered_devices, "
	    "count(*) AS devices FROM r_dev GROUP BY org ORDER BY "
	    "covered_devices DESC, " NULLS_LAST("org"), NULL,
	    "devices and covered devices by organisation" },
	{ "by_site", "SELECT site, org, sum(covered <> 0) AS covered_devices, "
	    "count(*) AS devices FROM r_dev GROUP BY site, org ORDER BY "
	    "covered_devices DESC, " NULLS_LAST("site"), NULL,
	    "devices and covered devices by site" },
	{ "by_vendor", "SELECT vendor, sum(covered <> 0) AS covered_devices, "
	    "count(*) AS devices FROM r_dev GROUP BY vendor ORDER BY "
	    "covered_devices DESC, devices DESC, " NULLS_LAST("vendor"), NULL,
	    "devices and covered devices by vendor" },
	{ "by_kind", "SELECT kind, sum(covered <> 0) AS covered_devices, "
	    "count(*) AS devices FROM r_dev GROUP BY kind ORDER BY "
	    "covered_devices DESC, devices DESC, " NULLS_LAST("kind"), NULL,
	    "devices and covered devices by kind" },
	{ "devices", "SELECT " DEV_COLS " FROM r_dev ORDER BY covered DESC, "
	    NULLS_LAST("site") ", key", &schema_device,
	    "every device, covered first, merged across scans" },
	{ "evidence", "SELECT site, device, source, field, value, confidence, "
	    "count FROM r_evid ORDER BY " NULLS_LAST("site") ", device, source, "
	    "field, value", NULL, "the evidence behind each device" },
	{ "destinations", "SELECT * FROM r_dst ORDER BY " NULLS_LAST("site")
	    ", device, bytes_up DESC, remote, proto, port", &schema_dest,
	    "what each device talks to" },
	{ "countries", "SELECT country, CAST(total(bytes_up) AS INTEGER) AS "
	    "bytes_up, CAST(total(CASE WHEN covered THEN bytes_up ELSE 0 END) "
	    "AS INTEGER) AS bytes_up_covered, max(flagged) AS flagged, count(*) AS "
	    "destinations FROM r_dst WHERE country IS NOT NULL GROUP BY "
	    "country ORDER BY bytes_up DESC, country", &schema_dest,
	    "bytes sent up by country of the remote address" },
	{ "alerts", "SELECT site, rule, severity, device, remote, remote_name, "
	    "country, ref, summary, evidence, first_seen, last_seen, count "
	    "FROM r_alert ORDER BY sev_rank, " NULLS_LAST("site") ", rule, "
	    NULLS_LAST("device") ", " NULLS_LAST("remote") ", ref, first_seen",
	    &schema_alert, "alerts, most severe first" },
	{ "drones", "SELECT * FROM r_drone ORDER BY " NULLS_LAST("site")
	    ", first_seen, id", &schema_drone, "every drone heard" },
	{ "drone_positions", "SELECT * FROM r_pos ORDER BY "
	    NULLS_LAST("site") ", drone, time", &schema_drone_pos,
	    "drone track points" },
	{ "zones", "SELECT * FROM r_zone ORDER BY " NULLS_LAST("site")
	    ", name", &zone_types, "protected zones of the sites files" },
	{ NULL, NULL, NULL, NULL },
};

const struct rep_table *
rep_tables(void)
{
	return tables;
}

const struct rep_table *
rep_table(const char *name)
{
	for (const struct rep_table *t = tables; t->name; t++)
		if (strcmp(t->name, name) == 0)
			return t;
	return NULL;
}

static int
fail(struct rep *r, const char *what)
{
	snprintf(r->err, sizeof r->err, "database %s: %s: %s", r->path, what,
	    sqlite3_errmsg(r->db));
	return -1;
}

sqlite3_stmt *
rep_prepare(struct rep *r, const char *sql)
{
	sqlite3_stmt *st = NULL;

	if (sqlite3_prepare_v2(r->db, sql, -1, &st, NULL) != SQLITE_OK) {
		fail(r, "reading");
		sqlite3_finalize(st);
		return NULL;
	}
	return st;
}

int
rep_step(struct rep *r, sqlite3_stmt *st)
{
	int rc = sqlite3_step(st);

	if (rc == SQLITE_ROW)
		return 1;
	if (rc != SQLITE_DONE)
		fail(r, "reading");
	sqlite3_finalize(st);
	return rc == SQLITE_DONE ? 0 : -1;
}

int
rep_next(struct rep *r, sqlite3_stmt *st, const char *what)
{
	char why[64];
	int rc = sqlite3_step(st);

	if (rc == SQLITE_ROW)
		return 1;
	if (rc == SQLITE_DONE)
		return 0;
	snprintf(why, sizeof why, "reading %s", what);
	return fail(r, why);
}

/* An integer from sql (first column of its first row) into *v. */
static int
query_i64(struct rep *r, const char *sql, int64_t *v)
{
	sqlite3_stmt *st = rep_prepare(r, sql);
	int rc;

	if (st == NULL)
		return -1;
	*v = 0;
	if ((rc = rep_step(r, st)) == 1) {
		*v = sqlite3_column_int64(st, 0);
		sqlite3_finalize(st);
	}
	return rc < 0 ? -1 : 0;
}

static bool
has_table(struct rep *r, const char *name)
{
	char sql[200];
	int64_t n = 0;

	snprintf(sql, sizeof sql, "SELECT count(*) FROM main.sqlite_master "
	    "WHERE type IN ('table', 'view') AND name = '%s'", name);
	return query_i64(r, sql, &n) == 0 && n > 0;
}

static bool
has_column(struct rep *r, const char *table, const char *col)
{
	char sql[200];
	int64_t n = 0;

	snprintf(sql, sizeof sql, "SELECT count(*) FROM pragma_table_info("
	    "'%s', 'main') WHERE name = '%s'", table, col);
	return query_i64(r, sql, &n) == 0 && n > 0;
}

/* Make table (with columns cols[0..n)) readable however old the store:
 * a missing table becomes an empty TEMP table, a table missing columns a
 * TEMP view adding them as NULL (TEMP names hide main ones). */
static int
ensure(struct rep *r, const char *table, const char *const *cols,
    unsigned n)
{
	char sql[4096];
	size_t o;

	if (!has_table(r, table)) {
		o = (size_t)snprintf(sql, sizeof sql, "CREATE TEMP TABLE %s (",
		    table);
		for (unsigned i = 0; i < n && o < sizeof sql; i++)
			o += (size_t)snprintf(sql + o, sizeof sql - o, "%s%s",
			    i ? ", " : "", cols[i]);
		if (o < sizeof sql)
			snprintf(sql + o, sizeof sql - o, ")");
	} else {
		bool missing = false;

		o = (size_t)snprintf(sql, sizeof sql, "CREATE TEMP VIEW %s AS "
		    "SELECT rowid AS rowid, *", table);
		for (unsigned i = 0; i < n && o < sizeof sql; i++) {
			if (has_column(r, table, cols[i]))
				continue;
			missing = true;
			o += (size_t)snprintf(sql + o, sizeof sql - o,
			    ", NULL AS %s", cols[i]);
		}
		if (!missing)
			return 0;
		if (o < sizeof sql)
			snprintf(sql + o, sizeof sql - o, " FROM main.%s",
			    table);
	}
	if (o >= sizeof sql)
		return fail(r, "schema too large");
	if (sqlite3_exec(r->db, sql, NULL, NULL, NULL) != SQLITE_OK)
		return fail(r, "reading an older schema");
	return 0;
}

/* Every table and column the report reads, made present. */
static int
compat(struct rep *r)
{
	static const char *const scans[] = { "id", "site", "org", "files",
		"first_seen", "last_seen", "packets", "bytes", "complete" };
	static const char *const zones[] = { "scan_id", "name", "org",
		"shape", "lat", "lon", "radius_m", "vertices" };
	static const char *const evid[] = { "scan_id", "device", "source",
		"field", "value", "confidence", "count" };
	static const struct schema *const used[] = { &schema_device,
		&schema_dest, &schema_alert, &schema_drone, &schema_drone_pos };

	if (ensure(r, "scans", scans, 9) < 0 ||
	    ensure(r, "zones", zones, 8) < 0 ||
	    ensure(r, "evidence", evid, 7) < 0)
		return -1;
	for (unsigned k = 0; k < sizeof used / sizeof used[0]; k++) {
		const char *cols[REC_MAX_FIELDS + 1] = { "scan_id" };
		unsigned n = 1;

		for (unsigned i = 0; i < used[k]->n; i++)
			if (used[k]->f[i].type != FT_EVID)
				cols[n++] = used[k]->f[i].name;
		if (ensure(r, used[k]->table, cols, n) < 0)
			return -1;
	}
	return 0;
}

int
rep_open(struct rep *r)
{
	int64_t v = 0;

	if (sqlite3_open_v2(r->path, &r->db, SQLITE_OPEN_READONLY, NULL) !=
	    SQLITE_OK) {
		snprintf(r->err, sizeof r->err, "cannot open database %s: %s "
		    "(vigie scan --db PATH writes one)", r->path,
		    r->db ? sqlite3_errmsg(r->db) : "out of memory");
		return REP_STORE;
	}
	sqlite3_busy_timeout(r->db, 5000);
	/* One read transaction: a scan finishing meanwhile is not half
	 * seen. */
	if (sqlite3_exec(r->db, "BEGIN", NULL, NULL, NULL) != SQLITE_OK ||
	    query_i64(r, "SELECT count(*) FROM main.sqlite_master", &v) < 0)
		return REP_STORE;
	if (!has_table(r, "scans") || !has_table(r, "devices")) {
		snprintf(r->err, sizeof r->err, "%s is not a vigie store (it "
		    "has no scans and devices tables; vigie scan --db PATH "
		    "writes one)", r->path);
		return REP_STORE;
	}
	r->schema = 0;
	if (has_table(r, "schema_version") && query_i64(r, "SELECT "
	    "coalesce(max(version), 0) FROM schema_version", &v) == 0)
		r->schema = (int)v;
	if (r->schema > STORE_SCHEMA) {
		snprintf(r->err, sizeof r->err, "database %s: schema version "
		    "%d is newer than this vigie understands (%d); use a newer "
		    "vigie", r->path, r->schema, STORE_SCHEMA);
		return REP_STORE;
	}
	return compat(r) < 0 ? REP_STORE : REP_OK;
}

/* Bind the window to ?1 and ?2 of st, when st has them. */
static void
bind_window(struct rep *r, sqlite3_stmt *st)
{
	if (sqlite3_bind_parameter_count(st) < 2)
		return;
	if (r->since[0])
		sqlite3_bind_text(st, 1, r->since, -1, SQLITE_STATIC);
	if (r->until[0])
		sqlite3_bind_text(st, 2, r->until, -1, SQLITE_STATIC);
}

static int
exec_bound(struct rep *r, const char *sql)
{
	sqlite3_stmt *st = rep_prepare(r, sql);

	if (st == NULL)
		return -1;
	bind_window(r, st);
	return rep_step(r, st) < 0 ? -1 : 0;
}

/* The sites asked for, as table r_want. */
static int
want_sites(struct rep *r)
{
	sqlite3_stmt *st;

	if (sqlite3_exec(r->db, "CREATE TEMP TABLE r_want (site TEXT)", NULL,
	    NULL, NULL) != SQLITE_OK)
		return fail(r, "preparing");
	for (unsigned i = 0; i < r->nsites; i++) {
		if ((st = rep_prepare(r, "INSERT INTO r_want VALUES (?)")) ==
		    NULL)
			return -1;
		sqlite3_bind_text(st, 1, r->sites[i], -1, SQLITE_STATIC);
		if (rep_step(r, st) < 0)
			return -1;
	}
	return 0;
}

/* Column col of st into buf (n bytes) if it looks like a stored time
 * (digits and - T : . Z only); else buf stays empty. */
static void
keep_time(sqlite3_stmt *st, int col, char *buf, size_t n)
{
	size_t len = 0;
	const char *t = rep_str(st, col, &len);

	if (t == NULL || len == 0 || len >= n ||
	    strspn(t, "0123456789-T:.Z") < len)
		return;
	memcpy(buf, t, len);
	buf[len] = '\0';
}

/* The summary figures as table r_sum and in r->sum. */
static int
summarise(struct rep *r)
{
	char sql[512];
	sqlite3_stmt *st;
	int rc;

	if (sqlite3_exec(r->db, "CREATE TEMP TABLE r_sum (ord INTEGER, "
	    "key TEXT, value INTEGER)", NULL, NULL, NULL) != SQLITE_OK)
		return fail(r, "preparing");
	for (unsigned k = 0; k < RS_COUNT; k++) {
		snprintf(sql, sizeof sql, "INSERT INTO r_sum VALUES (%u, '%s', "
		    "CAST((%s) AS INTEGER))", k, rep_sum_name[k], sum_sql[k]);
		if (exec_bound(r, sql) < 0)
			return -1;
	}
	if ((st = rep_prepare(r, "SELECT value FROM r_sum ORDER BY ord")) ==
	    NULL)
		return -1;
	for (unsigned k = 0; (rc = rep_step(r, st)) == 1; k++)
		if (k < RS_COUNT)
			r->sum[k] = sqlite3_column_int64(st, 0);
	if (rc < 0)
		return -1;
	st = rep_prepare(r, "SELECT min(first_seen), max(last_seen) FROM "
	    "r_scan");
	if (st == NULL)
		return -1;
	if ((rc = rep_step(r, st)) == 1) {
		keep_time(st, 0, r->first, sizeof r->first);
		keep_time(st, 1, r->last, sizeof r->last);
		sqlite3_finalize(st);
	}
	return rc < 0 ? -1 : 0;
}

int
rep_build(struct rep *r)
{
	if (want_sites(r) < 0)
		return -1;
	for (size_t i = 0; i < sizeof build_sql / sizeof build_sql[0]; i++)
		if (exec_bound(r, build_sql[i]) < 0)
			return -1;
	return summarise(r);
}

void
rep_close(struct rep *r)
{
	if (r->db != NULL) {
		sqlite3_exec(r->db, "ROLLBACK", NULL, NULL, NULL);
		sqlite3_close(r->db);
		r->db = NULL;
	}
}

const char *
rep_str(sqlite3_stmt *st, int col, size_t *n)
{
	const unsigned char *s;
	size_t len;

	if (sqlite3_column_type(st, col) == SQLITE_NULL)
		return NULL;
	s = sqlite3_column_text(st, col);
	len = (size_t)sqlite3_column_bytes(st, col);
	if (s == NULL)
		return NULL;
	if (len > REPORT_STR_MAX) {
		len = REPORT_STR_MAX;
		while (len > 0 && (s[len] & 0xc0) == 0x80)
			len--; /* not inside a UTF-8 sequence */
	}
	*n = len;
	return (const char *)s;
}

void
rep_cols(sqlite3_stmt *st, const struct schema *types, struct rep_cols *c)
{
	int n = sqlite3_column_count(st);

	c->n = n < REP_MAX_COLS ? n : REP_MAX_COLS;
	for (int i = 0; i < c->n; i++) {
		const char *name = sqlite3_column_name(st, i);

		c->name[i] = name ? name : "?";
		c->kind[i] = RK_AUTO;
		for (unsigned k = 0; types != NULL && k < types->n; k++) {
			if (strcmp(types->f[k].name, c->name[i]) != 0)
				continue;
			switch (types->f[k].type) {
			case FT_BOOL:
				c->kind[i] = RK_BOOL;
				break;
			case FT_F64:
				c->kind[i] = RK_REAL3;
				break;
			case FT_DEG:
				c->kind[i] = RK_DEG;
				break;
			case FT_ADDRS:
				c->kind[i] = RK_ADDRS;
				break;
			case FT_STR:
				if (types == &zone_types)
					c->kind[i] = RK_VERTS;
				break;
			default:
				break;
			}
		}
	}
}

void
rep_addrs(const char *s, size_t n,
    void (*fn)(void *ctx, const char *a, size_t len, unsigned i), void *ctx)
{
	unsigned k = 0;

	for (size_t i = 0; i < n;) {
		size_t j = i;
		bool sep = false; /* an address has a '.' or a ':' */

		while (j < n && s[j] != '\0' &&
		    strchr("0123456789abcdefABCDEF.:", s[j]) != NULL) {
			if (s[j] == '.' || s[j] == ':')
				sep = true;
			j++;
		}
		if (sep)
			fn(ctx, s + i, j - i, k++);
		i = j + 1;
	}
}

void
rep_vertices(const char *s, void (*fn)(void *ctx, double lat, double lon),
    void *ctx)
{
	double v[2];
	int k = 0;

	for (unsigned n = 0; s != NULL && *s && n < 2 * ZONE_MAX_VERTICES;) {
		char *end;

		if (strchr("-0123456789.", *s) == NULL) {
			s++;
			continue;
		}
		v[k] = strtod(s, &end);
		if (end == s) {
			s++;
			continue;
		}
		s = end;
		n++;
		if (++k == 2) {
			k = 0;
			if (isfinite(v[0]) && isfinite(v[1]) &&
			    fabs(v[0]) <= 90 && fabs(v[1]) <= 180)
				fn(ctx, v[0], v[1]);
		}
	}
}
