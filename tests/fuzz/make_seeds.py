#!/usr/bin/python3
# SPDX-License-Identifier: MIT
# Seeds for fuzz_frame from the project's own test captures: each seed is
# up to 16 frames of one capture in the target's input format
#   link-selector(1) length(2, big-endian) bytes.
# Seeds for fuzz_odid and fuzz_djiid: crafted drone broadcast payloads
# (those cut from ../shared/corpus: cut_corpus_seeds.py, into the build).
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
        if link is None or not fr or link not in LINKS:
            continue  # radio captures feed fuzz_radio and fuzz_air
        sel = LINKS.index(link)
        blob = b"".join(bytes([sel]) + struct.pack(">H", len(x)) + x for x in fr)
        out = os.path.join(dst, os.path.basename(name).replace(".pcap", ""))
        with open(out, "wb") as f:
            f.write(blob)
    drone(root)

def records(path, with_link=False):
    """Frame bytes of a classic pcap or a pcapng (enhanced packets of its
    last interface description); with_link: (link type, bytes) pairs.
    Also used by make_radio_seeds.py."""
    with open(path, "rb") as f:
        data = f.read()
    if data[:4] in (b"\xd4\xc3\xb2\xa1", b"\x4d\x3c\xb2\xa1"):
        link, o = struct.unpack("<I", data[20:24])[0], 24
        while o + 16 <= len(data):
            incl = struct.unpack("<I", data[o + 8:o + 12])[0]
            frame = data[o + 16:o + 16 + incl]
            yield (link, frame) if with_link else frame
            o += 16 + incl
        return
    o, link = 0, None
    while o + 12 <= len(data):
        btype, blen = struct.unpack("<II", data[o:o + 8])
        if blen < 12:
            return
        if btype == 1:
            link = struct.unpack("<H", data[o + 8:o + 10])[0]
        elif btype == 6:
            cap = struct.unpack("<I", data[o + 20:o + 24])[0]
            frame = data[o + 28:o + 28 + cap]
            yield (link, frame) if with_link else frame
        o += blen

def drone(root):
    """Crafted drone-message seeds for fuzz_odid and fuzz_djiid. Those cut
    from the public captures are not kept here: cut_corpus_seeds.py cuts
    them into the build."""
    odid = os.path.join(root, "tests", "fuzz", "corpus", "odid")
    dji = os.path.join(root, "tests", "fuzz", "corpus", "djiid")
    os.makedirs(odid, exist_ok=True)
    os.makedirs(dji, exist_ok=True)
    for name, blob in crafted().items():
        with open(os.path.join(odid if name.startswith("odid_") else dji,
                               name[name.index("_") + 1:]), "wb") as f:
            f.write(blob)

def crafted():
    """Messages no capture here holds: authentication pages, a lone
    message as Bluetooth 4 sends it, DJI version 1 and flight purpose."""
    auth0 = bytes([0x22, 0x10, 2, 63]) + struct.pack("<I", 150000000) + bytes(range(17))
    auth1 = bytes([0x22, 0x11]) + bytes(range(100, 123))
    loc = (bytes([0x12, 0x26, 90, 200, 0xF6]) + struct.pack("<iiHHH", 455457468, -1229681496, 2474, 2475, 2200)
           + bytes([0x3A, 0x42]) + struct.pack("<H", 12345) + bytes([1, 0]))
    pack = bytes([0x07, 0xF2, 25, 3]) + auth0 + auth1 + loc
    v1 = (bytes([0x58, 0x62, 0x13, 0x10, 1]) + struct.pack("<HH", 77, 0x0F3F) + b"08QDE2R00A0123\0\0"
          + struct.pack("<iihhhhhhhhiiBB", -6577028, 8726646, -12, 1234, -250, 1000, 5, -1050, 300, -1, -6577028, 8726646, 16, 5)
          + b"UUID1".ljust(20, b"\0"))
    purpose = (bytes([0x58, 0x62, 0x13, 0x11]) + b"1WKDE8S00A0042\0\0" + bytes([8]) + b"DRONE-07\0\0"
               + bytes([12]) + b"survey field")
    return {"odid_ble4_loc": bytes([0x2A]) + loc, "odid_auth_pack": pack,
            "djiid_v1": v1, "djiid_purpose": purpose}

if __name__ == "__main__":
    main()
