#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# The SQLite store: tables and schema version, re-scans do not duplicate
# rows, a newer schema is refused, a full disk gives a clear error and
# leaves what was committed valid.
# usage: db_test.sh VIGIE ROOT
set -uo pipefail
vigie=$1 root=$2
. "$root/tests/lib.sh"
mnt=
cleanup() { [ -n "$mnt" ] && umount "$mnt" 2>/dev/null; rm -rf "$tmp"; }
trap cleanup EXIT
q() { sqlite3 -batch -noheader "$@"; }
command -v sqlite3 >/dev/null || { echo "SKIP: sqlite3 command missing (scripts/setup installs it)"; exit 77; }
sample=$root/samples/sample.pcap cap=$root/tests/captures
db=$tmp/v.db

"$vigie" scan --quiet --db "$db" --site hq "$sample" || bad "scan into db"
[ "$(q "$db" 'select max(version) from schema_version')" = 5 ] && ok || bad "schema version"
[ "$(q "$db" 'pragma journal_mode')" = wal ] && ok || bad "WAL mode"
d1=$(q "$db" 'select count(*) from devices') f1=$(q "$db" 'select count(*) from flows')
[ "$d1" = 7 ] && [ "$f1" = 19 ] && ok || bad "rows: devices $d1 flows $f1"
[ "$(q "$db" "select site from devices group by site")" = hq ] && ok || bad "site column"
[ "$(q "$db" "select ips from devices where key='mac:44:19:b6:12:34:56'")" = '["192.168.1.64"]' ] && ok || bad "ips column"
[ "$(q "$db" "select packets from stats")" = 443 ] && ok || bad "stats row"

# Same capture again: replaced, not duplicated. Another capture: added.
"$vigie" scan --quiet --db "$db" --site hq "$sample" || bad "rescan"
[ "$(q "$db" 'select count(*) from devices')" = "$d1" ] && [ "$(q "$db" 'select count(*) from flows')" = "$f1" ] && ok || bad "rescan duplicated rows"
[ "$(q "$db" 'select count(*) from scans')" = 1 ] && ok || bad "rescan left two scans"
"$vigie" scan --quiet --db "$db" --site hq "$cap/eth_udp_dns.pcap" || bad "second capture"
[ "$(q "$db" 'select count(*) from scans where complete = 1')" = 2 ] && [ "$(q "$db" 'select count(*) from flows')" = $((f1 + 2)) ] && ok || bad "second capture rows"
# The same capture under another site is another scan.
"$vigie" scan --quiet --db "$db" --site branch "$cap/eth_udp_dns.pcap" || bad "other site"
[ "$(q "$db" 'select count(*) from scans')" = 3 ] && ok || bad "site scans"

# Identification: device identity columns and the evidence table.
idb=$tmp/ident.db
"$vigie" scan --quiet --db "$idb" "$cap/ident.pcap" || bad "scan ident.pcap"
[ "$(q "$idb" "select vendor || '|' || brand || '|' || model || '|' || covered from devices where key = 'mac:00:1f:54:aa:bb:01'")" = "Dahua|LOREX|LNB4421|1" ] && ok || bad "OEM device row"
[ "$(q "$idb" "select count(*) from evidence where device = 'mac:44:19:b6:0a:0b:0c' and source = 'sadp'")" -ge 5 ] && ok || bad "evidence rows"
[ "$(q "$idb" "select count(*) from devices where covered")" = 5 ] && ok || bad "covered count"

# Airspace: drones and their positions, in their own tables.
adb=$tmp/air.db
"$vigie" scan --quiet --db "$adb" --sites "$root/tests/data/zones.txt" "$cap/air_spoof.pcap" || bad "scan air_spoof.pcap"
[ "$(q "$adb" "select count(*) from drones")" = "$(q "$adb" "select drones from stats")" ] && [ "$(q "$adb" "select count(*) from drones")" -gt 10 ] && ok || bad "drone rows"
[ "$(q "$adb" "select count(*) from drone_positions p join drones d on d.id = p.drone and d.scan_id = p.scan_id")" = "$(q "$adb" "select sum(positions) from drones")" ] && ok || bad "drone_positions rows"
[ "$(q "$adb" "select typeof(lat) from drone_positions limit 1")" = real ] && ok || bad "latitude column type"
[ "$(q "$adb" "select count(*) from alerts where rule like 'zone.%' and ref = 'hq'")" -ge 2 ] && ok || bad "zone alerts in the store"
# The zones of the sites file are kept with the scan (for vigie report).
[ "$(q "$adb" "select name || ' ' || shape || ' ' || coalesce(radius_m, vertices) from zones order by name" | tr '\n' '|')" = "depot polygon [[48.8400000,2.3000000],[48.8400000,2.3100000],[48.8450000,2.3100000],[48.8450000,2.3000000]]|hq circle 500.0|" ] && ok || bad "zones rows"

# --org: the site's organisation, kept in its scan row; zones cascade with
# a replaced scan.
"$vigie" scan --quiet --db "$adb" --site roof --org 'ACME <Roof>' --sites "$root/tests/data/zones.txt" "$cap/air_spoof.pcap" || bad "scan with --org"
[ "$(q "$adb" "select org from scans where site = 'roof'")" = 'ACME <Roof>' ] && ok || bad "scans.org"
"$vigie" scan --quiet --db "$adb" --site roof --org 'ACME <Roof>' --sites "$root/tests/data/zones.txt" "$cap/air_spoof.pcap" || bad "rescan with --org"
[ "$(q "$adb" "select count(*) from zones z join scans s on s.id = z.scan_id where s.site = 'roof'")" = 2 ] && [ "$(q "$adb" "select count(*) from zones")" = 4 ] && ok || bad "zones after a rescan"

# A store of schema 1 (before identification) is migrated in place.
v1=$tmp/v1.db
q "$v1" "create table schema_version (version integer not null, applied_at text not null);
insert into schema_version values (1, 'then');
create table scans (id integer primary key, site text, files text, started_at text, finished_at text, fingerprint text, complete integer not null default 0, first_seen text, last_seen text, packets integer, bytes integer);
create table devices (scan_id integer not null references scans(id) on delete cascade, site text, key text, mac text, via_mac text, router integer, vlan integer, ips text, ips_more integer, first_seen text, last_seen text, flows integer, pkts_out integer, bytes_out integer, pkts_in integer, bytes_in integer, evicted integer);
insert into scans (id, site, fingerprint, complete) values (1, 'old', 'x', 1);
insert into devices (scan_id, key) values (1, 'mac:00:00:5e:00:53:01');"
"$vigie" scan --quiet --db "$v1" "$cap/ident.pcap" || bad "scan into a schema 1 store"
[ "$(q "$v1" 'select max(version) from schema_version')" = 5 ] && ok || bad "schema 1 not migrated"
[ "$(q "$v1" "select count(*) from pragma_table_info('scans') where name = 'org'")" = 1 ] && [ "$(q "$v1" "select count(*) from scans where org is null")" = 2 ] && ok || bad "schema 1: scans.org not added"
[ "$(q "$v1" "select count(*) from sqlite_master where name in ('drones', 'drone_positions', 'destinations')")" = 3 ] && ok || bad "schema 1: new tables missing"
[ "$(q "$v1" "select count(*) from devices where key = 'mac:00:00:5e:00:53:01' and vendor is null")" = 1 ] && ok || bad "schema 1 row lost"
[ "$(q "$v1" "select count(*) from devices where vendor = 'Hikvision'")" = 1 ] && ok || bad "new rows after migration"

# A store written by a newer vigie is refused, untouched.
cp "$db" "$tmp/new.db"
q "$tmp/new.db" "insert into schema_version values (99, 'future')"
rc=0; "$vigie" scan --quiet --db "$tmp/new.db" "$sample" 2>"$tmp/err" || rc=$?
[ $rc = 3 ] && grep -q 'schema version 99 is newer' "$tmp/err" && ok || bad "newer schema (rc $rc)"
[ "$(q "$tmp/new.db" 'select count(*) from scans')" = 3 ] && ok || bad "newer schema store changed"

# A read-only store: clear error, exit 3.
cp "$db" "$tmp/ro.db"; chmod 0444 "$tmp/ro.db"
if [ "$(id -u)" != 0 ]; then
	rc=0; "$vigie" scan --quiet --db "$tmp/ro.db" "$sample" 2>"$tmp/err" || rc=$?
	[ $rc = 3 ] && grep -q 'ro.db' "$tmp/err" && ok || bad "read-only store (rc $rc)"
fi

# A full disk: a small tmpfs filled up. Earlier scans must survive intact.
mkdir -p "$tmp/full"
if mount -t tmpfs -o size=4m tmpfs "$tmp/full" 2>/dev/null; then
	mnt=$tmp/full
	fdb=$mnt/v.db
	"$vigie" scan --quiet --db "$fdb" "$cap/eth_udp_dns.pcap" || bad "scan on tmpfs"
	before=$(q "$fdb" 'select count(*) from flows')
	# Many flows: 9000 UDP packets on distinct ports.
	/usr/bin/python3 - "$tmp/many.pcap" <<'PY'
import struct, sys
with open(sys.argv[1], "wb") as f:
    f.write(struct.pack("<IHHiIII", 0xa1b2c3d4, 2, 4, 0, 0, 65535, 1))
    for i in range(9000):
        eth = bytes.fromhex("001a2b3c4d5e" "021122334455" "0800")
        ip = struct.pack(">BBHHHBBH4s4s", 0x45, 0, 36, i, 0, 64, 17, 0,
                         bytes([192, 168, 9, 9]), bytes([203, 0, i // 250, i % 250]))
        udp = struct.pack(">HHHH", 10000 + i % 50000, 53, 16, 0) + b"abcdefgh"
        frame = eth + ip + udp
        f.write(struct.pack("<IIII", 1767600000 + i, 0, len(frame), len(frame)) + frame)
PY
	# Leave about 1.2 MiB free: the store opens, then fills mid-run.
	avail=$(df --output=avail -k "$mnt" | tail -1)
	dd if=/dev/zero of="$mnt/filler" bs=1k count=$((avail - 1200)) 2>/dev/null
	rc=0; "$vigie" scan --quiet --db "$fdb" --site other "$tmp/many.pcap" 2>"$tmp/err" || rc=$?
	[ $rc = 3 ] && grep -qE 'disk is full|No space left' "$tmp/err" && [ "$(grep -vc 'warning:' "$tmp/err")" -le 2 ] && ok || { bad "full disk: rc $rc"; cat "$tmp/err" >&2; }
	rm -f "$mnt/filler"
	[ "$(q "$fdb" 'pragma integrity_check')" = ok ] && ok || bad "integrity after full disk"
	[ "$(q "$fdb" 'select count(*) from flows f join scans s on s.id = f.scan_id where s.complete = 1')" = "$before" ] && ok || bad "committed scan lost"
	[ "$(q "$fdb" "select count(*) from scans where complete = 0")" = 1 ] && [ "$(q "$fdb" "select count(*) from flows f join scans s on s.id = f.scan_id where not s.complete")" -ge 4000 ] && ok || bad "partial scan not kept as incomplete"
	umount "$mnt"; mnt=
else
	echo "note: cannot mount a tmpfs here; full-disk case not run" >&2
fi

finish db
