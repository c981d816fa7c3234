# SPDX-License-Identifier: MIT
# tests/lib.sh - what the shell tests share; sourced once $vigie and $root
# are set. Gives $tmp (a scratch directory removed at exit: a test that
# needs more cleanup sets its own trap and removes $tmp there), the
# counters ok/bad, expect and finish.

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
pass=0 fail=0
ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "FAIL: $*" >&2; }

# expect STATUS PATTERN -- command...: the exit status, and a line of
# stderr matching PATTERN (if not empty); standard output goes to
# $tmp/out, stderr to $tmp/err. A failing command must say so in one line
# (the usage hint "Try 'vigie [CMD] --help'." aside).
expect() {
	local want=$1 pat=$2 rc=0
	shift 3
	"$@" >"$tmp/out" 2>"$tmp/err" || rc=$?
	if [ "$rc" != "$want" ]; then bad "$*: exit $rc, want $want"; cat "$tmp/err" >&2; return; fi
	if [ -n "$pat" ] && ! grep -qE -- "$pat" "$tmp/err"; then
		bad "$*: stderr lacks /$pat/"; cat "$tmp/err" >&2; return
	fi
	if [ "$want" != 0 ] && [ "$(grep -vcE "^Try 'vigie( [a-z]+)? --help'" "$tmp/err")" != 1 ]; then
		bad "$*: not one line of error"; cat "$tmp/err" >&2; return
	fi
	ok
}

# finish NAME: the tally; the test's exit status (0 if nothing failed).
finish() {
	echo "$1: $pass passed, $fail failed"
	[ "$fail" = 0 ]
}
