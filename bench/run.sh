#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# bench/run.sh - time vigie against a bare libpcap loop and ndpiReader.
#
# usage: bench/run.sh [BUILD_DIR=build] [PACKETS=1000000] [RUNS=5]
#   NDPI_RUNS=N (environment, default 3, never below 3) sets ndpiReader's runs.
# A relative BUILD_DIR is taken from the repository root.  The capture is made
# once into bench/out/mixed-<PACKETS>.pcap.  Runs are interleaved round-robin
# so that drifting machine load hits all three commands alike.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
BUILD=${1:-build}
PACKETS=${2:-1000000}
RUNS=${3:-5}
NDPI_RUNS=${NDPI_RUNS:-3}
case $BUILD in /*) ;; *) BUILD=$ROOT/$BUILD ;; esac

die() { echo "run.sh: $*" >&2; exit 1; }
for v in PACKETS RUNS NDPI_RUNS; do
	[[ ${!v} =~ ^[1-9][0-9]*$ ]] || die "$v must be a positive integer, got '${!v}'"
done
((NDPI_RUNS >= 3)) || NDPI_RUNS=3

GEN=$BUILD/bench/vigie-bench-gen
LOOP=$BUILD/bench/pcap-loop
RUSAGE=$BUILD/bench/bench-rusage
VIGIE=$BUILD/vigie
. "$ROOT/bench/lib.sh"
built "$GEN" "$LOOP" "$RUSAGE" "$VIGIE"
command -v ndpiReader >/dev/null || die "ndpiReader not found in PATH (Debian: apt-get install libndpi-bin)"

FILE=$ROOT/bench/out/mixed-$PACKETS.pcap
capture "$GEN" "$PACKETS" "$FILE"
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT

NAMES=(pcap-loop pcap-loop-b vigie-flows vigie ndpiReader)
CMD_pcap_loop=("$LOOP" "$FILE")
CMD_pcap_loop_b=("$LOOP" -b "$FILE")   # vigie's own stdio buffer size
CMD_vigie_flows=("$VIGIE" scan --no-db --no-identify "$FILE")   # flows and hosts only
CMD_vigie=("$VIGIE" scan --no-db "$FILE")   # terminal summary included (to /dev/null)
CMD_ndpiReader=(ndpiReader -i "$FILE" -q)

# Warm the page cache and each binary (one untimed run each); count packets.
cat "$FILE" >/dev/null
PKTS=$("$LOOP" "$FILE" | sed -n 's/^packets=\([0-9]*\) .*/\1/p')
[[ -n $PKTS ]] || die "pcap-loop printed no packet count for $FILE"
warm "${NAMES[@]}"

ROUNDS=$((RUNS > NDPI_RUNS ? RUNS : NDPI_RUNS))
for ((i = 1; i <= ROUNDS; i++)); do
	echo "round $i/$ROUNDS" >&2
	((i > RUNS)) || timed pcap-loop
	((i > RUNS)) || timed pcap-loop-b
	((i > RUNS)) || timed vigie-flows
	((i > RUNS)) || timed vigie
	((i > NDPI_RUNS)) || timed ndpiReader
done


echo
echo "machine:  $(nproc) CPUs, $(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -n 1), $(uname -sr)"
echo "capture:  $FILE"
echo "          $PKTS packets, $(stat -c %s "$FILE" | awk '{printf "%.1f MB", $1 / 1e6}')"
echo "runs:     pcap-loop $RUNS, vigie $RUNS, ndpiReader $NDPI_RUNS$( ((NDPI_RUNS < RUNS)) && echo ' (fewer: it is slow)')"
echo
printf '%-12s %10s %12s %9s %9s %10s\n' command 'median s' 'packets/s' 'RSS MiB' 'x loop' 'median CPU'
base=$(median "$TMP/pcap-loop" 1)
declare -A MED CPU
for n in "${NAMES[@]}"; do
	MED[$n]=$(median "$TMP/$n" 1)
	CPU[$n]=$(median "$TMP/$n" 3)
	rss=$(median "$TMP/$n" 2)
	awk -v n="$n" -v t="${MED[$n]}" -v r="$rss" -v p="$PKTS" -v b="$base" -v c="${CPU[$n]}" \
		'BEGIN {printf "%-12s %10.3f %12.0f %9.1f %9.2f %10.3f\n", n, t, p / t, r / 1024, t / b, c}'
done
for n in "${NAMES[@]}"; do
	var="CMD_${n//-/_}[@]"
	echo "  $n: ${!var}"
done

# paired A B: the median over rounds of (A's wall time / B's) in the same
# round; the runs are interleaved, so drifting load cancels out of it.
paired() {
	paste -d' ' <(cut -d' ' -f1 "$TMP/$1" | head -n "$RUNS") \
		<(cut -d' ' -f1 "$TMP/$2" | head -n "$RUNS") |
		awk '{print $1 / $2}' | sort -g |
		awk '{a[NR] = $1} END {print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2}'
}
PV=$(paired vigie pcap-loop)
PI=$(paired vigie vigie-flows)
echo
awk -v v="${MED[vigie]}" -v l="$base" -v d="${MED[ndpiReader]}" -v lb="${MED[pcap-loop-b]}" -v vf="${MED[vigie-flows]}" \
    -v pv="$PV" -v pi="$PI" -v cv="${CPU[vigie]}" -v cf="${CPU[vigie-flows]}" 'BEGIN {
	r1 = v / l; r2 = d / v
	printf "verdict: vigie/pcap-loop = %.2f (target <= 2.0): %s\n", r1, (r1 <= 2.0 ? "PASS" : "FAIL")
	printf "         paired per round: %.2f\n", pv
	printf "         vigie/pcap-loop-b = %.2f (against a loop with vigie'"'"'s own read buffer)\n", v / lb
	printf "verdict: ndpiReader/vigie = %.1f (target >= 20): %s\n", r2, (r2 >= 20 ? "PASS" : "FAIL")
	r3 = (v / vf - 1) * 100
	printf "verdict: identification adds %.1f%% to vigie-flows (target <= 15%%): %s\n", r3, (r3 <= 15 ? "PASS" : "FAIL")
	printf "         paired per round: %.1f%%; in CPU time: %.1f%%\n", (pi - 1) * 100, (cv / cf - 1) * 100
}'
