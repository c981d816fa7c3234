#!/usr/bin/python3
# -*- coding: utf-8 -*-
# SPDX-License-Identifier: MIT
"""
make_report.py -- deterministic generator for the report tests' hostile names.

Usage:  /usr/bin/python3 tests/gen/make_report.py [OUTDIR_ROOT]

Reuses the packet helpers of make_ident.py (Debian python3-scapy 2.5; nothing
random; byte-identical output on every run).  Writes
tests/captures/report_names.pcap: the LAN of ident.pcap (10.20.30.0/24, router
10.20.30.1), on 2026-02-10 from 09:00:00 UTC, where five hosts name themselves
in DHCP (option 12) with strings a report must keep inert:

  10.20.30.161 44:19:b6:5e:00:01  Hikvision camera (SADP)  <script>alert(1)</script>
               uploads 300 KiB over TLS to 47.91.2.20 (CN, SNI dev.hik-connect.com)
               and 2 KiB over UDP to 185.220.100.9 (DE; its AS organisation in the
               test GeoIP data is itself markup)
  10.20.30.162 3c:ef:8c:5e:00:02  Dahua camera (DHIP)      =HYPERLINK("http://x")
               uploads 100 KiB over TCP to 119.28.1.1:8800 (HK)
  10.20.30.163 00:11:22:5e:00:03  workstation              +cmd|' /C calc'!A0
  10.20.30.164 00:11:22:5e:00:04  workstation              -2+3 ESC[2J (a terminal escape)
  10.20.30.165 00:11:22:5e:00:05  workstation              @SUM(1+1)

Also writes tests/captures/summary_cells.pcap: the Dahua camera of
report_names.pcap announces itself (DHIP), resolves a 53-byte name of
two-byte UTF-8 characters whose 20th straddles bytes 39-40 (one past the
terminal summary's 40-column NAME cell) and uploads 10 KiB to its address:
the summary must cut that cell before a whole character and mark the cut.

Remote addresses lie in the ranges of the test GeoIP databases
(tests/data/geo-test.txt), so countries are stable.
"""

import calendar
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import make_ident as mi  # noqa: E402
from make_ident import E, TCPSess, Timeline, udp  # noqa: E402

HIK = ('44:19:b6:5e:00:01', '10.20.30.161', '<script>alert(1)</script>')
DAH = ('3c:ef:8c:5e:00:02', '10.20.30.162', '=HYPERLINK("http://x")')
WS = [('00:11:22:5e:00:03', '10.20.30.163', "+cmd|' /C calc'!A0"),
      ('00:11:22:5e:00:04', '10.20.30.164', '-2+3\x1b[2J'),
      ('00:11:22:5e:00:05', '10.20.30.165', '@SUM(1+1)')]
HC_NAME, HC_ADDR = 'dev.hik-connect.com', '47.91.2.20'
EVIL_ORG_ADDR = '185.220.100.9'
HK_ADDR = '119.28.1.1'


def make_report(cap):
    mi._IPID.clear()
    mi.BASE = calendar.timegm((2026, 2, 10, 9, 0, 0, 0, 0, 0))
    tl = Timeline()
    rng = mi.PRNG(0x7265706f7274)
    prl = [1, 3, 6, 12, 15, 28, 42]
    # 1. Every host asks for its lease, naming itself (t = 0 .. 2).
    for i, (mac, addr, name) in enumerate([HIK, DAH] + WS):
        mi.dhcp_request_ack(tl, 0.5 * i, mac, addr, 0x5e000000 + i, name, 'udhcp 1.30.1', prl)
    # 2. The camera answers a SADP probe: a Hikvision camera.
    uuid = '5E000001-0000-4000-8000-4419B65E0001'
    tl.add(3.0, E(WS[0][0], mi.mcast_mac(mi.SADP_GRP),
                  udp(WS[0][1], mi.SADP_GRP, 37020, 37020, mi.sadp_probe(uuid), ttl=1)))
    fields = mi.sadp_fields(uuid, 'DS-2CD2346G2-I', 'DS-2CD2346G2-I20230315AAWRL11223344',
                            HIK[0], HIK[1], 'V5.7.15build 230301', 'V7.3 build 230301',
                            '2026-02-09 07:00:00', salt=rng.hex(64))
    tl.add(3.01, E(HIK[0], mi.mcast_mac(mi.SADP_GRP),
                   udp(HIK[1], mi.SADP_GRP, 37020, 37020, mi.sadp_match(fields), ttl=1)))
    # 3. The Dahua camera announces itself (DHIP notifyDevInfo).
    body = mi.notify_dev_info(DAH[0], DAH[1], 'IPC', 'IPC-HFW2431S-S-S2', '7K0A5E0PAZ00002',
                              'Dahua', '2.800.0000000.16.R', '')
    tl.add(4.0, E(DAH[0], mi.mcast_mac(mi.DHIP_GRP),
                  udp(DAH[1], mi.DHIP_GRP, 37810, 37810, mi.dhip(body), ttl=1)))
    # 4. The Hikvision camera uploads 300 KiB to its cloud, over TLS.
    s = TCPSess(tl, HIK[0], mi.R_MAC, HIK[1], HC_ADDR, 41001, 443, 0x11000000, 0x22000000,
                ttl_s=50)
    t = s.open(5.0, 0.150)
    t = s.send(t, True, mi.tls_client_hello(HC_NAME, rng), 0.150)
    blob = bytes((i * 13 + 5) & 0xff for i in range(300 * 1024))
    rec = b''.join(b'\x17\x03\x03' + len(blob[i:i + 16000]).to_bytes(2, 'big') + blob[i:i + 16000]
                   for i in range(0, len(blob), 16000))
    t = s.send(t, True, rec, 0.150)
    s.close(t + 0.01, 0.150)
    # 5. ... and 2 KiB over UDP to an address whose AS organisation is markup.
    for k in range(2):
        tl.add(8.0 + k, E(HIK[0], mi.R_MAC, udp(HIK[1], EVIL_ORG_ADDR, 42000, 9999,
                                                  bytes([k]) * 1024)))
    # 6. The Dahua camera uploads 100 KiB to Hong Kong over plain TCP.
    s = TCPSess(tl, DAH[0], mi.R_MAC, DAH[1], HK_ADDR, 41002, 8800, 0x33000000, 0x44000000,
                ttl_s=48)
    t = s.open(10.0, 0.080)
    t = s.send(t, True, b'\x00\x01' + bytes((i * 7) & 0xff for i in range(100 * 1024 - 2)), 0.080)
    s.close(t + 0.01, 0.080)
    mi.write_pcap(os.path.join(cap, 'report_names.pcap'), tl.ev)


LONG_NAME = b'x' + '\u00e9'.encode() * 25 + b'.cn'


def make_cells(cap):
    mi._IPID.clear()
    mi.BASE = calendar.timegm((2026, 2, 10, 10, 0, 0, 0, 0, 0))
    tl = Timeline()
    body = mi.notify_dev_info(DAH[0], DAH[1], 'IPC', 'IPC-HFW2431S-S-S2', '7K0A5E0PAZ00002',
                              'Dahua', '2.800.0000000.16.R', '')
    tl.add(0.0, E(DAH[0], mi.mcast_mac(mi.DHIP_GRP),
                  udp(DAH[1], mi.DHIP_GRP, 37810, 37810, mi.dhip(body), ttl=1)))
    mi.dns_pair(tl, 1.0, DAH[0], DAH[1], 40100, LONG_NAME, HK_ADDR, 0x5e01)
    s = TCPSess(tl, DAH[0], mi.R_MAC, DAH[1], HK_ADDR, 41003, 8800, 0x55000000, 0x66000000,
                ttl_s=48)
    t = s.open(2.0, 0.080)
    t = s.send(t, True, bytes((i * 11) & 0xff for i in range(10 * 1024)), 0.080)
    s.close(t + 0.01, 0.080)
    mi.write_pcap(os.path.join(cap, 'summary_cells.pcap'), tl.ev)


def main():
    mi.main_with(make_report, make_cells)


if __name__ == '__main__':
    main()
