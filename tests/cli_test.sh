#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Command-line behaviour: exit codes, one-line errors naming the problem,
# help and version, JSON that parses line by line, documented fields.
# usage: cli_test.sh VIGIE ROOT
set -uo pipefail
vigie=$1 root=$2
. "$root/tests/lib.sh"

cap=$root/tests/captures
sample=$root/samples/sample.pcap

expect 0 "" -- "$vigie" --version
grep -qE '^vigie [0-9]+\.[0-9]+\.[0-9]+$' "$tmp/out" && ok || bad "version format"
expect 0 "" -- "$vigie" scan --help
grep -q -- '--max-flows' "$tmp/out" && grep -q 'exit status' "$tmp/out" && ok || bad "help text"
expect 2 "no command given" -- "$vigie"
expect 2 "unknown command" -- "$vigie" frobnicate
expect 2 "no capture file given" -- "$vigie" scan --no-db
expect 2 "unknown option '--bogus'" -- "$vigie" scan --bogus "$sample"
expect 2 "option '--json' needs a value" -- "$vigie" scan "$sample" --json
expect 2 "--local: '10.0.0.0/40' has a bad prefix length" -- "$vigie" scan --no-db --local 10.0.0.0/40 "$sample"
expect 2 "--local: 'nonsense' is not an address" -- "$vigie" scan --no-db --local nonsense "$sample"
expect 2 "--max-flows: 'lots'" -- "$vigie" scan --no-db --max-flows lots "$sample"
expect 2 "--max-flows: '1'" -- "$vigie" scan --no-db --max-flows 1 "$sample"
expect 2 "--idle-timeout: '0'" -- "$vigie" scan --no-db --idle-timeout 0 "$sample"
expect 2 "--site" -- "$vigie" scan --no-db --site "$(printf 'a\033b')" "$sample"
expect 2 "--org: .* must be 1-64 printable characters" -- "$vigie" scan --no-db --org "$(printf 'a\033b')" "$sample"
expect 0 "" -- "$vigie" --help
grep -q '^  report' "$tmp/out" && ok || bad "top-level help lists report"
expect 3 "cannot write JSON output $tmp/nodir/x.jsonl" -- "$vigie" scan --no-db --json "$tmp/nodir/x.jsonl" "$sample"
expect 3 "cannot open database $tmp/nodir/v.db" -- "$vigie" scan --db "$tmp/nodir/v.db" "$sample"
# A JSON output that fails is named once, with its reason.
if [ -c /dev/full ]; then
	expect 3 "json output failed: No space left on device" -- "$vigie" scan --no-db --json /dev/full "$sample"
fi
# A reader that stops reading standard output (`| head`) ends that output
# quietly: exit 0, nothing on stderr, and the store still gets every record.
big=("$cap"/*.pcap)
"$vigie" scan --no-db --quiet --json - "${big[@]}" | wc -c >"$tmp/n"
[ "$(cat "$tmp/n")" -gt 262144 ] && ok || bad "EPIPE test: $(cat "$tmp/n") bytes of JSON, under four pipe buffers"
{ "$vigie" scan --quiet --db "$tmp/pipe.db" --json - "${big[@]}" 2>"$tmp/err"; echo $? >"$tmp/rc"; } | head -c 1 >/dev/null
[ "$(cat "$tmp/rc")" = 0 ] && [ ! -s "$tmp/err" ] && ok || { bad "scan --json - | head: exit $(cat "$tmp/rc")"; cat "$tmp/err" >&2; }
"$vigie" scan --quiet --db "$tmp/whole.db" "${big[@]}" >/dev/null
"$vigie" report --db "$tmp/pipe.db" --format json >"$tmp/pipe.json" && "$vigie" report --db "$tmp/whole.db" --format json >"$tmp/whole.json" &&
	jq -e --slurpfile w "$tmp/whole.json" '.summary == $w[0].summary' "$tmp/pipe.json" >/dev/null && ok || bad "scan --json - | head: the store lacks records"
{ "$vigie" report --db "$tmp/whole.db" --format html 2>"$tmp/err"; echo $? >"$tmp/rc"; } | head -c 1 >/dev/null
[ "$(cat "$tmp/rc")" = 0 ] && [ ! -s "$tmp/err" ] && ok || { bad "report | head: exit $(cat "$tmp/rc")"; cat "$tmp/err" >&2; }
expect 2 "knowledge base: $tmp/nodata/manufacturers.tsv: No such file" -- "$vigie" scan --no-db --data "$tmp/nodata" "$sample"
mkdir -p "$tmp/baddata" && cp "$root"/data/*.tsv "$tmp/baddata/" && printf 'DS-9\thikvision\ttoaster\n' >>"$tmp/baddata/models.tsv"
expect 2 "knowledge base: $tmp/baddata/models.tsv:[0-9]+: unknown kind 'toaster'" -- "$vigie" scan --no-db --data "$tmp/baddata" "$sample"
expect 0 "" -- "$vigie" scan --no-db --quiet --no-identify --data "$tmp/nodata" "$sample"
expect 1 "bad/empty.pcap: cannot read capture" -- "$vigie" scan --no-db --quiet "$cap/bad/empty.pcap"
expect 1 "no/such.pcap: cannot read capture" -- "$vigie" scan --no-db --quiet "$tmp/no/such.pcap"

# Unreadable first file: the second is still processed and reported.
"$vigie" scan --no-db --quiet --json - "$cap/bad/text.pcap" "$cap/eth_udp_dns.pcap" >"$tmp/j" 2>"$tmp/e"
rc=$?
[ $rc = 1 ] && [ "$(grep -vc "vigie: warning:" "$tmp/e")" = 1 ] && grep -q '"type":"flow"' "$tmp/j" && ok || bad "bad file then good file (rc $rc)"

# Standard input.
"$vigie" scan --no-db --quiet --json - - <"$cap/eth_tcp_handshake.pcap" >"$tmp/j" && grep -q '"sport":40000' "$tmp/j" && ok || bad "stdin input"

# --json - parses line by line as JSON, and every line has a type.
"$vigie" scan --no-db --quiet --json - "$sample" "$cap/bad/garbage_frames.pcap" "$cap/ident_hostile.pcap" >"$tmp/j"
/usr/bin/python3 - "$tmp/j" <<'PY' && ok || bad "JSON Lines do not parse"
import json, sys
n = 0
for line in open(sys.argv[1], encoding="utf-8"):
    rec = json.loads(line)
    assert rec["type"] in ("device", "flow", "destination", "alert", "stats"), rec
    n += 1
assert n > 20, n
# Hostile device strings come out as data: no raw markup, no broken line.
raw = open(sys.argv[1], encoding="utf-8").read()
assert "<script>" not in raw and "\x1b" not in raw, "unescaped hostile text"
PY

# The terminal summary lists hosts and flows; no colour when not a TTY.
"$vigie" scan --no-db "$sample" >"$tmp/s"
grep -q 'mac:44:19:b6:12:34:56' "$tmp/s" && grep -q '^Flows 19' "$tmp/s" && ok || bad "summary content"
grep -q $'\033' "$tmp/s" && bad "colour escape written to a non-TTY" || ok
# With --json -, the summary goes to stderr so stdout stays JSON only.
"$vigie" scan --no-db --json - "$sample" >"$tmp/j" 2>"$tmp/s"
grep -q '^Hosts' "$tmp/s" && ! grep -q '^Hosts' "$tmp/j" && ok || bad "summary with --json -"

# Airspace: a bad sites file is one clear error before any capture is read.
printf 'hq circle 48.8566 2.3522 500\nbad circle 95 0 10\n' >"$tmp/zones"
rc=0; "$vigie" scan --no-db --quiet --sites "$tmp/zones" "$sample" 2>"$tmp/err" >/dev/null || rc=$?
[ $rc = 2 ] && grep -q "zones:2: circle needs" "$tmp/err" && [ "$(wc -l <"$tmp/err")" = 1 ] && ok || bad "bad sites file: rc=$rc $(cat "$tmp/err")"
rc=0; "$vigie" scan --no-db --quiet --sites "$tmp/nonexistent" "$sample" 2>"$tmp/err" >/dev/null || rc=$?
[ $rc = 2 ] && grep -q "nonexistent" "$tmp/err" && ok || bad "missing sites file: rc=$rc"
# --geojson: RFC 7946 FeatureCollection of tracks, operators, homes and
# zones, written whole (temporary file renamed); an unwritable path fails
# with one message naming it and exit 3.
air=$root/tests/captures/air_spoof.pcap
if [ -s "$air" ]; then
	"$vigie" scan --no-db --quiet --json "$tmp/air.jsonl" --sites "$root/tests/data/zones.txt" --geojson "$tmp/air.geojson" "$air" && ok || bad "geojson run"
	jq -e '.type == "FeatureCollection" and (.features | length > 0)' "$tmp/air.geojson" >/dev/null && ok || bad "geojson not a FeatureCollection"
	# every track's coordinates: as many as the drone's positions, each [lon, lat] in range
	jq -e '[.features[] | select(.properties.kind == "track" and .geometry.type == "LineString")
		| (.geometry.coordinates | length) == .properties.positions] | all' "$tmp/air.geojson" >/dev/null && ok || bad "geojson track lengths"
	jq -e '[.features[] | .geometry.coordinates | flatten | . as $c | range(0; length; 2) | ($c[.] | fabs <= 180) and ($c[.+1] | fabs <= 90)] | all' "$tmp/air.geojson" >/dev/null && ok || bad "geojson coordinates out of range"
	jq -e '[.features[] | select(.properties.kind == "zone")] | length == 2' "$tmp/air.geojson" >/dev/null && ok || bad "geojson zones"
	n_tracks=$(jq '[.features[] | select(.properties.kind == "track")] | length' "$tmp/air.geojson")
	n_drones=$(jq -s '[.[] | select(.type == "drone" and .positions > 0)] | length' "$tmp/air.jsonl")
	[ "$n_tracks" = "$n_drones" ] && ok || bad "geojson: $n_tracks tracks for $n_drones drones with positions"
	[ ! -e "$tmp/air.geojson.tmp" ] && ok || bad "geojson temporary file left behind"
	# A named pipe (or a device) is written in place, not replaced by a
	# file renamed over it.
	mkfifo "$tmp/gj.fifo"
	timeout 20 cat "$tmp/gj.fifo" >"$tmp/gj.out" & reader=$!
	"$vigie" scan --no-db --quiet --geojson "$tmp/gj.fifo" "$air" && ok || bad "geojson to a pipe"
	if [ -p "$tmp/gj.fifo" ]; then wait $reader; else kill $reader; fi 2>/dev/null || true
	[ -p "$tmp/gj.fifo" ] && jq -e '.type == "FeatureCollection"' "$tmp/gj.out" >/dev/null && ok || bad "geojson replaced the pipe it was given"
	rc=0; "$vigie" scan --no-db --quiet --geojson /nonexistent/dir/x.geojson "$air" 2>"$tmp/err" || rc=$?
	[ $rc = 3 ] && grep -q '/nonexistent/dir/x.geojson' "$tmp/err" && ok || bad "unwritable geojson: rc=$rc"
fi

# Every field the program declares is documented in docs/events.md.
"$vigie" --list-fields >"$tmp/f"
missing=0
while IFS=$'\t' read -r name _; do
	type=${name%%.*} field=${name#*.}
	grep -qE "^\| \`$field\` " <(awk "/^## \`$type\`/{on=1;next} /^## /{on=0} on" "$root/docs/events.md") || { echo "undocumented: $name" >&2; missing=1; }
done <"$tmp/f"
[ $missing = 0 ] && [ -s "$tmp/f" ] && ok || bad "docs/events.md misses fields"
# ... and every anomaly counter too.
"$vigie" scan --no-db --quiet --json - "$sample" | /usr/bin/python3 -c '
import json, sys
doc = open(sys.argv[1]).read()
for line in sys.stdin:
    r = json.loads(line)
    if r["type"] == "stats":
        miss = [k for k in r["anomalies"] if "`%s`" % k not in doc]
        if miss: print("undocumented counters:", miss); sys.exit(1)
' "$root/docs/events.md" && ok || bad "counters undocumented"

# Config files: every option settable, errors name file and line, the
# command line wins.
printf '# a site\n\nsite = hq\nno-db\n  quiet  \njson %s\n' "$tmp/c.jsonl" >"$tmp/c.conf"
expect 0 "" -- "$vigie" scan --config "$tmp/c.conf" "$sample"
[ -s "$tmp/c.jsonl" ] && ! grep -qv '"site":"hq"' "$tmp/c.jsonl" && ok || bad "config: site and json not applied"
[ ! -s "$tmp/out" ] && ok || bad "config: quiet not applied"
"$vigie" scan --config "$tmp/c.conf" --site other --json - "$sample" >"$tmp/c2.jsonl"
grep -q '"site":"other"' "$tmp/c2.jsonl" && ! grep -q '"site":"hq"' "$tmp/c2.jsonl" && ok || bad "config: command line does not win"
printf 'site hq\n\nbogus 1\n' >"$tmp/c2.conf"
expect 2 "$tmp/c2.conf:3: 'bogus' is not an option" -- "$vigie" scan --config "$tmp/c2.conf" "$sample"
printf 'max-flows many\n' >"$tmp/c3.conf"
expect 2 "$tmp/c3.conf:1: --max-flows: 'many'" -- "$vigie" scan --config "$tmp/c3.conf" "$sample"
printf 'rate 50e6\n' >"$tmp/c4.conf"
expect 2 "$tmp/c4.conf:1: option '--rate' is for vigie sdr" -- "$vigie" scan --config "$tmp/c4.conf" "$sample"
printf 'quiet maybe\n' >"$tmp/c5.conf"
expect 2 "$tmp/c5.conf:1: quiet takes no value" -- "$vigie" scan --config "$tmp/c5.conf" "$sample"
expect 2 "--config $tmp/none.conf: No such file" -- "$vigie" scan --config "$tmp/none.conf" "$sample"

# vigie sdr: its own help, bad options and inputs, no device attached.
expect 0 "" -- "$vigie" sdr --help
grep -q -- '--device' "$tmp/out" && ! grep -q -- '--max-flows' "$tmp/out" && ok || bad "sdr help"
expect 2 "no IQ file or --device given" -- "$vigie" sdr --no-db
expect 2 "option '--max-flows' is for vigie scan" -- "$vigie" sdr --no-db --max-flows 20 x
expect 2 "--rate: '2e6' is not a sample rate" -- "$vigie" sdr --no-db --rate 2e6 x
expect 2 "--format: 'cf64'" -- "$vigie" sdr --no-db --format cf64 x
expect 2 "--start: 'today'" -- "$vigie" sdr --no-db --start today x
expect 2 "--channels, --dwell" -- "$vigie" sdr --no-db --gain 20 x
expect 2 "give no files" -- "$vigie" sdr --no-db --device driver=x x
expect 1 "no SoapySDR device matches 'driver=vigie-none'" -- "$vigie" sdr --no-db --quiet --device driver=vigie-none
head -c 4096 /dev/zero >"$tmp/z.cf32"
expect 1 "needs --rate" -- "$vigie" sdr --no-db --quiet --format cf32 "$tmp/z.cf32"
expect 1 "needs --format" -- "$vigie" sdr --no-db --quiet --rate 50e6 "$tmp/z.cf32"
: >"$tmp/empty.cs8"
expect 1 "no samples" -- "$vigie" sdr --no-db --quiet --format cs8 --rate 20e6 "$tmp/empty.cs8"
printf '{"global":{"core:datatype":"cf32_le","core:sample_rate":5e7,"core:dataset":"../../etc/passwd"}}' >"$tmp/o.sigmf-meta"
expect 1 "points outside" -- "$vigie" sdr --no-db --quiet "$tmp/o.sigmf-meta"
# ... and the files after a bad one are still read.
rc=0; "$vigie" sdr --no-db --quiet --json - --format cf32 --rate 50e6 "$tmp/none.cf32" "$tmp/z.cf32" >"$tmp/s.jsonl" 2>"$tmp/err" || rc=$?
[ $rc = 1 ] && grep -q '"files":2,"files_failed":1' "$tmp/s.jsonl" && grep -q '"sdr.samples":512' "$tmp/s.jsonl" && ok || bad "sdr: second file not read (rc=$rc)"

# The terminal summary shows drone IDs and alert devices whole, however
# long (a 40-digit session ID, an IPv6 host), and keeps the columns.
"$vigie" scan --no-db "$cap/air_msgs.pcap" >"$tmp/sum" 2>&1 || true
grep -qE '^  0103f3d83d7089f193b5c7d05be5f23783583093 +- ' "$tmp/sum" && ok || bad "summary cuts a long drone ID"
# A cell too long for its column is cut before a whole character and ends
# in "...": the summary stays valid UTF-8 and a cut value shows as cut
# (a 53-byte name of two-byte characters in the 40-column NAME cell).
"$vigie" scan --no-db "$cap/summary_cells.pcap" >"$tmp/cells" 2>&1 || true
iconv -f UTF-8 -t UTF-8 "$tmp/cells" >/dev/null 2>&1 && ok || bad "summary is not valid UTF-8"
e_acute=$(printf '\303\251')
grep -qE "^  mac:3c:ef:8c:5e:00:02 +119\\.28\\.1\\.1 +x($e_acute){18}\\.\\.\\. +HK" "$tmp/cells" && ok || bad "summary name cell not cut whole with a mark"

# The man page names every option of every command.
for cmd in scan sdr report; do
	"$vigie" $cmd --help | grep -oE '^  --[a-z-]+' | while read -r o; do
		grep -qF -- "${o#  }" <(sed 's/\\-/-/g' "$root/docs/vigie.1") || echo "man page lacks $cmd ${o#  }"
	done
done >"$tmp/man"
[ ! -s "$tmp/man" ] && ok || { bad "$(cat "$tmp/man")"; }

# A progress line on a terminal (script(1) gives one), none when not.
if command -v script >/dev/null; then
	script -qec "$vigie scan --no-db --json /dev/null $sample" /dev/null >"$tmp/tty" 2>&1 || true
	grep -q 'Covered devices' "$tmp/tty" && ok || bad "no summary on a terminal"
	# A pause on standard input: the progress line is drawn by then.
	script -qec "{ cat $sample; sleep 0.5; } | $vigie scan --no-db --json /dev/null -" /dev/null >"$tmp/tty" 2>&1 || true
	grep -qE 'kB read +[0-9.]+ M packets/s' "$tmp/tty" && ok || bad "no progress line on a terminal"
	script -qec "{ cat $sample; sleep 0.5; } | $vigie scan --no-db --quiet -" /dev/null >"$tmp/tty" 2>&1 || true
	[ ! -s "$tmp/tty" ] && ok || bad "--quiet still draws on a terminal"
	"$vigie" scan --no-db "$sample" 2>"$tmp/err" >/dev/null
	[ ! -s "$tmp/err" ] && ok || bad "progress or noise on a non-terminal stderr"
fi

finish cli
