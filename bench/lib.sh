# SPDX-License-Identifier: MIT
# bench/lib.sh - what the benchmark scripts share; sourced, not run.
#
# For built(), the caller sets $BUILD and a die() that prints one message
# and exits. For timed() and warm(), the caller sets $RUSAGE (build/bench/bench-rusage),
# $TMP (a scratch directory) and a die() that prints one message and exits,
# and names each command NAME by an array CMD_NAME ('-' in NAME written
# '_').

# built FILE...: each a program of the build ($BUILD) or die() saying so.
built() {
	local t
	for t in "$@"; do
		[[ -x $t ]] || die "$t is missing: build first (cmake -S . -B build && cmake --build $BUILD)"
	done
}

# capture GEN COUNT FILE: make FILE with `GEN -n COUNT` (into FILE.tmp,
# then renamed) if it is missing, empty or older than the generator.
capture() {
	if [[ ! -s $3 || $1 -nt $3 ]]; then
		mkdir -p "$(dirname "$3")"
		echo "generating $3 ..."
		"$1" -n "$2" -o "$3.tmp"
		mv "$3.tmp" "$3"
	fi
}

# timed NAME: run CMD_NAME once under bench-rusage, its output discarded,
# appending "wall_s maxrss_kib cpu_s" to $TMP/NAME. A failing command stops
# the script with the tail of its standard error.
timed() {
	local var="CMD_${1//-/_}[@]"
	if ! "$RUSAGE" -o "$TMP/one" "${!var}" >/dev/null 2>"$TMP/err"; then
		tail -n 20 "$TMP/err" >&2
		die "$1 failed: ${!var}"
	fi
	cat "$TMP/one" >>"$TMP/$1"
}

# warm NAME...: one untimed run of each (page cache, binaries); their
# figures are dropped.
warm() {
	local n
	for n in "$@"; do timed "$n"; : >"$TMP/$n"; done
}

# median FILE COLUMN: the median of that column of the figures in FILE.
median() {
	cut -d' ' -f"$2" "$1" | sort -g |
		awk '{a[NR] = $1} END {print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2}'
}
