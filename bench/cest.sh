#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# bench/cest.sh - what identification costs, in a measure that does not
# drift with the machine's load: cachegrind's cycle estimate.
#
# usage: bench/cest.sh [BUILD_DIR=build] [PACKETS=200000]
# Runs `vigie scan --no-db --no-identify` (the foundation) and `vigie scan
# --no-db` (everything) once each under cachegrind on
# bench/out/mixed-<PACKETS>.pcap (made as bench/run.sh makes it) and prints,
# for each, instructions, L1 and last-level misses and the estimate
#   CEst = instructions + 10 x L1 misses + 100 x last-level misses
# then what the full pipeline adds to the foundation by that estimate.
# cachegrind runs about 50 times slower than the program: 200,000 packets
# take about a minute, 1,000,000 about five.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
BUILD=${1:-build}
PACKETS=${2:-200000}
case $BUILD in /*) ;; *) BUILD=$ROOT/$BUILD ;; esac

die() { echo "cest.sh: $*" >&2; exit 1; }
[[ $PACKETS =~ ^[1-9][0-9]*$ ]] || die "PACKETS must be a positive integer, got '$PACKETS'"
GEN=$BUILD/bench/vigie-bench-gen
VIGIE=$BUILD/vigie
. "$ROOT/bench/lib.sh"
built "$GEN" "$VIGIE"
command -v valgrind >/dev/null || die "valgrind not found in PATH (Debian: apt-get install valgrind)"

FILE=$ROOT/bench/out/mixed-$PACKETS.pcap
capture "$GEN" "$PACKETS" "$FILE"
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT

# cest NAME ARGS...: one cachegrind run of vigie; prints its line and
# leaves the estimate in $TMP/NAME.
cest() {
	local name=$1
	shift
	valgrind --tool=cachegrind --cache-sim=yes \
		--cachegrind-out-file="$TMP/$name.out" "$VIGIE" "$@" "$FILE" \
		>/dev/null 2>"$TMP/$name.log" ||
		{ tail -n 20 "$TMP/$name.log" >&2; die "$name failed under cachegrind"; }
	# summary: Ir I1mr ILmr Dr D1mr DLmr Dw D1mw DLmw
	awk -v n="$name" -v out="$TMP/$name" '/^summary:/ {
		ir = $2; l1 = $3 + $6 + $9; ll = $4 + $7 + $10
		c = ir + 10 * l1 + 100 * ll
		printf "%-12s %9.1f M %9.0f K %9.0f K %9.1f M\n", n,
		    ir / 1e6, l1 / 1e3, ll / 1e3, c / 1e6
		print c > out }' "$TMP/$name.out"
	[[ -s $TMP/$name ]] || die "$name: no summary line in cachegrind's output"
}

echo "capture: $FILE ($PACKETS packets)"
printf '%-12s %11s %11s %11s %11s\n' command instructions "L1 misses" "LL misses" CEst
cest vigie-flows scan --no-db --no-identify
cest vigie scan --no-db
awk -v a="$(cat "$TMP/vigie-flows")" -v b="$(cat "$TMP/vigie")" 'BEGIN {
	printf "identification (and the rest of the full pipeline) adds %.1f %% to vigie-flows by CEst\n",
	    100 * (b - a) / a }'
