#!/usr/bin/python3
# SPDX-License-Identifier: MIT
"""make_sdr_seeds.py - seeds for fuzz_ocuframe: OcuSync transport blocks
(176 bytes) holding crafted DroneID frames, written from scratch with the
layout of src/sdr/frame.c (length, subcommand, record, DJI CRC-16).

usage: /usr/bin/python3 tests/fuzz/make_sdr_seeds.py  (from the project root)
"""
import struct

OUT = "tests/fuzz/corpus/ocuframe/"


def crc16(b):
    """DJI's CRC-16: reflected 0x1021 (0x8408), register preset 0x3692."""
    c = 0x3692
    for x in b:
        c ^= x
        for _ in range(8):
            c = (c >> 1) ^ 0x8408 if c & 1 else c >> 1
    return c


def rad(deg):
    return int(round(deg * 3.141592653589793 / 180 * 1e7))


def block(sub, record, pad=0x00):
    body = bytes([sub]) + record
    frame = bytes([len(body)]) + body
    frame += struct.pack("<H", crc16(frame))
    return (frame + bytes([pad]) * 176)[:176]


def telemetry(serial=b"SEEDSERIAL000001", product=58):
    r = struct.pack("<BHH", 2, 589, 0x1FF7) + serial.ljust(16, b"\0")[:16]
    r += struct.pack("<ii", rad(2.3522), rad(48.8566))       # lon, lat
    r += struct.pack("<hhhhhh", 141, 42, 3, -2, 26, 22705)   # alt .. yaw
    r += struct.pack("<Q", 1777888800000)                    # app time
    r += struct.pack("<ii", rad(48.8560), rad(2.3520))       # app lat, lon
    r += struct.pack("<ii", rad(2.3525), rad(48.8562))       # home lon, lat
    r += bytes([product, 19]) + b"1143635532171534336".ljust(20, b"\0")
    return r


def purpose():
    return b"SEEDSERIAL000001" + bytes([10]) + b"DRONE-ID-1" + bytes([8]) + \
        b"survey\0\0"


seeds = {
    "telemetry_v2.bin": block(0x10, telemetry()),
    "telemetry_unknown_product.bin": block(0x10, telemetry(product=250)),
    "purpose.bin": block(0x11, purpose()),
    "telemetry_pad_ff.bin": block(0x10, telemetry(), pad=0xFF),
    "bad_crc.bin": block(0x10, telemetry())[:50] + b"\x00" +
    block(0x10, telemetry())[51:],
    "len_max.bin": bytes([170]) + bytes(175),
}
for name, data in seeds.items():
    with open(OUT + name, "wb") as f:
        f.write(data)
    print(OUT + name, len(data))
