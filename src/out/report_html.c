/* SPDX-License-Identifier: MIT */
/* report_html.c - the report as one HTML page (WHATWG HTML) that needs
 * nothing else: no script, no external asset, readable offline and
 * printable. Summary cards, the roll-up, two inline SVG charts, the
 * inventory with each device's evidence in a <details>, the destinations
 * of each covered device, the alerts, and a drone panel per site.
 *
 * The page's Content-Security-Policy (a <meta> element) allows nothing
 * but its own style sheet, by hash (CSP Level 3 hash-source), and data:
 * images (the empty favicon): no request can leave the page, and a
 * script or style that got in would not run. Every string from the store
 * goes through esc_html; class names come from fixed lists, never from
 * the store. Each summary card carries data-count="NAME" (NAME as in the
 * JSON summary) on the element that shows its number. */
#include <string.h>

#include "../core/sha256.h"
#include "report.h"

/* A stored time column shortened for a table: "2026-01-06 09:00:20". */
#define T(c) "replace(substr(" c ", 1, 19), 'T', ' ')"

static const char STYLE[] =
    ":root{--fg:#1b1f24;--mut:#5b6570;--bd:#d0d7de;--bg2:#f6f8fa;"
    "--cov:#b42318;--oth:#8da2b5}"
    "body{font:14px/1.45 system-ui,sans-serif;color:var(--fg);margin:0 auto;"
    "max-width:1400px;padding:16px 24px}"
    "h1{font-size:24px;margin:0 0 4px}h2{font-size:18px;margin:28px 0 8px;"
    "border-bottom:2px solid var(--bd);padding-bottom:4px}"
    "h3{font-size:15px;margin:18px 0 6px}"
    ".meta{color:var(--mut);margin:0}"
    ".cards{display:grid;grid-template-columns:repeat(auto-fit,"
    "minmax(220px,1fr));gap:12px;margin:16px 0}"
    ".card{border:1px solid var(--bd);border-radius:8px;padding:12px 14px;"
    "background:var(--bg2);break-inside:avoid}"
    ".card h2{font-size:13px;text-transform:uppercase;letter-spacing:.04em;"
    "color:var(--mut);border:0;margin:0;padding:0}"
    ".card .n{font-size:30px;font-weight:700;margin:4px 0}"
    ".card p{margin:2px 0}.sevs{list-style:none;padding:0;margin:4px 0;"
    "display:flex;flex-wrap:wrap;gap:6px}"
    ".sevs li,.sev{border-radius:4px;padding:0 6px;font-size:12px}"
    ".critical{background:#7a0916;color:#fff}.high{background:#d92d20;"
    "color:#fff}.medium{background:#f79009}.low{background:#fdb022}"
    ".info{background:#d0d7de}.other{background:#eee}"
    "table{border-collapse:collapse;width:100%;margin:6px 0 12px;"
    "font-size:13px}th,td{border:1px solid var(--bd);padding:3px 6px;"
    "text-align:left;vertical-align:top;overflow-wrap:break-word}"
    "th{background:var(--bg2)}td.r,th.r{text-align:right;"
    "font-variant-numeric:tabular-nums;white-space:nowrap}"
    "td.k{white-space:nowrap}td.w{overflow-wrap:anywhere;min-width:7em}"
    "tr{break-inside:avoid}code{font-size:12px}"
    ".yes{color:var(--cov);font-weight:600}.none{color:var(--mut)}"
    "details summary{cursor:pointer;color:#0b57d0}td.ev summary{white-space:nowrap}"
    "td.what{min-width:18em;overflow-wrap:anywhere}td.what summary{color:inherit}"
    "table.ev{margin:4px 0;font-size:12px}"
    ".charts{display:grid;grid-template-columns:repeat(auto-fit,"
    "minmax(480px,1fr));gap:16px}"
    "svg{max-width:100%;height:auto;font:12px system-ui,sans-serif}"
    "svg .cov{fill:var(--cov)}svg .oth{fill:var(--oth)}"
    "svg .lbl{fill:var(--fg)}svg .flag{fill:var(--cov);font-weight:700}"
    "svg .val{fill:var(--mut)}svg .zone{fill:#fdb02222;stroke:#b54708;"
    "stroke-width:1.5;stroke-dasharray:6 4}svg .zl{fill:#b54708}"
    "svg .map{fill:#fbfcfd;stroke:var(--bd)}"
    "svg .trk{fill:none;stroke-width:2}svg .op{fill:none;stroke-width:1;"
    "stroke-dasharray:2 3}svg .grid{stroke:#e4e8ec}"
    ".sw{display:inline-block;width:12px;height:12px;border-radius:2px;"
    "vertical-align:middle}"
    ".c0{background:#1f77b4}.c1{background:#d62728}.c2{background:#2ca02c}"
    ".c3{background:#9467bd}.c4{background:#ff7f0e}.c5{background:#8c564b}"
    ".c6{background:#e377c2}.c7{background:#17becf}"
    "footer{margin:32px 0 8px;color:var(--mut);font-size:12px}"
    "@media print{body{max-width:none;padding:0}h2{break-after:avoid}"
    "details::details-content{content-visibility:visible;display:block}"
    "details summary{color:var(--fg)}}";

/* A severity as a class name: only the five known ones pass. */
static const char *
sev_class(const char *s, size_t n)
{
	static const char *const known[] = { "critical", "high", "medium",
		"low", "info" };

	for (unsigned i = 0; s && i < 5; i++)
		if (n == strlen(known[i]) && memcmp(s, known[i], n) == 0)
			return known[i];
	return "other";
}

/* Characters of a table cell shown; a longer value is cut, whole in
 * the cell's title (and in the evidence, JSON and CSV). */
#define CELL_CHARS 60

/* Bytes of the first max characters of UTF-8 text s (n bytes). */
static size_t
first_chars(const char *s, size_t n, unsigned max)
{
	unsigned k = 0;

	for (size_t i = 0; i < n; i++)
		if (((unsigned char)s[i] & 0xc0) != 0x80 && k++ == max)
			return i;
	return n;
}

/* Column col of st as an escaped table cell ("-" when NULL); cls: a
 * class of the cell, or "". */
static void
td_class(struct rep *r, sqlite3_stmt *st, int col, const char *cls)
{
	size_t n = 0, k;
	const char *s = rep_str(st, col, &n);

	if (s == NULL) {
		fprintf(r->f, "<td class=\"%s\"><span class=\"none\">-</span>"
		    "</td>", cls);
		return;
	}
	if ((k = first_chars(s, n, CELL_CHARS)) == n) {
		fprintf(r->f, "<td class=\"%s\">", cls);
		rep_html(r, s, n);
	} else {
		fprintf(r->f, "<td class=\"%s\" title=\"", cls);
		rep_html(r, s, n);
		fputs("\">", r->f);
		rep_html(r, s, k);
		fputs("&#8230;", r->f);
	}
	fputs("</td>", r->f);
}

static void
td(struct rep *r, sqlite3_stmt *st, int col)
{
	td_class(r, st, col, "");
}

/* Column col as a right-aligned number with separators. */
static void
td_num(struct rep *r, sqlite3_stmt *st, int col)
{
	char b[32];

	if (sqlite3_column_type(st, col) == SQLITE_NULL)
		fputs("<td class=\"r\"><span class=\"none\">-</span></td>", r->f);
	else if (sqlite3_column_type(st, col) != SQLITE_INTEGER)
		td(r, st, col);
	else
		fprintf(r->f, "<td class=\"r\">%s</td>",
		    rep_num(sqlite3_column_int64(st, col), b, sizeof b));
}

/* Column headers: a leading '#' marks a number (right-aligned), '='
 * text kept on one line (keys, times), '~' text that may break anywhere
 * (models, serials: long words from the wire). */
static void
ths(struct rep *r, const char *const *h, unsigned n)
{
	fputs("<table><thead><tr>", r->f);
	for (unsigned i = 0; i < n; i++)
		fprintf(r->f, "<th%s>%s</th>", h[i][0] == '#' ? " class=\"r\"" :
		    "", h[i][0] != '\0' && strchr("#=~", h[i][0]) != NULL ?
		    h[i] + 1 : h[i]);
	fputs("</tr></thead><tbody>\n", r->f);
}

/* Column col of st as a cell of the column headed h (see ths). */
static void
td_as(struct rep *r, sqlite3_stmt *st, int col, const char *h)
{
	if (h[0] == '#')
		td_num(r, st, col);
	else
		td_class(r, st, col, h[0] == '=' ? "k" : h[0] == '~' ? "w" :
		    "");
}

static void
head(struct rep *r)
{
	uint8_t h[32];
	char b64[64];

	sha256(STYLE, sizeof STYLE - 1, h);
	base64(h, sizeof h, b64, sizeof b64);
	fprintf(r->f, "<!DOCTYPE html>\n<html lang=\"en\"><head>"
	    "<meta charset=\"utf-8\">\n<meta http-equiv=\"Content-Security-"
	    "Policy\" content=\"default-src 'none'; style-src 'sha256-%s'; "
	    "img-src data:; base-uri 'none'; form-action 'none'\">\n"
	    "<meta name=\"referrer\" content=\"no-referrer\">"
	    "<meta name=\"viewport\" content=\"width=device-width, "
	    "initial-scale=1\">\n<title>vigie report</title>"
	    "<link rel=\"icon\" href=\"data:,\">\n<style>%s</style>\n"
	    "</head><body>\n", b64, STYLE);
	fputs("<header><h1>vigie report</h1><p class=\"meta\">Store <code>",
	    r->f);
	rep_htmls(r, r->path);
	fprintf(r->f, "</code>, schema %d. Packets from ", r->schema);
	rep_htmls(r, r->first[0] ? r->first : "-");
	fputs(" to ", r->f);
	rep_htmls(r, r->last[0] ? r->last : "-");
	fputs(" (UTC).</p><p class=\"meta\">Filter: ", r->f);
	if (r->nsites == 0 && !r->since[0] && !r->until[0])
		fputs("none", r->f);
	for (unsigned i = 0; i < r->nsites; i++) {
		fputs(i ? ", " : "sites ", r->f);
		rep_htmls(r, r->sites[i]);
	}
	if (r->since[0])
		fprintf(r->f, "; since %s", r->since);
	if (r->until[0])
		fprintf(r->f, "; until %s", r->until);
	fputs(".</p></header>\n", r->f);
}

static void
count(struct rep *r, enum rep_sum k)
{
	char b[32];

	fprintf(r->f, "<span data-count=\"%s\">%s</span>", rep_sum_name[k],
	    rep_num(r->sum[k], b, sizeof b));
}

static void
cards(struct rep *r)
{
	static const enum rep_sum sev[] = { RS_CRITICAL, RS_HIGH, RS_MEDIUM,
		RS_LOW, RS_INFO };
	static const char *const sevn[] = { "critical", "high", "medium",
		"low", "info" };
	char b[32];

	fputs("<section class=\"cards\" id=\"summary\">\n<div class=\"card\" "
	    "id=\"card-covered\"><h2>Covered devices</h2><p class=\"n\">",
	    r->f);
	count(r, RS_COVERED);
	fputs("</p><p>of ", r->f);
	count(r, RS_DEVICES);
	fputs(" devices</p><p>sites ", r->f);
	count(r, RS_SITES);
	fputs(", organisations ", r->f);
	count(r, RS_ORGS);
	fputs("</p></div>\n<div class=\"card\" id=\"card-"
	    "alerts\"><h2>Alerts</h2><p class=\"n\">", r->f);
	count(r, RS_ALERTS);
	fputs("</p><ul class=\"sevs\">", r->f);
	for (unsigned i = 0; i < 5; i++) {
		fprintf(r->f, "<li class=\"%s\">%s ", sevn[i], sevn[i]);
		count(r, sev[i]);
		fputs("</li>", r->f);
	}
	fputs("</ul></div>\n<div class=\"card\" id=\"card-flagged\"><h2>Sent "
	    "to flagged jurisdictions</h2><p class=\"n\">", r->f);
	count(r, RS_FLAGGED_COVERED);
	fprintf(r->f, "</p><p>bytes by covered devices (%s)</p><p>by all "
	    "devices: ", rep_bytes(r->sum[RS_FLAGGED_COVERED], b, sizeof b));
	count(r, RS_FLAGGED);
	fputs(" bytes</p></div>\n<div class=\"card\" id=\"card-drones\">"
	    "<h2>Drones heard</h2><p class=\"n\">", r->f);
	count(r, RS_DRONES);
	fputs("</p><p>", r->f);
	count(r, RS_POSITIONS);
	fputs(" positions, ", r->f);
	count(r, RS_ZONES);
	fputs(" protected zones</p></div>\n</section>\n", r->f);
}

/* Rows of sql as a table with headers h (a leading '#': a number). */
static int
simple_table(struct rep *r, const char *sql, const char *const *h,
    unsigned n)
{
	sqlite3_stmt *st = rep_prepare(r, sql);
	int rc, rows = 0;

	if (st == NULL)
		return -1;
	ths(r, h, n);
	while ((rc = rep_step(r, st)) == 1) {
		fputs("<tr>", r->f);
		for (unsigned i = 0; i < n; i++) {
			td_as(r, st, (int)i, h[i]);
		}
		fputs("</tr>\n", r->f);
		rows++;
	}
	if (rows == 0)
		fprintf(r->f, "<tr><td colspan=\"%u\" class=\"none\">none"
		    "</td></tr>", n);
	fputs("</tbody></table>\n", r->f);
	return rc;
}

/* The evidence of the device in row dev (site col 0, key col 1). */
static int
evidence(struct rep *r, sqlite3_stmt *ev, sqlite3_stmt *dev)
{
	int rc, n = 0;

	sqlite3_reset(ev);
	sqlite3_bind_value(ev, 1, sqlite3_column_value(dev, 0));
	sqlite3_bind_value(ev, 2, sqlite3_column_value(dev, 1));
	fputs("<td class=\"ev\">", r->f);
	while ((rc = rep_next(r, ev, "evidence")) == 1) {
		if (n++ == 0)
			fputs("<details><summary>evidence</summary><table "
			    "class=\"ev\"><tr><th>source</th><th>field</th>"
			    "<th>value</th><th class=\"r\">conf.</th>"
			    "<th class=\"r\">count</th></tr>", r->f);
		fputs("<tr>", r->f);
		td(r, ev, 0);
		td(r, ev, 1);
		td_class(r, ev, 2, "w");
		td_num(r, ev, 3);
		td_num(r, ev, 4);
		fputs("</tr>", r->f);
	}
	fputs(n ? "</table></details></td>" : "<span class=\"none\">none"
	    "</span></td>", r->f);
	return rc;
}

/* Devices (covered or not) with their evidence; at most limit rows. */
static int
inventory(struct rep *r, bool covered, int limit)
{
	static const char *const h[] = { "=site", "=device", "vendor (brand)",
		"~model", "=kind", "~name", "~serial", "~firmware", "=addresses",
		"#bytes up", "=last seen", "#conf.", "evidence" };
	char sql[768];
	sqlite3_stmt *st, *ev;
	int rc, rows = 0;

	snprintf(sql, sizeof sql, "SELECT site, key, vendor || coalesce(' (' "
	    "|| brand || ')', ''), model, kind, name, serial, firmware, "
	    "replace(replace(replace(ips, '[', "
	    "''), ']', ''), '\"', ''), bytes_out, %s, confidence FROM r_dev "
	    "WHERE %s covered ORDER BY site IS NULL, site, key LIMIT %d",
	    T("last_seen"), covered ? "" : "NOT", limit);
	if ((ev = rep_prepare(r, "SELECT source, field, value, confidence, "
	    "count FROM r_evid WHERE device = ?2 AND site IS ?1 ORDER BY "
	    "source, field, value")) == NULL)
		return -1;
	if ((st = rep_prepare(r, sql)) == NULL) {
		sqlite3_finalize(ev);
		return -1;
	}
	ths(r, h, 13);
	while ((rc = rep_step(r, st)) == 1) {
		fputs("<tr>", r->f);
		for (int i = 0; i < 12; i++) {
			td_as(r, st, i, h[i]);
		}
		if (evidence(r, ev, st) < 0) {
			sqlite3_finalize(st);
			rc = -1;
			break;
		}
		fputs("</tr>\n", r->f);
		rows++;
	}
	sqlite3_finalize(ev);
	if (rows == 0 && rc == 0)
		fputs("<tr><td colspan=\"13\" class=\"none\">none</td></tr>",
		    r->f);
	fputs("</tbody></table>\n", r->f);
	return rc;
}

/* The destinations of each covered device, biggest upload first. */
static int
destinations(struct rep *r)
{
	static const char *const h[] = { "=remote", "~name", "country",
		"AS organisation", "cloud", "=service", "direction", "#flows",
		"#bytes up", "#bytes down", "flagged" };
	char sql[1024], b[32];
	sqlite3_stmt *st;
	int rc, devs = 0;

	snprintf(sql, sizeof sql, "SELECT site, device, remote, name, country, "
	    "org, cloud, proto || '/' || port, direction, flows, bytes_up, "
	    "bytes_down, flagged, k, n FROM (SELECT *, row_number() OVER w "
	    "AS k, count(*) OVER (PARTITION BY site, device) AS n FROM r_dst "
	    "WHERE covered WINDOW w AS (PARTITION BY site, device ORDER BY "
	    "bytes_up DESC, remote, proto, port)) WHERE k <= %d ORDER BY "
	    "site IS NULL, site, device, k", REPORT_DEST_ROWS);
	if ((st = rep_prepare(r, sql)) == NULL)
		return -1;
	while ((rc = rep_step(r, st)) == 1) {
		int64_t k = sqlite3_column_int64(st, 13);
		int64_t n = sqlite3_column_int64(st, 14);

		if (k == 1) {
			size_t dn = 0, sn = 0;
			const char *dev = rep_str(st, 1, &dn);
			const char *site = rep_str(st, 0, &sn);

			devs++;
			fputs("<h3>", r->f);
			rep_html(r, dev, dn);
			fputs(" <span class=\"none\">at ", r->f);
			if (site)
				rep_html(r, site, sn);
			else
				fputs("(no site)", r->f);
			fputs("</span></h3>\n", r->f);
			ths(r, h, 11);
		}
		fputs("<tr>", r->f);
		for (int i = 2; i < 12; i++) {
			td_as(r, st, i, h[i - 2]);
		}
		fprintf(r->f, "<td>%s</td></tr>\n", sqlite3_column_int64(st,
		    12) ? "<span class=\"yes\">yes</span>" : "");
		if (k == (n < REPORT_DEST_ROWS ? n : REPORT_DEST_ROWS)) {
			if (n > REPORT_DEST_ROWS)
				fprintf(r->f, "<tr><td colspan=\"11\" class="
				    "\"none\">and %s more (JSON, CSV)</td></tr>",
				    rep_num(n - REPORT_DEST_ROWS, b, sizeof b));
			fputs("</tbody></table>\n", r->f);
		}
	}
	if (devs == 0 && rc == 0)
		fputs("<p class=\"none\">No covered device has a destination."
		    "</p>\n", r->f);
	return rc;
}

static int
alerts(struct rep *r)
{
	static const char *const h[] = { "severity", "=site", "rule",
		"=device", "~remote", "~ref", "what was seen", "=last seen",
		"#count" };
	char sql[1024];
	sqlite3_stmt *st;
	int rc, rows = 0;

	snprintf(sql, sizeof sql, "SELECT severity, site, rule, device, "
	    "coalesce(remote_name || ' (' || remote || ')', remote) || "
	    "coalesce(' ' || country, ''), ref, %s, count, summary, evidence FROM (%s) LIMIT %d",
	    T("last_seen"), rep_table("alerts")->sql,
	    REPORT_ALERT_ROWS);
	if ((st = rep_prepare(r, sql)) == NULL)
		return -1;
	ths(r, h, 9);
	while ((rc = rep_step(r, st)) == 1) {
		size_t n = 0;
		const char *s = rep_str(st, 0, &n);

		fprintf(r->f, "<tr><td><span class=\"sev %s\">",
		    sev_class(s, n));
		rep_html(r, s, n);
		fputs("</span></td>", r->f);
		for (int i = 1; i < 6; i++)
			td_as(r, st, i, h[i]);
		/* The summary, whole; the evidence on demand. */
		fputs("<td class=\"what\"><details><summary>", r->f);
		s = rep_str(st, 8, &n);
		rep_html(r, s ? s : "-", s ? n : 1);
		fputs("</summary>", r->f);
		s = rep_str(st, 9, &n);
		rep_html(r, s ? s : "-", s ? n : 1);
		fputs("</details></td>", r->f);
		for (int i = 6; i < 8; i++)
			td_as(r, st, i, h[i + 1]);
		fputs("</tr>\n", r->f);
		rows++;
	}
	if (rows == 0 && rc == 0)
		fputs("<tr><td colspan=\"9\" class=\"none\">none</td></tr>",
		    r->f);
	fputs("</tbody></table>\n", r->f);
	if (r->sum[RS_ALERTS] > REPORT_ALERT_ROWS)
		fprintf(r->f, "<p class=\"none\">The first %d alerts are listed; "
		    "JSON and CSV have them all.</p>\n", REPORT_ALERT_ROWS);
	return rc;
}

/* A drone panel (map and table) for each site that has drones or zones. */
static int
airspace(struct rep *r)
{
	static const char *const h[] = { "", "=drone", "maker (model)",
		"=first seen", "=last seen", "#positions", "#max height m",
		"#max speed m/s", "=operator", "~spoof checks failed" };
	char sql[1024];
	sqlite3_stmt *sites, *st;
	int rc;

	if (r->sum[RS_DRONES] == 0 && r->sum[RS_ZONES] == 0) {
		fputs("<p class=\"none\">No drone was heard.</p>\n", r->f);
		return 0;
	}
	sites = rep_prepare(r, "SELECT site FROM (SELECT site FROM r_drone "
	    "UNION SELECT site FROM r_zone) ORDER BY site IS NULL, site");
	if (sites == NULL)
		return -1;
	while ((rc = rep_step(r, sites)) == 1) {
		size_t sn = 0;
		const char *site = rep_str(sites, 0, &sn);
		int k = 0;

		fputs("<h3>Site ", r->f);
		if (site)
			rep_html(r, site, sn);
		else
			fputs("(none)", r->f);
		fputs("</h3>\n", r->f);
		if (rep_svg_air(r, site, sn) < 0) {
			sqlite3_finalize(sites);
			return -1;
		}
		snprintf(sql, sizeof sql, "SELECT id, coalesce(maker, '-') || "
		    "coalesce(' (' || model || ')', ''), %s, %s, positions, "
		    "round(max_height, 1), "
		    "round(max_speed, 1), CASE WHEN operator_lat IS NULL THEN "
		    "NULL ELSE printf('%%.5f, %%.5f', operator_lat, "
		    "operator_lon) END, spoof FROM r_drone WHERE site IS ?1 "
		    "ORDER BY first_seen, id LIMIT %d", T("first_seen"),
		    T("last_seen"), REPORT_DRONE_ROWS);
		if ((st = rep_prepare(r, sql)) == NULL) {
			sqlite3_finalize(sites);
			return -1;
		}
		sqlite3_bind_value(st, 1, sqlite3_column_value(sites, 0));
		ths(r, h, 10);
		while ((rc = rep_step(r, st)) == 1) {
			fprintf(r->f, "<tr><td><span class=\"sw c%d\"></span>"
			    "</td>", k++ % 8);
			for (int i = 0; i < 9; i++) {
				td_as(r, st, i, h[i + 1]);
			}
			fputs("</tr>\n", r->f);
		}
		fputs("</tbody></table>\n", r->f);
		if (rc < 0) {
			sqlite3_finalize(sites);
			return -1;
		}
	}
	return rc;
}

int
rep_write_html(struct rep *r)
{
	static const char *const sites_h[] = { "site", "organisation",
		"#scans", "=first seen", "=last seen", "#packets" };
	static const char *const roll_h[] = { "organisation", "site",
		"vendor", "kind", "#covered devices" };
	char b[32], sql[1024];

	head(r);
	cards(r);
	fputs("<h2 id=\"sites\">Sites and organisations</h2>\n", r->f);
	snprintf(sql, sizeof sql, "SELECT site, org, scans, %s, %s, packets "
	    "FROM (%s)", T("first_seen"), T("last_seen"),
	    rep_table("sites")->sql);
	if (simple_table(r, sql, sites_h, 6) < 0)
		return -1;
	fputs("<h2 id=\"rollup\">Covered devices by organisation, site, "
	    "vendor and kind</h2>\n", r->f);
	if (simple_table(r, rep_table("rollup")->sql, roll_h, 5) < 0)
		return -1;
	fputs("<div class=\"charts\"><div><h3>Bytes sent up, by country of "
	    "destination</h3>\n", r->f);
	if (rep_svg_countries(r) < 0)
		return -1;
	fputs("</div><div><h3>Covered devices by vendor</h3>\n", r->f);
	if (rep_svg_vendors(r) < 0)
		return -1;
	fputs("</div></div>\n<h2 id=\"inventory\">Covered devices</h2>\n",
	    r->f);
	if (inventory(r, true, -1) < 0)
		return -1;
	fprintf(r->f, "<details><summary>Other devices (%s)</summary>\n",
	    rep_num(r->sum[RS_DEVICES] - r->sum[RS_COVERED], b, sizeof b));
	if (inventory(r, false, REPORT_OTHER_DEVICES) < 0)
		return -1;
	if (r->sum[RS_DEVICES] - r->sum[RS_COVERED] > REPORT_OTHER_DEVICES)
		fprintf(r->f, "<p class=\"none\">The first %d are listed; JSON "
		    "and CSV have them all.</p>", REPORT_OTHER_DEVICES);
	fputs("</details>\n<h2 id=\"destinations\">What covered devices send "
	    "where</h2>\n", r->f);
	if (destinations(r) < 0)
		return -1;
	fputs("<h2 id=\"alerts\">Alerts</h2>\n", r->f);
	if (alerts(r) < 0)
		return -1;
	fputs("<h2 id=\"drones\">Drones heard</h2>\n", r->f);
	if (airspace(r) < 0)
		return -1;
	fprintf(r->f, "<footer>vigie %s. Counts cover the complete scans "
	    "selected; devices, destinations, alerts and drones seen in "
	    "several scans are counted once.</footer>\n</body></html>\n",
	    VIGIE_VERSION);
	return 0;
}
