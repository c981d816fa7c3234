#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Real public captures from ../shared/corpus (read in place, never copied):
# every one is read without a crash; the camera captures give their
# hosts and flows; radio captures are counted, not decoded (yet).
# usage: corpus_test.sh VIGIE ROOT
set -uo pipefail
vigie=$1 root=$2
corpus=$root/../shared/corpus
[ -d "$corpus/net" ] || { echo "SKIP: $corpus not found beside the project"; exit 77; }
. "$root/tests/lib.sh"

# D-Link DCS-935L setup: the camera and its flows (mydlink, AWS).
"$vigie" scan --no-db --quiet --json - "$corpus/net/D-LinkCam_Setup-A-1-STA.pcap" >"$tmp/d" || bad "D-Link capture"
[ "$(grep '"type":"stats"' "$tmp/d" | jq .packets)" = 624 ] && ok || bad "D-Link packet count"
[ "$(grep -c '"type":"flow"' "$tmp/d")" -ge 10 ] && ok || bad "D-Link flows"
grep -q '"type":"device"' "$tmp/d" && ok || bad "D-Link devices"
"$vigie" scan --no-db --quiet --json - "$corpus/net/EdimaxCam1_Setup-A-1-STA.pcap" >"$tmp/e" || bad "Edimax capture"
[ "$(grep '"type":"stats"' "$tmp/e" | jq .packets)" = 49 ] && ok || bad "Edimax packet count"

# Negative controls: neither camera maker is covered, and nothing in
# these captures may be called covered.
for f in "$tmp/d" "$tmp/e"; do
	n=$(grep '"type":"device"' "$f" | jq -s '[.[] | select(.covered)] | length')
	[ "$n" = 0 ] && ok || bad "$f: $n devices called covered"
done
grep '"type":"device"' "$tmp/d" | jq -r '.name // empty' | grep -qi 'dcs-935l' && ok || bad "D-Link camera's DHCP name not found"

# Radio captures: link types this version does not decode are reported,
# counted and never crash.
for f in "$corpus"/drone/*.pcap "$corpus"/drone/*.pcapng; do
	rc=0; "$vigie" scan --no-db --quiet --json - "$f" >"$tmp/r" 2>"$tmp/err" || rc=$?
	if [ $rc -gt 1 ]; then bad "$f: exit $rc"; continue; fi
	grep -q '"type":"stats"' "$tmp/r" && ok || bad "$f: no stats record"
done
finish corpus
