#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# bench/run_air.sh - the airspace benchmark: vigie on an 802.11 monitor-mode
# capture (radiotap beacons: access points, ASTM Remote ID and DJI DroneID
# drones; bench/gen_air.c) against a bare libpcap read loop.
#
# usage: bench/run_air.sh [BUILD_DIR=build] [FRAMES=500000] [RUNS=7]
# Runs are interleaved; medians are printed with the frames/s of each and
# the verdict against issue 5's bound (>= 1,000,000 frames/s).
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
BUILD=${1:-build}
FRAMES=${2:-500000}
RUNS=${3:-7}
case $BUILD in /*) ;; *) BUILD=$ROOT/$BUILD ;; esac
die() { echo "run_air.sh: $*" >&2; exit 1; }
for v in FRAMES RUNS; do
	[[ ${!v} =~ ^[1-9][0-9]*$ ]] || die "$v must be a positive integer, got '${!v}'"
done
GEN=$BUILD/bench/vigie-bench-air LOOP=$BUILD/bench/pcap-loop
RUSAGE=$BUILD/bench/bench-rusage VIGIE=$BUILD/vigie
. "$ROOT/bench/lib.sh"
built "$GEN" "$LOOP" "$RUSAGE" "$VIGIE"
FILE=$ROOT/bench/out/air-$FRAMES.pcap
capture "$GEN" "$FRAMES" "$FILE"
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
NAMES=(pcap-loop vigie)
CMD_pcap_loop=("$LOOP" "$FILE")
CMD_vigie=("$VIGIE" scan --no-db "$FILE")
cat "$FILE" >/dev/null
warm "${NAMES[@]}"
for ((i = 1; i <= RUNS; i++)); do for n in "${NAMES[@]}"; do timed "$n"; done; done
DRONES=$("$VIGIE" scan --no-db --quiet --json - "$FILE" | grep -c '"type":"drone"')
echo "capture:  $FILE"
echo "          $FRAMES frames, $(stat -c %s "$FILE" | awk '{printf "%.1f MB", $1 / 1e6}'), $DRONES aircraft"
printf '%-10s %10s %12s %9s %9s\n' command 'median s' 'frames/s' 'RSS MiB' 'x loop'
base=$(median "$TMP/pcap-loop" 1)
for n in "${NAMES[@]}"; do
	awk -v n="$n" -v t="$(median "$TMP/$n" 1)" -v r="$(median "$TMP/$n" 2)" -v p="$FRAMES" -v b="$base" \
		'BEGIN {printf "%-10s %10.3f %12.0f %9.1f %9.2f\n", n, t, p / t, r / 1024, t / b}'
done
awk -v t="$(median "$TMP/vigie" 1)" -v p="$FRAMES" 'BEGIN {
	f = p / t
	printf "verdict: vigie reads %.2f M frames/s (target >= 1.0): %s\n", f / 1e6, (f >= 1e6 ? "PASS" : "FAIL")
}'
