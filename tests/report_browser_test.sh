#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# The HTML report in a real browser: Debian's headless Chromium loads the
# report of the crafted captures (tests/report_db.sh) with no console
# message and no network request, its summary cards show the numbers of
# the JSON report, and the hostile device names are text; a screenshot is
# kept as an artefact (build/tests/report.png, beside report.html and
# report.json). Five pages broken on purpose must each fail the same
# checks: a script and an outside image under the page's CSP, an outside
# image without it, a script without it, a card off by one, a style sheet
# that no longer matches its CSP hash.
# usage: report_browser_test.sh VIGIE ROOT   (CHROMIUM=path overrides /usr/bin/chromium)
set -uo pipefail
vigie=$1 root=$2
chromium=${CHROMIUM:-/usr/bin/chromium}
[ -x "$chromium" ] || { echo "SKIP: $chromium missing (scripts/setup installs Debian's chromium)"; exit 77; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
out=$(cd "$(dirname "$vigie")" && pwd)/tests
mkdir -p "$out"
bash "$root/tests/report_db.sh" "$vigie" "$root" "$tmp/v.db" || { echo "FAIL: building the store"; exit 1; }
"$vigie" report --db "$tmp/v.db" --format html -o "$out/report.html" || { echo "FAIL: html report"; exit 1; }
"$vigie" report --db "$tmp/v.db" --format json -o "$out/report.json" || { echo "FAIL: json report"; exit 1; }
/usr/bin/python3 - "$out/report.html" "$tmp" <<'PY' || { echo "FAIL: making the broken pages"; exit 1; }
import re, sys
page, d = open(sys.argv[1], encoding="utf-8").read(), sys.argv[2]
csp = re.compile(r'<meta http-equiv="Content-Security-Policy"[^>]*>')
assert csp.search(page) and '<body>' in page and 'data-count="alerts">' in page
nocsp = csp.sub("", page)
broken = {
    "csp-script-img": page.replace("<body>", '<body><script>console.error("x")</script>'
                                   '<img src="http://127.0.0.1:9/x.png">', 1),
    "no-csp-img": nocsp.replace("<body>", '<body><img src="http://127.0.0.1:9/x.png">', 1),
    "no-csp-script": nocsp.replace("<body>", '<body><script>console.log("ran")</script>', 1),
    "card-off-by-one": re.sub(r'(data-count="alerts">)(\d+)', lambda m: m[1] + str(int(m[2]) + 1),
                              page, count=1),
    "style-not-hashed": page.replace("<style>", "<style>h1{color:red}", 1),
}
for name, text in broken.items():
    assert text != page, name
    open("%s/broken-%s.html" % (d, name), "w", encoding="utf-8").write(text)
PY
/usr/bin/python3 "$root/tests/report_browser.py" "$chromium" "$out/report.json" "$out/report.png" \
	"$out/report.html" "$tmp"/broken-*.html
