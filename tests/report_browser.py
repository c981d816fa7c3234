#!/usr/bin/python3
# SPDX-License-Identifier: MIT
"""report_browser.py - load vigie's HTML report in headless Chromium and check it.

usage: report_browser.py CHROMIUM REPORT.json SCREENSHOT.png GOOD.html [BROKEN.html...]

Drives Chromium through its DevTools protocol over a pipe
(--remote-debugging-pipe: commands on fd 3, replies and events on fd 4, each
a JSON text ended by a NUL byte), with Python's standard library only. Each
page is loaded in a fresh tab, with the Runtime, Log, Network and Page
domains enabled, and fails on:

  * any console message (Runtime.consoleAPICalled), uncaught exception
    (Runtime.exceptionThrown) or log entry of level warning or error
    (Log.entryAdded: Content-Security-Policy refusals, failed loads);
  * any request other than the page itself and data: URLs
    (Network.requestWillBeSent);
  * a JavaScript dialog (Page.javascriptDialogOpening: an alert() ran);
  * a <script> element in the DOM;
  * a summary card whose number (the text of the element with
    data-count="NAME") differs from summary.NAME of the JSON report, or a
    card missing.

GOOD.html must pass; a screenshot of the whole page goes to SCREENSHOT.png.
Every BROKEN.html must fail (each is a page made wrong on purpose: the proof
that the checks can fail). Exit status 0 when both hold, 1 otherwise.
"""

import base64
import fcntl
import html.parser
import json
import os
import select
import shutil
import subprocess
import sys
import tempfile
import time

TIMEOUT = 60.0          # seconds for one page, start-up included
SETTLE = 0.5            # seconds to wait after the load event for late messages
CARDS = ("covered_devices", "devices", "sites", "organisations", "alerts",
         "alerts_critical", "alerts_high", "alerts_medium", "alerts_low", "alerts_info",
         "bytes_up_flagged_covered", "bytes_up_flagged", "drones", "drone_positions", "zones")
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--remote-debugging-pipe", "--window-size=1280,900", "about:blank"]


class Chromium:
    """One browser, spoken to over the DevTools pipe."""

    def __init__(self, path, profile):
        to_r, to_w = os.pipe()
        from_r, from_w = os.pipe()
        # The child's ends, moved above any fd the dup2s below could hit.
        hi_r = fcntl.fcntl(to_r, fcntl.F_DUPFD, 10)
        hi_w = fcntl.fcntl(from_w, fcntl.F_DUPFD, 10)
        os.close(to_r)
        os.close(from_w)

        def fds():
            os.dup2(hi_r, 3)
            os.dup2(hi_w, 4)

        self.log = open(os.path.join(profile, "chromium.log"), "wb")
        self.proc = subprocess.Popen([path, "--user-data-dir=" + profile] + FLAGS,
                                     stdin=subprocess.DEVNULL, stdout=self.log, stderr=self.log,
                                     preexec_fn=fds, pass_fds=(3, 4))
        os.close(hi_r)
        os.close(hi_w)
        self.w, self.r = to_w, from_r
        self.buf = b""
        self.next_id = 0
        self.events = []

    def send(self, method, params=None, session=None):
        self.next_id += 1
        msg = {"id": self.next_id, "method": method, "params": params or {}}
        if session:
            msg["sessionId"] = session
        os.write(self.w, json.dumps(msg).encode() + b"\0")
        return self.next_id

    def read(self, deadline):
        """One message, or None at the deadline."""
        while b"\0" not in self.buf:
            left = deadline - time.monotonic()
            if left <= 0 or not select.select([self.r], [], [], left)[0]:
                return None
            chunk = os.read(self.r, 1 << 20)
            if not chunk:
                raise RuntimeError("Chromium closed the DevTools pipe (see chromium.log)")
            self.buf += chunk
        msg, self.buf = self.buf.split(b"\0", 1)
        return json.loads(msg)

    def call(self, method, params=None, session=None, deadline=None):
        """Send a command and wait for its reply; events meanwhile are kept."""
        deadline = deadline or time.monotonic() + TIMEOUT
        want = self.send(method, params, session)
        while True:
            msg = self.read(deadline)
            if msg is None:
                raise RuntimeError("no reply to " + method)
            if msg.get("id") == want:
                if "error" in msg:
                    raise RuntimeError("%s: %s" % (method, msg["error"]))
                return msg.get("result", {})
            if "method" in msg:
                self.events.append(msg)

    def close(self):
        try:
            self.send("Browser.close")
            self.proc.wait(timeout=10)
        except Exception:
            self.proc.kill()
            self.proc.wait()
        os.close(self.w)
        os.close(self.r)
        self.log.close()


class Dom(html.parser.HTMLParser):
    """Text of every data-count element, script elements, all text."""

    def __init__(self):
        super().__init__()
        self.counts, self.open, self.scripts, self.text = {}, [], 0, []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "script":
            self.scripts += 1
        if "data-count" in a:
            self.counts[a["data-count"]] = ""
            self.open.append(a["data-count"])

    def handle_endtag(self, tag):
        if tag == "span" and self.open:
            self.open.pop()

    def handle_data(self, data):
        self.text.append(data)
        for k in self.open:
            self.counts[k] += data


def check_page(chrome, url, summary, shot=None):
    """Load url in a new tab; the list of what is wrong with it."""
    wrong = []
    target = chrome.call("Target.createTarget", {"url": "about:blank"})["targetId"]
    sess = chrome.call("Target.attachToTarget", {"targetId": target, "flatten": True})["sessionId"]
    for domain in ("Runtime", "Log", "Network", "Page", "DOM"):
        chrome.call(domain + ".enable", session=sess)
    chrome.call("Emulation.setDeviceMetricsOverride", {"width": 1280, "height": 900,
                "deviceScaleFactor": 1, "mobile": False}, session=sess)
    chrome.events = []
    chrome.call("Page.navigate", {"url": url}, session=sess)
    deadline, loaded = time.monotonic() + TIMEOUT, None
    while loaded is None or time.monotonic() < loaded + SETTLE:
        msg = chrome.read(min(deadline, (loaded or deadline) + SETTLE))
        if msg is None:
            if loaded is None:
                wrong.append("page did not load within %.0f s" % TIMEOUT)
            break
        chrome.events.append(msg)
        if msg.get("method") == "Page.loadEventFired" and msg.get("sessionId") == sess:
            loaded = time.monotonic()
    for ev in chrome.events:
        if ev.get("sessionId") != sess:
            continue
        m, p = ev.get("method"), ev.get("params", {})
        if m == "Runtime.consoleAPICalled":
            wrong.append("console %s: %s" % (p.get("type"), [a.get("value", a.get("description"))
                                                           for a in p.get("args", [])]))
        elif m == "Runtime.exceptionThrown":
            wrong.append("exception: %s" % p.get("exceptionDetails", {}).get("text"))
        elif m == "Log.entryAdded" and p["entry"]["level"] in ("warning", "error"):
            wrong.append("console %s (%s): %s" % (p["entry"]["level"], p["entry"]["source"],
                                                  p["entry"]["text"]))
        elif m == "Network.requestWillBeSent":
            u = p["request"]["url"]
            if u != url and not u.startswith("data:"):
                wrong.append("network request: " + u)
        elif m == "Page.javascriptDialogOpening":
            wrong.append("a script opened a dialog: " + p.get("message", ""))
    root = chrome.call("DOM.getDocument", {"depth": -1}, session=sess)["root"]
    dom = Dom()
    dom.feed(chrome.call("DOM.getOuterHTML", {"nodeId": root["nodeId"]}, session=sess)["outerHTML"])
    if dom.scripts:
        wrong.append("%d script element(s) in the DOM" % dom.scripts)
    for k in CARDS:
        shown = dom.counts.get(k)
        if shown is None:
            wrong.append("card %s missing" % k)
        elif shown.replace(",", "").strip() != str(summary[k]):
            wrong.append("card %s shows %r, the JSON report says %d" % (k, shown, summary[k]))
    if shot:
        text = "".join(dom.text)
        for name in ("<script>alert(1)</script>", '=HYPERLINK("http://x")'):
            if name not in text:
                wrong.append("device name %r not shown as text" % name)
        size = chrome.call("Page.getLayoutMetrics", session=sess)["cssContentSize"]
        chrome.call("Emulation.setDeviceMetricsOverride", {"width": 1280,
                    "height": min(int(size["height"]) + 1, 16000), "deviceScaleFactor": 1,
                    "mobile": False}, session=sess)
        png = chrome.call("Page.captureScreenshot", {"format": "png"}, session=sess)["data"]
        with open(shot, "wb") as f:
            f.write(base64.b64decode(png))
    chrome.call("Target.closeTarget", {"targetId": target})
    return wrong


def main():
    if len(sys.argv) < 5:
        sys.exit(__doc__)
    chromium, report, shot, good, broken = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4], sys.argv[5:]
    summary = json.load(open(report, encoding="utf-8"))["summary"]
    profile = tempfile.mkdtemp(prefix="vigie-chromium-")
    chrome, rc = None, 0
    try:
        chrome = Chromium(chromium, profile)
        chrome.call("Target.getTargets")      # the browser answers: it is up
        wrong = check_page(chrome, "file://" + os.path.abspath(good), summary, shot)
        for w in wrong:
            print("FAIL %s: %s" % (good, w))
        rc = 1 if wrong else 0
        if not wrong:
            print("ok %s: no console message, no request, cards equal the JSON summary; "
                  "screenshot %s" % (good, shot))
        for page in broken:
            wrong = check_page(chrome, "file://" + os.path.abspath(page), summary)
            if wrong:
                print("ok %s fails as it must: %s" % (page, "; ".join(wrong)))
            else:
                print("FAIL %s: a broken page passed the checks" % page)
                rc = 1
    except Exception as e:          # the browser itself failed: say so, fail
        print("FAIL: %s" % e)
        log = os.path.join(profile, "chromium.log")
        if os.path.exists(log):
            sys.stdout.write(open(log, errors="replace").read()[-3000:])
        rc = 1
    finally:
        if chrome:
            chrome.close()
        shutil.rmtree(profile, ignore_errors=True)
    return rc


if __name__ == "__main__":
    sys.exit(main())
