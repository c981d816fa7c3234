#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# bench/run_sdr.sh - the software-radio benchmark: vigie sdr on a SigMF
# recording of real DroneID bursts in noise (bench/gen_iq.c, from the
# corpus's Mavic Air 2 recording), timed against reading the same file.
#
# usage: bench/run_sdr.sh [BUILD_DIR=build] [SECONDS=4] [RUNS=5] [SNR_DB=20]
# Runs are interleaved; medians are printed with the real-time factor
# (recording length / wall time) and the verdict against issue 6's bound
# (at least 2x faster than real time on one core).
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
BUILD=${1:-build}
SECS=${2:-4}
RUNS=${3:-5}
SNR=${4:-20}
case $BUILD in /*) ;; *) BUILD=$ROOT/$BUILD ;; esac
die() { echo "run_sdr.sh: $*" >&2; exit 1; }
[[ $SECS =~ ^[1-9][0-9]*$ ]] || die "SECONDS must be a positive integer, got '$SECS'"
[[ $RUNS =~ ^[1-9][0-9]*$ ]] || die "RUNS must be a positive integer, got '$RUNS'"
[[ $SNR =~ ^-?[0-9]+$ ]] || die "SNR_DB must be an integer, got '$SNR'"
SRC=$ROOT/../shared/corpus/drone/mavic_air_2.sigmf-meta
[[ -r $SRC ]] || die "$SRC is missing (the shared corpus beside the clone)"
GEN=$BUILD/bench/vigie-bench-iq RUSAGE=$BUILD/bench/bench-rusage VIGIE=$BUILD/vigie
. "$ROOT/bench/lib.sh"
built "$GEN" "$RUSAGE" "$VIGIE"
BASE=$ROOT/bench/out/sdr-${SECS}s-${SNR}dB
FILE=$BASE.sigmf-data
if [[ ! -s $FILE || $GEN -nt $FILE ]]; then
	mkdir -p "$ROOT/bench/out"
	"$GEN" -s "$SECS" -n "$SNR" -o "$BASE" "$SRC"
fi
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
NAMES=(read vigie-sdr)
CMD_read=(cat "$FILE")
CMD_vigie_sdr=("$VIGIE" sdr --no-db --quiet "$BASE.sigmf-meta")
cat "$FILE" >/dev/null
warm "${NAMES[@]}"
for ((i = 1; i <= RUNS; i++)); do for n in "${NAMES[@]}"; do timed "$n"; done; done
"$VIGIE" sdr --no-db --quiet --json "$TMP/out.jsonl" "$BASE.sigmf-meta"
STATS=$(grep '"type":"stats"' "$TMP/out.jsonl")
field() { sed -n "s/.*\"$1\":\\([0-9]*\\).*/\\1/p" <<<"$STATS"; }
echo "recording: $FILE"
echo "           $SECS s at 50 MS/s, $(stat -c %s "$FILE" | awk '{printf "%.0f MB", $1 / 1e6}'), SNR $SNR dB;" \
	"bursts $(field sdr.bursts), decoded $(field sdr.decoded)"
printf '%-10s %10s %9s %12s\n' command 'median s' 'RSS MiB' 'x real time'
for n in "${NAMES[@]}"; do
	awk -v n="$n" -v t="$(median "$TMP/$n" 1)" -v r="$(median "$TMP/$n" 2)" -v s="$SECS" \
		'BEGIN {printf "%-10s %10.3f %9.1f %12.2f\n", n, t, r / 1024, s / t}'
done
awk -v t="$(median "$TMP/vigie-sdr" 1)" -v s="$SECS" 'BEGIN {
	f = s / t
	printf "verdict: vigie sdr runs at %.2fx real time (target >= 2): %s\n", f, (f >= 2 ? "PASS" : "FAIL")
}'
