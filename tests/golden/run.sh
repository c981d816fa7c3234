#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Golden test: run vigie on captures and compare its JSON Lines with the
# reviewed expectation. Wall-clock fields (elapsed_s, pps) are masked.
#
#   run.sh VIGIE NAME                 compare (what CTest runs)
#   run.sh VIGIE NAME --regen         rewrite tests/golden/NAME.jsonl
#   run.sh VIGIE --regen-all          rewrite every expectation
#
# TESTLIST lines: NAME CAPTURES EXIT [FLAGS...]
#   CAPTURES: comma-separated paths under tests/captures/ ('@sample' is
#   samples/sample.pcap; '@corpus/X' is ../shared/corpus/X, read in place:
#   when it is absent the test is skipped, exit 77); EXIT: the exit status
#   vigie must return. FLAGS may name files under tests/ as @tests/X; a
#   first flag @sdr runs 'vigie sdr' (IQ recordings) instead of 'scan'.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
vigie=$1
shift

# Countries and AS numbers come from the small test databases the build
# makes (tests/data/geo-test.txt), never from the installed ones, so that
# expectations do not change when GeoIP data is refreshed.
geodir=${VIGIE_TEST_GEODIR:-$(dirname "$vigie")/tests}
[ -s "$geodir/geo-country.mmdb" ] && [ -s "$geodir/geo-asn.mmdb" ] || {
	echo "golden: test GeoIP databases missing in $geodir (build the test_geo_dbs target)" >&2
	exit 2
}

mask() { sed -E 's/"elapsed_s":[0-9.]+/"elapsed_s":0/; s/"pps":[0-9.]+/"pps":0/'; }

run_one() {
	local name=$1 mode=${2:-check} line caps want flags files=() out rc
	line=$(grep -E "^$name[[:space:]]" "$here/TESTLIST" || true)
	[ -n "$line" ] || { echo "no TESTLIST entry '$name'" >&2; return 2; }
	read -r _ caps want flags <<<"$line"
	IFS=, read -r -a parts <<<"$caps"
	for c in "${parts[@]}"; do
		case $c in
		@sample) files+=("$root/samples/sample.pcap") ;;
		@corpus/*)
			f=$root/../shared/corpus/${c#@corpus/}
			[ -e "$f" ] || { echo "SKIP $name: $f not found (the shared corpus sits beside the project)"; return 77; }
			files+=("$f") ;;
		*) files+=("$root/tests/captures/$c") ;;
		esac
	done
	flags=${flags//@tests\//$root/tests/}
	local cmd=(scan --geoip "$geodir/geo-country.mmdb" --asn "$geodir/geo-asn.mmdb")
	case $flags in @sdr*) cmd=(sdr); flags=${flags#@sdr} ;; esac
	out=$(mktemp)
	rc=0
	# shellcheck disable=SC2086
	(cd "$root/tests/captures" && "$vigie" "${cmd[@]}" --no-db --quiet --json - \
		$flags "${files[@]}") \
		2>"$out.err" | mask >"$out" || rc=$?
	if [ "$rc" != "$want" ]; then
		echo "FAIL $name: exit status $rc, expected $want" >&2
		cat "$out.err" >&2
		rm -f "$out" "$out.err"
		return 1
	fi
	if [ "$mode" = regen ]; then
		cp "$out" "$here/$name.jsonl"
		echo "wrote $here/$name.jsonl ($(wc -l <"$out") records)"
	elif ! diff -u "$here/$name.jsonl" "$out" >&2; then
		echo "FAIL $name: output differs from $here/$name.jsonl (regenerate after review: tests/golden/run.sh $vigie $name --regen)" >&2
		rm -f "$out" "$out.err"
		return 1
	fi
	rm -f "$out" "$out.err"
}

if [ "${1:-}" = "--regen-all" ]; then
	grep -vE '^(#|$)' "$here/TESTLIST" | while read -r n _; do run_one "$n" regen || [ $? = 77 ]; done
else
	run_one "$1" "$([ "${2:-}" = --regen ] && echo regen || echo check)"
fi
