#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# The store the report tests read: several crafted captures scanned into
# one database under different sites and organisations, with the small
# test GeoIP databases (so countries and AS names are stable).
#   hq      samples/sample.pcap                 --org 'ACME & Sons <HQ>'
#   branch  ident.pcap + flows.pcap             --org ACME
#   roof    air_spoof.pcap, sites file report-zones.txt (zone roof: org=City-Hall)
#   lab     ident_hostile.pcap                  (no organisation)
#   lab2    report_names.pcap                   --org ACME
# usage: report_db.sh VIGIE ROOT DB   (DB must not exist)
set -euo pipefail
vigie=$1 root=$2 db=$3
geodir=${VIGIE_TEST_GEODIR:-$(dirname "$vigie")/tests}
cap=$root/tests/captures
scan() { "$vigie" scan --quiet --db "$db" --geoip "$geodir/geo-country.mmdb" --asn "$geodir/geo-asn.mmdb" "$@"; }
scan --site hq --org 'ACME & Sons <HQ>' "$root/samples/sample.pcap"
scan --site branch --org ACME "$cap/ident.pcap" "$cap/flows.pcap"
scan --site roof --sites "$root/tests/data/report-zones.txt" "$cap/air_spoof.pcap"
scan --site lab "$cap/ident_hostile.pcap"
scan --site lab2 --org ACME "$cap/report_names.pcap"
