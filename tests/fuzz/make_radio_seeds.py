#!/usr/bin/python3
# SPDX-License-Identifier: MIT
# Seeds for fuzz_radio: link-selector(1) frame.
# Seeds for fuzz_air (corpus/air/): frames of tests/captures/air_*.pcap
# (tests/gen/make_air.py), twelve to a seed, as link(1) gap(1) len(2 LE). Crafted frames of every
# radio link type (named craft_*). Frames of the public drone captures
# are cut into the build by cut_corpus_seeds.py, not kept here.
# Run: /usr/bin/python3 tests/fuzz/make_radio_seeds.py  (from the repo root)
import os, struct, sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from make_seeds import records  # noqa: E402

LINKS = [105, 127, 192, 251, 256, 272]  # as radio_links in fuzz_radio.c
TA = bytes.fromhex("84cca8604324")
ADVA = bytes.fromhex("1c2febea7de0")  # e0:7d:ea:eb:2f:1c, sent reversed

def odid(counter):
    return bytes([counter, 0x00, 0x12]) + b"MFG1A0123456789" + bytes(8)

def mgmt(sub, body):
    return bytes([sub << 4, 0]) + bytes(2) + b"\xff" * 6 + TA + TA + b"\x10\x00" + body

def ie(i, data):
    return bytes([i, len(data)]) + data

def beacon(ies):
    return mgmt(8, bytes(8) + b"\x64\x00\x01\x04" + ies)

ASTM_IE = ie(221, b"\xfa\x0b\xbc\x0d" + odid(7))
DJI_IE = ie(221, b"\x26\x37\x12\x58\x62\x13\x10\x02" + bytes(10))

def radiotap_two_words(flags):
    h = b"\x00\x00\x21\x00" + struct.pack("<II", 0xA000002B, 0x00000820)
    h += bytes(4) + b"\xee" * 8 + bytes([flags, 0]) + struct.pack("<HH", 2437, 0xA0)
    return h + bytes([0xd6, 0xce, 0])

def radiotap_vendor():
    h = struct.pack("<BBH", 0, 0, 34) + struct.pack("<III", 0xC0000024, 0xA0000081, 0x8)
    h += bytes([2, 0xc3]) + b"\x00\x11\x22\x00" + struct.pack("<H", 5) + b"Z" * 5 + b"\x00"
    return h + struct.pack("<HH", 5180, 0x140)

def ppi(fcs):
    f = struct.pack("<HH", 3, 1) + b"\x00" + bytes(3)
    f += struct.pack("<HH", 2, 20) + bytes(8) + struct.pack("<HHHHBBbb", fcs, 2, 2412, 0xA0, 0, 0, -70, -95)
    return struct.pack("<BBHI", 0, 1, 8 + len(f), 105) + f

def nan_sdf(ctl):
    sda = bytes.fromhex("8869199d9209") + bytes([1, 0, ctl])
    if ctl & 0x40: sda += b"\xff\xff"
    if ctl & 0x04: sda += b"\x02\x01\x41"
    if ctl & 0x08: sda += b"\x01\x00"
    if ctl & 0x10: sda += bytes([26]) + odid(0x22)
    body = b"\x04\x09\x50\x6f\x9a\x13" + b"\x0e\x03\x00\x01\x00\x02"
    body += b"\x03" + struct.pack("<H", len(sda)) + sda
    return mgmt(13, body)

AD_ASTM = bytes([30, 0x16, 0xfa, 0xff, 0x0d]) + odid(3)

def ble4():
    pdu = ADVA + b"\x02\x01\x06" + AD_ASTM
    return struct.pack("<I", 0x8E89BED6) + bytes([0x42, len(pdu)]) + pdu + b"\x11\x22\x33"

def ble5(ci):
    ext = bytes([0x59]) + ADVA + b"\x75\x0e" + b"\x01\x02\x03" + b"\x7f" + b"\xaa\xbb"
    pdu = bytes([len(ext)]) + ext + AD_ASTM
    aa = struct.pack("<I", 0x8E89BED6) + (b"\x00" if ci else b"")
    return aa + bytes([0x07, len(pdu)]) + pdu + b"\x11\x22\x33"

def phdr():
    return bytes([10, 0xbe, 0xa6, 0]) + struct.pack("<IH", 0x8E89BED6, 0x8C03) + ble5(True)

def nordic_v3():
    p = ble5(True)
    return bytes([3]) + struct.pack("<HBHB", 10 + len(p), 3, 48659, 2) + \
        bytes([10, 0x21, 10, 53]) + struct.pack("<HI", 0, 2694177445) + p

def nordic_v1():
    p = ble4()
    return bytes([1, 6, 10 + len(p), 1]) + struct.pack("<HB", 7, 6) + \
        bytes([10, 0x01, 37, 70]) + struct.pack("<HI", 0, 0) + p

CRAFTED = {
    "craft_80211_beacon_astm": (105, beacon(ie(0, b"GBR-OP-123ABCD") + ie(1, b"\x82") + ASTM_IE)),
    "craft_radiotap_fcs_beacon": (127, radiotap_two_words(0x10) + beacon(ie(0, b"x") + ASTM_IE) + b"\xde\xad\xbe\xef"),
    "craft_radiotap_vendor_dji": (127, radiotap_vendor() + beacon(DJI_IE + ie(0, b"fabiassid"))),
    "craft_ppi_beacon": (192, ppi(0) + beacon(ASTM_IE)),
    "craft_radiotap_nan_sdf": (127, b"\x00\x00\x08\x00\x00\x00\x00\x00" + nan_sdf(0x10 | 0x40 | 0x04 | 0x08)),
    "craft_ble4_nonconn": (251, ble4()),
    "craft_ble5_phdr_aux": (256, phdr()),
    "craft_nordic_v3_coded": (272, nordic_v3()),
    "craft_nordic_v1_legacy": (272, nordic_v1()),
}

def main():
    root = sys.argv[1] if len(sys.argv) > 1 else "."
    dst = os.path.join(root, "tests", "fuzz", "corpus", "radio")
    os.makedirs(dst, exist_ok=True)
    seeds = dict(CRAFTED)
    for name, (link, frame) in sorted(seeds.items()):
        with open(os.path.join(dst, name), "wb") as f:
            f.write(bytes([LINKS.index(link)]) + frame)

def air_seeds(root):
    """fuzz_air seeds: up to 60 frames of each crafted drone capture, 12
    to a seed; gap is the time since the previous frame in 50 ms steps."""
    dst = os.path.join(root, "tests", "fuzz", "corpus", "air")
    os.makedirs(dst, exist_ok=True)
    for name in ["air_msgs", "air_spoof", "air_ble", "air_ble_ll"]:
        path = os.path.join(root, "tests", "captures", name + ".pcap")
        with open(path, "rb") as f:
            times = []
            data = f.read()
        o = 24
        while o + 16 <= len(data):  # packet times, for the gaps
            sec, usec, incl = struct.unpack("<III", data[o:o + 12])
            times.append(sec * 1e6 + usec)
            o += 16 + incl
        frames = list(records(path, with_link=True))
        for k in range(0, min(len(frames), 60), 12):
            blob, prev = b"", times[k]
            for t, (link, frame) in zip(times[k:k + 12], frames[k:k + 12]):
                gap = min(255, int((t - prev) / 50000))
                prev = t
                blob += bytes([LINKS.index(link), gap]) + struct.pack("<H", len(frame)) + frame
            with open(os.path.join(dst, "%s_%02d" % (name, k // 12)), "wb") as f:
                f.write(blob)

main()
air_seeds(sys.argv[1] if len(sys.argv) > 1 else ".")
