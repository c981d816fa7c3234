#!/usr/bin/python3
# -*- coding: utf-8 -*-
"""
make_flows.py -- deterministic generator for vigie's destination and alert capture.

Usage:  /usr/bin/python3 tests/gen/make_flows.py [OUTDIR_ROOT]

Reuses the packet helpers of make_ident.py (Debian python3-scapy 2.5; nothing
random; byte-identical output on every run).  Writes tests/captures/flows.pcap,
a site LAN 10.20.40.0/24 whose expected destinations and alerts are listed in
tests/captures/FLOWS.md.  Remote addresses are chosen inside the ranges of the
test GeoIP databases (tests/data/geo-test.txt), so their countries are stable.
"""

import os
import struct
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import make_ident as mi  # noqa: E402
from make_ident import E, TCPSess, Timeline, udp, tcp_dialogue, crlf  # noqa: E402
from scapy.all import DNS, DNSQR, DNSRR, IPv6, Ether  # noqa: E402

GW_MAC, GW_IP = '00:1a:2b:3c:4d:5f', '10.20.40.1'
CAM_MAC, CAM_IP = '44:19:b6:0a:0b:0d', '10.20.40.64'     # Hikvision OUI
NVR_MAC, NVR_IP = '3c:ef:8c:11:22:34', '10.20.40.108'    # Dahua OUI
DVR_MAC, DVR_IP = '3c:ef:8c:11:22:35', '10.20.40.120'
WS_MAC, WS_IP, WS_IP6 = '00:11:22:33:44:56', '10.20.40.50', '2001:db8:40::50'

HC_NAME, HC_CNAME, HC_ADDR = 'litedev.hik-connect.com', 'hik-lb-cn.hik-connect.com', '47.91.1.10'
ATTACKER = '185.220.101.5'
CDN_NAME, CDN_ADDR = 'www.lemonde.fr', '151.101.2.132'
CDN2_NAME, CDN2_ADDR = 'static.example-cdn.fr', '2.16.1.1'
CN6_NAME, CN6_ADDR = 'www.example.cn', '2408:8000::10'


def dns_cname(tl, t, cmac, cip, cport, qname, cname, addr, qid):
    """query, then an answer through a CNAME (the chain in record order)."""
    q = DNS(id=qid, rd=1, qd=DNSQR(qname=qname, qtype='A'))
    a = DNS(id=qid, qr=1, rd=1, ra=1, qd=DNSQR(qname=qname, qtype='A'),
            an=DNSRR(rrname=qname, type='CNAME', ttl=60, rdata=cname)
            / DNSRR(rrname=cname, type='A', ttl=60, rdata=addr))
    tl.add(t, E(cmac, GW_MAC, udp(cip, GW_IP, cport, 53, q)))
    tl.add(t + 0.012, E(GW_MAC, cmac, udp(GW_IP, cip, 53, cport, a)))


def dns_a(tl, t, cmac, cip, cport, qname, addr, qid):
    q = DNS(id=qid, rd=1, qd=DNSQR(qname=qname, qtype='A'))
    a = DNS(id=qid, qr=1, rd=1, ra=1, qd=DNSQR(qname=qname, qtype='A'),
            an=DNSRR(rrname=qname, type='A', ttl=300, rdata=addr))
    tl.add(t, E(cmac, GW_MAC, udp(cip, GW_IP, cport, 53, q)))
    tl.add(t + 0.009, E(GW_MAC, cmac, udp(GW_IP, cip, 53, cport, a)))


class TCP6Sess(TCPSess):
    """TCPSess over IPv6."""

    def frame(self, smac, dmac, src, dst, l4, ttl):
        return bytes(Ether(src=smac, dst=dmac) / IPv6(src=src, dst=dst, hlim=ttl) / l4)


def dhip_login(body):
    js = body.encode()
    return struct.pack('<IIIIIIII', 0x20, 0x50494844, 0, 0, len(js), 0, len(js), 0) + js


def make_flows(cap):
    mi._IPID.clear()
    tl = Timeline()
    rng = mi.PRNG(0x666c6f7773)
    t = 1.0
    # 1. The camera states who it is (SADP reply to a probe from the workstation).
    fields = mi.sadp_fields('7A0C2D3E-0001-0002-0003-44195A0B0C0D', 'DS-2CD2143G2-I',
                            'DS-2CD2143G2-I20220301AAWRJ87654321', CAM_MAC, CAM_IP,
                            'V5.7.3build 220112', 'V7.3 build 211220', '2026-01-05 07:00:00')
    tl.add(t, E(WS_MAC, '01:00:5e:7f:ff:fa', udp(WS_IP, mi.SADP_GRP, 37020, 37020,
                                                 mi.sadp_probe('7A0C2D3E-0001-0002-0003-000000000001'))))
    tl.add(t + 0.02, E(CAM_MAC, '01:00:5e:7f:ff:fa',
                       udp(CAM_IP, mi.SADP_GRP, 37020, 37020, mi.sadp_match(fields))))
    # 2. It learns its Hik-Connect server from DNS (through a CNAME) and uploads
    #    1.5 MiB, above the shipped policy's 1 MiB threshold.
    t = 2.0
    dns_cname(tl, t, CAM_MAC, CAM_IP, 40001, HC_NAME, HC_CNAME, HC_ADDR, 0x4801)
    s = TCPSess(tl, CAM_MAC, GW_MAC, CAM_IP, HC_ADDR, 40002, 8555, 0x10000000, 0x20000000, ttl_s=50)
    t = s.open(t + 0.05, 0.180)
    blob = bytes((i * 7 + 3) & 0xff for i in range(1536 * 1024))
    blob = b'\x00\x00' + blob[2:]        # not TLS, not text: no decoder claims it
    t = s.send(t, True, blob, 0.180)
    t = s.send(t, False, b'\x00\x01ok', 0.180)
    s.close(t + 0.01, 0.180)
    # 3. An internet host exploits CVE-2021-36260 on the camera's web server.
    t = 10.0
    put = (b'PUT /SDK/webLanguage HTTP/1.1\r\nHost: 198.51.100.7\r\n'
           b'X-Requested-With: XMLHttpRequest\r\nContent-Type: application/x-www-form-urlencoded'
           b'; charset=UTF-8\r\nContent-Length: 88\r\n\r\n'
           b'<?xml version="1.0" encoding="UTF-8"?><language>$(id>webLib/x)</language>')
    ok = crlf('HTTP/1.1 500 Internal Server Error', 'Content-Length: 0')
    tcp_dialogue(tl, t, GW_MAC, CAM_MAC, ATTACKER, CAM_IP, 51234, 80, 0x30000000, 0x40000000,
                 [(True, put), (False, ok)], rtt=0.150)
    # 4. Someone on the LAN tries the Dahua NetKeyboard login bypass on the NVR.
    t = 12.0
    login = ('{"id":10000,"method":"global.login","params":{"authorityType":"Default",'
             '"clientType":"NetKeyboard","loginType":"Direct","password":"Not Used",'
             '"passwordType":"Default","userName":"admin"},"session":0}')
    reply = '{"id":10000,"params":{"keepAliveInterval":60},"result":true,"session":1977}'
    tcp_dialogue(tl, t, WS_MAC, NVR_MAC, WS_IP, NVR_IP, 52001, 37777, 0x50000000, 0x60000000,
                 [(True, dhip_login(login)), (False, dhip_login(reply))])
    # 5. A Telnet login to the DVR.
    t = 14.0
    iac = bytes([0xff, 0xfd, 0x18, 0xff, 0xfd, 0x20, 0xff, 0xfb, 0x01])
    tcp_dialogue(tl, t, WS_MAC, DVR_MAC, WS_IP, DVR_IP, 52002, 23, 0x70000000, 0x71000000,
                 [(False, iac + b'(none) login: '), (True, bytes([0xff, 0xfc, 0x18])),
                  (True, b'admin\r\n'), (False, b'Password: '), (True, b'123456\r\n'),
                  (False, b'\r\n# ')])
    # 6. Benign: the workstation reads French news and a CDN, resolved by DNS.
    t = 16.0
    dns_a(tl, t, WS_MAC, WS_IP, 53001, CDN_NAME, CDN_ADDR, 0x4802)
    get = crlf('GET / HTTP/1.1', 'Host: ' + CDN_NAME, 'User-Agent: Mozilla/5.0 (X11; Linux x86_64)',
               'Accept: */*')
    tcp_dialogue(tl, t + 0.05, WS_MAC, GW_MAC, WS_IP, CDN_ADDR, 53002, 80, 0x72000000, 0x73000000,
                 [(True, get), (False, crlf('HTTP/1.1 200 OK', 'Content-Length: 5000') + b'x' * 5000)],
                 rtt=0.012, ttl_s=58)
    dns_a(tl, t + 1, WS_MAC, WS_IP, 53003, CDN2_NAME, CDN2_ADDR, 0x4803)
    s2 = TCPSess(tl, WS_MAC, GW_MAC, WS_IP, CDN2_ADDR, 53004, 443, 0x74000000, 0x75000000,
                 ttl_s=57)
    t2 = s2.open(t + 1.05, 0.010)
    t2 = s2.send(t2, True, mi.tls_client_hello(CDN2_NAME, rng), 0.010)
    s2.close(t2 + 0.2, 0.010)
    # 7. A small IPv6 upload to China, below the threshold: no alert.
    s6 = TCP6Sess(tl, WS_MAC, GW_MAC, WS_IP6, CN6_ADDR, 53005, 443, 0x76000000, 0x77000000)
    t6 = s6.open(t + 2.0, 0.200)
    t6 = s6.send(t6, True, mi.tls_client_hello(CN6_NAME, rng), 0.200)
    t6 = s6.send(t6, False, b'\x16\x03\x03\x00\x02\x0e\x00', 0.200)
    s6.close(t6, 0.200)
    mi.write_pcap(os.path.join(cap, 'flows.pcap'), tl.ev)


def main():
    mi.main_with(make_flows)


if __name__ == '__main__':
    main()
