#!/usr/bin/python3
# -*- coding: utf-8 -*-
"""
make_captures.py -- deterministic generator for vigie's test/demo captures.

Usage:  /usr/bin/python3 tests/gen/make_captures.py [OUTDIR_ROOT]
        (OUTDIR_ROOT defaults to the repository root, i.e. ../.. from here)

Requires Debian python3-scapy (scapy 2.5) and python3-cryptography (only for
the fixed Ed25519 X.509 certs in TLS server flights).  Scapy is used ONLY to build
packet bytes (L3/L4 headers, checksums); every pcap / pcapng file is written
by the small struct-based writers below, so link types, caplen/len fields and
malformed records are exactly what we ask for.  Nothing is random: timestamps
are fixed (base 2026-01-05T08:00:00Z = 1767600000), MACs/IPs/ports/ISNs are
fixed and "random" bytes come from a private splitmix64 PRNG with fixed seeds.
Running the script twice yields byte-identical files.

Classic pcap files: little-endian magic 0xa1b2c3d4 (microsecond), v2.4,
snaplen 65535 unless a case says otherwise.

Files written (see tests/captures/README.md for the expected decoder results):

  samples/sample.pcap            demo capture of a small organisation LAN (Ethernet)
                                 (router, Hikvision-like camera with RTSP+RTP to an
                                 NVR, DNS + TLS to the cloud, Dahua-like camera UDP
                                 8800, workstation DNS/HTTPS/HTTP, IPv6 ND + TCP,
                                 SSDP / WS-Discovery / mDNS, ARP, 802.1Q VLAN 10).

  tests/captures/ (golden cases)
   1 eth_tcp_handshake.pcap      complete TCP/HTTP session, 9 packets
   2 eth_synack_first.pcap       capture starts at the SYN-ACK (initiator = client)
   3 eth_udp_dns.pcap            DNS query/answer + ICMP echo request/reply
   4 vlan_qinq.pcap              802.1Q (VLAN 10) and QinQ (0x88a8 100 / 0x8100 20)
   5 sll.pcap, sll2.pcap         LINKTYPE_LINUX_SLL (113) / LINUX_SLL2 (276)
   6 raw_ip.pcap                 LINKTYPE_RAW (101), IPv4 + IPv6
     ipv4_linktype.pcap          LINKTYPE_IPV4 (228)
     ipv6_linktype.pcap          LINKTYPE_IPV6 (229)
   7 null_loop.pcap              LINKTYPE_NULL (0), family in little-endian
     loop.pcap                   LINKTYPE_LOOP (108), family in big-endian
   8 ipv6_ext.pcap               HBH + DSTOPT + routing before TCP; fragment hdr
   9 ipv4_frag.pcap              UDP datagram in 3 IPv4 fragments + 1 normal pkt
  10 router_many_ips.pcap        20 local IPs behind ONE router MAC + 2 normal hosts
  11 pcapng_mixed.pcapng         pcapng SHB/IDB(Ethernet)/EPBs
     pcapng_two_if.pcapng        pcapng, IDB0 Ethernet (us) + IDB1 RAW (ns tsresol)
  12 multi_a.pcap, multi_b.pcap  one TCP session split across two files
  13 tcp_reuse.pcap              closed TCP connection, then same 5-tuple re-used
  14 idle_timeout.pcap           UDP flow with a 600 s gap (two flows at 120 s)

  tests/captures/bad/ (hostile inputs, a decoder must not crash / hang)
     empty.pcap                  0 bytes
     text.pcap                   ASCII text
     short_header.pcap           first 10 bytes of a pcap global header
     truncated.pcap              3 good packets, 4th record cut mid-packet
     caplen_gt_len.pcap          record caplen 60 > len 40, then a good packet
     caplen_gt_snaplen.pcap      snaplen 64, record caplen 200, then a good packet
     zero_len.pcap               record caplen 0/len 0, then a good packet
     huge_caplen.pcap            1 good packet, then record caplen 0x7fffffff, EOF
     vlan_deep.pcap              one frame with 65,000 stacked 802.1Q tags, then good
     ipv6_ext_deep.pcap          IPv6 with 8190 chained dest-opt headers, then good
     garbage_frames.pcap         200 PRNG frames + 12 crafted malformed IPv4/6 frames
     bad_linktype.pcap           link type 147 (USER0), 2 packets
"""

import calendar
import hashlib
import os
import socket
import struct
import sys

from scapy.all import (  # noqa: E402  (Debian python3-scapy 2.5)
    ARP, DNS, DNSQR, DNSRR, Dot1AD, Dot1Q, Ether, ICMP, ICMPv6ND_NA, ICMPv6ND_NS, ICMPv6NDOptDstLLAddr,
    ICMPv6NDOptSrcLLAddr, IP, IPv6, IPv6ExtHdrDestOpt, IPv6ExtHdrFragment,
    IPv6ExtHdrHopByHop, IPv6ExtHdrRouting, Raw, TCP, UDP,
)

BASE = calendar.timegm((2026, 1, 5, 8, 0, 0, 0, 0, 0))   # 1767600000

# --------------------------------------------------------------------------
# deterministic PRNG (splitmix64) -- independent of Python's random module
# --------------------------------------------------------------------------
M64 = (1 << 64) - 1


class PRNG:
    def __init__(self, seed):
        self.x = seed & M64

    def next64(self):
        self.x = (self.x + 0x9E3779B97F4A7C15) & M64
        z = self.x
        z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & M64
        z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & M64
        return z ^ (z >> 31)

    def below(self, n):
        return self.next64() % n

    def bytes(self, n):
        out = bytearray()
        while len(out) < n:
            out += self.next64().to_bytes(8, 'little')
        return bytes(out[:n])


# --------------------------------------------------------------------------
# file writers
# --------------------------------------------------------------------------
class Rec:
    """One pcap record. t = seconds offset from BASE (float, rounded to us).
    incl/orig override the caplen / len header fields (default len(data))."""
    __slots__ = ('t', 'data', 'incl', 'orig')

    def __init__(self, t, data, incl=None, orig=None):
        self.t, self.data, self.incl, self.orig = t, bytes(data), incl, orig


def ts_split(t):
    us = BASE * 1000000 + int(round(t * 1e6))
    return us // 1000000, us % 1000000


def pcap_header(linktype, snaplen=65535):
    return struct.pack('<IHHiIII', 0xa1b2c3d4, 2, 4, 0, 0, snaplen, linktype)


def pcap_record(rec):
    sec, usec = ts_split(rec.t)
    incl = len(rec.data) if rec.incl is None else rec.incl
    orig = len(rec.data) if rec.orig is None else rec.orig
    return struct.pack('<IIII', sec, usec, incl, orig) + rec.data


WRITTEN = []   # (path, description-for-summary)


def write_file(path, blob, npkts=None):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, 'wb') as f:
        f.write(blob)
    WRITTEN.append((path, npkts, len(blob), hashlib.sha256(blob).hexdigest()))


def write_pcap(path, linktype, recs, snaplen=65535, check=True):
    if check:
        for r in recs:
            assert r.incl is None and len(r.data) <= snaplen, path
    blob = pcap_header(linktype, snaplen) + b''.join(pcap_record(r) for r in recs)
    write_file(path, blob, len(recs))


# pcapng ---------------------------------------------------------------------
def _pad4(b):
    return b + b'\0' * ((-len(b)) % 4)


def ng_opts(opts):
    if not opts:
        return b''
    out = b''
    for code, val in opts:
        out += struct.pack('<HH', code, len(val)) + _pad4(val)
    return out + struct.pack('<HH', 0, 0)


def ng_block(btype, body):
    body = _pad4(body)
    tot = 12 + len(body)
    return struct.pack('<II', btype, tot) + body + struct.pack('<I', tot)


def ng_shb(opts):
    return ng_block(0x0A0D0D0A, struct.pack('<IHHq', 0x1A2B3C4D, 1, 0, -1) + ng_opts(opts))


def ng_idb(linktype, snaplen, opts):
    return ng_block(0x00000001, struct.pack('<HHI', linktype, 0, snaplen) + ng_opts(opts))


def ng_epb(ifid, ts_units, data, opts=None):
    body = struct.pack('<IIIII', ifid, ts_units >> 32, ts_units & 0xffffffff,
                       len(data), len(data)) + _pad4(bytes(data)) + ng_opts(opts)
    return ng_block(0x00000006, body)


# --------------------------------------------------------------------------
# packet building helpers
# --------------------------------------------------------------------------
_IPID = {}


def reset_ids():
    _IPID.clear()


def next_id(src):
    v = _IPID.get(src)
    if v is None:
        # fixed per-host start value derived from the address text
        v = (sum(src.encode()) * 97) & 0xffff
    _IPID[src] = (v + 1) & 0xffff
    return v


def L3(src, dst, l4, ttl=64, df=False):
    """IPv4 or IPv6 header (chosen from the address syntax) over l4."""
    if ':' in src:
        return IPv6(src=src, dst=dst, hlim=ttl) / l4
    return IP(src=src, dst=dst, ttl=ttl, id=next_id(src), flags='DF' if df else 0) / l4


def E(smac, dmac, pkt, vlan=None, pad=False):
    """Ethernet (optionally 802.1Q) frame bytes."""
    if vlan is None:
        fr = Ether(src=smac, dst=dmac) / pkt
    else:
        fr = Ether(src=smac, dst=dmac) / Dot1Q(vlan=vlan) / pkt
    b = bytes(fr)
    if pad and len(b) < 60:
        b += b'\0' * (60 - len(b))        # on-the-wire minimum frame (no FCS)
    return b


def udp(src, dst, sport, dport, payload, ttl=64):
    l4 = UDP(sport=sport, dport=dport)
    if payload is not None:
        l4 = l4 / (payload if not isinstance(payload, (bytes, bytearray)) else Raw(load=bytes(payload)))
    return L3(src, dst, l4, ttl=ttl)


SYN_OPTS = [('MSS', 1460), ('NOP', None), ('WScale', 7), ('NOP', None),
            ('NOP', None), ('SAckOK', b'')]


class TCPSess:
    """Tracks sequence numbers of one TCP connection.  c()/s() build a segment
    from client/server and return the framed bytes (via fc / fs callables that
    take a scapy L3 packet)."""

    def __init__(self, cip, sip, cport, sport, cisn, sisn, fc, fs,
                 ttl_c=64, ttl_s=64, win_c=502, win_s=509):
        self.cip, self.sip, self.cport, self.sport = cip, sip, cport, sport
        self.cseq, self.sseq = cisn, sisn
        self.fc, self.fs = fc, fs
        self.ttl_c, self.ttl_s, self.win_c, self.win_s = ttl_c, ttl_s, win_c, win_s
        self.bytes_c = 0
        self.bytes_s = 0

    def _seg(self, fromc, flags, data=b''):
        if fromc:
            src, dst, sp, dp, seq, ack = self.cip, self.sip, self.cport, self.sport, self.cseq, self.sseq
            ttl = self.ttl_c
            win = 64240 if 'S' in flags else self.win_c
        else:
            src, dst, sp, dp, seq, ack = self.sip, self.cip, self.sport, self.cport, self.sseq, self.cseq
            ttl = self.ttl_s
            win = 65160 if 'S' in flags else self.win_s
        if 'A' not in flags:
            ack = 0
        opts = SYN_OPTS if 'S' in flags else []
        seg = TCP(sport=sp, dport=dp, flags=flags, seq=seq, ack=ack, window=win, options=opts)
        if data:
            seg = seg / Raw(load=bytes(data))
        pkt = L3(src, dst, seg, ttl=ttl, df=True)
        adv = len(data) + (1 if 'S' in flags else 0) + (1 if 'F' in flags else 0)
        if fromc:
            self.cseq = (self.cseq + adv) & 0xffffffff
            self.bytes_c += len(data)
            return self.fc(pkt)
        self.sseq = (self.sseq + adv) & 0xffffffff
        self.bytes_s += len(data)
        return self.fs(pkt)

    def c(self, flags, data=b''):
        return self._seg(True, flags, data)

    def s(self, flags, data=b''):
        return self._seg(False, flags, data)


def eth_framers(cmac, smac, vlan=None, pad=False):
    """client->server frames go cmac->smac, server->client smac->cmac."""
    return (lambda p: E(cmac, smac, p, vlan, pad),
            lambda p: E(smac, cmac, p, vlan, pad))


# --------------------------------------------------------------------------
# application payload builders (TLS, HTTP, RTSP, RTP, SSDP, WSD, mDNS)
# --------------------------------------------------------------------------
def tls_record(ctype, body, ver=0x0303):
    return struct.pack('!BHH', ctype, ver, len(body)) + body


def tls_hs(mtype, body):
    return bytes([mtype]) + len(body).to_bytes(3, 'big') + body


def tls_ext(etype, data):
    return struct.pack('!HH', etype, len(data)) + data


def tls_client_hello(sni, rng):
    ciphers = [0xc02b, 0xc02f, 0xc02c, 0xc030, 0xcca9, 0xcca8, 0xc013, 0xc014,
               0x009c, 0x009d, 0x002f, 0x0035]
    cs = struct.pack('!H', 2 * len(ciphers)) + b''.join(struct.pack('!H', c) for c in ciphers)
    name = sni.encode()
    entry = struct.pack('!BH', 0, len(name)) + name
    alpn_list = b'\x02h2\x08http/1.1'
    exts = (tls_ext(0x0000, struct.pack('!H', len(entry)) + entry)          # server_name
            + tls_ext(0x0017, b'')                                           # extended_master_secret
            + tls_ext(0xff01, b'\x00')                                       # renegotiation_info
            + tls_ext(0x000a, struct.pack('!HHHH', 6, 0x001d, 0x0017, 0x0018))  # groups
            + tls_ext(0x000b, b'\x01\x00')                                   # ec_point_formats
            + tls_ext(0x0023, b'')                                           # session_ticket
            + tls_ext(0x0010, struct.pack('!H', len(alpn_list)) + alpn_list)  # ALPN
            + tls_ext(0x000d, struct.pack('!HHHHHHH', 12, 0x0403, 0x0804, 0x0401,
                                          0x0503, 0x0805, 0x0501)))           # sig algs
    body = (struct.pack('!H', 0x0303) + rng.bytes(32) + b'\x20' + rng.bytes(32)
            + cs + b'\x01\x00' + struct.pack('!H', len(exts)) + exts)
    return tls_record(22, tls_hs(1, body), ver=0x0301)


def make_cert(cn):
    """Deterministic self-signed-style X.509 DER certificate (Ed25519 signatures
    are deterministic; key, serial and validity are fixed)."""
    import datetime
    from cryptography import x509
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
    from cryptography.x509.oid import NameOID
    ca_key = Ed25519PrivateKey.from_private_bytes(bytes(range(32)))
    key = Ed25519PrivateKey.from_private_bytes(bytes(range(32, 64)))
    subj = x509.Name([x509.NameAttribute(NameOID.COUNTRY_NAME, 'FR'),
                      x509.NameAttribute(NameOID.COMMON_NAME, cn)])
    issuer = x509.Name([x509.NameAttribute(NameOID.COUNTRY_NAME, 'FR'),
                        x509.NameAttribute(NameOID.ORGANIZATION_NAME, 'Vigie Test CA'),
                        x509.NameAttribute(NameOID.COMMON_NAME, 'Vigie Test CA R1')])
    cert = (x509.CertificateBuilder().subject_name(subj).issuer_name(issuer)
            .public_key(key.public_key()).serial_number(0x1234 + len(cn))
            .not_valid_before(datetime.datetime(2025, 12, 1))
            .not_valid_after(datetime.datetime(2026, 12, 1))
            .add_extension(x509.SubjectAlternativeName([x509.DNSName(cn)]), critical=False)
            .sign(ca_key, None))
    return cert.public_bytes(serialization.Encoding.DER)


def tls_server_flight(rng, cn):
    exts = tls_ext(0xff01, b'\x00') + tls_ext(0x0017, b'')
    sh = tls_hs(2, struct.pack('!H', 0x0303) + rng.bytes(32) + b'\x20' + rng.bytes(32)
                + struct.pack('!HB', 0xc02b, 0) + struct.pack('!H', len(exts)) + exts)
    cert = make_cert(cn)
    certs = len(cert).to_bytes(3, 'big') + cert
    crt = tls_hs(11, len(certs).to_bytes(3, 'big') + certs)
    ske = tls_hs(12, b'\x03\x00\x1d\x20' + rng.bytes(32) + struct.pack('!HH', 0x0807, 64) + rng.bytes(64))
    done = tls_hs(14, b'')
    return tls_record(22, sh + crt + ske + done)


def tls_client_finish(rng):
    return (tls_record(22, tls_hs(16, b'\x20' + rng.bytes(32)))
            + tls_record(20, b'\x01') + tls_record(22, rng.bytes(40)))


def tls_server_finish(rng):
    return tls_record(20, b'\x01') + tls_record(22, rng.bytes(40))


def tls_appdata(rng, n):
    return tls_record(23, rng.bytes(n))


def http_get(host, path='/', ua='Mozilla/5.0 (Windows NT 10.0; Win64; x64)'):
    return ('GET %s HTTP/1.1\r\nHost: %s\r\nUser-Agent: %s\r\nAccept: */*\r\n'
            'Connection: close\r\n\r\n' % (path, host, ua)).encode()


def http_resp(body_len, rng=None):
    body = (b'<!doctype html><html><head><title>Example Domain</title></head><body>'
            + b'x' * max(0, body_len - 90) + b'</body></html>\n')[:body_len]
    return (b'HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=UTF-8\r\n'
            b'Date: Mon, 05 Jan 2026 08:00:00 GMT\r\nContent-Length: '
            + str(len(body)).encode() + b'\r\nConnection: close\r\n\r\n' + body)


def rtp(seq, ts, ssrc, payload, marker=False, pt=96):
    return struct.pack('!BBHII', 0x80, (0x80 if marker else 0) | pt, seq & 0xffff,
                       ts & 0xffffffff, ssrc) + payload


def rtcp_sr(ssrc, ntp_sec, rtp_ts, pkts, octets):
    return struct.pack('!BBHIIIIII', 0x80, 200, 6, ssrc, ntp_sec, 0, rtp_ts, pkts, octets)


# --------------------------------------------------------------------------
# A. samples/sample.pcap
# --------------------------------------------------------------------------
R_MAC, R_IP = '00:1a:2b:3c:4d:5e', '192.168.1.1'
HIK_MAC, HIK_IP = '44:19:b6:12:34:56', '192.168.1.64'
NVR_MAC, NVR_IP = 'c0:56:e3:aa:bb:cc', '192.168.1.10'
DAH_MAC, DAH_IP = '3c:ef:8c:01:02:03', '192.168.1.108'
WS_MAC, WS_IP = '00:11:22:33:44:55', '192.168.1.50'
WS_LL = 'fe80::211:22ff:fe33:4455'
WS_G6 = '2001:db8:1::211:22ff:fe33:4455'
R_LL = 'fe80::21a:2bff:fe3c:4d5e'
BCAST = 'ff:ff:ff:ff:ff:ff'


class Timeline:
    def __init__(self):
        self.ev = []

    def add(self, t, frame):
        self.ev.append(Rec(t, frame))

    def recs(self):
        return sorted(self.ev, key=lambda r: r.t)   # stable


def dns_pair(tl, t, cmac, cip, cport, qname, answer, qid, smac=R_MAC, sip=R_IP,
             delay=0.012, pad=True, ttl=300):
    q = DNS(id=qid, rd=1, qd=DNSQR(qname=qname, qtype='A'))
    a = DNS(id=qid, qr=1, rd=1, ra=1, qd=DNSQR(qname=qname, qtype='A'),
            an=DNSRR(rrname=qname, type='A', ttl=ttl, rdata=answer))
    tl.add(t, E(cmac, smac, udp(cip, sip, cport, 53, q), pad=pad))
    tl.add(t + delay, E(smac, cmac, udp(sip, cip, 53, cport, a), pad=pad))


def https_session(tl, t0, cmac, cip, cport, sip, sni, rng, rtt, cisn, sisn,
                  up_records=(), down_records=(600,), pad=True, ttl_s=52):
    fc, fs = eth_framers(cmac, R_MAC, pad=pad)
    s = TCPSess(cip, sip, cport, 443, cisn, sisn, fc, fs, ttl_s=ttl_s)
    t = t0
    tl.add(t, s.c('S'))
    t += rtt
    tl.add(t, s.s('SA'))
    t += 0.0002
    tl.add(t, s.c('A'))
    t += 0.0005
    tl.add(t, s.c('PA', tls_client_hello(sni, rng)))
    t += rtt
    tl.add(t, s.s('A'))
    t += 0.0008
    tl.add(t, s.s('PA', tls_server_flight(rng, sni)))
    t += 0.0003
    tl.add(t, s.c('A'))
    t += 0.004
    tl.add(t, s.c('PA', tls_client_finish(rng)))
    t += rtt
    tl.add(t, s.s('PA', tls_server_finish(rng)))
    t += 0.001
    for i, n in enumerate(up_records):
        t += 0.01
        tl.add(t, s.c('PA', tls_appdata(rng, n)))
        if i % 2 == 1 or i == len(up_records) - 1:
            tl.add(t + rtt, s.s('A'))
    if up_records:
        t += rtt + 0.001
    for n in down_records:
        t += 0.01
        if not up_records:
            tl.add(t, s.c('PA', tls_appdata(rng, 90)))   # request
            t += rtt
        tl.add(t, s.s('PA', tls_appdata(rng, n)))
        t += 0.0002
        tl.add(t, s.c('A'))
    t += 1.0
    tl.add(t, s.c('FA'))
    t += rtt
    tl.add(t, s.s('FA'))
    t += 0.0002
    tl.add(t, s.c('A'))
    return s


def make_sample(root):
    reset_ids()
    tl = Timeline()
    rng = PRNG(0x5A4D91E)

    # --- ARP: NVR resolves the camera --------------------------------------
    tl.add(0.000, E(NVR_MAC, BCAST, ARP(op=1, hwsrc=NVR_MAC, psrc=NVR_IP,
                                        hwdst='00:00:00:00:00:00', pdst=HIK_IP), pad=True))
    tl.add(0.0004, E(HIK_MAC, NVR_MAC, ARP(op=2, hwsrc=HIK_MAC, psrc=HIK_IP,
                                           hwdst=NVR_MAC, pdst=NVR_IP), pad=True))

    # --- WS-Discovery Probe (NVR -> 239.255.255.250:3702) + ProbeMatch --------
    probe = (b'<?xml version="1.0" encoding="UTF-8"?><s:Envelope xmlns:s="http://www.w3.org/2003/05/soap-envelope" '
             b'xmlns:a="http://schemas.xmlsoap.org/ws/2004/08/addressing"><s:Header>'
             b'<a:Action>http://schemas.xmlsoap.org/ws/2005/04/discovery/Probe</a:Action>'
             b'<a:MessageID>uuid:0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0</a:MessageID>'
             b'<a:To>urn:schemas-xmlsoap-org:ws:2005:04:discovery</a:To></s:Header><s:Body>'
             b'<Probe xmlns="http://schemas.xmlsoap.org/ws/2005/04/discovery"><Types>dn:NetworkVideoTransmitter</Types>'
             b'</Probe></s:Body></s:Envelope>')
    match = (b'<?xml version="1.0" encoding="UTF-8"?><env:Envelope xmlns:env="http://www.w3.org/2003/05/soap-envelope">'
             b'<env:Header><wsadis:Action>http://schemas.xmlsoap.org/ws/2005/04/discovery/ProbeMatches</wsadis:Action>'
             b'<wsadis:RelatesTo>uuid:0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0</wsadis:RelatesTo></env:Header><env:Body>'
             b'<d:ProbeMatches><d:ProbeMatch><d:Types>dn:NetworkVideoTransmitter tds:Device</d:Types>'
             b'<d:Scopes>onvif://www.onvif.org/type/video_encoder onvif://www.onvif.org/name/HIKVISION%20DS-2CD2143G2-I '
             b'onvif://www.onvif.org/hardware/DS-2CD2143G2-I</d:Scopes>'
             b'<d:XAddrs>http://192.168.1.64/onvif/device_service</d:XAddrs></d:ProbeMatch></d:ProbeMatches>'
             b'</env:Body></env:Envelope>')
    tl.add(0.500, E(NVR_MAC, '01:00:5e:7f:ff:fa', udp(NVR_IP, '239.255.255.250', 49500, 3702, probe, ttl=1)))
    tl.add(0.520, E(HIK_MAC, NVR_MAC, udp(HIK_IP, NVR_IP, 3702, 49500, match)))

    # --- RTSP NVR:50000 -> camera:554 ------------------------------------------
    url = 'rtsp://192.168.1.64:554/Streaming/Channels/101'
    fc, fs = eth_framers(NVR_MAC, HIK_MAC, pad=True)
    rt = TCPSess(NVR_IP, HIK_IP, 50000, 554, 0x3A1B0000, 0x7C2D0000, fc, fs)
    sdp = ('v=0\r\no=- 1767600000 1767600000 IN IP4 192.168.1.64\r\ns=Media Presentation\r\n'
           'e=NONE\r\nb=AS:5100\r\nt=0 0\r\na=control:%s/\r\nm=video 0 RTP/AVP 96\r\n'
           'c=IN IP4 0.0.0.0\r\nb=AS:5000\r\na=recvonly\r\na=x-dimensions:2560,1440\r\n'
           'a=control:%s/trackID=1\r\na=rtpmap:96 H264/90000\r\n'
           'a=fmtp:96 profile-level-id=420029; packetization-mode=1; sprop-parameter-sets=Z01AKI2NQDwBE/LCAAAOEAACvyAI,aO44gA==\r\n'
           % (url, url)).encode()
    rtsp_msgs = [
        ('OPTIONS %s RTSP/1.0\r\nCSeq: 1\r\nUser-Agent: NVR/4.0\r\n\r\n' % url,
         'RTSP/1.0 200 OK\r\nCSeq: 1\r\nPublic: OPTIONS, DESCRIBE, PLAY, PAUSE, SETUP, TEARDOWN, '
         'SET_PARAMETER, GET_PARAMETER\r\nDate:  Mon, Jan 05 2026 08:00:01 GMT\r\n\r\n'),
        ('DESCRIBE %s RTSP/1.0\r\nCSeq: 2\r\nAccept: application/sdp\r\nUser-Agent: NVR/4.0\r\n\r\n' % url,
         'RTSP/1.0 200 OK\r\nCSeq: 2\r\nContent-Type: application/sdp\r\nContent-Base: %s/\r\n'
         'Content-Length: %d\r\n\r\n%s' % (url, len(sdp), sdp.decode())),
        ('SETUP %s/trackID=1 RTSP/1.0\r\nCSeq: 3\r\nTransport: RTP/AVP;unicast;client_port=50010-50011\r\n'
         'User-Agent: NVR/4.0\r\n\r\n' % url,
         'RTSP/1.0 200 OK\r\nCSeq: 3\r\nSession: 1273481243;timeout=60\r\nTransport: RTP/AVP;unicast;'
         'client_port=50010-50011;server_port=8000-8001;ssrc=1a2b3c4d;mode="play"\r\n'
         'Date:  Mon, Jan 05 2026 08:00:01 GMT\r\n\r\n'),
        ('PLAY %s RTSP/1.0\r\nCSeq: 4\r\nSession: 1273481243\r\nRange: npt=0.000-\r\nUser-Agent: NVR/4.0\r\n\r\n' % url,
         'RTSP/1.0 200 OK\r\nCSeq: 4\r\nSession: 1273481243\r\nRTP-Info: url=%s/trackID=1;seq=1000;rtptime=0\r\n'
         'Date:  Mon, Jan 05 2026 08:00:01 GMT\r\n\r\n' % url),
    ]
    t = 1.000
    tl.add(t, rt.c('S'))
    tl.add(t + 0.0004, rt.s('SA'))
    tl.add(t + 0.0005, rt.c('A'))
    t += 0.002
    for req, rep in rtsp_msgs:
        tl.add(t, rt.c('PA', req.encode()))
        tl.add(t + 0.003, rt.s('PA', rep.encode()))
        tl.add(t + 0.0035, rt.c('A'))
        t += 0.010
    play_t = t
    for k, ka_t in enumerate((61.0, 121.0)):          # RTSP keep-alives
        req = ('GET_PARAMETER %s RTSP/1.0\r\nCSeq: %d\r\nSession: 1273481243\r\n\r\n' % (url, 5 + k)).encode()
        rep = ('RTSP/1.0 200 OK\r\nCSeq: %d\r\nSession: 1273481243\r\n\r\n' % (5 + k)).encode()
        tl.add(ka_t, rt.c('PA', req))
        tl.add(ka_t + 0.002, rt.s('PA', rep))
        tl.add(ka_t + 0.0025, rt.c('A'))

    # --- RTP camera:8000 -> NVR:50010, 2 pkt/s for 150 s (300 packets) ---------
    ssrc = 0x1A2B3C4D
    for i in range(300):
        tt = play_t + 0.02 + i * 0.5
        nal = (b'\x65' if i % 50 == 0 else b'\x41') + rng.bytes(159)    # IDR every 25 s
        tl.add(tt, E(HIK_MAC, NVR_MAC, udp(HIK_IP, NVR_IP, 8000, 50010,
                                           rtp(1000 + i, i * 45000, ssrc, nal, marker=True))))

    # --- 802.1Q VLAN 10: two RTCP sender reports from the camera --------------
    for k, tt in enumerate((5.3, 10.3)):
        sr = rtcp_sr(ssrc, 0xED0B5A00 + int(tt), int(tt * 90000), 8 + 10 * k, 1400 + 1600 * k)
        tl.add(tt, E(HIK_MAC, NVR_MAC, udp(HIK_IP, NVR_IP, 8001, 50011, sr), vlan=10, pad=True))

    # --- Dahua camera: UDP 37778 -> 120.55.10.20:8800 every 15 s + replies ------
    DAH_CLOUD = '120.55.10.20'
    for i in range(12):
        tt = 3.0 + 15 * i
        if tt > 178:
            break
        p = b'DHP2P' + struct.pack('!HH', 1, i) + b'SN:6J0A1B2PAZ12345;' + rng.bytes(24)
        tl.add(tt, E(DAH_MAC, R_MAC, udp(DAH_IP, DAH_CLOUD, 37778, 8800, p)))
        if i % 2 == 0:
            tl.add(tt + 0.041, E(R_MAC, DAH_MAC, udp(DAH_CLOUD, DAH_IP, 8800, 37778,
                                                     b'DHP2P' + struct.pack('!HH', 2, i) + b'OK', ttl=49), pad=True))

    # --- Camera: ARP for router, DNS for dev.hik-connect.com, TLS to the cloud --
    tl.add(11.990, E(HIK_MAC, BCAST, ARP(op=1, hwsrc=HIK_MAC, psrc=HIK_IP,
                                         hwdst='00:00:00:00:00:00', pdst=R_IP), pad=True))
    tl.add(11.9903, E(R_MAC, HIK_MAC, ARP(op=2, hwsrc=R_MAC, psrc=R_IP,
                                          hwdst=HIK_MAC, pdst=HIK_IP), pad=True))
    dns_pair(tl, 12.000, HIK_MAC, HIK_IP, 53001, 'dev.hik-connect.com', '47.91.72.10', 0x2a01)
    https_session(tl, 12.020, HIK_MAC, HIK_IP, 49200, '47.91.72.10', 'dev.hik-connect.com', rng,
                  rtt=0.065, cisn=0x11110000, sisn=0x22220000,
                  up_records=(1400,) * 6, down_records=(120,))

    # --- Workstation: DNS + HTTPS x2 + HTTP --------------------------------------
    dns_pair(tl, 20.000, WS_MAC, WS_IP, 53002, 'www.wikipedia.org', '185.15.59.224', 0x3b01)
    https_session(tl, 20.020, WS_MAC, WS_IP, 51000, '185.15.59.224', 'www.wikipedia.org', rng,
                  rtt=0.030, cisn=0x33330000, sisn=0x44440000, down_records=(1300, 1300, 700))
    dns_pair(tl, 30.000, WS_MAC, WS_IP, 53003, 'github.com', '140.82.121.4', 0x3b02)
    https_session(tl, 30.020, WS_MAC, WS_IP, 51002, '140.82.121.4', 'github.com', rng,
                  rtt=0.045, cisn=0x55550000, sisn=0x66660000, down_records=(1200, 400))
    dns_pair(tl, 40.000, WS_MAC, WS_IP, 53004, 'example.com', '93.184.216.34', 0x3b03)
    fc, fs = eth_framers(WS_MAC, R_MAC, pad=True)
    h = TCPSess(WS_IP, '93.184.216.34', 51004, 80, 0x77770000, 0x88880000, fc, fs, ttl_s=55)
    t = 40.020
    for fl, fromc, data, dt in (('S', 1, b'', 0), ('SA', 0, b'', 0.09), ('A', 1, b'', 0.0002),
                                ('PA', 1, http_get('example.com'), 0.0003), ('A', 0, b'', 0.09),
                                ('PA', 0, http_resp(1256), 0.001), ('A', 1, b'', 0.0002),
                                ('FA', 0, b'', 0.0005), ('A', 1, b'', 0.0002), ('FA', 1, b'', 0.0005),
                                ('A', 0, b'', 0.09)):
        t += dt
        tl.add(t, h.c(fl, data) if fromc else h.s(fl, data))

    # --- Multicast: SSDP M-SEARCH x2 and mDNS from the workstation -------------
    msearch = (b'M-SEARCH * HTTP/1.1\r\nHOST: 239.255.255.250:1900\r\nMAN: "ssdp:discover"\r\n'
               b'MX: 1\r\nST: urn:dial-multiscreen-org:service:dial:1\r\n'
               b'USER-AGENT: Microsoft Edge/120.0 Windows\r\n\r\n')
    for tt in (25.000, 26.000):
        tl.add(tt, E(WS_MAC, '01:00:5e:7f:ff:fa', udp(WS_IP, '239.255.255.250', 50123, 1900, msearch, ttl=1)))
    mq = DNS(id=0, qd=DNSQR(qname='_googlecast._tcp.local', qtype='PTR'))
    tl.add(25.500, E(WS_MAC, '01:00:5e:00:00:fb', udp(WS_IP, '224.0.0.251', 5353, 5353, mq, ttl=255)))
    mq2 = DNS(id=0, qd=DNSQR(qname='_services._dns-sd._udp.local', qtype='PTR'))
    tl.add(26.500, E(WS_MAC, '01:00:5e:00:00:fb', udp(WS_IP, '224.0.0.251', 5353, 5353, mq2, ttl=255)))

    # --- IPv6: NS/NA for the router, then TCP to [2001:db8::80]:80 -------------
    sn_mc = 'ff02::1:ff3c:4d5e'
    ns = IPv6(src=WS_LL, dst=sn_mc, hlim=255) / ICMPv6ND_NS(tgt=R_LL) / ICMPv6NDOptSrcLLAddr(lladdr=WS_MAC)
    na = IPv6(src=R_LL, dst=WS_LL, hlim=255) / ICMPv6ND_NA(tgt=R_LL, R=1, S=1, O=1) / ICMPv6NDOptDstLLAddr(lladdr=R_MAC)
    tl.add(50.000, E(WS_MAC, '33:33:ff:3c:4d:5e', ns))
    tl.add(50.0006, E(R_MAC, WS_MAC, na))
    fc, fs = eth_framers(WS_MAC, R_MAC)
    h6 = TCPSess(WS_G6, '2001:db8::80', 40100, 80, 0x99990000, 0xAAAA0000, fc, fs, ttl_s=58)
    t = 50.010
    for fl, fromc, data, dt in (('S', 1, b'', 0), ('SA', 0, b'', 0.025), ('A', 1, b'', 0.0002),
                                ('PA', 1, http_get('[2001:db8::80]'), 0.0003),
                                ('PA', 0, http_resp(512), 0.026), ('A', 1, b'', 0.0002),
                                ('FA', 1, b'', 0.0005), ('FA', 0, b'', 0.025), ('A', 1, b'', 0.0002)):
        t += dt
        tl.add(t, h6.c(fl, data) if fromc else h6.s(fl, data))

    recs = tl.recs()
    write_pcap(os.path.join(root, 'samples', 'sample.pcap'), 1, recs)


# --------------------------------------------------------------------------
# B. golden cases
# --------------------------------------------------------------------------
GW_MAC = R_MAC
SRV = '93.184.216.34'


def g_eth_tcp_handshake(d):
    reset_ids()
    fc, fs = eth_framers(WS_MAC, GW_MAC)
    s = TCPSess(WS_IP, SRV, 40000, 80, 1000, 5000, fc, fs, ttl_s=56)
    get = http_get('example.com', ua='curl/7.88.1')
    resp = http_resp(300)
    seq = [(0.000, s.c('S')), (0.050, s.s('SA')), (0.0502, s.c('A')),
           (0.0505, s.c('PA', get)), (0.101, s.s('PA', resp)), (0.1012, s.c('A')),
           (0.1020, s.c('FA')), (0.152, s.s('FA')), (0.1522, s.c('A'))]
    write_pcap(os.path.join(d, 'eth_tcp_handshake.pcap'), 1, [Rec(t, b) for t, b in seq])
    return len(get), len(resp)


def g_eth_synack_first(d):
    reset_ids()
    fc, fs = eth_framers(WS_MAC, GW_MAC)
    s = TCPSess(WS_IP, SRV, 40001, 443, 2000, 9000, fc, fs, ttl_s=56)
    s.c('S')                                             # not captured
    rng = PRNG(2)
    ch = tls_client_hello('example.com', rng)
    seq = [(0.000, s.s('SA')), (0.0002, s.c('A')), (0.0005, s.c('PA', ch)),
           (0.050, s.s('A')), (0.051, s.s('PA', tls_server_flight(rng, 'example.com'))), (0.0512, s.c('A'))]
    write_pcap(os.path.join(d, 'eth_synack_first.pcap'), 1, [Rec(t, b) for t, b in seq])


def g_eth_udp_dns(d):
    reset_ids()
    tl = Timeline()
    dns_pair(tl, 0.0, WS_MAC, WS_IP, 53000, 'example.com', SRV, 0x1234, delay=0.015, pad=False)
    tl.add(1.0, E(WS_MAC, GW_MAC, L3(WS_IP, '8.8.8.8', ICMP(type=8, id=0x0a0b, seq=1) / Raw(b'vigie-ping-0123456789abcdef'))))
    tl.add(1.012, E(GW_MAC, WS_MAC, L3('8.8.8.8', WS_IP, ICMP(type=0, id=0x0a0b, seq=1) / Raw(b'vigie-ping-0123456789abcdef'), ttl=117)))
    write_pcap(os.path.join(d, 'eth_udp_dns.pcap'), 1, tl.recs())


def g_vlan_qinq(d):
    reset_ids()
    p1 = Ether(src=HIK_MAC, dst=NVR_MAC) / Dot1Q(vlan=10, prio=5) / udp(HIK_IP, NVR_IP, 8000, 50010, b'vlan10-payload')
    p2 = (Ether(src='02:00:00:00:00:01', dst='02:00:00:00:00:02') / Dot1AD(vlan=100) / Dot1Q(vlan=20)
          / udp('10.20.0.1', '10.20.0.2', 40111, 40222, b'qinq-100-20-payload'))
    b2 = bytes(p2)
    assert b2[12:14] == b'\x88\xa8' and b2[16:18] == b'\x81\x00' and b2[20:22] == b'\x08\x00'
    write_pcap(os.path.join(d, 'vlan_qinq.pcap'), 1, [Rec(0.0, bytes(p1)), Rec(0.5, b2)])


def mini_set():
    """Common small packet set for SLL/SLL2/RAW: list of (t, outgoing?, l3pkt, peer_mac)."""
    reset_ids()
    out = []
    q = DNS(id=0x4242, rd=1, qd=DNSQR(qname='example.com', qtype='A'))
    a = DNS(id=0x4242, qr=1, rd=1, ra=1, qd=DNSQR(qname='example.com', qtype='A'),
            an=DNSRR(rrname='example.com', type='A', ttl=300, rdata=SRV))
    out.append((0.000, True, udp('10.0.0.2', '10.0.0.1', 45000, 53, q)))
    out.append((0.010, False, udp('10.0.0.1', '10.0.0.2', 53, 45000, a)))
    s4 = TCPSess('10.0.0.2', SRV, 45001, 80, 100, 200, lambda p: p, lambda p: p)
    out.append((0.100, True, s4.c('S')))
    out.append((0.150, False, s4.s('SA')))
    out.append((0.200, True, udp('2001:db8:2::2', '2001:db8::53', 45002, 53,
                                 DNS(id=0x4343, rd=1, qd=DNSQR(qname='example.com', qtype='AAAA')))))
    s6 = TCPSess('2001:db8:2::2', '2001:db8::80', 45003, 443, 300, 400, lambda p: p, lambda p: p)
    out.append((0.300, True, s6.c('S')))
    out.append((0.340, False, s6.s('SA')))
    return out


MY_MAC = bytes.fromhex('02aabbccdd01')
PEER_MAC = bytes.fromhex('02aabbccdd02')


def g_sll(d):
    recs = []
    for t, outgoing, p in mini_set():
        b = bytes(p)
        proto = 0x86dd if isinstance(p, IPv6) else 0x0800
        pkttype = 4 if outgoing else 0
        addr = MY_MAC if outgoing else PEER_MAC
        hdr = struct.pack('!HHH8sH', pkttype, 1, 6, addr + b'\0\0', proto)
        recs.append(Rec(t, hdr + b))
    write_pcap(os.path.join(d, 'sll.pcap'), 113, recs)
    recs = []
    for t, outgoing, p in mini_set():
        b = bytes(p)
        proto = 0x86dd if isinstance(p, IPv6) else 0x0800
        pkttype = 4 if outgoing else 0
        addr = MY_MAC if outgoing else PEER_MAC
        hdr = struct.pack('!HHIHBB8s', proto, 0, 2, 1, pkttype, 6, addr + b'\0\0')
        recs.append(Rec(t, hdr + b))
    write_pcap(os.path.join(d, 'sll2.pcap'), 276, recs)


def g_raw(d):
    ms = mini_set()
    write_pcap(os.path.join(d, 'raw_ip.pcap'), 101, [Rec(t, bytes(p)) for t, _, p in ms])
    write_pcap(os.path.join(d, 'ipv4_linktype.pcap'), 228,
               [Rec(t, bytes(p)) for t, _, p in ms if isinstance(p, IP)])
    write_pcap(os.path.join(d, 'ipv6_linktype.pcap'), 229,
               [Rec(t, bytes(p)) for t, _, p in ms if isinstance(p, IPv6)])


def g_null_loop(d):
    reset_ids()
    pk = [(0.0, 2, udp('127.0.0.1', '127.0.0.1', 50001, 5000, b'null-v4')),
          (0.1, 24, udp('::1', '::1', 50002, 5000, b'null-v6-fam24')),
          (0.2, 28, udp('::1', '::1', 50003, 5000, b'null-v6-fam28')),
          (0.3, 30, TCPSess('::1', '::1', 50004, 8080, 10, 20, lambda p: p, lambda p: p).c('S'))]
    write_pcap(os.path.join(d, 'null_loop.pcap'), 0,
               [Rec(t, struct.pack('<I', fam) + bytes(p)) for t, fam, p in pk])
    write_pcap(os.path.join(d, 'loop.pcap'), 108,
               [Rec(t, struct.pack('>I', fam) + bytes(p)) for t, fam, p in pk])


def g_ipv6_ext(d):
    reset_ids()
    c6, s6 = '2001:db8:1::50', '2001:db8::80'
    C_MAC = WS_MAC
    tcp = TCP(sport=41000, dport=80, flags='S', seq=7000, window=64240, options=SYN_OPTS)
    p1 = (IPv6(src=c6, dst=s6, hlim=64) / IPv6ExtHdrHopByHop() / IPv6ExtHdrDestOpt()
          / IPv6ExtHdrRouting(addresses=['2001:db8::80'], segleft=0) / tcp)
    # UDP datagram 1200 bytes payload, fragmented: frag 1 = 600 bytes (offset 0,
    # includes UDP header), frag 2 = remaining 608 bytes at offset 600 (75 units).
    payload = PRNG(8).bytes(1200)
    full = bytes(IPv6(src=c6, dst=s6, hlim=64) / UDP(sport=41001, dport=5000) / Raw(payload))
    udpb = full[40:]
    assert len(udpb) == 1208
    f1 = IPv6(src=c6, dst=s6, hlim=64, nh=44) / IPv6ExtHdrFragment(nh=17, offset=0, m=1, id=0xdeadbeef) / Raw(udpb[:600])
    f2 = IPv6(src=c6, dst=s6, hlim=64, nh=44) / IPv6ExtHdrFragment(nh=17, offset=75, m=0, id=0xdeadbeef) / Raw(udpb[600:])
    recs = [Rec(0.0, E(C_MAC, GW_MAC, p1)), Rec(1.0, E(C_MAC, GW_MAC, f1)), Rec(1.0001, E(C_MAC, GW_MAC, f2))]
    write_pcap(os.path.join(d, 'ipv6_ext.pcap'), 1, recs)


def g_ipv4_frag(d):
    reset_ids()
    src, dst = '192.168.1.50', '192.168.1.60'
    dmac = '02:00:00:00:01:3c'
    payload = PRNG(9).bytes(3000)
    full = bytes(IP(src=src, dst=dst, id=0x4d2) / UDP(sport=5000, dport=6000) / Raw(payload))
    udpb = full[20:]
    assert len(udpb) == 3008
    parts = [(0, udpb[:1480], 'MF'), (185, udpb[1480:2960], 'MF'), (370, udpb[2960:], 0)]
    recs = []
    for i, (off, chunk, fl) in enumerate(parts):
        p = IP(src=src, dst=dst, id=0x4d2, flags=fl, frag=off, proto=17) / Raw(chunk)
        recs.append(Rec(0.001 * i, E(WS_MAC, dmac, p)))
    recs.append(Rec(0.5, E(WS_MAC, dmac, udp(src, dst, 5001, 6001, b'not-fragmented'))))
    write_pcap(os.path.join(d, 'ipv4_frag.pcap'), 1, recs)


def g_router_many_ips(d):
    reset_ids()
    ISP_MAC = '00:aa:bb:cc:dd:01'
    recs = []
    t = 0.0
    for i in range(20):
        lip = '192.168.5.%d' % (10 + i)
        pub = '%d.%d.%d.%d' % (23 + i, 45, 67, 89 + i)
        fc, fs = eth_framers(R_MAC, ISP_MAC)
        if i % 2 == 0:
            s = TCPSess(lip, pub, 40000 + i, 443, 10000 * (i + 1), 20000 * (i + 1), fc, fs, ttl_c=63, ttl_s=50)
            recs += [Rec(t, s.c('S')), Rec(t + 0.03, s.s('SA')), Rec(t + 0.0302, s.c('A'))]
        else:
            recs += [Rec(t, fc(udp(lip, pub, 50000 + i, 123, b'\x23' + b'\0' * 47, ttl=63))),
                     Rec(t + 0.02, fs(udp(pub, lip, 123, 50000 + i, b'\x24' + b'\1' * 47, ttl=50)))]
        t += 0.25
    # two ordinary LAN hosts with their own MACs, talking to each other
    A_MAC, B_MAC = '02:00:00:00:05:64', '02:00:00:00:05:65'
    recs += [Rec(t, E(A_MAC, B_MAC, udp('192.168.5.100', '192.168.5.101', 5060, 5060, b'OPTIONS sip:b SIP/2.0\r\n\r\n'))),
             Rec(t + 0.001, E(B_MAC, A_MAC, udp('192.168.5.101', '192.168.5.100', 5060, 5060, b'SIP/2.0 200 OK\r\n\r\n')))]
    write_pcap(os.path.join(d, 'router_many_ips.pcap'), 1, recs)


def g_pcapng(d):
    reset_ids()
    fc, fs = eth_framers(WS_MAC, GW_MAC)
    s = TCPSess(WS_IP, SRV, 40020, 80, 111, 222, fc, fs, ttl_s=56)
    get = http_get('example.com', ua='curl/7.88.1')
    frames = [(0.0, E(WS_MAC, GW_MAC, udp(WS_IP, '192.168.1.1', 53010, 53,
                                          DNS(id=7, rd=1, qd=DNSQR(qname='example.com', qtype='A'))))),
              (0.01, E(GW_MAC, WS_MAC, udp('192.168.1.1', WS_IP, 53, 53010,
                                           DNS(id=7, qr=1, rd=1, ra=1, qd=DNSQR(qname='example.com', qtype='A'),
                                               an=DNSRR(rrname='example.com', type='A', ttl=300, rdata=SRV))))),
              (0.02, s.c('S')), (0.07, s.s('SA')), (0.0702, s.c('A')), (0.0705, s.c('PA', get)),
              (0.12, s.s('PA', http_resp(200))), (0.1202, s.c('A'))]
    blob = ng_shb([(4, b'vigie make_captures.py'), (2, b'x86_64'), (3, b'Linux')])
    blob += ng_idb(1, 65535, [(2, b'eth0'), (9, b'\x06')])
    for t, f in frames:
        sec, usec = ts_split(t)
        blob += ng_epb(0, sec * 1000000 + usec, f)
    write_file(os.path.join(d, 'pcapng_mixed.pcapng'), blob, len(frames))

    # two interfaces: 0 = Ethernet (us resolution), 1 = RAW (ns resolution)
    reset_ids()
    blob = ng_shb([(4, b'vigie make_captures.py')])
    blob += ng_idb(1, 65535, [(2, b'eth0')])                       # default tsresol = 10^-6
    blob += ng_idb(101, 65535, [(2, b'tun0'), (9, b'\x09')])       # tsresol = 10^-9
    pk = [(0, 0.0, E(WS_MAC, GW_MAC, udp(WS_IP, '198.51.100.7', 40030, 9000, b'eth-if0-a'))),
          (1, 0.1, bytes(udp('10.8.0.2', '10.8.0.1', 40031, 9001, b'raw-if1-a'))),
          (0, 0.2, E(GW_MAC, WS_MAC, udp('198.51.100.7', WS_IP, 9000, 40030, b'eth-if0-b'))),
          (1, 0.3, bytes(udp('2001:db8:8::2', '2001:db8:8::1', 40032, 9002, b'raw-if1-v6'))),
          (1, 0.4, bytes(udp('10.8.0.1', '10.8.0.2', 9001, 40031, b'raw-if1-b')))]
    for ifid, t, f in pk:
        sec, usec = ts_split(t)
        units = sec * 1000000 + usec if ifid == 0 else (sec * 1000000 + usec) * 1000
        blob += ng_epb(ifid, units, f)
    write_file(os.path.join(d, 'pcapng_two_if.pcapng'), blob, len(pk))


def g_multi(d):
    reset_ids()
    fc, fs = eth_framers(WS_MAC, GW_MAC)
    s = TCPSess(WS_IP, SRV, 40010, 80, 31000, 41000, fc, fs, ttl_s=56)
    body = http_resp(2400)
    a = [(0.000, s.c('S')), (0.050, s.s('SA')), (0.0502, s.c('A')),
         (0.0505, s.c('PA', http_get('example.com', '/big', ua='curl/7.88.1'))),
         (0.100, s.s('A', body[:1400])), (0.1002, s.c('A'))]
    b = [(5.000, s.s('PA', body[1400:])), (5.0002, s.c('A')),
         (5.001, s.c('FA')), (5.051, s.s('FA')), (5.0512, s.c('A'))]
    write_pcap(os.path.join(d, 'multi_a.pcap'), 1, [Rec(t, x) for t, x in a])
    write_pcap(os.path.join(d, 'multi_b.pcap'), 1, [Rec(t, x) for t, x in b])
    return len(body)


def g_tcp_reuse(d):
    reset_ids()
    recs = []
    for k, (t0, cisn, sisn) in enumerate(((0.0, 50000, 60000), (10.2022, 900000, 990000))):
        fc, fs = eth_framers(WS_MAC, GW_MAC)
        s = TCPSess(WS_IP, SRV, 40002, 80, cisn, sisn, fc, fs, ttl_s=56)
        req = ('ping %d\n' % (k + 1)).encode()
        seq = [(0.000, s.c('S')), (0.050, s.s('SA')), (0.0502, s.c('A')),
               (0.0505, s.c('PA', req)), (0.100, s.s('PA', b'pong\n')), (0.1002, s.c('A')),
               (0.101, s.c('FA')), (0.151, s.s('FA')), (0.1512, s.c('A'))]
        recs += [Rec(t0 + t, x) for t, x in seq]
    write_pcap(os.path.join(d, 'tcp_reuse.pcap'), 1, recs)


def g_idle(d):
    reset_ids()
    recs = [Rec(t, E(WS_MAC, GW_MAC, udp(WS_IP, '198.51.100.20', 50000, 9999, ('beat %d' % i).encode())))
            for i, t in enumerate((0.0, 1.0, 601.0))]
    write_pcap(os.path.join(d, 'idle_timeout.pcap'), 1, recs)


# --------------------------------------------------------------------------
# C. hostile inputs
# --------------------------------------------------------------------------
def good_frame(i=0):
    """A small valid Ethernet/IPv4/UDP frame (60 bytes with padding)."""
    return E(WS_MAC, GW_MAC, udp(WS_IP, '198.51.100.30', 41000 + i, 47000, ('good %d' % i).encode()), pad=True)


def b_files(d):
    reset_ids()
    write_file(os.path.join(d, 'empty.pcap'), b'', 0)
    write_file(os.path.join(d, 'text.pcap'),
               b'This is not a capture file.\nIt is plain ASCII text,\nsaved with a .pcap name\n'
               b'to check that the reader rejects it cleanly.\n', 0)
    write_file(os.path.join(d, 'short_header.pcap'), pcap_header(1)[:10], 0)

    # truncated: 3 good packets, then record header caplen 100 + only 20 bytes
    blob = pcap_header(1) + b''.join(pcap_record(Rec(0.1 * i, good_frame(i))) for i in range(3))
    fourth = E(WS_MAC, GW_MAC, udp(WS_IP, '198.51.100.30', 41003, 47000, b'z' * 58))
    assert len(fourth) == 100
    blob += struct.pack('<IIII', *ts_split(0.3), 100, 100) + fourth[:20]
    write_file(os.path.join(d, 'truncated.pcap'), blob, 4)

    # caplen (60) > orig len (40), 60 bytes of data, then a good packet
    recs = [Rec(0.0, good_frame(0), incl=60, orig=40), Rec(0.1, good_frame(1))]
    assert len(recs[0].data) == 60
    write_pcap(os.path.join(d, 'caplen_gt_len.pcap'), 1, recs, check=False)

    # snaplen 64, first record caplen 200 with 200 bytes, then good (60 bytes)
    big = E(WS_MAC, GW_MAC, udp(WS_IP, '198.51.100.30', 41001, 47000, b'B' * 158))
    assert len(big) == 200
    blob = pcap_header(1, snaplen=64) + pcap_record(Rec(0.0, big)) + pcap_record(Rec(0.1, good_frame(1)))
    write_file(os.path.join(d, 'caplen_gt_snaplen.pcap'), blob, 2)

    write_pcap(os.path.join(d, 'zero_len.pcap'), 1, [Rec(0.0, b''), Rec(0.1, good_frame(1))])

    blob = (pcap_header(1) + pcap_record(Rec(0.0, good_frame(0)))
            + struct.pack('<IIII', *ts_split(0.1), 0x7fffffff, 0x7fffffff))
    write_file(os.path.join(d, 'huge_caplen.pcap'), blob, 2)

    # 65,000 stacked 802.1Q tags, then IPv4/UDP; snaplen 262144
    inner = bytes(udp(WS_IP, '198.51.100.30', 41010, 47000, b'deep-vlan'))
    frame = (bytes.fromhex(GW_MAC.replace(':', '')) + bytes.fromhex(WS_MAC.replace(':', ''))
             + b'\x81\x00' + (struct.pack('!HH', 10, 0x8100) * 64999) + struct.pack('!HH', 10, 0x0800) + inner)
    assert len(frame) <= 262144 and frame.count(b'\x81\x00') >= 65000
    write_pcap(os.path.join(d, 'vlan_deep.pcap'), 1, [Rec(0.0, frame), Rec(0.1, good_frame(1))],
               snaplen=262144)

    # IPv6 + 8190 destination-options headers (8 bytes, PadN) + UDP(7 bytes data)
    n = 8190
    src6, dst6 = '2001:db8:1::50', '2001:db8::99'
    data = b'deep-v6'
    u = bytes(IPv6(src=src6, dst=dst6) / UDP(sport=41011, dport=47000) / Raw(data))[40:]
    chain = b''.join(bytes([60, 0, 1, 4, 0, 0, 0, 0]) for _ in range(n - 1)) + bytes([17, 0, 1, 4, 0, 0, 0, 0])
    plen = len(chain) + len(u)
    assert plen == 65535
    ip6 = struct.pack('!IHBB16s16s', 0x60000000, plen, 60, 64,
                      socket.inet_pton(socket.AF_INET6, src6), socket.inet_pton(socket.AF_INET6, dst6))
    frame = (bytes.fromhex(GW_MAC.replace(':', '')) + bytes.fromhex(WS_MAC.replace(':', ''))
             + b'\x86\xdd' + ip6 + chain + u)
    write_pcap(os.path.join(d, 'ipv6_ext_deep.pcap'), 1, [Rec(0.0, frame), Rec(0.1, good_frame(1))],
               snaplen=262144)

    # garbage frames
    rng = PRNG(1)
    recs = []
    for i in range(200):
        n = rng.below(201)
        recs.append(Rec(0.001 * i, rng.bytes(n)))
    eh = bytes.fromhex(GW_MAC.replace(':', '')) + bytes.fromhex(WS_MAC.replace(':', '')) + b'\x08\x00'
    eh6 = eh[:12] + b'\x86\xdd'
    good_ip = bytes(IP(src=WS_IP, dst='198.51.100.30', id=1) / UDP(sport=41020, dport=47000) / Raw(b'x' * 20))
    good_tcp = bytes(IP(src=WS_IP, dst='198.51.100.30', id=2) / TCP(sport=41021, dport=80, flags='S'))

    def setb(b, off, val):
        b = bytearray(b)
        b[off:off + len(val)] = val
        return bytes(b)

    crafted = [
        eh + setb(good_ip, 0, b'\x44'),                                   # IHL 4 (< 5)
        eh + setb(good_ip, 0, b'\x40'),                                   # IHL 0
        eh + setb(good_ip, 2, struct.pack('!H', 10)),                     # total len 10 < 20
        eh + setb(good_ip, 2, struct.pack('!H', 1500)),                   # total len > frame
        eh + setb(good_ip, 0, b'\x4f'),                                   # IHL 15 (60) > total len
        eh + setb(good_tcp, 32, b'\x20'),                                 # TCP data offset 2 (< 5)
        eh + setb(good_tcp, 32, b'\xf0'),                                 # TCP data offset 15 > segment
        eh + setb(good_ip, 24, struct.pack('!H', 4)),                     # UDP length 4 (< 8)
        eh + setb(good_ip, 24, struct.pack('!H', 1000)),                  # UDP length > available
        eh + good_tcp[:30],                                               # TCP header cut (10 bytes of 20)
        eh6 + bytes(IPv6(src=src6, dst=dst6, plen=2000) / UDP(sport=1, dport=2) / Raw(b'v6')),  # plen > frame
        eh6 + bytes(IPv6(src=src6, dst=dst6) / UDP(sport=1, dport=2))[:30],                  # IPv6 hdr cut
    ]
    for j, c in enumerate(crafted):
        recs.append(Rec(0.5 + 0.001 * j, c))
    write_pcap(os.path.join(d, 'garbage_frames.pcap'), 1, recs)

    write_pcap(os.path.join(d, 'bad_linktype.pcap'), 147, [Rec(0.0, good_frame(0)), Rec(0.1, good_frame(1))])


# --------------------------------------------------------------------------
def main():
    here = os.path.dirname(os.path.abspath(__file__))
    root = sys.argv[1] if len(sys.argv) > 1 else os.path.normpath(os.path.join(here, '..', '..'))
    cap = os.path.join(root, 'tests', 'captures')
    bad = os.path.join(cap, 'bad')
    make_sample(root)
    g_eth_tcp_handshake(cap)
    g_eth_synack_first(cap)
    g_eth_udp_dns(cap)
    g_vlan_qinq(cap)
    g_sll(cap)
    g_raw(cap)
    g_null_loop(cap)
    g_ipv6_ext(cap)
    g_ipv4_frag(cap)
    g_router_many_ips(cap)
    g_pcapng(cap)
    g_multi(cap)
    g_tcp_reuse(cap)
    g_idle(cap)
    b_files(bad)
    for path, n, size, h in WRITTEN:
        print('%-60s %5s pkts %8d bytes  %s' % (os.path.relpath(path, root), n, size, h[:16]))


if __name__ == '__main__':
    main()
