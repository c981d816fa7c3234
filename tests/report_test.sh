#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# vigie report: exit codes and one-line errors; text, JSON and CSV of one
# store agree on every count; hostile names come out inert in CSV
# (RFC 4180, formulas neutralised), HTML (escaped, no active element, no
# outside reference) and text (no control character); filters by site
# and time; devices merged across scans; organisations rolled up; older
# stores read; output deterministic; the 1M-packet figure is in
# docs/report.md (not timed here).
# usage: report_test.sh VIGIE ROOT
set -uo pipefail
vigie=$1 root=$2
. "$root/tests/lib.sh"
command -v sqlite3 >/dev/null || { echo "SKIP: sqlite3 command missing (scripts/setup installs it)"; exit 77; }
py=/usr/bin/python3

db=$tmp/v.db
bash "$root/tests/report_db.sh" "$vigie" "$root" "$db" || { bad "building the store"; exit 1; }

# --- command line ----------------------------------------------------------
expect 0 "" -- "$vigie" report --help
grep -q -- '--since' "$tmp/out" && grep -q 'destinations' "$tmp/out" && ok || bad "report --help"
expect 1 "cannot open database $tmp/none.db" -- "$vigie" report --db "$tmp/none.db"
sqlite3 "$tmp/other.db" "create table t (x); insert into t values (1)"
expect 1 "$tmp/other.db is not a vigie store" -- "$vigie" report --db "$tmp/other.db"
printf 'not a database at all, just some text\n%.0s' {1..40} >"$tmp/text.db"
expect 1 "$tmp/text.db: .*not a database" -- "$vigie" report --db "$tmp/text.db"
cp "$db" "$tmp/new.db"
sqlite3 "$tmp/new.db" "insert into schema_version values (99, 'future')"
expect 1 "schema version 99 is newer" -- "$vigie" report --db "$tmp/new.db"
expect 2 "--since: '2026-13-01' is not a date" -- "$vigie" report --db "$db" --since 2026-13-01
expect 2 "--until: '2026-02-30' is not a date" -- "$vigie" report --db "$db" --until 2026-02-30
expect 2 "--since: '2026-01-06T09:00' is not a date" -- "$vigie" report --db "$db" --since 2026-01-06T09:00
expect 2 "--since: 'yesterday'" -- "$vigie" report --db "$db" --since yesterday
expect 2 "--since 2026-02-01T00:00:00.000000Z is after --until" -- "$vigie" report --db "$db" --since 2026-02-01 --until 2026-01-31
expect 2 "unknown format 'pdf'" -- "$vigie" report --db "$db" --format pdf
expect 2 "unknown table 'bogus'" -- "$vigie" report --db "$db" --format csv --table bogus
expect 2 "--table goes with --format csv" -- "$vigie" report --db "$db" --format html --table devices
expect 2 "one file per table" -- "$vigie" report --db "$db" --format csv
expect 2 "unknown option '--bogus'" -- "$vigie" report --bogus
expect 2 "unexpected argument 'extra'" -- "$vigie" report --db "$db" extra
expect 2 "option '--db' needs a value" -- "$vigie" report --db
expect 3 "cannot write $tmp/nodir/r.html" -- "$vigie" report --db "$db" --format html -o "$tmp/nodir/r.html"
expect 3 "cannot make directory $tmp/nodir/csv" -- "$vigie" report --db "$db" --format csv -o "$tmp/nodir/csv"
expect 0 "no complete scan of site 'nosuch'" -- "$vigie" report --db "$db" --site nosuch
# A named pipe (or a device) is written in place, not replaced by a
# file renamed over it.
mkfifo "$tmp/r.fifo"
timeout 20 cat "$tmp/r.fifo" >"$tmp/r.out" & reader=$!
"$vigie" report --db "$db" --format json -o "$tmp/r.fifo" && ok || bad "report to a pipe"
if [ -p "$tmp/r.fifo" ]; then wait $reader; else kill $reader; fi 2>/dev/null || true
[ -p "$tmp/r.fifo" ] && jq -e '.summary' "$tmp/r.out" >/dev/null && ok || bad "report replaced the pipe it was given"
# A failed run leaves no report and no temporary file behind.
expect 1 "" -- "$vigie" report --db "$tmp/none.db" --format html -o "$tmp/failed.html"
[ ! -e "$tmp/failed.html" ] && [ ! -e "$tmp/failed.html.tmp" ] && ok || bad "files left by a failed report"
# The store is only read: not a byte changes.
sum0=$(sha256sum "$db" | cut -c1-64)

# --- every format, twice: deterministic --------------------------------------
for f in text json html; do
	"$vigie" report --db "$db" --format "$f" -o "$tmp/r.$f" || bad "report --format $f"
	"$vigie" report --db "$db" --format "$f" >"$tmp/r2.$f" || bad "report --format $f to stdout"
	cmp -s "$tmp/r.$f" "$tmp/r2.$f" && ok || bad "$f report differs between two runs"
done
"$vigie" report --db "$db" --format csv -o "$tmp/csv" || bad "report --format csv"
"$vigie" report --db "$db" --format csv --table devices >"$tmp/devices.csv" || bad "csv --table devices"
cmp -s "$tmp/devices.csv" "$tmp/csv/devices.csv" && ok || bad "csv --table differs from the csv directory's file"
[ "$(ls "$tmp/csv" | wc -l)" = "$("$vigie" report --help | awk '/^tables:/{on=1;next} /^$/{on=0} on' | wc -l)" ] && ok || bad "one csv file per table"
[ "$(sha256sum "$db" | cut -c1-64)" = "$sum0" ] && ok || bad "the report changed the store"

# --- text, JSON and CSV agree on every count ---------------------------------
"$py" - "$tmp/r.json" "$tmp/csv" "$tmp/r.text" <<'PY' && ok || bad "text, JSON and CSV disagree"
import csv, json, os, re, sys
j = json.load(open(sys.argv[1], encoding="utf-8"))
d, s = sys.argv[2], j["summary"]
def table(name):
    with open(os.path.join(d, name + ".csv"), encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))
def n(x): return int(x.replace(",", ""))
# JSON: the summary and its own tables
dev, dst, al, dr = j["devices"], j["destinations"], j["alerts"], j["drones"]
assert s["devices"] == len(dev) and s["covered_devices"] == sum(x["covered"] for x in dev), s
assert s["destinations"] == len(dst) and s["alerts"] == len(al) and s["drones"] == len(dr)
assert s["drone_positions"] == len(j["drone_positions"]) == sum(x["positions"] for x in dr)
for sev in ("critical", "high", "medium", "low", "info"):
    assert s["alerts_" + sev] == sum(a["severity"] == sev for a in al), sev
assert s["alerts"] == sum(s["alerts_" + k] for k in ("critical", "high", "medium", "low", "info"))
assert s["bytes_up"] == sum(x["bytes_up"] for x in dst)
assert s["bytes_up_flagged"] == sum(x["bytes_up"] for x in dst if x["flagged"])
assert s["bytes_up_flagged_covered"] == sum(x["bytes_up"] for x in dst if x["flagged"] and x["covered"])
assert s["covered_devices"] == sum(r["covered_devices"] for r in j["rollup"])
for k in ("by_org", "by_site", "by_vendor", "by_kind"):
    assert sum(r["covered_devices"] for r in j[k]) == s["covered_devices"], k
    assert sum(r["devices"] for r in j[k]) == s["devices"], k
assert s["scans"] == sum(x["scans"] for x in j["sites"]) and s["sites"] == len(j["sites"])
assert s["zones"] == len(j["zones"])
assert sum(len(x["evidence"]) for x in dev) == len(table("evidence"))
# CSV: the same figures
cs = {r["key"]: int(r["value"]) for r in table("summary")}
assert cs == s, (cs, s)
cdev = table("devices")
assert len(cdev) == s["devices"] and sum(r["covered"] == "true" for r in cdev) == s["covered_devices"]
cal = table("alerts")
for sev in ("critical", "high", "medium", "low", "info"):
    assert sum(r["severity"] == sev for r in cal) == s["alerts_" + sev]
cdst = table("destinations")
assert len(cdst) == s["destinations"]
assert sum(int(r["bytes_up"]) for r in cdst if r["flagged"] == "true") == s["bytes_up_flagged"]
assert sum(int(r["bytes_up"]) for r in cdst if r["flagged"] == "true" and r["covered"] == "true") == s["bytes_up_flagged_covered"]
assert len(table("drones")) == s["drones"] and len(table("drone_positions")) == s["drone_positions"]
assert sum(int(r["covered_devices"]) for r in table("rollup")) == s["covered_devices"]
for k in ("sites", "rollup", "by_org", "by_site", "by_vendor", "by_kind", "countries", "zones"):
    assert len(table(k)) == len(j[k]), k
# Text: the summary lines and the rows of its tables
t = open(sys.argv[3], encoding="utf-8").read()
m = re.search(r"covered devices +([\d,]+) of ([\d,]+) devices", t)
assert m and n(m[1]) == s["covered_devices"] and n(m[2]) == s["devices"], m
m = re.search(r"alerts +([\d,]+) \(critical (\d+), high (\d+), medium (\d+), low (\d+), info (\d+)\)", t)
assert m and [n(x) for x in m.groups()] == [s[k] for k in ("alerts", "alerts_critical",
    "alerts_high", "alerts_medium", "alerts_low", "alerts_info")], m
m = re.search(r"bytes to flagged countries +([\d,]+) by covered devices \(([\d,]+) by all", t)
assert m and n(m[1]) == s["bytes_up_flagged_covered"] and n(m[2]) == s["bytes_up_flagged"], m
m = re.search(r"drones heard +([\d,]+) \(([\d,]+) positions, ([\d,]+) zones\)", t)
assert m and [n(x) for x in m.groups()] == [s["drones"], s["drone_positions"], s["zones"]], m
m = re.search(r"destinations +([\d,]+) \(([\d,]+) bytes sent up\)", t)
assert m and n(m[1]) == s["destinations"] and n(m[2]) == s["bytes_up"], m
m = re.search(r"sites +([\d,]+) \(([\d,]+) organisations, ([\d,]+) scans\)", t)
assert m and [n(x) for x in m.groups()] == [s["sites"], s["organisations"], s["scans"]], m
lines = t.split("\n")
def section(title):
    """The rows of the table titled title: after its title and header lines."""
    i = next(k for k, l in enumerate(lines) if l.startswith(title))
    rows = lines[i + 2:]
    return rows[:rows.index("")]
for title, k in (("Covered devices (", "covered_devices"), ("Alerts (", "alerts"), ("Drones (", "drones")):
    assert len(section(title)) == s[k] and "(%d)" % s[k] in t, title
assert len(section("Other devices (")) == s["devices"] - s["covered_devices"]
assert sum(int(r.split()[-1]) for r in section("Covered devices by organisation")) == s["covered_devices"]
PY

# --- the expected figures of this store ---------------------------------------
"$py" - "$tmp/r.json" <<'PY' && ok || bad "report figures"
import json, sys
j = json.load(open(sys.argv[1], encoding="utf-8"))
s = j["summary"]
assert (s["scans"], s["sites"], s["organisations"]) == (5, 5, 3), s
assert s["drones"] == 19 and s["zones"] == 2 and s["alerts_critical"] == 2, s
org = {x["site"]: x["org"] for x in j["sites"]}
# --org, the sites file's org= of the zone named like the site, none
assert org == {"branch": "ACME", "hq": "ACME & Sons <HQ>", "lab": None, "lab2": "ACME",
               "roof": "City-Hall"}, org
by_org = {x["org"]: x["covered_devices"] for x in j["by_org"]}
roll = {}
for r in j["rollup"]:
    roll[r["org"]] = roll.get(r["org"], 0) + r["covered_devices"]
assert by_org == roll and by_org["ACME"] == sum(x["covered"] for x in j["devices"]
    if x["site"] in ("branch", "lab2")), (by_org, roll)
names = {x["name"] for x in j["devices"]}
assert '<script>alert(1)</script>' in names and '=HYPERLINK("http://x")' in names, names
cc = {x["country"]: x for x in j["countries"]}
assert cc["CN"]["flagged"] and cc["HK"]["flagged"] and not cc["DE"]["flagged"], cc
roof = [z for z in j["zones"] if z["name"] == "roof"][0]
assert roof["shape"] == "circle" and roof["radius_m"] == 500.0 and abs(roof["lat"] - 48.8566) < 1e-9
depot = [z for z in j["zones"] if z["name"] == "depot"][0]
assert depot["vertices"][0] == [48.84, 2.3] and len(depot["vertices"]) == 4, depot
PY

# --- hostile strings: inert in CSV ----------------------------------------------
"$py" - "$tmp/csv" <<'PY' && ok || bad "CSV not RFC 4180 or formulas not neutralised"
import csv, glob, re, sys
raw = open(sys.argv[1] + "/devices.csv", "rb").read()
assert b'"\'=HYPERLINK(""http://x"")"' in raw, "=HYPERLINK cell"
assert b'"<script>alert(1)</script>"' in raw, "<script> cell"
for path in glob.glob(sys.argv[1] + "/*.csv"):
    data = open(path, "rb").read()
    assert not re.search(rb"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]", data), (path, "control byte")
    assert data.endswith(b"\r\n") and b"\n" not in data.replace(b"\r\n", b""), (path, "CRLF")
    rows = list(csv.reader(open(path, encoding="utf-8", newline="")))
    width = len(rows[0])
    for row in rows:
        assert len(row) == width, (path, row)
        for cell in row:
            # A spreadsheet runs a cell starting with = + - @ as a formula:
            # only numbers may start so (a negative signal strength).
            if cell[:1] in ("=", "+", "-", "@", "\t", "\r"):
                assert re.fullmatch(r"-\d+(\.\d+)?", cell), (path, cell)
names = [r["name"] for r in csv.DictReader(open(sys.argv[1] + "/devices.csv", encoding="utf-8", newline=""))]
for want in ("'=HYPERLINK(\"http://x\")", "'+cmd|' /C calc'!A0", "'@SUM(1+1)", "'-2+3\\x1b[2J",
             "<script>alert(1)</script>"):
    assert want in names, (want, names)
PY

# --- hostile strings: inert in HTML -----------------------------------------------
# html_inert FILE [NAME...]: no active element, no event handler, no
# outside reference, a strict CSP, no control byte, a style sheet that
# fetches nothing; each NAME present as text.
html_inert() {
	"$py" - "$@" <<'PY'
import html.parser, re, sys
doc = open(sys.argv[1], encoding="utf-8").read()
class P(html.parser.HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags, self.text, self.bad = {}, [], []
    def handle_starttag(self, tag, attrs):
        self.tags[tag] = self.tags.get(tag, 0) + 1
        for k, v in attrs:
            if k.startswith("on"):
                self.bad.append((tag, k))
            if k in ("src", "href", "action", "formaction", "xlink:href", "poster", "srcset"):
                if not (v or "").startswith(("data:", "#")):
                    self.bad.append((tag, k, v))
            if k == "style":
                self.bad.append((tag, k))
    def handle_data(self, d):
        self.text.append(d)
p = P()
p.feed(doc)
for t in ("script", "iframe", "object", "embed", "img", "base", "form", "input", "frame", "audio", "video",
          "foreignobject", "animate", "set", "use"):
    assert t not in p.tags, t
assert p.tags.get("style") == 1 and p.tags.get("link") == 1 and p.tags.get("meta") == 4, p.tags
assert not p.bad, p.bad
csp = re.search(r'<meta http-equiv="Content-Security-Policy" content="([^"]+)">', doc)
assert csp and "default-src 'none'" in csp[1] and "script-src" not in csp[1], csp
assert not re.search(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]", doc), "control byte"
# Nor can the style sheet fetch anything.
style = doc.split("<style>", 1)[1].split("</style>", 1)[0]
assert "url(" not in style and "@import" not in style
text = "".join(p.text)
for want in sys.argv[2:]:
    assert want in text, want
PY
}
html_inert "$tmp/r.html" "<script>alert(1)</script>" '=HYPERLINK("http://x")' '-2+3\x1b[2J' \
	'Evil "Org" <script>alert(1)</script>' "ACME & Sons <HQ>" && grep -qF '&lt;script&gt;alert(1)&lt;/script&gt;' "$tmp/r.html" && ok || bad "HTML not inert"

# --- hostile strings: inert on a terminal -------------------------------------------
if grep -q $'\033' "$tmp/r.text"; then bad "escape byte in the text report"; else ok; fi
grep -qF -- '-2+3\x1b[2J' "$tmp/r.text" && grep -qF '<script>alert(1)</script>' "$tmp/r.text" && ok || bad "hostile names in the text report"

# --- filters --------------------------------------------------------------------------
jsum() { "$vigie" report --db "$db" --format json "$@" | jq -c '[.summary.scans, .summary.devices, .summary.covered_devices, .summary.drones, ([.sites[].site] | join(","))]'; }
[ "$(jsum --site lab2)" = '[1,7,2,0,"lab2"]' ] && ok || bad "--site lab2: $(jsum --site lab2)"
[ "$(jsum --site lab2 --site hq)" = '[2,14,5,0,"hq,lab2"]' ] && ok || bad "--site twice: $(jsum --site lab2 --site hq)"
[ "$(jsum --since 2026-02-01)" = '[2,7,2,19,"lab2,roof"]' ] && ok || bad "--since: $(jsum --since 2026-02-01)"
[ "$(jsum --until 2026-01-05)" = '[1,7,3,0,"hq"]' ] && ok || bad "--until (a date: the whole day): $(jsum --until 2026-01-05)"
[ "$(jsum --since 2026-05-04T10:01:30Z --until 2026-05-04T10:01:36.2Z | jq -c '.[3]')" = 2 ] && ok || bad "--since/--until times: $(jsum --since 2026-05-04T10:01:30Z --until 2026-05-04T10:01:36.2Z)"
n=$("$vigie" report --db "$db" --format json --since 2026-05-04T10:02:00Z --until 2026-05-04T10:02:02Z | jq '[.drone_positions[].time | select(. < "2026-05-04T10:02:00" or . > "2026-05-04T10:02:02.000000Z")] | length')
[ "$n" = 0 ] && ok || bad "positions outside the window: $n"
[ "$(jsum --site nosuch 2>/dev/null)" = '[0,0,0,0,""]' ] && ok || bad "--site nosuch"

# --- the same site captured twice: devices merged ----------------------------------------
mdb=$tmp/m.db
geodir=${VIGIE_TEST_GEODIR:-$(dirname "$vigie")/tests}
geo=(--geoip "$geodir/geo-country.mmdb" --asn "$geodir/geo-asn.mmdb")
"$vigie" scan --quiet "${geo[@]}" --db "$mdb" --site m "$root/tests/captures/multi_a.pcap" || bad "scan multi_a"
"$vigie" scan --quiet "${geo[@]}" --db "$mdb" --site m "$root/tests/captures/multi_b.pcap" || bad "scan multi_b"
"$vigie" report --db "$mdb" --format json >"$tmp/m.json" || bad "report of two scans"
want=$(sqlite3 "$mdb" "select sum(bytes_out) || ' ' || count(*) from devices where key = 'mac:00:11:22:33:44:55'")
got=$(jq -r '.devices[] | select(.key == "mac:00:11:22:33:44:55") | "\(.bytes_out) \(.records)"' "$tmp/m.json")
[ "$want" = "$got" ] && [ "${got#* }" = 2 ] && ok || bad "merged device: want $want, got $got"
[ "$(jq '.summary.devices' "$tmp/m.json")" = "$(sqlite3 "$mdb" "select count(distinct key) from devices")" ] && ok || bad "devices counted twice"

# --- an old store (schema 1: no organisation, no destinations, no drones) -----------------
v1=$tmp/v1.db
sqlite3 "$v1" "create table schema_version (version integer not null, applied_at text not null);
insert into schema_version values (1, 'then');
create table scans (id integer primary key, site text, files text, started_at text, finished_at text, fingerprint text, complete integer not null default 0, first_seen text, last_seen text, packets integer, bytes integer);
create table devices (scan_id integer not null, site text, key text, mac text, via_mac text, router integer, vlan integer, ips text, ips_more integer, first_seen text, last_seen text, flows integer, pkts_out integer, bytes_out integer, pkts_in integer, bytes_in integer, evicted integer);
insert into scans (id, site, fingerprint, complete, first_seen, last_seen) values (1, 'old', 'x', 1, '2025-01-01T00:00:00.000000Z', '2025-01-01T01:00:00.000000Z');
insert into devices (scan_id, site, key, ips, first_seen, last_seen, bytes_out) values (1, 'old', 'mac:00:00:5e:00:53:01', '[\"192.0.2.1\"]', '2025-01-01T00:00:00.000000Z', '2025-01-01T01:00:00.000000Z', 42);"
for f in text json html; do
	"$vigie" report --db "$v1" --format "$f" >"$tmp/v1.$f" 2>"$tmp/err" || { bad "schema 1 store, $f"; cat "$tmp/err" >&2; }
done
[ "$(jq -c '[.report.schema, .summary.devices, .devices[0].bytes_out, .devices[0].ips]' "$tmp/v1.json")" = '[1,1,42,["192.0.2.1"]]' ] && ok || bad "schema 1 store read: $(jq -c .summary "$tmp/v1.json")"
[ "$(sqlite3 "$v1" "select count(*) from sqlite_master")" = 3 ] && ok || bad "schema 1 store changed"

# --- a store made by hand, hostile in every column ------------------------------------
# Markup, NUL, invalid UTF-8, escapes and a right-to-left override in
# strings; text, infinities and negatives where numbers belong; broken
# address lists and vertices. Every format must stay well-formed and inert.
hdb=$tmp/hostile.db
cp "$db" "$hdb"
sqlite3 "$hdb" "
update scans set first_seen = '<b>x</b>' where site = 'hq';
update devices set name = X'3c7363726970743e00ff1b5b324a', vendor = '</style><script>' || hex(zeroblob(3000)),
  bytes_out = 'lots', confidence = 9e999, ips = '[\"1.2.3.4\\\"><img src=x>\"]' where key = 'mac:44:19:b6:5e:00:01';
update devices set covered = 'yes', kind = char(0x202e) || 'aremac' where key = 'mac:3c:ef:8c:5e:00:02';
update destinations set country = '<img src=x onerror=alert(1)>', bytes_up = -5, org = '\"; alert(1); \"' where device = 'mac:44:19:b6:5e:00:01';
update alerts set severity = '\"><script>alert(1)</script>', summary = char(27) || '[2J' || char(0x202e) where site = 'lab2';
update drones set lat = 'north', lon = -9e999, id = '</svg><script>alert(1)</script>' where id like '1581ARPT%1';
update zones set name = '<svg onload=alert(1)>', vertices = '[[9e999,0],[91,0],[abc],[48.84,2.30],[48.85' where name = 'depot';
update zones set lat = 'x', radius_m = -1 where name = 'roof';"
for f in text json html; do
	"$vigie" report --db "$hdb" --format "$f" -o "$tmp/h.$f" 2>"$tmp/err" || { bad "hostile store, $f"; cat "$tmp/err" >&2; }
done
"$vigie" report --db "$hdb" --format csv -o "$tmp/hcsv" 2>"$tmp/err" || { bad "hostile store, csv"; cat "$tmp/err" >&2; }
"$py" - "$tmp/h.json" "$tmp/hcsv" <<'PY' && ok || bad "hostile store: JSON or CSV malformed"
import csv, glob, json, re, sys
def no_const(c): raise ValueError("non-JSON constant " + c)
j = json.loads(open(sys.argv[1], "rb").read().decode("utf-8"), parse_constant=no_const)
assert j["summary"]["devices"] > 0
d = [x for x in j["devices"] if x["key"] == "mac:44:19:b6:5e:00:01"][0]
assert d["confidence"] is None and d["ips"] == ["1.2.3.4"], d
for path in glob.glob(sys.argv[2] + "/*.csv"):
    data = open(path, "rb").read()
    assert not re.search(rb"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]", data), path
    rows = list(csv.reader(open(path, encoding="utf-8", newline="")))
    assert all(len(r) == len(rows[0]) for r in rows), path
PY
html_inert "$tmp/h.html" && ok || bad "hostile store: HTML not inert"
if grep -q $'\033' "$tmp/h.text"; then bad "hostile store: escape byte in text"; else ok; fi

finish report
