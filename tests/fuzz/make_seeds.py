#!/usr/bin/python3
# SPDX-License-Identifier: MIT
# Seeds for fuzz_frame from the project's own test captures: each seed is
# up to 16 frames of one capture in the target's input format
#   link-selector(1) length(2, big-endian) bytes.
# Run: /usr/bin/python3 tests/fuzz/make_seeds.py  (from the repo root)
import os, struct, sys

LINKS = [1, 113, 276, 12, 101, 228, 229, 0, 108, 147]

def frames(path):
    with open(path, "rb") as f:
        data = f.read()
    if len(data) < 24 or data[:4] not in (b"\xd4\xc3\xb2\xa1", b"\x4d\x3c\xb2\xa1"):
        return None, []
    link = struct.unpack("<I", data[20:24])[0]
    out, o = [], 24
    while o + 16 <= len(data) and len(out) < 16:
        incl = struct.unpack("<I", data[o + 8:o + 12])[0]
        o += 16
        out.append(data[o:o + min(incl, 65535)])
        o += incl
    return link, out

def main():
    root = sys.argv[1] if len(sys.argv) > 1 else "."
    src = os.path.join(root, "tests", "captures")
    dst = os.path.join(root, "tests", "fuzz", "corpus", "frame")
    os.makedirs(dst, exist_ok=True)
    names = sorted(n for n in os.listdir(src) if n.endswith(".pcap"))
    names += ["bad/" + n for n in sorted(os.listdir(os.path.join(src, "bad")))
              if n.endswith(".pcap") and n != "vlan_deep.pcap"]
    names.append("../../samples/sample.pcap")
    for name in names:
        link, fr = frames(os.path.join(src, name))
        if link is None or not fr:
            continue
        sel = LINKS.index(link) if link in LINKS else len(LINKS) - 1
        blob = b"".join(bytes([sel]) + struct.pack(">H", len(x)) + x for x in fr)
        out = os.path.join(dst, os.path.basename(name).replace(".pcap", ""))
        with open(out, "wb") as f:
            f.write(blob)

main()
