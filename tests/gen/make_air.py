#!/usr/bin/python3
# -*- coding: utf-8 -*-
"""
make_air.py -- deterministic generator for vigie's drone-broadcast captures (issue 5).

Usage:  /usr/bin/python3 tests/gen/make_air.py [OUTDIR_ROOT]     write the captures
        /usr/bin/python3 tests/gen/make_air.py --expect [ROOT]  decode them again
                                                               (independent reader,
                                                               prints AIR.md tables)

Requires Debian python3-scapy (2.5): scapy builds the 802.11 headers and
elements and cross-checks the BLE CRC; radiotap, the BLE headers, the drone
payloads and the pcap container are written with struct, so every byte is
the one asked for.  Nothing is random: packet times start at
2026-05-04T10:00:00Z (epoch 1777888800) in 100 ms steps, MACs, counters,
sequence numbers and TSF values are fixed, authentication "signatures" are
SHA-256 of fixed labels.  Running the script twice gives byte-identical files.

Files written (expected results: tests/captures/AIR.md):

  tests/captures/air_msgs.pcap    LINKTYPE 127 (radiotap): every ASTM F3411
                                  message type in protocol versions 0, 1, 2,
                                  over Wi-Fi beacons and NAN, DJI DroneID v1,
                                  v2 and flight purpose, boundary values.
  tests/captures/air_ble.pcap     LINKTYPE 256 (BLE LL with pseudo-header):
                                  BLE4 legacy and BLE5 extended advertising.
  tests/captures/air_ble_ll.pcap  LINKTYPE 251 (BLE LL, no header): two of them.
  tests/captures/air_spoof.pcap   LINKTYPE 127: spoofing / zone scenarios A-I
                                  plus two malformed frames.
  tests/data/zones.txt            the protected zones of the scenarios.

Formats follow ../shared/docs/droneid.md.  Where that page leaves a
choice open the encoding of opendroneid-core-c was followed (unknown
direction = 181 with the E/W bit, i.e. 361 deg; unknown speed = 255 with the
multiplier bit, i.e. 255 m/s; unknown vertical speed = raw 126, i.e. 63 m/s).

Classic pcap: little-endian magic 0xa1b2c3d4 (microseconds), v2.4, snaplen 65535.
"""

import calendar
import hashlib
import math
import os
import struct
import sys
import zlib

from scapy.all import Dot11, Dot11Beacon, Dot11Elt, Dot11ProbeResp  # noqa: E402
from scapy.layers.bluetooth4LE import BTLE  # noqa: E402  (CRC cross-check only)

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import make_ident as mi  # noqa: E402  (its pcap writer)

BASE = calendar.timegm((2026, 5, 4, 10, 0, 0, 0, 0, 0))      # 1777888800
EPOCH_2019 = calendar.timegm((2019, 1, 1, 0, 0, 0, 0, 0, 0))  # 1546300800
R_EARTH = 6371008.8     # mean Earth radius (m) used for every offset and distance below
DEG = math.pi / 180.0

LINKTYPE_IEEE802_11_RADIOTAP = 127
LINKTYPE_BLUETOOTH_LE_LL = 251
LINKTYPE_BLUETOOTH_LE_LL_WITH_PHDR = 256

# --------------------------------------------------------------------------
# pcap writer
# --------------------------------------------------------------------------
WRITTEN = mi.WRITTEN   # one list: make_ident's pcap writer appends to it


def write_pcap(path, frames, linktype):
    """frames: list of (t, bytes) in capture order (times must not
    decrease), t in seconds after BASE."""
    for (t0, _), (t1, _) in zip(frames, frames[1:]):
        assert t1 >= t0, (path, t1)
    mi.write_pcap(path, frames, linktype=linktype, base=BASE)


def write_text(path, text):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, 'w') as f:
        f.write(text)
    b = text.encode()
    WRITTEN.append((path, text.count('\n'), len(b), hashlib.sha256(b).hexdigest()))


def filler(label, n):
    """n deterministic bytes (SHA-256 chain of a label), never 0x00."""
    out = b''
    i = 0
    while len(out) < n:
        out += hashlib.sha256(('%s/%d' % (label, i)).encode()).digest()
        i += 1
    return bytes(b if b else 0x5a for b in out[:n])


# --------------------------------------------------------------------------
# ASTM F3411 messages (25 bytes each; integers little-endian)
# --------------------------------------------------------------------------
T_BASIC, T_LOC, T_AUTH, T_SELF, T_SYS, T_OP, T_PACK = 0, 1, 2, 3, 4, 5, 15

CTA_CHARS = '0123456789ABCDEFGHJKLMNPQRSTUVWXYZ'    # digits, upper case minus O and I
CTA_LEN = '123456789ABCDEF'


def cta_valid(s):
    """ANSI/CTA-2063-A: 4-char maker code, length char (1-9, A-F), that many chars."""
    if len(s) < 6 or any(c not in CTA_CHARS for c in s[:4]) or s[4] not in CTA_LEN:
        return False
    n = CTA_LEN.index(s[4]) + 1
    return len(s) == 5 + n and all(c in CTA_CHARS for c in s[5:])


def mhdr(mtype, ver):
    assert 0 <= ver <= 15
    return bytes([(mtype << 4) | ver])


def basic_id(ver, id_type, ua_type, ident):
    ident = ident.encode() if isinstance(ident, str) else ident
    assert len(ident) <= 20
    m = mhdr(T_BASIC, ver) + bytes([(id_type << 4) | ua_type]) + ident.ljust(20, b'\0') + b'\0' * 3
    assert len(m) == 25
    return m


def enc_dir(deg):
    """(E/W bit, raw). None = unknown = 361 deg, sent as 181 with the E/W bit."""
    if deg is None:
        return 1, 181
    assert deg == int(deg) and 0 <= deg < 360
    return (1, deg - 180) if deg >= 180 else (0, deg)


def enc_speed(v):
    """(multiplier bit, raw). None = unknown = 255 m/s, sent as 255 with the multiplier."""
    if v is None:
        return 1, 255
    if v <= 255 * 0.25:
        raw = v / 0.25
        mult = 0
    else:
        raw = (v - 255 * 0.25) / 0.75
        mult = 1
    assert raw == int(raw) and 0 <= raw <= 254 + (1 - mult), v
    return mult, int(raw)


def enc_vspeed(v):
    """raw int8. None = unknown = 63 m/s = raw 126."""
    if v is None:
        return 126
    raw = v / 0.5
    assert raw == int(raw) and -124 <= raw <= 124, v
    return int(raw)


def enc_alt(m):
    """raw uint16, metres = raw * 0.5 - 1000. None = unknown = raw 0."""
    if m is None:
        return 0
    raw = (m + 1000) / 0.5
    assert raw == int(raw) and 1 <= raw <= 65535, m
    return int(raw)


def location(ver, status, lat_e7, lon_e7, direction=None, speed=None, vspeed=None,
             alt_baro=None, alt_geo=None, height=None, height_type=0,
             acc_h=0, acc_v=0, acc_baro=0, acc_speed=0, ts=None, acc_ts=0,
             raw_speed=None):
    """ts: tenths of a second since the full hour (None = 0xFFFF unknown).
    raw_speed=(mult, raw) overrides speed (for encodings an encoder would not pick)."""
    ew, d = enc_dir(direction)
    mult, sp = raw_speed if raw_speed is not None else enc_speed(speed)
    flags = (status << 4) | (height_type << 2) | (ew << 1) | mult
    m = mhdr(T_LOC, ver) + struct.pack(
        '<BBBbiiHHHBBHBB', flags, d, sp, enc_vspeed(vspeed), lat_e7, lon_e7,
        enc_alt(alt_baro), enc_alt(alt_geo), enc_alt(height),
        (acc_v << 4) | acc_h, (acc_baro << 4) | acc_speed,
        0xFFFF if ts is None else ts, acc_ts & 0x0F, 0)
    assert len(m) == 25
    return m


def auth_page0(ver, auth_type, last_page, length, ts, data):
    assert len(data) == 17
    m = mhdr(T_AUTH, ver) + bytes([(auth_type << 4) | 0, last_page, length]) + \
        struct.pack('<I', ts) + data
    assert len(m) == 25
    return m


def auth_page(ver, auth_type, page, data):
    assert 1 <= page <= 15 and len(data) == 23
    m = mhdr(T_AUTH, ver) + bytes([(auth_type << 4) | page]) + data
    assert len(m) == 25
    return m


def auth_set(ver, auth_type, last_page, length, ts, label):
    """pages 0..last_page of `length` data bytes (the rest of the last page NUL)."""
    cap = 17 + 23 * last_page
    assert 17 + 23 * (last_page - 1) < length <= cap if last_page else length <= 17
    data = filler(label, length) + b'\0' * (cap - length)
    pages = [auth_page0(ver, auth_type, last_page, length, ts, data[:17])]
    for p in range(1, last_page + 1):
        pages.append(auth_page(ver, auth_type, p, data[17 + 23 * (p - 1):17 + 23 * p]))
    return pages


def self_id(ver, desc_type, text):
    text = text.encode()
    assert len(text) <= 23
    m = mhdr(T_SELF, ver) + bytes([desc_type]) + text.ljust(23, b'\0')
    assert len(m) == 25
    return m


def system(ver, op_loc_type, op_lat_e7, op_lon_e7, class_type=0, area_count=1,
           area_radius=0, ceiling=None, floor=None, eu_cat=0, eu_class=0,
           op_alt=None, ts=0):
    assert area_radius % 10 == 0 and area_radius <= 2550
    m = mhdr(T_SYS, ver) + struct.pack(
        '<BiiHBHHBHIB', (class_type << 2) | op_loc_type, op_lat_e7, op_lon_e7,
        area_count, area_radius // 10, enc_alt(ceiling), enc_alt(floor),
        (eu_cat << 4) | eu_class, enc_alt(op_alt), ts, 0)
    assert len(m) == 25
    return m


def operator_id(ver, text, op_type=0):
    text = text.encode()
    assert len(text) <= 20
    m = mhdr(T_OP, ver) + bytes([op_type]) + text.ljust(20, b'\0') + b'\0' * 3
    assert len(m) == 25
    return m


def pack(ver, msgs, count=None):
    assert all(len(m) == 25 for m in msgs)
    n = len(msgs) if count is None else count
    return mhdr(T_PACK, ver) + bytes([25, n]) + b''.join(msgs)


def ts_tenths(t):
    """Location timestamp for packet time t (s after 10:00:00): tenths since the hour."""
    v = int(round(t * 10))
    assert 0 <= v <= 36000
    return v


def ts_2019(t):
    """System / Authentication timestamp: whole seconds since 2019-01-01 00:00 UTC."""
    return BASE - EPOCH_2019 + int(t)


# --------------------------------------------------------------------------
# DJI DroneID (vendor IE 26:37:12, then 58 62 13, subcommand, record)
# --------------------------------------------------------------------------
DJI_OUI = b'\x26\x37\x12'
DJI_HDR = b'\x58\x62\x13'
# state bits (Kismet): serial valid, privacy off, home set, UUID set, motors on,
# in air, GPS, altitude, height, horizontal speed, vertical speed, pitch/roll valid
DJI_STATE_ALL = 0x0FFF


def rad_e7(deg):
    return int(round(deg * DEG * 1e7))


def dji_deg(raw):
    return raw * 180.0 / (math.pi * 1e7)


def dji_v1(seq, state, serial, lat, lon, alt, height, vn, ve, vu, pitch, roll, yaw,
           home_lat, home_lon, product, uuid):
    """version 1: 76 bytes from the subcommand byte.  Angles in 0.01 deg."""
    rec = struct.pack('<BBHH16siihhhhhhhhiiBB20s', 0x10, 1, seq, state, serial.encode(),
                      rad_e7(lon), rad_e7(lat), alt, height, vn, ve, vu,
                      pitch, roll, yaw, rad_e7(home_lon), rad_e7(home_lat), product,
                      len(uuid), uuid.encode())
    assert len(rec) == 76
    return rec


def dji_v2(seq, state, serial, lat_raw, lon_raw, alt, height, vn, ve, vu, yaw, app_ms,
           app_lat_raw, app_lon_raw, home_lat_raw, home_lon_raw, product, uuid):
    """version 2: 88 bytes from the subcommand byte.  Positions as raw radians x 1e7."""
    rec = struct.pack('<BBHH16siihhhhhhQiiiiBB20s', 0x10, 2, seq, state, serial.encode(),
                      lon_raw, lat_raw, alt, height, vn, ve, vu, yaw, app_ms,
                      app_lat_raw, app_lon_raw, home_lon_raw, home_lat_raw, product,
                      len(uuid), uuid.encode())
    assert len(rec) == 88
    return rec


def dji_purpose(serial, drone_id, purpose):
    """subcommand 0x11: serial (16), drone ID length + 10 bytes, purpose length + 100 bytes."""
    assert len(drone_id) <= 10 and len(purpose) <= 100
    rec = bytes([0x11]) + serial.encode().ljust(16, b'\0') + bytes([len(drone_id)]) + \
        drone_id.encode().ljust(10, b'\0') + bytes([len(purpose)]) + purpose.encode().ljust(100, b'\0')
    assert len(rec) == 129
    return rec


def dji_ie(rec):
    return DJI_OUI + DJI_HDR + rec


def odid_ie(counter, msg):
    return b'\xfa\x0b\xbc\x0d' + bytes([counter & 0xff]) + msg


# --------------------------------------------------------------------------
# radiotap and 802.11
# --------------------------------------------------------------------------
# bit: (alignment, struct format)
RT_FIELDS = {0: (8, '<Q'), 1: (1, 'B'), 2: (1, 'B'), 3: (2, '<HH'), 5: (1, 'b'),
             6: (1, 'b'), 11: (1, 'B'), 14: (2, '<H')}
CH_24_CCK, CH_24_OFDM, CH_5_OFDM = 0x00a0, 0x00c0, 0x0140


def radiotap(namespaces):
    """namespaces: list of dicts {bit: value}, each one radiotap-namespace presence
    word (the second and later ones announced by bits 29 and 31 of the one before)."""
    words = []
    for i, ns in enumerate(namespaces):
        w = 0
        for bit in ns:
            w |= 1 << bit
        if i + 1 < len(namespaces):
            w |= (1 << 29) | (1 << 31)
        words.append(w)
    hlen = 8 + 4 * (len(words) - 1)
    body = b''
    for ns in namespaces:
        for bit in sorted(ns):
            align, fmt = RT_FIELDS[bit]
            while (hlen + len(body)) % align:
                body += b'\0'
            v = ns[bit]
            body += struct.pack(fmt, *(v if isinstance(v, tuple) else (v,)))
    total = hlen + len(body)
    return struct.pack('<BBH', 0, 0, total) + b''.join(struct.pack('<I', w) for w in words) + body


def rt_std(tsft, freq, chflags, rate, sig, flags=0):
    """R1: TSFT, Flags, Rate, Channel, dBm antenna signal (23 bytes)."""
    return radiotap([{0: tsft, 1: flags, 2: rate, 3: (freq, chflags), 5: sig}])


def rt_notsft(freq, chflags, sig):
    """R2: Flags, Channel (after one pad byte), dBm antenna signal (15 bytes)."""
    return radiotap([{1: 0, 3: (freq, chflags), 5: sig}])


def rt_ext(tsft, freq, chflags, rate, sig, sig1, ant1):
    """R3: two presence words (TSFT then 4 pad bytes), a second antenna signal (33 bytes)."""
    return radiotap([{0: tsft, 1: 0, 2: rate, 3: (freq, chflags), 5: sig}, {5: sig1, 11: ant1}])


def rt_rxflags(tsft, freq, chflags, rate, sig, noise, ant):
    """R5: ... signal, noise, antenna, pad, RX flags (28 bytes)."""
    return radiotap([{0: tsft, 1: 0, 2: rate, 3: (freq, chflags), 5: sig, 6: noise, 11: ant, 14: 0}])


def cap_field(cap):
    """scapy's Dot11Beacon 'cap' FlagsField is packed big-endian: swap the bytes of
    the little-endian capability information value."""
    return ((cap & 0xff) << 8) | (cap >> 8)


def chan_of(freq):
    return (freq - 2407) // 5 if freq < 3000 else (freq - 5000) // 5


class Station:
    """One 802.11 transmitter: sequence numbers and TSF advance deterministically."""

    def __init__(self, mac, ssid, freq=2437, tsf0=0):
        self.mac, self.ssid, self.freq = mac, ssid.encode() if isinstance(ssid, str) else ssid, freq
        self.seq = 0
        self.tsf0 = tsf0

    def next_sc(self):
        sc = (self.seq & 0xfff) << 4
        self.seq += 1
        return sc

    def elements(self, ies):
        if self.freq < 3000:
            rates = b'\x82\x84\x8b\x96\x0c\x12\x18\x24'
        else:
            rates = b'\x8c\x12\x98\x24\xb0\x48\x60\x6c'
        els = Dot11Elt(ID=0, info=self.ssid) / Dot11Elt(ID=1, info=rates)
        if self.freq < 3000:
            els = els / Dot11Elt(ID=3, info=bytes([chan_of(self.freq)]))
        for info in ies:
            assert len(info) <= 255, len(info)
            els = els / Dot11Elt(ID=221, info=info)
        return els

    def beacon(self, t, ies, cap=0x0401):
        hdr = Dot11(type=0, subtype=8, addr1='ff:ff:ff:ff:ff:ff', addr2=self.mac,
                    addr3=self.mac, SC=self.next_sc())
        body = Dot11Beacon(timestamp=self.tsf0 + int(round(t * 1e6)), beacon_interval=100,
                           cap=cap_field(cap))
        return bytes(hdr / body / self.elements(ies))

    def probe_resp(self, t, dst, ies):
        hdr = Dot11(type=0, subtype=5, addr1=dst, addr2=self.mac, addr3=self.mac, SC=self.next_sc())
        body = Dot11ProbeResp(timestamp=self.tsf0 + int(round(t * 1e6)), beacon_interval=100,
                              cap=cap_field(0x0401))
        return bytes(hdr / body / self.elements(ies))

    def raw_mgmt(self, subtype, addr1, addr3, body):
        return bytes(Dot11(type=0, subtype=subtype, addr1=addr1, addr2=self.mac, addr3=addr3,
                           SC=self.next_sc())) + body


def with_fcs(frame):
    return frame + struct.pack('<I', zlib.crc32(frame) & 0xffffffff)


NAN_SERVICE_ID = bytes.fromhex('8869199d9209')     # hash of "org.opendroneid.remoteid"
WFA_OUI = b'\x50\x6f\x9a'


def nan_sync_beacon(st, t, cluster):
    """NAN synchronisation beacon: master indication, cluster, service ID list."""
    attrs = bytes([0x00]) + struct.pack('<H', 2) + b'\xfe\xea'
    attrs += bytes([0x01]) + struct.pack('<H', 13) + mac_bytes(st.mac) + b'\xea\xfe\x00' + b'\0' * 4
    attrs += bytes([0x02]) + struct.pack('<H', 6) + NAN_SERVICE_ID
    ie = Dot11Elt(ID=221, info=WFA_OUI + b'\x13' + attrs)
    hdr = Dot11(type=0, subtype=8, addr1='ff:ff:ff:ff:ff:ff', addr2=st.mac, addr3=cluster,
                SC=st.next_sc())
    body = Dot11Beacon(timestamp=st.tsf0 + int(round(t * 1e6)), beacon_interval=512,
                       cap=cap_field(0x0420))
    return bytes(hdr / body / ie)


def nan_sdf(st, cluster, counter, msg):
    """NAN service discovery frame (public action, vendor specific, WFA 0x13) carrying
    a Service Descriptor attribute whose service info is counter + message(pack)."""
    sinfo = bytes([counter]) + msg
    assert len(sinfo) <= 255
    sda = NAN_SERVICE_ID + bytes([0x01, 0x00, 0x10, len(sinfo)]) + sinfo
    sdea = bytes([0x01]) + struct.pack('<H', 0x0200) + bytes([counter])
    body = bytes([0x04, 0x09]) + WFA_OUI + b'\x13' + \
        bytes([0x03]) + struct.pack('<H', len(sda)) + sda + \
        bytes([0x0e]) + struct.pack('<H', len(sdea)) + sdea
    return st.raw_mgmt(13, '51:6f:9a:01:00:00', cluster, body)


def mac_bytes(mac):
    return bytes(int(x, 16) for x in mac.split(':'))


# --------------------------------------------------------------------------
# geometry (sphere of radius R_EARTH)
# --------------------------------------------------------------------------
def offset(lat, lon, north_m, east_m):
    """lat/lon (degrees) moved by north_m / east_m metres (local flat approximation)."""
    dlat = north_m / (R_EARTH * DEG)
    dlon = east_m / (R_EARTH * DEG * math.cos(lat * DEG))
    return lat + dlat, lon + dlon


def e7(deg):
    return int(round(deg * 1e7))


def haversine(lat1, lon1, lat2, lon2):
    p1, p2 = lat1 * DEG, lat2 * DEG
    dp, dl = (lat2 - lat1) * DEG, (lon2 - lon1) * DEG
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * R_EARTH * math.asin(math.sqrt(a))


# --------------------------------------------------------------------------
# BLE link layer
# --------------------------------------------------------------------------
ADV_AA = 0x8E89BED6
LE_DEWHITENED, LE_SIG_VALID, LE_NOISE_VALID = 0x0001, 0x0002, 0x0004
LE_REF_AA_VALID, LE_AA_OFFENSES_VALID = 0x0010, 0x0020
LE_PDU_AUX_ADV = 1 << 7           # flags bits 7-9: PDU type 1 = auxiliary advertising
LE_PHY_CODED = 2 << 14            # flags bits 14-15: PHY 2 = LE Coded
LE_CRC_CHECKED, LE_CRC_VALID = 0x0400, 0x0800


def ble_crc(pdu, init=0x555555):
    """BLE CRC-24 (x^24+x^10+x^9+x^6+x^4+x^3+x+1) over the PDU, bits LSB first;
    the result as it is stored in the capture (3 bytes, little-endian)."""
    state = 0
    for i in range(24):                    # the register holds the init bit-reversed
        if init >> i & 1:
            state |= 1 << (23 - i)
    for byte in pdu:
        for j in range(8):
            nb = (state ^ (byte >> j)) & 1
            state >>= 1
            if nb:
                state |= 1 << 23
                state ^= 0x5a6000
    return state.to_bytes(3, 'little')


def ble_addr(mac):
    return mac_bytes(mac)[::-1]            # sent least significant byte first


def odid_ad(counter, msg):
    """AD structure: service data, 16-bit UUID 0xFFFA, app code 0x0D, counter, message."""
    body = b'\x16' + struct.pack('<H', 0xFFFA) + b'\x0d' + bytes([counter & 0xff]) + msg
    assert len(body) <= 255
    return bytes([len(body)]) + body


def adv_nonconn_ind(adva, addata):
    """legacy ADV_NONCONN_IND (type 2), TxAdd = 1 (random address)."""
    payload = ble_addr(adva) + addata
    assert len(payload) <= 37
    return bytes([0x40 | 0x02, len(payload)]) + payload


def aux_adv_ind(adva, did, sid, addata, auxptr=None):
    """extended advertising PDU (type 7): extended header with AdvA and ADI
    (and AuxPtr when given), AdvMode 0 (non-connectable, non-scannable)."""
    flags = 0x01 | 0x08
    ext = ble_addr(adva) if adva else b''
    if not adva:
        flags &= ~0x01
    ext += struct.pack('<H', (did & 0xfff) | (sid << 12))
    if auxptr is not None:
        flags |= 0x10
        ext += auxptr
    ehdr = bytes([flags]) + ext
    payload = bytes([len(ehdr) & 0x3f]) + ehdr + addata
    assert len(payload) <= 255
    return bytes([(0x40 if adva else 0) | 0x07, len(payload)]) + payload


def ble_ll(pdu, coded=False):
    """access address, [coding indicator: LE Coded PHY only, 0 = S=8], PDU, CRC.
    The CRC covers the PDU only."""
    return struct.pack('<I', ADV_AA) + (b'\x00' if coded else b'') + pdu + ble_crc(pdu)


def ble_phdr(rf_channel, sig, noise, flags):
    return struct.pack('<BbbBIH', rf_channel, sig, noise, 0, ADV_AA, flags)


# ==========================================================================
# 1. air_msgs.pcap
# ==========================================================================
HQ = (48.8566, 2.3522)


def make_msgs(cap):
    fr = []
    step = [0]

    def add(data):
        fr.append((step[0] * 0.1, data))
        step[0] += 1

    def now():
        return step[0] * 0.1

    def tsft():
        return 50000000 + int(round(now() * 1e6))

    # -- AC1: protocol version 0 (F3411-19), serial number, multirotor ------------
    ac1 = Station('02:a1:00:00:00:01', 'RID-1596A0123456789', 2437, tsf0=7000000000)
    v = 0
    b1 = basic_id(v, 1, 2, '1596A0123456789')
    assert cta_valid('1596A0123456789')
    l1 = location(v, 2, 488584000, 22945000, direction=90, speed=12.5, vspeed=2.5,
                  alt_baro=330.0, alt_geo=335.5, height=45.0, height_type=0,
                  acc_h=10, acc_v=4, acc_baro=3, acc_speed=2, ts=ts_tenths(now()), acc_ts=2)
    s1 = self_id(v, 0, 'Survey flight')
    y1 = system(v, 0, 488580000, 22940000, area_count=1, area_radius=0)
    o1 = operator_id(v, 'FRA-OP-0001')
    f = ac1.beacon(now(), [odid_ie(0x10, pack(v, [b1, l1, s1, y1, o1]))])
    add(rt_std(tsft(), 2437, CH_24_CCK, 2, -52, flags=0x10) + with_fcs(f))
    l1b = location(v, 2, 488584000, 22945171, direction=90, speed=12.5, vspeed=2.5,
                   alt_baro=330.5, alt_geo=336.0, height=45.5, height_type=0,
                   acc_h=10, acc_v=4, acc_baro=3, acc_speed=2, ts=ts_tenths(now()), acc_ts=2)
    add(rt_std(tsft(), 2437, CH_24_CCK, 2, -53) + ac1.beacon(now(), [odid_ie(0x11, l1b)]))

    # -- AC2: protocol version 1, CAA registration + UTM UUID, aeroplane ----------
    ac2 = Station('02:a1:00:00:00:02', 'FIN87astrdge12k8', 2437, tsf0=8000000000)
    v = 1
    uuid = bytes.fromhex('3f2a91c45b7e4d2a9c1f8e6b7a5d4c3b')
    b2a = basic_id(v, 2, 1, 'FIN87astrdge12k8')
    b2b = basic_id(v, 3, 1, uuid)
    l2 = location(v, 2, -337000000, 1512000000, direction=200, speed=99.75, vspeed=-12.5,
                  alt_baro=1520.0, alt_geo=1540.5, height=1200.0, height_type=1,
                  acc_h=11, acc_v=5, acc_baro=4, acc_speed=3, ts=ts_tenths(now()), acc_ts=1)
    y2 = system(v, 1, -336990000, 1511990000, class_type=1, area_count=1, area_radius=50,
                ceiling=120.0, floor=0.0, eu_cat=1, eu_class=3, op_alt=150.0, ts=ts_2019(now()))
    o2 = operator_id(v, 'FIN87astrdge12k8-xyz')
    f = ac2.beacon(now(), [odid_ie(0x20, pack(v, [b2a, b2b, l2, y2, o2]))])
    add(rt_notsft(2437, CH_24_CCK, -61) + f)
    l2b = location(v, 1, -337000000, 1512000000, direction=0, speed=0, vspeed=0,
                   alt_baro=320.0, alt_geo=340.5, height=0.0, height_type=1,
                   acc_h=11, acc_v=5, acc_baro=4, acc_speed=3, ts=ts_tenths(now()), acc_ts=1)
    s2 = self_id(v, 0, 'Ferry flight')
    add(rt_notsft(2437, CH_24_CCK, -62) + ac2.beacon(now(), [odid_ie(0x21, pack(v, [l2b, s2]))]))

    # -- AC3: protocol version 2, specific session ID, authentication 0..2, 5 GHz --
    ac3 = Station('02:a1:00:00:00:03', 'GBR-OP-123ABCD', 5745, tsf0=9000000000)
    v = 2
    sess = bytes([0x01]) + filler('ac3-session', 19)
    b3 = basic_id(v, 4, 4, sess)
    a3 = auth_set(v, 1, 2, 60, ts_2019(now()), 'ac3-auth')
    l3 = location(v, 2, 515007000, -1246000, direction=45, speed=7.25, vspeed=0.5,
                  alt_baro=95.0, alt_geo=140.0, height=60.0, height_type=0,
                  acc_h=12, acc_v=6, acc_baro=5, acc_speed=4, ts=ts_tenths(now()), acc_ts=1)
    f = ac3.beacon(now(), [odid_ie(0x30, pack(v, [b3] + a3 + [l3]))])
    add(rt_ext(tsft(), 5745, CH_5_OFDM, 12, -70, -72, 1) + f)
    l3b = location(v, 2, 515007046, -1245926, direction=45, speed=7.25, vspeed=0.5,
                   alt_baro=95.5, alt_geo=140.5, height=60.5, height_type=0,
                   acc_h=12, acc_v=6, acc_baro=5, acc_speed=4, ts=ts_tenths(now()), acc_ts=1)
    s3 = self_id(v, 0, 'Pipeline patrol sector7')
    y3 = system(v, 2, 515000000, -1250000, class_type=0, area_count=1, area_radius=0,
                op_alt=40.0, ts=ts_2019(now()))
    o3 = operator_id(v, 'GBR-OP-123ABCD')
    add(rt_std(tsft(), 5745, CH_5_OFDM, 12, -71) +
        ac3.beacon(now(), [odid_ie(0x31, pack(v, [l3b, s3, y3, o3]))]))

    # -- AC4: Wi-Fi NAN, a Message Pack of 10, emergency ---------------------------
    ac4 = Station('02:a1:00:00:00:04', '', 2437, tsf0=10000000000)
    cluster = '50:6f:9a:01:a1:04'
    add(rt_std(tsft(), 2437, CH_24_OFDM, 12, -58) + nan_sync_beacon(ac4, now(), cluster))
    v = 2
    b4a = basic_id(v, 1, 10, '1588F0EMERGENCY4ABCD')
    assert cta_valid('1588F0EMERGENCY4ABCD')
    b4b = basic_id(v, 2, 10, 'DEU-CAA-0815')
    l4 = location(v, 3, 525200000, 134050000, direction=270, speed=3.0, vspeed=-4.0,
                  alt_baro=210.0, alt_geo=250.0, height=180.0, height_type=0,
                  acc_h=9, acc_v=3, acc_baro=2, acc_speed=1, ts=ts_tenths(now()), acc_ts=3)
    a4 = auth_set(v, 3, 3, 80, ts_2019(now()), 'ac4-auth')
    s4 = self_id(v, 1, 'MAYDAY MOTOR FAILURE')
    y4 = system(v, 1, 525210000, 134060000, class_type=1, area_count=1, area_radius=0,
                ceiling=None, floor=None, eu_cat=2, eu_class=0, op_alt=35.5, ts=ts_2019(now()))
    o4 = operator_id(v, 'DEU-OP-77')
    msgs4 = [b4a, b4b, l4] + a4 + [s4, y4, o4]
    assert len(msgs4) == 10
    add(rt_std(tsft(), 2437, CH_24_OFDM, 12, -59) + nan_sdf(ac4, cluster, 0x40, pack(v, msgs4)))

    # -- AC5a-d: boundary values (poles, antimeridian, speed and direction edges) --
    # four aircraft of one frame each, so no two impossible fixes share an ID
    v = 2
    edges = [
        location(v, 2, 900000000, 1800000000, direction=0, speed=0.0, vspeed=0.0,
                 alt_baro=-999.5, alt_geo=-999.5, height=0.0, ts=ts_tenths(now())),
        location(v, 4, -900000000, -1800000000, direction=359, speed=254.25, vspeed=-62.0,
                 alt_baro=31767.5, alt_geo=-1000.0 + 0.5, height=-999.5, height_type=1,
                 acc_h=15, acc_v=15, acc_baro=15, acc_speed=15, ts=ts_tenths(now() + 0.1), acc_ts=15),
        location(v, 2, 450000000, 1799999999, direction=180, raw_speed=(0, 255), vspeed=31.5,
                 alt_baro=0.0, alt_geo=0.5, height=-0.5, ts=ts_tenths(now() + 0.2)),
        location(v, 1, -450000000, -1799999999, direction=179, speed=64.5, vspeed=-0.5,
                 alt_baro=100.0, alt_geo=100.0, height=0.0, ts=36000),
    ]
    for i, loc in enumerate(edges):
        ser = '1596B0EDGE0CASE%d' % (i + 1)
        assert cta_valid(ser)
        ac5 = Station('02:a1:00:00:05:%02x' % (i + 1), 'RID-EDGE-%d' % (i + 1), 2437,
                      tsf0=11000000000 + i)
        add(rt_std(tsft(), 2437, CH_24_CCK, 2, -45 - i) +
            ac5.beacon(now(), [odid_ie(0x50 + i, pack(v, [basic_id(v, 1, 15, ser), loc]))]))

    # -- AC6: protocol version 1, everything unknown ------------------------------
    ac6 = Station('02:a1:00:00:00:06', 'RID-UNKNOWN', 2437, tsf0=12000000000)
    v = 1
    b6 = basic_id(v, 0, 0, '')
    l6 = location(v, 0, 0, 0, direction=None, speed=None, vspeed=None,
                  alt_baro=None, alt_geo=None, height=None, ts=None)
    y6 = system(v, 0, 0, 0, area_count=0, area_radius=0, op_alt=None, ts=0)
    o6 = operator_id(v, '')
    add(rt_std(tsft(), 2437, CH_24_CCK, 2, -80) +
        ac6.beacon(now(), [odid_ie(0x60, pack(v, [b6, l6, y6, o6]))]))

    # -- DJ1: DJI DroneID telemetry version 1 (pitch, roll, yaw, home), with FCS ---
    dj1 = Station('02:a1:00:00:00:07', 'Phantom4-0A1B2C', 2462, tsf0=13000000000)
    r1 = dji_v1(seq=0x0102, state=DJI_STATE_ALL, serial='08QDE3R0010ABC',
                lat=47.3769, lon=8.5417, alt=520, height=95, vn=-523, ve=250, vu=-120,
                pitch=-1234, roll=567, yaw=-9000, home_lat=47.3760, home_lon=8.5400,
                product=11, uuid='p4-uuid-0001')
    f = dj1.beacon(now(), [dji_ie(r1)])
    add(rt_std(tsft(), 2462, CH_24_CCK, 2, -66, flags=0x10) + with_fcs(f))

    # -- DJ2: DJI DroneID v2 (Mavic Air 2), flight purpose, then a probe response --
    dj2 = Station('02:a1:00:00:00:08', 'MavicAir2-7F3E', 2412, tsf0=14000000000)
    lat2, lon2 = 46.2044, 6.1432
    app2, home2 = (46.2040, 6.1425), (46.2041, 6.1426)
    app_ms = (BASE + 1) * 1000 + 400            # 10:00:01.400 UTC
    r2 = dji_v2(seq=0x2000, state=DJI_STATE_ALL, serial='3YTBJ7R0A10042',
                lat_raw=rad_e7(lat2), lon_raw=rad_e7(lon2), alt=410, height=38,
                vn=-1500, ve=-275, vu=-50, yaw=12345, app_ms=app_ms,
                app_lat_raw=rad_e7(app2[0]), app_lon_raw=rad_e7(app2[1]),
                home_lat_raw=rad_e7(home2[0]), home_lon_raw=rad_e7(home2[1]),
                product=58, uuid='a1b2c3d4e5f6')
    add(rt_rxflags(tsft(), 2412, CH_24_CCK, 2, -57, -95, 0) + dj2.beacon(now(), [dji_ie(r2)]))
    rp = dji_purpose('3YTBJ7R0A10042', 'DRONE-42', 'Roof inspection, 12 rue du Rhone, Geneve')
    add(rt_rxflags(tsft(), 2412, CH_24_CCK, 2, -58, -95, 0) + dj2.beacon(now(), [dji_ie(rp)]))
    r2b = dji_v2(seq=0x2001, state=DJI_STATE_ALL, serial='3YTBJ7R0A10042',
                 lat_raw=rad_e7(lat2), lon_raw=rad_e7(lon2), alt=410, height=38,
                 vn=-1500, ve=-275, vu=-50, yaw=12345, app_ms=app_ms + 200,
                 app_lat_raw=rad_e7(app2[0]), app_lon_raw=rad_e7(app2[1]),
                 home_lat_raw=rad_e7(home2[0]), home_lon_raw=rad_e7(home2[1]),
                 product=58, uuid='a1b2c3d4e5f6')
    add(rt_std(tsft(), 2412, CH_24_CCK, 2, -59) + dj2.probe_resp(now(), '02:ee:00:00:00:01', [dji_ie(r2b)]))

    # -- negative controls: an ordinary access point; an FA:0B:BC IE of another type
    ap = Station('02:a1:00:00:00:f0', 'CafeWiFi', 2437, tsf0=15000000000)
    rsn = Dot11Elt(ID=48, info=bytes.fromhex('0100000fac040100000fac040100000fac020c00'))
    hdr = Dot11(type=0, subtype=8, addr1='ff:ff:ff:ff:ff:ff', addr2=ap.mac, addr3=ap.mac, SC=ap.next_sc())
    bdy = Dot11Beacon(timestamp=ap.tsf0 + int(round(now() * 1e6)), beacon_interval=100,
                      cap=cap_field(0x0411))
    add(rt_std(tsft(), 2437, CH_24_CCK, 2, -40) + bytes(hdr / bdy / ap.elements([]) / rsn))
    other = Station('02:a1:00:00:00:f1', 'NotRemoteID', 2437, tsf0=16000000000)
    add(rt_std(tsft(), 2437, CH_24_CCK, 2, -77) +
        other.beacon(now(), [b'\xfa\x0b\xbc\x0c' + bytes([0x70]) + pack(2, [basic_id(2, 1, 2, '1596A0123456789')])]))

    write_pcap(os.path.join(cap, 'air_msgs.pcap'), fr, LINKTYPE_IEEE802_11_RADIOTAP)


# ==========================================================================
# 2. air_ble.pcap, air_ble_ll.pcap
# ==========================================================================
def make_ble(cap):
    fr, ll = [], []
    v = 2
    # -- BA: BLE 4 legacy advertising, one message per advertisement --------------
    ba = '02:b1:00:00:00:01'
    ser_a = '1588CBLE4LEGACY01'
    assert cta_valid(ser_a)
    lat_a, lon_a = 59.3293000, 18.0686000
    op_a = (593290000, 180680000)

    def loc_a(k, t):
        la, lo = offset(lat_a, lon_a, 5.0 * t, 0.0)      # 5 m/s north
        return location(v, 2, e7(la), e7(lo), direction=0, speed=5.0, vspeed=0.0,
                        alt_baro=60.0, alt_geo=85.0, height=30.0, acc_h=10, acc_v=4,
                        acc_baro=3, acc_speed=2, ts=ts_tenths(t), acc_ts=1)
    seq_a = [  # (t, rf channel, signal, message, counter)
        (0.0, 0, -60, lambda t: basic_id(v, 1, 2, ser_a), 0),
        (0.1, 12, -61, lambda t: loc_a(0, t), 0),
        (0.2, 39, -62, lambda t: system(v, 1, op_a[0], op_a[1], class_type=1, area_count=1,
                                          area_radius=0, eu_cat=1, eu_class=2, op_alt=20.0,
                                          ts=ts_2019(t)), 0),
        (0.3, 0, -63, lambda t: operator_id(v, 'SWE-OP-42'), 0),
        (0.4, 12, -61, lambda t: loc_a(1, t), 1),
        (0.5, 39, -60, lambda t: loc_a(2, t), 2),
    ]
    flags4 = LE_DEWHITENED | LE_SIG_VALID | LE_NOISE_VALID | LE_REF_AA_VALID | LE_AA_OFFENSES_VALID
    for t, ch, sig, mk, ctr in seq_a:
        pdu = adv_nonconn_ind(ba, odid_ad(ctr, mk(t)))
        ref = bytes(BTLE(access_addr=ADV_AA, crc=None) / pdu)[-3:]   # scapy's CRC
        assert ref == ble_crc(pdu), (ref.hex(), ble_crc(pdu).hex())
        fr.append((t, ble_phdr(ch, sig, -95, flags4) + ble_ll(pdu)))
        if t == 0.1:
            ll.append((t, ble_ll(pdu)))

    # -- BB: BLE 5 extended advertising (LE Coded), a Message Pack per AUX_ADV_IND -
    bb = '02:b2:00:00:00:01'
    ser_b = '1588DBLE5EXTENDED1'
    assert cta_valid(ser_b)
    lat_b, lon_b = 59.3300000, 18.0600000
    flags5 = flags4 | LE_PDU_AUX_ADV | LE_PHY_CODED
    for k in range(3):
        t = 0.6 + 0.4 * k
        # ADV_EXT_IND on a primary channel: ADI + AuxPtr, no AdvData (nothing to decode)
        aux_phy = 2 if k < 2 else 0      # the AUX_ADV_IND's PHY: LE Coded, LE Coded, LE 1M
        auxptr = bytes([4 | (1 << 7)]) + struct.pack('<H', 30 | (aux_phy << 13))  # ch 4, 300 us x 30
        pdu0 = aux_adv_ind(None, 0x123 + k, 1, b'', auxptr=auxptr)
        # LE Coded frames say "CRC checked, valid" (the CRC is right: see AIR.md on
        # why tshark 4.0 must not be left to recompute it for LE Coded packets)
        fr.append((t, ble_phdr(0, -70, -95, flags4 | LE_PHY_CODED | LE_CRC_CHECKED | LE_CRC_VALID) +
                   ble_ll(pdu0, coded=True)))
        la, lo = offset(lat_b, lon_b, 0.0, 10.0 * (t - 0.6))   # 10 m/s east
        msgs = [basic_id(v, 1, 6, ser_b),
                location(v, 2, e7(la), e7(lo), direction=90, speed=10.0, vspeed=-1.0,
                         alt_baro=150.0, alt_geo=175.0, height=120.0, acc_h=11, acc_v=4,
                         acc_baro=3, acc_speed=3, ts=ts_tenths(t + 0.1), acc_ts=1),
                self_id(v, 0, 'Glider tow test'),
                system(v, 1, 593295000, 180595000, class_type=1, area_count=1, area_radius=0,
                       eu_cat=1, eu_class=4, op_alt=18.5, ts=ts_2019(t + 0.1)),
                operator_id(v, 'SWE-OP-43')]
        pdu = aux_adv_ind(bb, 0x123 + k, 1, odid_ad(0x80 + k, pack(v, msgs)))
        # the first two on LE Coded (coding indicator after the access address),
        # the third on LE 1M (no coding indicator)
        coded = k < 2
        fl = flags5 | LE_CRC_CHECKED | LE_CRC_VALID if coded else flags5 & ~LE_PHY_CODED
        fr.append((t + 0.1, ble_phdr(5, -72, -95, fl) + ble_ll(pdu, coded=coded)))
        if k == 0:
            ll.append((t + 0.1, ble_ll(pdu)))
    write_pcap(os.path.join(cap, 'air_ble.pcap'), fr, LINKTYPE_BLUETOOTH_LE_LL_WITH_PHDR)
    write_pcap(os.path.join(cap, 'air_ble_ll.pcap'), ll, LINKTYPE_BLUETOOTH_LE_LL)


# ==========================================================================
# 3. air_spoof.pcap
# ==========================================================================
ZONES = """\
# tests/data/zones.txt - protected zones for the drone scenarios of
# tests/captures/air_spoof.pcap (described in tests/captures/AIR.md).
# NAME circle LAT LON RADIUS_M | NAME polygon LAT,LON LAT,LON ... (>= 3 vertices)
hq circle 48.8566 2.3522 500
depot polygon 48.8400,2.3000 48.8400,2.3100 48.8450,2.3100 48.8450,2.3000
"""


class Spoof:
    def __init__(self):
        self.fr = []
        self.tsft0 = 90000000

    def add(self, t, st, ies, sig=-60):
        assert abs(t * 10 - round(t * 10)) < 1e-9
        rt = rt_std(self.tsft0 + int(round(t * 1e6)), st.freq, CH_24_CCK, 2, sig)
        self.fr.append((t, rt + st.beacon(t, ies)))


def astm_pack(serial, lat_e7, lon_e7, t, op=None, direction=0, speed=0.0, vspeed=0.0,
              extra=(), ua=2, v=2, height=50.0):
    msgs = [basic_id(v, 1, ua, serial),
            location(v, 2, lat_e7, lon_e7, direction=direction, speed=speed, vspeed=vspeed,
                     alt_baro=100.0, alt_geo=120.0, height=height, acc_h=10, acc_v=4,
                     acc_baro=3, acc_speed=2, ts=ts_tenths(t), acc_ts=1)]
    if op is not None:
        msgs.append(system(v, 1, op[0], op[1], class_type=1, area_count=1, area_radius=0,
                           eu_cat=1, eu_class=2, op_alt=70.0, ts=ts_2019(t)))
    msgs += list(extra)
    return pack(v, msgs)


def make_spoof(cap):
    sp = Spoof()
    v = 2

    # -- A. legit: north-bound at 10 m/s through the hq circle; operator inside --
    ser = '1596FA1B2C3D4E5F6G7H'
    assert cta_valid(ser) and len(ser) == 20
    st = Station('02:5a:00:00:00:01', 'RID-' + ser, 2437, tsf0=20000000000)
    opA = offset(HQ[0], HQ[1], 0.0, 300.0)
    opA = (e7(opA[0]), e7(opA[1]))
    for k in range(61):
        t = float(k)
        la, lo = offset(HQ[0], HQ[1], -555.0 + 10.0 * k, 0.0)
        sp.add(t, st, [odid_ie(k, astm_pack(ser, e7(la), e7(lo), t, op=opA, direction=0, speed=10.0,
                                              extra=[operator_id(v, 'FRA-OP-HQ-0042')]))])

    # -- B. teleport: 8 m/s north, one fix 5 km east, then back ----------------
    ser = '1581DK7M3N9P2Q4R5S'
    assert cta_valid(ser)
    st = Station('02:5b:00:00:00:01', 'RID-' + ser, 2437, tsf0=21000000000)
    B0 = (48.9000, 2.4000)
    opB = offset(B0[0], B0[1], -100.0, 0.0)
    opB = (e7(opB[0]), e7(opB[1]))
    for k in range(10):
        t = 70.0 + k
        la, lo = offset(B0[0], B0[1], 8.0 * k, 5000.0 if k == 6 else 0.0)
        sp.add(t, st, [odid_ie(k, astm_pack(ser, e7(la), e7(lo), t, op=opB, direction=0, speed=8.0,
                                              extra=[operator_id(v, 'FRA-OP-B')]))])

    # -- C. far operator: drone 800 m north of hq centre, operator 40 km south ----
    ser = '1588BAT4418C0R7X'
    assert cta_valid(ser)
    st = Station('02:5c:00:00:00:01', 'RID-' + ser, 2437, tsf0=22000000000)
    dC = offset(HQ[0], HQ[1], 800.0, 0.0)
    opC = offset(dC[0], dC[1], -40000.0, 0.0)
    for k in range(5):
        t = 85.0 + k
        sp.add(t, st, [odid_ie(k, astm_pack(ser, e7(dC[0]), e7(dC[1]), t, op=(e7(opC[0]), e7(opC[1])),
                                              extra=[operator_id(v, 'FRA-OP-C')]))])

    # -- D. bad serials: D1 has an O, D2's length char says 9 but 12 follow -------
    badO, badL = '1596FABCDOFGH1234567', '15969ABCDEFGH1234'
    assert not cta_valid(badO) and not cta_valid(badL)
    assert len(badO) == 20 and 'O' in badO and len(badL) - 5 == 12
    D0 = (48.8700, 2.3300)
    for j, (mac, ser) in enumerate((('02:5d:00:00:00:01', badO), ('02:5d:00:00:00:02', badL))):
        st = Station(mac, 'RID-D%d' % (j + 1), 2437, tsf0=23000000000 + j)
        for k in range(2):
            t = 95.0 + j + 0.5 * k
            la, lo = offset(D0[0], D0[1], 100.0 * j, 0.0)
            op = offset(la, lo, 0.0, -50.0)
            sp.add(t, st, [odid_ie(k, astm_pack(ser, e7(la), e7(lo), t, op=(e7(op[0]), e7(op[1]))))])

    # -- E. two radios: one serial from two MACs, A B A B ... every 300 ms for 3 s --
    ser = '1588CE040445AC044'
    assert cta_valid(ser)
    stA = Station('02:5e:00:00:00:01', 'RID-' + ser, 2437, tsf0=24000000000)
    stB = Station('02:5e:00:00:00:02', 'RID-' + ser, 2437, tsf0=24500000000)
    E0 = (48.8800, 2.3700)
    opE = offset(E0[0], E0[1], 0.0, 60.0)
    for k in range(10):
        t = round(100.0 + 0.3 * k, 1)
        st = stA if k % 2 == 0 else stB
        sp.add(t, st, [odid_ie(k // 2, astm_pack(ser, e7(E0[0]), e7(E0[1]), t,
                                                   op=(e7(opE[0]), e7(opE[1]))))])

    # -- F. many IDs: six serials from one MAC, one per pack, 0.8 s apart ----------
    st = Station('02:5f:00:00:00:01', 'RID-MULTI', 2437, tsf0=25000000000)
    F0 = (48.8650, 2.3900)
    for k in range(6):
        t = round(110.0 + 0.8 * k, 1)
        ser = '1581ARPT000000%d' % (k + 1)
        assert cta_valid(ser)
        la, lo = offset(F0[0], F0[1], 30.0 * k, 0.0)
        sp.add(t, st, [odid_ie(k, astm_pack(ser, e7(la), e7(lo), t))])

    # -- G. mismatch: DJI DroneID v2 and ASTM in one beacon, 2 km apart ----------
    st = Station('02:60:00:00:00:01', 'DJI-MINI-G', 2437, tsf0=26000000000)
    ser_g = '1581F5BKD2C3E7A1B2C9'
    assert cta_valid(ser_g)
    G0 = (48.8300, 2.2500)
    appG = offset(G0[0], G0[1], -150.0, 0.0)
    for k in range(5):
        t = 120.0 + k
        dji_pos = offset(G0[0], G0[1], 6.0 * k, 0.0)
        astm_pos = offset(dji_pos[0], dji_pos[1], 2000.0, 0.0)
        rec = dji_v2(seq=0x0300 + k, state=DJI_STATE_ALL, serial='1WKDE5R0030PXX',
                     lat_raw=rad_e7(dji_pos[0]), lon_raw=rad_e7(dji_pos[1]), alt=150, height=60,
                     vn=600, ve=0, vu=0, yaw=0, app_ms=(BASE * 1000 + int(t * 1000)),
                     app_lat_raw=rad_e7(appG[0]), app_lon_raw=rad_e7(appG[1]),
                     home_lat_raw=rad_e7(appG[0]), home_lon_raw=rad_e7(appG[1]),
                     product=58, uuid='g-uuid-000001')
        opg = (e7(appG[0]), e7(appG[1]))
        sp.add(t, st, [dji_ie(rec),
                       odid_ie(k, astm_pack(ser_g, e7(astm_pos[0]), e7(astm_pos[1]), t, op=opg,
                                            speed=6.0))])

    # -- H. authentication: H1 sends pages 0 and 2 of 0..2; H2 sends 0, 1, 2 -------
    H0 = (48.8450, 2.4200)
    for j, (mac, ser) in enumerate((('02:61:00:00:00:01', '1587CAUTHPART0001'),
                                    ('02:61:00:00:00:02', '1587CAUTHFULL0002'))):
        assert cta_valid(ser)
        st = Station(mac, 'RID-' + ser, 2437, tsf0=27000000000 + j)
        pages = auth_set(v, 1, 2, 60, ts_2019(130.0), 'H%d-auth' % (j + 1))
        la, lo = offset(H0[0], H0[1], 200.0 * j, 0.0)
        op = offset(la, lo, 0.0, 40.0)
        for k in range(4):
            t = 130.0 + 2.0 * k + 0.5 * j
            if j == 0:
                sent = [pages[0], pages[2]] if k % 2 == 0 else [pages[2]]
            else:
                sent = [pages[0], pages[1]] if k % 2 == 0 else [pages[2]]
            sp.add(t, st, [odid_ie(k, astm_pack(ser, e7(la), e7(lo), t, op=(e7(op[0]), e7(op[1])),
                                                 extra=sent))])

    # -- I. round numbers: DJI DroneID v2 at 12 N 13 E, app / home at 56 N 43 E -----
    st = Station('02:62:00:00:00:01', 'fakeDJI-I', 2437, tsf0=28000000000)
    raws = [(rad_e7(12.0), rad_e7(13.0))] * 3 + [(2094396, 2268929)] * 2   # last two: corpus spoofer's
    for k, (la_r, lo_r) in enumerate(raws):
        t = 145.0 + k
        rec = dji_v2(seq=0x0400 + k, state=0x1F33, serial='R0UNDNUMBER12345',
                     lat_raw=la_r, lon_raw=lo_r, alt=55, height=100, vn=0, ve=0, vu=0, yaw=0,
                     app_ms=(BASE * 1000 + int(t * 1000)),
                     app_lat_raw=rad_e7(56.0), app_lon_raw=rad_e7(43.0),
                     home_lat_raw=rad_e7(56.0), home_lon_raw=rad_e7(43.0),
                     product=58, uuid='round')
        sp.add(t, st, [dji_ie(rec)])

    # -- malformed: a DJI IE cut short; an ASTM pack announcing 11 messages ------
    st = Station('02:63:00:00:00:01', 'cutDJI', 2437, tsf0=29000000000)
    rec = dji_v2(seq=1, state=DJI_STATE_ALL, serial='CUT0SHORT000001',
                 lat_raw=rad_e7(48.86), lon_raw=rad_e7(2.30), alt=100, height=10,
                 vn=0, ve=0, vu=0, yaw=0, app_ms=BASE * 1000,
                 app_lat_raw=0, app_lon_raw=0, home_lat_raw=0, home_lon_raw=0,
                 product=58, uuid='x')
    sp.add(155.0, st, [dji_ie(rec[:40])])
    st = Station('02:63:00:00:00:02', 'RID-COUNT11', 2437, tsf0=29500000000)
    ser = '1596B0PACK0CNT11'
    assert cta_valid(ser)
    la, lo = offset(HQ[0], HQ[1], 100.0, 100.0)
    msgs = [basic_id(v, 1, 2, ser),
            location(v, 2, e7(la), e7(lo), direction=0, speed=1.0, vspeed=0.0, alt_baro=100.0,
                     alt_geo=120.0, height=20.0, ts=ts_tenths(155.1)),
            system(v, 1, e7(la), e7(lo), class_type=1, ts=ts_2019(155.1))]
    sp.add(155.1, st, [odid_ie(0, pack(v, msgs, count=11))])

    # -- J. depot: a valid aircraft crossing the depot polygon west to east --------
    ser = '1596D0DEPT0CRSS000'
    assert cta_valid(ser), ser
    st = Station('02:64:00:00:00:01', 'RID-' + ser, 2437, tsf0=30000000000)
    opJ = (e7(48.8380), e7(2.3050))
    for k in range(10):                          # 10 m/s east, a fix every 10 s
        t = 160.0 + 10.0 * k
        la, lo = offset(48.8425, 2.2985, 0.0, 100.0 * k)
        sp.add(t, st, [odid_ie(k, astm_pack(ser, e7(la), e7(lo), t, op=opJ, direction=90,
                                              speed=10.0, extra=[operator_id(v, 'FRA-OP-J')]))])

    sp.fr.sort(key=lambda x: x[0])
    write_pcap(os.path.join(cap, 'air_spoof.pcap'), sp.fr, LINKTYPE_IEEE802_11_RADIOTAP)


# ==========================================================================
# --expect: an independent reader of the written files (shares no encoder code)
# ==========================================================================
def read_pcap(path):
    with open(path, 'rb') as f:
        b = f.read()
    magic, _, _, _, _, _, lt = struct.unpack_from('<IHHiIII', b, 0)
    assert magic == 0xa1b2c3d4
    off, out = 24, []
    while off < len(b):
        sec, usec, incl, orig = struct.unpack_from('<IIII', b, off)
        out.append((sec - BASE + usec / 1e6, b[off + 16:off + 16 + incl]))
        off += 16 + incl
    return lt, out


def rd_radiotap(b):
    ver, _, ln = struct.unpack_from('<BBH', b, 0)
    words, o = [], 4
    while True:
        w = struct.unpack_from('<I', b, o)[0]
        words.append(w)
        o += 4
        if not w >> 31:
            break
    sizes = {0: (8, 8), 1: (1, 1), 2: (1, 1), 3: (2, 4), 4: (2, 2), 5: (1, 1), 6: (1, 1),
             7: (2, 2), 8: (2, 2), 9: (2, 2), 10: (1, 1), 11: (1, 1), 12: (1, 1), 13: (1, 1),
             14: (2, 2)}
    info, pos = {}, o
    for wi, w in enumerate(words):
        for bit in range(29):
            if w >> bit & 1:
                al, sz = sizes[bit]
                pos = (pos + al - 1) // al * al
                key = (wi, bit)
                if bit == 1:
                    info[key] = b[pos]
                elif bit == 3:
                    info[key] = struct.unpack_from('<H', b, pos)[0]
                elif bit == 5:
                    info[key] = struct.unpack_from('b', b, pos)[0]
                pos += sz
    return ln, info


def rd_ies(b, off, end):
    while off + 2 <= end:
        eid, ln = b[off], b[off + 1]
        yield eid, b[off + 2:off + 2 + ln]
        off += 2 + ln


def rd_odid(payload):
    """counter + one message (maybe a pack) -> (counter, [decoded dict], note)."""
    ctr, m = payload[0], payload[1:]
    out = []
    if m[0] >> 4 == 15:
        size, n = m[1], m[2]
        if n > 10 or size != 25 or 3 + 25 * n > len(m):
            return ctr, [], 'MALFORMED pack: size %d count %d, %d bytes' % (size, n, len(m))
        for i in range(n):
            out.append(rd_msg(m[3 + 25 * i:28 + 25 * i]))
        return ctr, out, 'pack of %d (v%d)' % (n, m[0] & 15)
    return ctr, [rd_msg(m[:25])], 'single message'


def _txt(b):
    return b.split(b'\0')[0]


def rd_alt(raw):
    return None if raw == 0 else raw * 0.5 - 1000


def rd_msg(m):
    t, v = m[0] >> 4, m[0] & 15
    d = {'type': t, 'v': v}
    if t == 0:
        d.update(id_type=m[1] >> 4, ua=m[1] & 15, id=_txt(m[2:22]))
    elif t == 1:
        fl, dr, sp, vs, la, lo, ab, ag, h, a1, a2, ts, a3 = struct.unpack_from('<BBBbiiHHHBBHB', m, 1)
        ew, mult = fl >> 1 & 1, fl & 1
        dirv = dr + 180 * ew
        spv = sp * 0.75 + 63.75 if mult else sp * 0.25
        d.update(status=fl >> 4, htype=fl >> 2 & 1,
                 dir=None if dirv > 360 else dirv, speed=None if spv == 255.0 else spv,
                 vs=None if vs == 126 else vs * 0.5, raw=(ew, dr, mult, sp, vs),
                 lat=None if la == 0 and lo == 0 else la / 1e7,
                 lon=None if la == 0 and lo == 0 else lo / 1e7, la_e7=la, lo_e7=lo,
                 baro=rd_alt(ab), geo=rd_alt(ag), height=rd_alt(h),
                 acc=(a1 & 15, a1 >> 4, a2 >> 4, a2 & 15, a3 & 15),
                 ts=None if ts == 0xFFFF else ts / 10)
    elif t == 2:
        d.update(atype=m[1] >> 4, page=m[1] & 15)
        if m[1] & 15 == 0:
            d.update(last=m[2], length=m[3], ts=struct.unpack_from('<I', m, 4)[0], data=m[8:25])
        else:
            d.update(data=m[2:25])
    elif t == 3:
        d.update(desc=m[1], text=_txt(m[2:25]))
    elif t == 4:
        fl, la, lo, ac, rad, ce, flo, cc, oa, ts = struct.unpack_from('<BiiHBHHBHI', m, 1)
        d.update(oploc=fl & 3, cls=fl >> 2 & 7, op_lat=la / 1e7, op_lon=lo / 1e7,
                 op_ok=not (la == 0 and lo == 0), area=(ac, rad * 10, rd_alt(ce), rd_alt(flo)),
                 cat=cc >> 4, eucls=cc & 15, op_alt=rd_alt(oa), ts=ts)
    elif t == 5:
        d.update(optype=m[1], id=_txt(m[2:22]))
    return d


def rd_dji(body):
    """body after the OUI: 58 62 13, subcommand, record."""
    if len(body) < 4 or body[:3] != DJI_HDR:
        return {'error': 'bad header'}
    sub, rec = body[3], body[4:]
    if sub == 0x11:
        if len(rec) < 28:
            return {'error': 'TRUNCATED purpose'}
        idl, pl = rec[16], rec[27]
        return {'sub': 0x11, 'serial': _txt(rec[:16]), 'drone_id': rec[17:17 + idl],
                'purpose': rec[28:28 + pl]}
    ver = rec[0] if rec else None
    need = {1: 75, 2: 87}.get(ver)
    if need is None:
        return {'error': 'unsupported version %r' % ver}
    if len(rec) < need:
        return {'error': 'TRUNCATED: %d of %d record bytes' % (len(rec), need)}
    if ver == 1:
        (_, seq, state, ser, lo, la, alt, h, vn, ve, vu, p, r, y, hlo, hla, prod, ul,
         uu) = struct.unpack_from('<BHH16siihhhhhhhhiiBB20s', rec, 0)
        return {'sub': 0x10, 'ver': 1, 'seq': seq, 'state': state, 'serial': _txt(ser),
                'lat': (la, dji_deg(la)), 'lon': (lo, dji_deg(lo)), 'alt': alt, 'height': h,
                'v': (vn, ve, vu), 'pitch': p / 100, 'roll': r / 100, 'yaw': y / 100,
                'home': ((hla, dji_deg(hla)), (hlo, dji_deg(hlo))), 'product': prod,
                'uuid': uu[:ul]}
    (_, seq, state, ser, lo, la, alt, h, vn, ve, vu, y, ms, ala, alo, hlo, hla, prod, ul,
     uu) = struct.unpack_from('<BHH16siihhhhhhQiiiiBB20s', rec, 0)
    return {'sub': 0x10, 'ver': 2, 'seq': seq, 'state': state, 'serial': _txt(ser),
            'lat': (la, dji_deg(la)), 'lon': (lo, dji_deg(lo)), 'alt': alt, 'height': h,
            'v': (vn, ve, vu), 'yaw': y / 100, 'app_ms': ms,
            'app': ((ala, dji_deg(ala)), (alo, dji_deg(alo))),
            'home': ((hla, dji_deg(hla)), (hlo, dji_deg(hlo))), 'product': prod, 'uuid': uu[:ul]}


def fmt_mac(b):
    return ':'.join('%02x' % x for x in b)


def rd_wifi_frame(b):
    rlen, info = rd_radiotap(b)
    flags = info.get((0, 1), 0)
    f = b[rlen:len(b) - 4] if flags & 0x10 else b[rlen:]
    fcs_ok = None
    if flags & 0x10:
        fcs_ok = struct.unpack('<I', b[-4:])[0] == zlib.crc32(f) & 0xffffffff
    fc = f[0]
    ftype, sub = fc >> 2 & 3, fc >> 4
    ta = fmt_mac(f[10:16])
    res = {'freq': info.get((0, 3)), 'rssi': info.get((0, 5)), 'rt_len': rlen, 'fcs_ok': fcs_ok,
           'ta': ta, 'kind': (ftype, sub), 'ssid': None, 'payloads': []}
    if ftype == 0 and sub in (5, 8):
        for eid, body in rd_ies(f, 36, len(f)):
            if eid == 0:
                res['ssid'] = body
            elif eid == 221 and body[:4] == b'\xfa\x0b\xbc\x0d':
                res['payloads'].append(('ASTM beacon',) + rd_odid(body[4:]))
            elif eid == 221 and body[:3] == DJI_OUI:
                res['payloads'].append(('DJI', rd_dji(body[3:])))
    elif ftype == 0 and sub == 13 and f[24:30] == b'\x04\x09' + WFA_OUI + b'\x13':
        o = 30
        while o + 3 <= len(f):
            aid, aln = f[o], struct.unpack_from('<H', f, o + 1)[0]
            a = f[o + 3:o + 3 + aln]
            if aid == 3 and a[:6] == NAN_SERVICE_ID and a[8] & 0x10:
                res['payloads'].append(('ASTM NAN',) + rd_odid(a[10:10 + a[9]]))
            o += 3 + aln
    return res


def rd_ble(b, phdr):
    info = {}
    if phdr:
        ch, sig, noise, aao, ref, flags = struct.unpack_from('<BbbBIH', b, 0)
        info.update(rf=ch, freq=2402 + 2 * ch, rssi=sig if flags & LE_SIG_VALID else None,
                    flags=flags)
        b = b[10:]
    aa = struct.unpack_from('<I', b, 0)[0]
    pdu = b[4:-3]
    if phdr and info['flags'] >> 14 == 2:          # LE Coded: coding indicator byte
        info['ci'] = b[4]
        pdu = b[5:-3]
    info['crc_ok'] = ble_crc(pdu) == b[-3:] and aa == ADV_AA
    ptype, ln = pdu[0] & 15, pdu[1]
    pl = pdu[2:2 + ln]
    adva, ad = None, b''
    if ptype == 2:
        adva, ad = pl[:6], pl[6:]
    elif ptype == 7:
        ehl = pl[0] & 0x3f
        eh = pl[1:1 + ehl]
        fl, o = eh[0], 1
        if fl & 1:
            adva = eh[o:o + 6]
            o += 6
        ad = pl[1 + ehl:]
    info['pdu'] = ptype
    info['adva'] = fmt_mac(adva[::-1]) if adva else None
    info['payloads'] = []
    o = 0
    while o < len(ad):
        ln = ad[o]
        s = ad[o + 1:o + 1 + ln]
        if s[:4] == b'\x16\xfa\xff\x0d':
            info['payloads'].append(('ASTM BLE',) + rd_odid(s[4:]))
        o += 1 + ln
    return info


def fnum(x, nd=7):
    return '–' if x is None else ('%.*f' % (nd, x))


def describe_msg(d):
    t = d['type']
    if t == 0:
        idb = d['id']
        s = idb.decode() if all(32 <= c < 127 for c in idb) else 'hex ' + idb.hex()
        return 'Basic ID v%d: id_type %d, ua_type %d, id (%d) `%s`' % (d['v'], d['id_type'], d['ua'], len(idb), s)
    if t == 1:
        return ('Location v%d: status %d, height_type %d, dir %s, speed %s, vspeed %s, '
                'lat %s, lon %s, baro %s, geo %s, height %s, acc h/v/baro/speed/ts %s, ts %s '
                '[raw E/W %d dir %d mult %d speed %d vs %d]' % (
                    d['v'], d['status'], d['htype'], fnum(d['dir'], 0), fnum(d['speed'], 2),
                    fnum(d['vs'], 1), fnum(d['lat']), fnum(d['lon']), fnum(d['baro'], 1),
                    fnum(d['geo'], 1), fnum(d['height'], 1), '/'.join(map(str, d['acc'])),
                    fnum(d['ts'], 1), *d['raw']))
    if t == 2:
        if d['page'] == 0:
            return 'Auth v%d: type %d page 0, last page %d, length %d, ts %d, data %s…' % (
                d['v'], d['atype'], d['last'], d['length'], d['ts'], d['data'][:4].hex())
        return 'Auth v%d: type %d page %d, data %s…' % (d['v'], d['atype'], d['page'], d['data'][:4].hex())
    if t == 3:
        return 'Self-ID v%d: desc %d, text (%d) `%s`' % (d['v'], d['desc'], len(d['text']), d['text'].decode())
    if t == 4:
        a = d['area']
        return ('System v%d: op_loc %d, class_type %d, operator %s %s (ok %s), area count %d radius %d '
                'ceiling %s floor %s, EU cat %d class %d, op alt %s, ts %d' % (
                    d['v'], d['oploc'], d['cls'], fnum(d['op_lat']), fnum(d['op_lon']), d['op_ok'],
                    a[0], a[1], fnum(a[2], 1), fnum(a[3], 1), d['cat'], d['eucls'], fnum(d['op_alt'], 1), d['ts']))
    if t == 5:
        return 'Operator ID v%d: type %d, id (%d) `%s`' % (d['v'], d['optype'], len(d['id']), d['id'].decode())
    return 'type %d' % t


def describe_dji(d):
    if 'error' in d:
        return 'DJI: ' + d['error']
    if d['sub'] == 0x11:
        return 'DJI 0x11 purpose: serial `%s`, drone id `%s`, purpose (%d) `%s`' % (
            d['serial'].decode(), d['drone_id'].decode(), len(d['purpose']), d['purpose'].decode())
    s = ('DJI v%d seq %d state 0x%04x serial `%s`: lat %.9f (raw %d) lon %.9f (raw %d) '
         'alt %d height %d v(n,e,u) raw %s') % (
        d['ver'], d['seq'], d['state'], d['serial'].decode(), d['lat'][1], d['lat'][0], d['lon'][1], d['lon'][0],
        d['alt'], d['height'], d['v'])
    if d['ver'] == 1:
        s += ' pitch %.2f roll %.2f yaw %.2f' % (d['pitch'], d['roll'], d['yaw'])
    else:
        s += ' yaw %.2f app_ms %d app %.9f %.9f (raw %d %d)' % (
            d['yaw'], d['app_ms'], d['app'][0][1], d['app'][1][1], d['app'][0][0], d['app'][1][0])
    s += ' home %.9f %.9f (raw %d %d) product %d uuid `%s`' % (
        d['home'][0][1], d['home'][1][1], d['home'][0][0], d['home'][1][0], d['product'], d['uuid'].decode())
    return s


def expect(root):
    cap = os.path.join(root, 'tests', 'captures')
    for name in ('air_msgs.pcap', 'air_spoof.pcap'):
        lt, frames = read_pcap(os.path.join(cap, name))
        print('## %s (linktype %d, %d frames)' % (name, lt, len(frames)))
        for i, (t, b) in enumerate(frames, 1):
            r = rd_wifi_frame(b)
            print('%d. t=%.1f ta %s freq %s rssi %s rt_len %d%s kind %s ssid %r' % (
                i, t, r['ta'], r['freq'], r['rssi'], r['rt_len'],
                '' if r['fcs_ok'] is None else ' fcs_ok %s' % r['fcs_ok'], r['kind'], r['ssid']))
            for p in r['payloads']:
                if p[0] == 'DJI':
                    print('   - ' + describe_dji(p[1]))
                else:
                    print('   - %s counter %d, %s' % (p[0], p[1], p[3]))
                    for d in p[2]:
                        print('     - ' + describe_msg(d))
    for name, phdr in (('air_ble.pcap', True), ('air_ble_ll.pcap', False)):
        lt, frames = read_pcap(os.path.join(cap, name))
        print('## %s (linktype %d, %d frames)' % (name, lt, len(frames)))
        for i, (t, b) in enumerate(frames, 1):
            r = rd_ble(b, phdr)
            print('%d. t=%.1f pdu %d adva %s rf %s freq %s rssi %s flags %s crc_ok %s' % (
                i, t, r['pdu'], r['adva'], r.get('rf'), r.get('freq'), r.get('rssi'),
                '0x%04x' % r['flags'] if 'flags' in r else '-', r['crc_ok']))
            for p in r['payloads']:
                print('   - %s counter %d, %s' % (p[0], p[1], p[3]))
                for d in p[2]:
                    print('     - ' + describe_msg(d))


DEPOT = [(48.8400, 2.3000), (48.8400, 2.3100), (48.8450, 2.3100), (48.8450, 2.3000)]


def in_polygon(lat, lon, poly):
    inside = False
    for i in range(len(poly)):
        (a_lat, a_lon), (b_lat, b_lon) = poly[i], poly[(i + 1) % len(poly)]
        if (a_lat > lat) != (b_lat > lat):
            x = a_lon + (lat - a_lat) * (b_lon - a_lon) / (b_lat - a_lat)
            if lon < x:
                inside = not inside
    return inside


def spoof_metrics(root):
    """per fix of air_spoof.pcap: distance to the hq centre, zone membership,
    operator distance, implied speed since the previous fix of the same ID."""
    lt, frames = read_pcap(os.path.join(root, 'tests', 'captures', 'air_spoof.pcap'))
    print('## air_spoof.pcap fixes (haversine, R = %.1f m)' % R_EARTH)
    print('| # | t (s) | TA | source | ID | lat | lon | d(hq) m | in hq | in depot | operator lat, lon '
          '| d(op) m | v m/s |')
    print('|---|---|---|---|---|---|---|---|---|---|---|---|---|')
    last = {}
    for i, (t, b) in enumerate(frames, 1):
        r = rd_wifi_frame(b)
        for p in r['payloads']:
            fix = None
            if p[0] == 'DJI':
                d = p[1]
                if 'error' in d or d['sub'] != 0x10:
                    print('| %d | %.1f | %s | DJI | – | %s |' % (i, t, r['ta'], d.get('error', 'purpose')))
                    continue
                fix = ('DJI v2', d['serial'].decode(), d['lat'][1], d['lon'][1], d['app'][0][1], d['app'][1][1])
            else:
                if not p[2]:
                    print('| %d | %.1f | %s | ASTM | – | %s |' % (i, t, r['ta'], p[3]))
                    continue
                ident = loc = op = None
                for m in p[2]:
                    if m['type'] == 0:
                        ident = m['id'].decode()
                    elif m['type'] == 1:
                        loc = m
                    elif m['type'] == 4:
                        op = (m['op_lat'], m['op_lon'])
                if loc is None:
                    continue
                fix = ('ASTM', ident, loc['lat'], loc['lon']) + (op if op else (None, None))
            src, ident, la, lo, ola, olo = fix
            dh = haversine(HQ[0], HQ[1], la, lo)
            dop = haversine(la, lo, ola, olo) if ola is not None else None
            key = (src, ident)
            v = None
            if key in last and t > last[key][0]:
                v = haversine(last[key][1], last[key][2], la, lo) / (t - last[key][0])
            last[key] = (t, la, lo)
            print('| %d | %.1f | %s | %s | %s | %.7f | %.7f | %.1f | %s | %s | %s | %s | %s |' % (
                i, t, r['ta'], src, ident, la, lo, dh, 'yes' if dh <= 500 else 'no',
                'yes' if in_polygon(la, lo, DEPOT) else 'no',
                '–' if ola is None else '%.7f, %.7f' % (ola, olo),
                '–' if dop is None else '%.1f' % dop, '–' if v is None else '%.1f' % v))
        if len([p for p in r['payloads'] if p[0] == 'DJI' and 'lat' in p[1]]) and \
                len([p for p in r['payloads'] if p[0] != 'DJI' and p[2]]):
            dj = [p[1] for p in r['payloads'] if p[0] == 'DJI'][0]
            lo_ = [m for p in r['payloads'] if p[0] != 'DJI' for m in p[2] if m['type'] == 1][0]
            print('|   | | | DJI vs ASTM in frame %d: %.1f m apart | | | | | | | | | |' % (
                i, haversine(dj['lat'][1], dj['lon'][1], lo_['lat'], lo_['lon'])))


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    args = sys.argv[1:]
    mode_expect = bool(args) and args[0] == '--expect'
    if mode_expect:
        args = args[1:]
    root = args[0] if args else os.path.normpath(os.path.join(here, '..', '..'))
    if mode_expect:
        expect(root)
        spoof_metrics(root)
        return
    cap = os.path.join(root, 'tests', 'captures')
    make_msgs(cap)
    make_ble(cap)
    make_spoof(cap)
    write_text(os.path.join(root, 'tests', 'data', 'zones.txt'), ZONES)
    for path, n, size, h in WRITTEN:
        print('%-34s %5d %-5s %8d bytes  %s' % (os.path.relpath(path, root), n,
                                                 'lines' if path.endswith('.txt') else 'pkts', size, h[:16]))


if __name__ == '__main__':
    main()
