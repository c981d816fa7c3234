#!/usr/bin/python3
# -*- coding: utf-8 -*-
"""
make_ident.py -- deterministic generator for vigie's device-identification captures.

Usage:  /usr/bin/python3 tests/gen/make_ident.py [OUTDIR_ROOT]
        (OUTDIR_ROOT defaults to the repository root, i.e. ../.. from here)

Requires Debian python3-scapy (2.5).  Scapy only builds packet bytes (headers,
lengths, checksums); the pcap files are written with struct by the small writer
below, so snaplen/caplen are exactly what we ask for.  Nothing is random:
timestamps start at 2026-01-06T09:00:00Z (epoch 1767690000), MACs/IPs/ports/ISNs
are fixed and "random" bytes (TLS randoms, nonces) come from a private
splitmix64 PRNG with fixed seeds.  Running the script twice gives byte-identical
files.

Files written (expected results: tests/captures/IDENT.md):

  tests/captures/ident.pcap          site LAN 10.20.30.0/24: a Hikvision camera
                                     (SADP, ISAPI deviceInfo, RTSP 401, Hik-Connect
                                     DNS + TLS), a Dahua NVR (DHIP, HTTP/RTSP 401
                                     "Login to <serial>", RPC2 camera list with two
                                     cameras behind it), a LOREX (Dahua OEM) camera,
                                     an Android phone using DJI services, and benign
                                     hosts (Brother printer, Windows laptop, Axis
                                     camera).
  tests/captures/ident_hostile.pcap  hostile SADP / DHIP / HTTP / DNS payloads on
                                     the same LAN, snaplen 262144, ending with two
                                     well-formed sentinel devices.
  tests/captures/tcp_bound.pcap      one keep-alive HTTP connection to a Dahua
                                     camera: 12 requests and 12 "Login to" 401
                                     replies in the first minute, 2 more of each
                                     a minute later (the per-connection TCP
                                     inspection bound: 8 per direction and minute).
  tests/captures/host_touch.pcap     the Hikvision camera's cloud lookups every
                                     10 s over one DNS flow while 8 new hosts
                                     appear every 10 s (run with --max-hosts 16:
                                     the camera is never the oldest host).

Classic pcap: little-endian magic 0xa1b2c3d4 (microseconds), v2.4, LINKTYPE_ETHERNET.
Frames shorter than 60 bytes are zero-padded to 60 (as on the wire).
"""

import calendar
import hashlib
import json
import os
import struct
import sys

from scapy.all import (  # noqa: E402  (Debian python3-scapy 2.5)
    BOOTP, DHCP, DNS, DNSQR, DNSRR, DNSRRSRV, Ether, IP, Raw, TCP, UDP,
)

BASE = calendar.timegm((2026, 1, 6, 9, 0, 0, 0, 0, 0))   # 1767690000
M64 = (1 << 64) - 1


class PRNG:
    """splitmix64 -- independent of Python's random module."""

    def __init__(self, seed):
        self.x = seed & M64

    def next64(self):
        self.x = (self.x + 0x9E3779B97F4A7C15) & M64
        z = self.x
        z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & M64
        z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & M64
        return z ^ (z >> 31)

    def bytes(self, n):
        out = bytearray()
        while len(out) < n:
            out += self.next64().to_bytes(8, 'little')
        return bytes(out[:n])

    def hex(self, n):
        return self.bytes((n + 1) // 2).hex()[:n]


# --------------------------------------------------------------------------
# pcap writer
# --------------------------------------------------------------------------
WRITTEN = []


def ts_split(t, base=None):
    """(seconds, microseconds) of t seconds after base (default: BASE as
    it is at the call; make_report.py moves it)."""
    us = (BASE if base is None else base) * 1000000 + int(round(t * 1e6))
    return us // 1000000, us % 1000000


def write_pcap(path, frames, snaplen=65535, linktype=1, base=None):
    """frames: list of (t, bytes), t in seconds after base (ts_split), written in
    time order (stable); linktype 1 is Ethernet."""
    frames = sorted(frames, key=lambda x: x[0])
    blob = struct.pack('<IHHiIII', 0xa1b2c3d4, 2, 4, 0, 0, snaplen, linktype)
    for t, data in frames:
        assert len(data) <= snaplen, (path, len(data))
        sec, usec = ts_split(t, base)
        blob += struct.pack('<IIII', sec, usec, len(data), len(data)) + data
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, 'wb') as f:
        f.write(blob)
    WRITTEN.append((path, len(frames), len(blob), hashlib.sha256(blob).hexdigest()))


# --------------------------------------------------------------------------
# packet helpers
# --------------------------------------------------------------------------
_IPID = {}


def next_id(src):
    v = _IPID.get(src)
    if v is None:
        v = (sum(src.encode()) * 97) & 0xffff
    _IPID[src] = (v + 1) & 0xffff
    return v


def E(smac, dmac, l3):
    b = bytes(Ether(src=smac, dst=dmac) / l3)
    if len(b) < 60:
        b += b'\0' * (60 - len(b))
    return b


def ip(src, dst, l4, ttl=64, df=False):
    return IP(src=src, dst=dst, ttl=ttl, id=next_id(src), flags='DF' if df else 0) / l4


def udp(src, dst, sport, dport, payload, ttl=64):
    l4 = UDP(sport=sport, dport=dport)
    if isinstance(payload, (bytes, bytearray)):
        l4 = l4 / Raw(load=bytes(payload))
    else:
        l4 = l4 / payload
    return ip(src, dst, l4, ttl=ttl)


def mcast_mac(group):
    a = [int(x) for x in group.split('.')]
    return '01:00:5e:%02x:%02x:%02x' % (a[1] & 0x7f, a[2], a[3])


class Timeline:
    def __init__(self):
        self.ev = []

    def add(self, t, frame):
        self.ev.append((t, frame))


SYN_OPTS = [('MSS', 1460), ('NOP', None), ('WScale', 7), ('NOP', None),
            ('NOP', None), ('SAckOK', b'')]
MSS = 1460


class TCPSess:
    """One TCP connection: client (cmac/cip) <-> server (smac/sip)."""

    def __init__(self, tl, cmac, smac, cip, sip, cport, sport, cisn, sisn, ttl_s=64):
        self.tl = tl
        self.cmac, self.smac, self.cip, self.sip = cmac, smac, cip, sip
        self.cport, self.sport, self.cseq, self.sseq = cport, sport, cisn, sisn
        self.ttl_s = ttl_s

    def seg(self, t, fromc, flags, data=b''):
        if fromc:
            src, dst, sp, dp, seq, ack, ttl = self.cip, self.sip, self.cport, self.sport, self.cseq, self.sseq, 64
            smac, dmac, win = self.cmac, self.smac, 502
        else:
            src, dst, sp, dp, seq, ack, ttl = self.sip, self.cip, self.sport, self.cport, self.sseq, self.cseq, self.ttl_s
            smac, dmac, win = self.smac, self.cmac, 509
        if 'S' in flags:
            win = 64240 if fromc else 65160
        if 'A' not in flags:
            ack = 0
        s = TCP(sport=sp, dport=dp, flags=flags, seq=seq, ack=ack, window=win,
                options=SYN_OPTS if 'S' in flags else [])
        if data:
            s = s / Raw(load=bytes(data))
        adv = len(data) + (1 if 'S' in flags else 0) + (1 if 'F' in flags else 0)
        if fromc:
            self.cseq = (self.cseq + adv) & 0xffffffff
        else:
            self.sseq = (self.sseq + adv) & 0xffffffff
        self.tl.add(t, self.frame(smac, dmac, src, dst, s, ttl))

    def frame(self, smac, dmac, src, dst, l4, ttl):
        """The link and IP layers around one segment (IPv4 here)."""
        return E(smac, dmac, ip(src, dst, l4, ttl=ttl, df=True))

    def open(self, t, rtt):
        self.seg(t, True, 'S')
        self.seg(t + rtt, False, 'SA')
        self.seg(t + rtt + 0.0002, True, 'A')
        return t + rtt + 0.0005

    def send(self, t, fromc, data, rtt):
        """data cut into MSS-sized segments; PSH on the last; receiver ACKs."""
        chunks = [data[i:i + MSS] for i in range(0, len(data), MSS)]
        for i, ch in enumerate(chunks):
            self.seg(t, fromc, 'PA' if i == len(chunks) - 1 else 'A', ch)
            t += 0.0001
            if i % 2 == 1 or i == len(chunks) - 1:
                self.seg(t + rtt / 2, not fromc, 'A')
        return t + rtt / 2 + 0.0005

    def close(self, t, rtt, client_first=True):
        a = client_first
        self.seg(t, a, 'FA')
        self.seg(t + rtt / 2, not a, 'FA')
        self.seg(t + rtt / 2 + 0.0002, a, 'A')
        return t + rtt


def tcp_dialogue(tl, t, cmac, smac, cip, sip, cport, sport, cisn, sisn, msgs,
                 rtt=0.0008, server_closes=False, ttl_s=64):
    """msgs: list of (from_client?, bytes)."""
    s = TCPSess(tl, cmac, smac, cip, sip, cport, sport, cisn, sisn, ttl_s=ttl_s)
    t = s.open(t, rtt)
    for fromc, data in msgs:
        t = s.send(t, fromc, data, rtt)
    t += 0.002
    return s.close(t, rtt, client_first=not server_closes)


# TLS ClientHello -------------------------------------------------------------
def tls_ext(etype, data):
    return struct.pack('!HH', etype, len(data)) + data


def tls_client_hello(sni, rng):
    ciphers = [0x1301, 0x1302, 0x1303, 0xc02b, 0xc02f, 0xc02c, 0xc030, 0xcca9, 0xcca8,
               0xc013, 0xc014, 0x009c, 0x009d, 0x002f, 0x0035]
    cs = struct.pack('!H', 2 * len(ciphers)) + b''.join(struct.pack('!H', c) for c in ciphers)
    name = sni.encode()
    entry = struct.pack('!BH', 0, len(name)) + name
    alpn = b'\x02h2\x08http/1.1'
    exts = (tls_ext(0x0000, struct.pack('!H', len(entry)) + entry)
            + tls_ext(0x0017, b'')
            + tls_ext(0xff01, b'\x00')
            + tls_ext(0x000a, struct.pack('!HHHH', 6, 0x001d, 0x0017, 0x0018))
            + tls_ext(0x000b, b'\x01\x00')
            + tls_ext(0x0023, b'')
            + tls_ext(0x0010, struct.pack('!H', len(alpn)) + alpn)
            + tls_ext(0x000d, struct.pack('!HHHHHHH', 12, 0x0403, 0x0804, 0x0401,
                                          0x0503, 0x0805, 0x0501))
            + tls_ext(0x0033, struct.pack('!HHH', 36, 0x001d, 32) + rng.bytes(32))
            + tls_ext(0x002b, b'\x04\x03\x04\x03\x03'))
    body = (struct.pack('!H', 0x0303) + rng.bytes(32) + b'\x20' + rng.bytes(32)
            + cs + b'\x01\x00' + struct.pack('!H', len(exts)) + exts)
    hs = b'\x01' + len(body).to_bytes(3, 'big') + body
    return struct.pack('!BHH', 22, 0x0301, len(hs)) + hs


def tls_hello_only(tl, t, cmac, cip, sip, cport, cisn, sisn, sni, rng, rtt=0.045):
    """handshake, ClientHello, server ACK, client FIN close (no server flight)."""
    s = TCPSess(tl, cmac, R_MAC, cip, sip, cport, 443, cisn, sisn, ttl_s=52)
    t = s.open(t, rtt)
    t = s.send(t, True, tls_client_hello(sni, rng), rtt)
    t += 0.5
    return s.close(t, rtt, client_first=True)


# DNS --------------------------------------------------------------------------
def dns_pair(tl, t, cmac, cip, cport, qname, answer, qid):
    q = DNS(id=qid, rd=1, qd=DNSQR(qname=qname, qtype='A'))
    a = DNS(id=qid, qr=1, rd=1, ra=1, qd=DNSQR(qname=qname, qtype='A'),
            an=DNSRR(rrname=qname, type='A', ttl=300, rdata=answer))
    tl.add(t, E(cmac, R_MAC, udp(cip, R_IP, cport, 53, q)))
    tl.add(t + 0.011, E(R_MAC, cmac, udp(R_IP, cip, 53, cport, a)))


# DHCP -------------------------------------------------------------------------
def mac_bytes(mac):
    return bytes.fromhex(mac.replace(':', ''))


def dhcp_request_ack(tl, t, cmac, cip, xid, hostname, vendor, prl, extra=()):
    opts = ([('message-type', 'request'), ('client_id', b'\x01' + mac_bytes(cmac)),
             ('requested_addr', cip), ('server_id', R_IP), ('max_dhcp_size', 1500)]
            + list(extra)
            + [('vendor_class_id', vendor.encode()), ('hostname', hostname.encode()),
               ('param_req_list', prl), 'end'])
    req = (IP(src='0.0.0.0', dst='255.255.255.255', ttl=64, id=0) / UDP(sport=68, dport=67)
           / BOOTP(op=1, xid=xid, secs=0, flags=0, chaddr=mac_bytes(cmac) + b'\0' * 10)
           / DHCP(options=opts))
    tl.add(t, E(cmac, 'ff:ff:ff:ff:ff:ff', req))
    ack_opts = [('message-type', 'ack'), ('server_id', R_IP), ('lease_time', 86400),
                ('renewal_time', 43200), ('rebinding_time', 75600),
                ('subnet_mask', '255.255.255.0'), ('broadcast_address', '10.20.30.255'),
                ('router', R_IP), ('name_server', R_IP), ('domain', b'lan'), 'end']
    ack = (ip(R_IP, cip, UDP(sport=67, dport=68)
              / BOOTP(op=2, xid=xid, yiaddr=cip, siaddr='0.0.0.0',
                      chaddr=mac_bytes(cmac) + b'\0' * 10)
              / DHCP(options=ack_opts)))
    tl.add(t + 0.003, E(R_MAC, cmac, ack))


# HTTP / RTSP text ----------------------------------------------------------------
def crlf(*lines):
    return ('\r\n'.join(lines) + '\r\n\r\n').encode()


# Dahua DHIP ------------------------------------------------------------------------
def dhip(body, len16=None, len24=None, sess=0, rid=0):
    n = len(body)
    return (struct.pack('<I4sIIIIII', 0x20, b'DHIP', sess, rid,
                        n if len16 is None else len16, 0,
                        n if len24 is None else len24, 0) + body)


def dahua_json(obj):
    # Dahua firmware escapes '/' as '\/'; '/' only occurs inside strings here.
    return json.dumps(obj, separators=(', ', ' : ')).replace('/', '\\/').encode() + b'\n'


def notify_dev_info(mac, ipaddr, dev_class, dev_type, serial, vendor, version, machine,
                    video_in=1, remote_in=0, video_out=0, alarm_in=1, alarm_out=1, random='0'):
    ll = 'fe80::%s' % ll_suffix(mac)
    info = {
        'AlarmInputChannels': alarm_in, 'AlarmOutputChannels': alarm_out,
        'DeviceClass': dev_class, 'DeviceType': dev_type, 'HttpPort': 80,
        'IPv4Address': {'DefaultGateway': R_IP, 'DhcpEnable': False,
                        'IPAddress': ipaddr, 'SubnetMask': '255.255.255.0'},
        'IPv6Address': {'DefaultGateway': '', 'DhcpEnable': False,
                        'IPAddress': ll + '/64', 'LinkLocalAddress': ll + '/64'},
        'Init': 1, 'MachineName': machine, 'Port': 37777,
        'RemoteVideoInputChannels': remote_in, 'SerialNo': serial, 'Vendor': vendor,
        'Version': version, 'VideoInputChannels': video_in, 'VideoOutputChannels': video_out,
    }
    return dahua_json({'mac': mac, 'method': 'client.notifyDevInfo',
                       'params': {'deviceInfo': info}, 'random': random})


def ll_suffix(mac):
    b = bytearray(mac_bytes(mac))
    b[0] ^= 2
    w = [b[0] << 8 | b[1], b[2] << 8 | 0xff, 0xfe00 | b[3], b[4] << 8 | b[5]]
    return ':'.join('%x' % x for x in w)


# Hikvision SADP ------------------------------------------------------------------------
def sadp_probe(uuid):
    return ('<?xml version="1.0" encoding="utf-8"?><Probe><Uuid>%s</Uuid>'
            '<Types>inquiry</Types></Probe>' % uuid).encode()


def sadp_fields(uuid, model, sn, mac, ipaddr, sw, dsp, boot, activated='true', hc='true',
                salt='0'):
    return [
        ('Uuid', uuid), ('Types', 'inquiry'), ('DeviceType', '142378'),
        ('DeviceDescription', model), ('DeviceSN', sn), ('CommandPort', '8000'),
        ('HttpPort', '80'), ('MAC', mac.replace(':', '-')), ('IPv4Address', ipaddr),
        ('IPv4SubnetMask', '255.255.255.0'), ('IPv4Gateway', R_IP),
        ('IPv6Address', '::'), ('IPv6Gateway', '::'), ('IPv6MaskLen', '64'),
        ('DHCP', 'false'), ('AnalogChannelNum', '0'), ('DigitalChannelNum', '1'),
        ('SoftwareVersion', sw), ('DSPVersion', dsp), ('BootTime', boot),
        ('Encrypt', 'true'), ('ResetAbility', 'false'), ('DiskNumber', '0'),
        ('Activated', activated), ('PasswordResetAbility', 'true'),
        ('PasswordResetModeSecond', 'true'), ('SupportSecurityQuestion', 'true'),
        ('SupportHCPlatform', 'true'), ('HCPlatformEnable', hc),
        ('IsModifyVerificationCode', 'true'), ('Salt', salt), ('DeviceLock', 'true'),
        ('SDKServerStatus', 'true'), ('SDKOverTLSServerStatus', 'true'),
        ('SDKOverTLSPort', '8443'), ('supportMailBox', 'true'),
        ('supportEzvizUnbind', 'true'), ('EHomeVer', '5.0'),
    ]


def sadp_match(fields):
    body = ''.join('<%s>%s</%s>\r\n' % (k, v, k) for k, v in fields)
    return ('<?xml version="1.0" encoding="UTF-8"?>\r\n<ProbeMatch>\r\n%s</ProbeMatch>\r\n' % body).encode()


# --------------------------------------------------------------------------
# hosts
# --------------------------------------------------------------------------
R_MAC, R_IP = '00:1a:2b:3c:4d:5e', '10.20.30.1'
WS_MAC, WS_IP = '00:11:22:33:44:55', '10.20.30.50'
HIK_MAC, HIK_IP = '44:19:b6:0a:0b:0c', '10.20.30.64'
NVR_MAC, NVR_IP = '3c:ef:8c:11:22:33', '10.20.30.108'
LOR_MAC, LOR_IP = '00:1f:54:aa:bb:01', '10.20.30.110'
PH_MAC, PH_IP = '02:5a:6b:7c:8d:9e', '10.20.30.77'
PR_MAC, PR_IP = '00:1b:a9:01:02:03', '10.20.30.90'
LT_MAC, LT_IP = '3c:52:82:01:02:03', '10.20.30.51'
AX_MAC, AX_IP = '00:40:8c:01:02:03', '10.20.30.70'
BCAST = 'ff:ff:ff:ff:ff:ff'
SADP_GRP, DHIP_GRP, SSDP_GRP, MDNS_GRP = '239.255.255.250', '239.255.255.251', '239.255.255.250', '224.0.0.251'

HIK_MODEL = 'DS-2CD2143G2-I'
HIK_SN = 'DS-2CD2143G2-I20210315AAWRF12345678'
NVR_SN = '7H0A1B2PAZ12345'
LOR_SN = 'ND021812345678'
HIK_CLOUD = '47.91.72.10'
DJI_ADDR = {'mydjiflight.dji.com': '47.88.10.21', 'flysafe-api.dji.com': '47.88.10.22',
            'account-api.dji.com': '47.88.10.23', 'api.djiservice.org': '47.88.10.24'}
MS_ADDR = '23.62.46.80'
DATE = 'Tue, 06 Jan 2026 09:00:%02d GMT'


# --------------------------------------------------------------------------
# A. ident.pcap
# --------------------------------------------------------------------------
def make_ident(cap):
    _IPID.clear()
    tl = Timeline()
    rng = PRNG(0x1DE47)

    # ---- DHCP: laptop and phone (t=0.0, 0.5) -----------------------------------
    dhcp_request_ack(tl, 0.000, LT_MAC, LT_IP, 0x5a1c0e01, 'LAPTOP-7Q2', 'MSFT 5.0',
                     [1, 3, 6, 15, 31, 33, 43, 44, 46, 47, 119, 121, 249, 252],
                     extra=[('client_FQDN', b'\x00\x00\x00LAPTOP-7Q2')])
    dhcp_request_ack(tl, 0.500, PH_MAC, PH_IP, 0x7e3a9c02, 'Pixel-7', 'android-dhcp-13',
                     [1, 3, 6, 15, 26, 28, 51, 58, 59, 43, 114, 108])

    # ---- printer: mDNS announcement (t=1.0) -------------------------------------------
    inst = 'Brother HL-L2350DW series._pdl-datastream._tcp.local'
    host = 'BRN001BA9010203.local'
    ann = DNS(id=0, qr=1, aa=1, qd=None,
              an=(DNSRR(rrname='_pdl-datastream._tcp.local', type='PTR', ttl=4500, rdata=inst)
                  / DNSRRSRV(rrname=inst, rclass=0x8001, ttl=120, priority=0, weight=0,
                             port=9100, target=host)
                  / DNSRR(rrname=inst, type='TXT', rclass=0x8001, ttl=4500,
                          rdata=[b'txtvers=1', b'qtotal=1', b'usb_MFG=Brother',
                                 b'usb_MDL=HL-L2350DW series', b'ty=Brother HL-L2350DW series',
                                 b'product=(Brother HL-L2350DW series)'])
                  / DNSRR(rrname=host, type='A', rclass=0x8001, ttl=120, rdata=PR_IP)))
    tl.add(1.000, E(PR_MAC, mcast_mac(MDNS_GRP), udp(PR_IP, MDNS_GRP, 5353, 5353, ann, ttl=255)))

    # ---- 1. Hikvision camera: SADP (t=2.0) ---------------------------------------------
    uuid = '6F1C2A3B-4D5E-4F60-8172-93A4B5C6D7E8'
    tl.add(2.000, E(WS_MAC, mcast_mac(SADP_GRP), udp(WS_IP, SADP_GRP, 37020, 37020, sadp_probe(uuid), ttl=1)))
    hik_fields = sadp_fields(uuid, HIK_MODEL, HIK_SN, HIK_MAC, HIK_IP, 'V5.7.3build 220112',
                             'V7.3 build 220112', '2026-01-02 07:14:21', salt=rng.hex(64))
    tl.add(2.012, E(HIK_MAC, mcast_mac(SADP_GRP), udp(HIK_IP, SADP_GRP, 37020, 37020,
                                                       sadp_match(hik_fields), ttl=1)))

    # ---- ISAPI deviceInfo over HTTP (t=3.0) ---------------------------------------------
    cnonce, resp = rng.hex(16), rng.hex(32)
    nonce_hik = rng.hex(32)
    req = crlf('GET /ISAPI/System/deviceInfo HTTP/1.1', 'Host: %s' % HIK_IP,
               'Authorization: Digest username="admin", realm="IP Camera(12345)", '
               'nonce="%s", uri="/ISAPI/System/deviceInfo", algorithm=MD5, response="%s", '
               'qop=auth, nc=00000001, cnonce="%s"' % (nonce_hik, resp, cnonce),
               'User-Agent: iVMS-4200/3.9', 'Accept: */*', 'Connection: close')
    devinfo = ('<?xml version="1.0" encoding="UTF-8"?>\n'
               '<DeviceInfo version="2.0" xmlns="http://www.hikvision.com/ver20/XMLSchema">\n'
               '<deviceName>Entrance Camera</deviceName>\n'
               '<deviceID>88a4e1c2-0a1b-11ec-8153-4419b60a0b0c</deviceID>\n'
               '<deviceDescription>IPCamera</deviceDescription>\n'
               '<deviceLocation>hangzhou</deviceLocation>\n'
               '<systemContact>Hikvision.China</systemContact>\n'
               '<model>%s</model>\n'
               '<serialNumber>%s</serialNumber>\n'
               '<macAddress>%s</macAddress>\n'
               '<firmwareVersion>V5.7.3</firmwareVersion>\n'
               '<firmwareReleasedDate>build 220112</firmwareReleasedDate>\n'
               '<encoderVersion>V7.3</encoderVersion>\n'
               '<encoderReleasedDate>build 220112</encoderReleasedDate>\n'
               '<bootVersion>V1.3.4</bootVersion>\n'
               '<bootReleasedDate>100316</bootReleasedDate>\n'
               '<hardwareVersion>0x0</hardwareVersion>\n'
               '<deviceType>IPCamera</deviceType>\n'
               '<telecontrolID>88</telecontrolID>\n'
               '<supportBeep>false</supportBeep>\n'
               '<supportVideoLoss>false</supportVideoLoss>\n'
               '<firmwareVersionInfo>B-R-G5-0</firmwareVersionInfo>\n'
               '</DeviceInfo>\n' % (HIK_MODEL, HIK_SN, HIK_MAC)).encode()
    rep = crlf('HTTP/1.1 200 OK', 'Date: ' + DATE % 3, 'Server: App-webs/', 'Connection: close',
               'Content-Length: %d' % len(devinfo), 'Content-Type: application/xml') + devinfo
    tcp_dialogue(tl, 3.000, WS_MAC, HIK_MAC, WS_IP, HIK_IP, 51100, 80, 0x1A000000, 0x2B000000,
                 [(True, req), (False, rep)], server_closes=True)

    # ---- RTSP DESCRIBE -> 401 realm Hikvision (t=4.0) ---------------------------------------
    url = 'rtsp://%s:554/Streaming/Channels/101' % HIK_IP
    req = crlf('DESCRIBE %s RTSP/1.0' % url, 'CSeq: 2', 'Accept: application/sdp',
               'User-Agent: LibVLC/3.0.18 (LIVE555 Streaming Media v2016.11.28)')
    rep = crlf('RTSP/1.0 401 Unauthorized', 'CSeq: 2',
               'WWW-Authenticate: Digest realm="Hikvision", nonce="%s", stale="FALSE"' % rng.hex(32),
               'WWW-Authenticate: Basic realm="/"', 'Date:  Tue, Jan 06 2026 09:00:04 GMT')
    tcp_dialogue(tl, 4.000, WS_MAC, HIK_MAC, WS_IP, HIK_IP, 51102, 554, 0x1A100000, 0x2B100000,
                 [(True, req), (False, rep)])

    # ---- 2./3. DHIP discovery: search + NVR and LOREX replies (t=5.0) ------------------------------
    search = dhip(b'{"method":"DHDiscover.search","params":{"mac":"","uni":1}}\n')
    tl.add(5.000, E(WS_MAC, mcast_mac(DHIP_GRP), udp(WS_IP, DHIP_GRP, 37810, 37810, search, ttl=1)))
    nvr_info = notify_dev_info(NVR_MAC, NVR_IP, 'NVR', 'DHI-NVR4108HS-8P-4KS2', NVR_SN, 'Dahua',
                               '4.001.0000000.3', 'NVR-Office', video_in=0, remote_in=8,
                               video_out=2, alarm_in=4, alarm_out=1, random=rng.hex(8))
    tl.add(5.021, E(NVR_MAC, WS_MAC, udp(NVR_IP, WS_IP, 37810, 37810, dhip(nvr_info))))
    lor_info = notify_dev_info(LOR_MAC, LOR_IP, 'IPC', 'LNB4421', LOR_SN, 'LOREX',
                               '2.620.0000000.6', 'LNB4421', random=rng.hex(8))
    tl.add(5.034, E(LOR_MAC, WS_MAC, udp(LOR_IP, WS_IP, 37810, 37810, dhip(lor_info))))

    # ---- NVR: HTTP 401 (t=6.0) ------------------------------------------------------------
    req = crlf('GET /cgi-bin/magicBox.cgi?action=getSystemInfo HTTP/1.1', 'Host: %s' % NVR_IP,
               'User-Agent: Mozilla/5.0 (Windows NT 10.0; Win64; x64)', 'Accept: */*',
               'Connection: close')
    rep = crlf('HTTP/1.1 401 Unauthorized',
               'WWW-Authenticate: Digest realm="Login to %s", qop="auth", nonce="%d", opaque="%s"'
               % (NVR_SN, 1380266919, rng.hex(40)),
               'CONNECTION: close', 'CONTENT-LENGTH: 0')
    tcp_dialogue(tl, 6.000, WS_MAC, NVR_MAC, WS_IP, NVR_IP, 51110, 80, 0x1A200000, 0x2B200000,
                 [(True, req), (False, rep)], server_closes=True)

    # ---- NVR: RPC2 LogicDeviceManager.getCameraAll (t=7.0) --------------------------------------
    session = rng.hex(32)
    body = json.dumps({'method': 'LogicDeviceManager.getCameraAll', 'params': None, 'id': 7,
                       'session': session}, separators=(',', ':')).encode()
    req = crlf('POST /RPC2 HTTP/1.1', 'Host: %s' % NVR_IP, 'Accept: application/json, text/javascript, */*; q=0.01',
               'Content-Type: application/x-www-form-urlencoded; charset=UTF-8',
               'X-Requested-With: XMLHttpRequest', 'Cookie: DhWebClientSessionID=%s' % session,
               'Content-Length: %d' % len(body), 'Connection: close') + body

    def cam(ch, addr, model, serial, mac):
        return {'Channel': ch, 'DeviceInfo': {'Address': addr, 'DeviceType': model, 'SerialNo': serial,
                                              'Vendor': 'Dahua', 'Mac': mac, 'Version': '2.800.0000000.16'},
                'Enable': True}
    rbody = json.dumps({'id': 7, 'params': {'camera': [
        cam(0, '10.1.1.65', 'IPC-HDW2431T-AS-S2', '6J0C1D2PAZ00001', 'e0:50:8b:00:00:01'),
        cam(1, '10.1.1.66', 'IPC-HFW2431S-S-S2', '6J0C1D2PAZ00002', 'e0:50:8b:00:00:02')]},
        'result': True, 'session': session}, separators=(',', ':')).encode()
    rep = crlf('HTTP/1.1 200 OK', 'CONTENT-TYPE: application/json', 'CONTENT-LENGTH: %d' % len(rbody),
               'CONNECTION: close', 'X-Frame-Options: SAMEORIGIN') + rbody
    tcp_dialogue(tl, 7.000, WS_MAC, NVR_MAC, WS_IP, NVR_IP, 51112, 80, 0x1A300000, 0x2B300000,
                 [(True, req), (False, rep)], server_closes=True)

    # ---- NVR: RTSP DESCRIBE -> 401 (t=8.0) ---------------------------------------------------
    url = 'rtsp://%s:554/cam/realmonitor?channel=1&subtype=0' % NVR_IP
    req = crlf('DESCRIBE %s RTSP/1.0' % url, 'CSeq: 1', 'Accept: application/sdp',
               'User-Agent: LibVLC/3.0.18 (LIVE555 Streaming Media v2016.11.28)')
    rep = crlf('RTSP/1.0 401 Unauthorized', 'CSeq: 1',
               'WWW-Authenticate: Digest realm="Login to %s", nonce="%s"' % (NVR_SN, rng.hex(32)),
               'Server: Rtsp Server/3.0')
    tcp_dialogue(tl, 8.000, WS_MAC, NVR_MAC, WS_IP, NVR_IP, 51114, 554, 0x1A400000, 0x2B400000,
                 [(True, req), (False, rep)])

    # ---- LOREX: HTTP 401 (t=9.0) ----------------------------------------------------------------
    req = crlf('GET / HTTP/1.1', 'Host: %s' % LOR_IP,
               'User-Agent: Mozilla/5.0 (Windows NT 10.0; Win64; x64)', 'Accept: */*',
               'Connection: close')
    rep = crlf('HTTP/1.1 401 Unauthorized',
               'WWW-Authenticate: Digest realm="Login to %s", qop="auth", nonce="%d", opaque="%s"'
               % (LOR_SN, 921557233, rng.hex(40)),
               'CONNECTION: close', 'CONTENT-LENGTH: 0')
    tcp_dialogue(tl, 9.000, WS_MAC, LOR_MAC, WS_IP, LOR_IP, 51120, 80, 0x1A500000, 0x2B500000,
                 [(True, req), (False, rep)], server_closes=True)

    # ---- 5. printer: SSDP M-SEARCH from the workstation + reply (t=10.0) --------------------------
    msearch = crlf('M-SEARCH * HTTP/1.1', 'HOST: 239.255.255.250:1900', 'MAN: "ssdp:discover"',
                   'MX: 2', 'ST: upnp:rootdevice')
    tl.add(10.000, E(WS_MAC, mcast_mac(SSDP_GRP), udp(WS_IP, SSDP_GRP, 50200, 1900, msearch, ttl=2)))
    ssdp_rep = crlf('HTTP/1.1 200 OK', 'CACHE-CONTROL: max-age=1800', 'EXT:',
                    'LOCATION: http://%s:80/upnp/description.xml' % PR_IP,
                    'SERVER: Linux/3.14 UPnP/1.0 Brother/1.0', 'ST: upnp:rootdevice',
                    'USN: uuid:e3248000-80ce-11db-8000-001ba9010203::upnp:rootdevice')
    tl.add(10.150, E(PR_MAC, WS_MAC, udp(PR_IP, WS_IP, 1900, 50200, ssdp_rep)))

    # ---- Axis camera: WS-Discovery probe + ProbeMatches (t=11.0), HTTP (t=12.0) ---------------
    msgid = 'uuid:2b7e1f40-5d3c-4a9b-8e21-0c6f4d3a9b11'
    probe = ('<?xml version="1.0" encoding="UTF-8"?><s:Envelope xmlns:s="http://www.w3.org/2003/05/soap-envelope" '
             'xmlns:a="http://schemas.xmlsoap.org/ws/2004/08/addressing"><s:Header>'
             '<a:Action>http://schemas.xmlsoap.org/ws/2005/04/discovery/Probe</a:Action>'
             '<a:MessageID>%s</a:MessageID>'
             '<a:To>urn:schemas-xmlsoap-org:ws:2005:04:discovery</a:To></s:Header><s:Body>'
             '<Probe xmlns="http://schemas.xmlsoap.org/ws/2005/04/discovery">'
             '<Types xmlns:dn="http://www.onvif.org/ver10/network/wsdl">dn:NetworkVideoTransmitter</Types>'
             '</Probe></s:Body></s:Envelope>' % msgid).encode()
    tl.add(11.000, E(WS_MAC, mcast_mac(SADP_GRP), udp(WS_IP, '239.255.255.250', 50300, 3702, probe, ttl=1)))
    scopes = ('onvif://www.onvif.org/type/video_encoder onvif://www.onvif.org/Profile/Streaming '
              'onvif://www.onvif.org/Profile/G onvif://www.onvif.org/Profile/T '
              'onvif://www.onvif.org/name/AXIS onvif://www.onvif.org/hardware/P1375 '
              'onvif://www.onvif.org/location/country/sweden')
    match = ('<?xml version="1.0" encoding="UTF-8"?><SOAP-ENV:Envelope '
             'xmlns:SOAP-ENV="http://www.w3.org/2003/05/soap-envelope" '
             'xmlns:wsa="http://schemas.xmlsoap.org/ws/2004/08/addressing" '
             'xmlns:d="http://schemas.xmlsoap.org/ws/2005/04/discovery" '
             'xmlns:dn="http://www.onvif.org/ver10/network/wsdl" '
             'xmlns:tds="http://www.onvif.org/ver10/device/wsdl"><SOAP-ENV:Header>'
             '<wsa:MessageID>uuid:8c1e2f3a-0b1c-4d2e-9f30-00408c010203</wsa:MessageID>'
             '<wsa:RelatesTo>%s</wsa:RelatesTo>'
             '<wsa:To>http://schemas.xmlsoap.org/ws/2004/08/addressing/role/anonymous</wsa:To>'
             '<wsa:Action>http://schemas.xmlsoap.org/ws/2005/04/discovery/ProbeMatches</wsa:Action>'
             '</SOAP-ENV:Header><SOAP-ENV:Body><d:ProbeMatches><d:ProbeMatch>'
             '<wsa:EndpointReference><wsa:Address>urn:uuid:00075a8e-1e48-4c0b-8000-00408c010203</wsa:Address>'
             '</wsa:EndpointReference><d:Types>dn:NetworkVideoTransmitter tds:Device</d:Types>'
             '<d:Scopes>%s</d:Scopes><d:XAddrs>http://%s/onvif/device_service</d:XAddrs>'
             '<d:MetadataVersion>1</d:MetadataVersion></d:ProbeMatch></d:ProbeMatches>'
             '</SOAP-ENV:Body></SOAP-ENV:Envelope>' % (msgid, scopes, AX_IP)).encode()
    tl.add(11.040, E(AX_MAC, WS_MAC, udp(AX_IP, WS_IP, 3702, 50300, match)))
    req = crlf('GET / HTTP/1.1', 'Host: %s' % AX_IP,
               'User-Agent: Mozilla/5.0 (Windows NT 10.0; Win64; x64)', 'Accept: */*',
               'Connection: close')
    html = (b'<!DOCTYPE html>\n<html><head><meta http-equiv="refresh" content="0; url=/camera/index.html">'
            b'<title>AXIS</title></head><body></body></html>\n')
    rep = crlf('HTTP/1.1 200 OK', 'Date: ' + DATE % 12, 'Server: Apache',
               'Content-Type: text/html; charset=utf-8', 'Content-Length: %d' % len(html),
               'Connection: close') + html
    tcp_dialogue(tl, 12.000, WS_MAC, AX_MAC, WS_IP, AX_IP, 51130, 80, 0x1A600000, 0x2B600000,
                 [(True, req), (False, rep)], server_closes=True)

    # ---- 6. Hikvision camera: DNS + TLS to Hik-Connect (t=13.0) -------------------------------
    dns_pair(tl, 13.000, HIK_MAC, HIK_IP, 53001, 'dev.hik-connect.com', HIK_CLOUD, 0x2a01)
    tls_hello_only(tl, 13.020, HIK_MAC, HIK_IP, HIK_CLOUD, 49200, 0x11110000, 0x22220000,
                   'dev.hik-connect.com', rng, rtt=0.065)

    # ---- 4. phone: DJI DNS + TLS (t=15.0) --------------------------------------------------------
    for i, name in enumerate(('mydjiflight.dji.com', 'flysafe-api.dji.com',
                              'account-api.dji.com', 'api.djiservice.org')):
        dns_pair(tl, 15.000 + 0.05 * i, PH_MAC, PH_IP, 40001 + i, name, DJI_ADDR[name], 0x6100 + i)
    tls_hello_only(tl, 15.300, PH_MAC, PH_IP, DJI_ADDR['mydjiflight.dji.com'], 41010,
                   0x33330000, 0x44440000, 'mydjiflight.dji.com', rng, rtt=0.180)
    tls_hello_only(tl, 15.400, PH_MAC, PH_IP, DJI_ADDR['flysafe-api.dji.com'], 41012,
                   0x35350000, 0x46460000, 'flysafe-api.dji.com', rng, rtt=0.175)

    # ---- laptop: DNS + TLS www.microsoft.com (t=20.0) ---------------------------------------------
    dns_pair(tl, 20.000, LT_MAC, LT_IP, 52001, 'www.microsoft.com', MS_ADDR, 0x7a01)
    tls_hello_only(tl, 20.020, LT_MAC, LT_IP, MS_ADDR, 52010, 0x55550000, 0x66660000,
                   'www.microsoft.com', rng, rtt=0.012)

    write_pcap(os.path.join(cap, 'ident.pcap'), tl.ev)


# --------------------------------------------------------------------------
# B. ident_hostile.pcap
# --------------------------------------------------------------------------
def hmac(prefix, n):
    return '%s:%02x' % (prefix, n)


def dns_raw(qid, flags, qd, an, body):
    return struct.pack('!HHHHHH', qid, flags, qd, an, 0, 0) + body


def make_hostile(cap):
    _IPID.clear()
    tl = Timeline()
    rng = PRNG(0x4057113)
    uuid = '0A1B2C3D-4E5F-4061-8273-94A5B6C7D8E9'

    def sadp_from(t, n, payload):
        mac, addr = hmac('44:19:b6:ee:00', n), '10.20.30.%d' % (200 + n)
        tl.add(t, E(mac, mcast_mac(SADP_GRP), udp(addr, SADP_GRP, 37020, 37020, payload, ttl=1)))

    def dhip_from(t, n, payload):
        mac, addr = hmac('3c:ef:8c:ee:00', n), '10.20.30.%d' % (200 + n)
        tl.add(t, E(mac, WS_MAC, udp(addr, WS_IP, 37810, 37810, payload)))

    def hik(n, model, sn=None):
        mac, addr = hmac('44:19:b6:ee:00', n), '10.20.30.%d' % (200 + n)
        return sadp_fields(uuid, model, sn or ('DS-2CD2143G2-I2022010%dAAWRG0000000%d' % (n, n)),
                           mac, addr, 'V5.7.3build 220112', 'V7.3 build 220112',
                           '2026-01-05 22:10:0%d' % n, salt=rng.hex(64))

    tl.add(0.000, E(WS_MAC, mcast_mac(SADP_GRP), udp(WS_IP, SADP_GRP, 37020, 37020, sadp_probe(uuid), ttl=1)))

    # H1: 64 KiB SADP reply: one UDP datagram, IP total length 65535, one frame.
    f = hik(1, 'DS-2CD2143G2-I')
    base = len(sadp_match(f))
    pad = 65535 - 20 - 8 - base
    f[3] = ('DeviceDescription', 'DS-2CD2143G2-I' + 'A' * pad)
    big = sadp_match(f)
    assert len(big) == 65507
    sadp_from(1.000, 1, big)

    # H2: NUL + ESC control sequence in the model; unterminated tags afterwards.
    evil = 'DS-2CD\x00\x1b[31mEVIL'
    x = ('<?xml version="1.0" encoding="UTF-8"?>\r\n<ProbeMatch>\r\n<Uuid>%s</Uuid>\r\n'
         '<Types>inquiry</Types>\r\n<DeviceType>142378</DeviceType>\r\n'
         '<DeviceDescription>%s</DeviceDescription>\r\n'
         '<DeviceSN>%s\x07\x08\x7f20220102AAWRG00000002</DeviceSN>\r\n'
         '<MAC>44-19-b6-ee-00-02\r\n<IPv4Address>10.20.30.202\r\n'
         '<SoftwareVersion>V5.7.3build 220112\r\n<Activated>true\r\n<HCPlatformEnable>\r\n'
         '<DeviceDescription>' % (uuid, evil, evil)).encode()
    sadp_from(2.000, 2, x)

    # H3: cut in the middle of a tag name at the end of the datagram.
    x = ('<?xml version="1.0" encoding="UTF-8"?>\r\n<ProbeMatch>\r\n<Uuid>%s</Uuid>\r\n'
         '<DeviceDescription>DS-2CD2043G2-I</DeviceDescription>\r\n<DeviceSN>DS-2CD2043G2-I2022'
         '</Device\r\n<MAC>44-19-b6-ee-00-03</MAC>\r\n<SoftwareVersion' % uuid).encode()
    sadp_from(3.000, 3, x)

    # H4 / H5: injection strings as the model (raw inside the XML text).
    sadp_from(4.000, 4, sadp_match(hik(4, '<script>alert(1)</script>')))
    sadp_from(5.000, 5, sadp_match(hik(5, '"},{"admin":true')))

    # DHIP search from the workstation, then hostile DHIP replies.
    search = dhip(b'{"method":"DHDiscover.search","params":{"mac":"","uni":1}}\n')
    tl.add(5.900, E(WS_MAC, mcast_mac(DHIP_GRP), udp(WS_IP, DHIP_GRP, 37810, 37810, search, ttl=1)))

    def dh(n, model, serial=None):
        mac, addr = hmac('3c:ef:8c:ee:00', n), '10.20.30.%d' % (200 + n)
        return notify_dev_info(mac, addr, 'IPC', model, serial or '8K0E1F2PAZ000%02d' % n, 'Dahua',
                               '2.800.0000000.16', 'IPC', random=rng.hex(8))

    # H6 / H7: injection strings as DeviceType (valid JSON, properly escaped).
    dhip_from(6.000, 6, dhip(dh(6, '<script>alert(1)</script>')))
    dhip_from(7.000, 7, dhip(dh(7, '"},{"admin":true')))

    # H8: 10,000 levels of nested arrays.
    body = (b'{"mac":"3c:ef:8c:ee:00:08","method":"client.notifyDevInfo","params":{"deviceInfo":'
            + b'[' * 10000 + b']' * 10000 + b'}}\n')
    dhip_from(8.000, 8, dhip(body))

    # H9: bad escapes: truncated \u escape and an invalid \x escape.
    body = (b'{"mac":"3c:ef:8c:ee:00:09","method":"client.notifyDevInfo","params":{"deviceInfo":'
            b'{"DeviceClass":"IPC","DeviceType":"\\u12","SerialNo":"\\x","Vendor":"Dahua",'
            b'"Version":"2.800.0000000.16"}}}\n')
    dhip_from(9.000, 9, dhip(body))

    # H10: lone surrogate, then a string cut after a backslash at the end of the body.
    body = (b'{"mac":"3c:ef:8c:ee:00:0a","method":"client.notifyDevInfo","params":{"deviceInfo":'
            b'{"DeviceClass":"IPC","MachineName":"\\ud800","DeviceType":"IPC-HDW\\')
    dhip_from(10.000, 10, dhip(body))

    # H11: DHIP body length fields claim 4 GB (0xffffffff); real body is short and valid.
    dhip_from(11.000, 11, dhip(dh(11, 'IPC-HDW2431T-AS-S2'), len16=0xffffffff, len24=0xffffffff))

    # H12: the two body length fields disagree (offset 16 says 40, offset 24 says 0x7fffffff).
    dhip_from(12.000, 12, dhip(dh(12, 'IPC-HDW2431T-AS-S2'), len16=40, len24=0x7fffffff))

    # H13: header cut after 20 bytes (magic present, no body).
    dhip_from(13.000, 13, dhip(b'{}')[:20])

    # H14: HTTP 401 with a 10 KiB realm (response spans several TCP segments).
    mac14, ip14 = hmac('3c:ef:8c:ee:00', 14), '10.20.30.214'
    req = crlf('GET / HTTP/1.1', 'Host: %s' % ip14, 'Accept: */*', 'Connection: close')
    rep = crlf('HTTP/1.1 401 Unauthorized',
               'WWW-Authenticate: Digest realm="Login to %s", qop="auth", nonce="%s"'
               % ('9Z' * 5120, rng.hex(16)),
               'CONNECTION: close', 'CONTENT-LENGTH: 0')
    tcp_dialogue(tl, 14.000, WS_MAC, mac14, WS_IP, ip14, 51200, 80, 0x1C000000, 0x2D000000,
                 [(True, req), (False, rep)], server_closes=True)

    # H15: HTTP 401 whose realm quote is never closed.
    mac15, ip15 = hmac('3c:ef:8c:ee:00', 15), '10.20.30.215'
    req = crlf('GET / HTTP/1.1', 'Host: %s' % ip15, 'Accept: */*', 'Connection: close')
    rep = crlf('HTTP/1.1 401 Unauthorized', 'WWW-Authenticate: Digest realm="Login to 8K0E1F2PAZ00015',
               'CONNECTION: close', 'CONTENT-LENGTH: 0')
    tcp_dialogue(tl, 15.000, WS_MAC, mac15, WS_IP, ip15, 51202, 80, 0x1C100000, 0x2D100000,
                 [(True, req), (False, rep)], server_closes=True)

    # H16: DNS responses with compression-pointer loops / bad pointers (router -> workstation).
    q = struct.pack('!HH', 1, 1)
    rr = struct.pack('!HHIH', 1, 1, 60, 4) + bytes([47, 88, 10, 99])
    dns_bad = [
        # question name at offset 12 is a pointer to offset 12 (self loop); answer points there too.
        dns_raw(0xbad1, 0x8180, 1, 1, b'\xc0\x0c' + q + b'\xc0\x0c' + rr),
        # two-pointer cycle: question name (offset 12) -> answer name (offset 18) -> 12.
        dns_raw(0xbad2, 0x8180, 1, 1, b'\xc0\x12' + q + b'\xc0\x0c' + rr),
        # label then pointer back to the start of the name (offset 12): loop.loop.loop...
        dns_raw(0xbad3, 0x8180, 1, 1, b'\x04loop\xc0\x0c' + q + b'\xc0\x0c' + rr),
        # valid question example.com, answer name is a pointer past the end of the message.
        dns_raw(0xbad4, 0x8180, 1, 1, b'\x07example\x03com\x00' + q + b'\xc3\xff' + rr),
    ]
    for i, m in enumerate(dns_bad):
        tl.add(16.000 + 0.01 * i, E(R_MAC, WS_MAC, udp(R_IP, WS_IP, 53, 53100 + i, m)))

    # Sentinels: two well-formed devices after all the hostile input.
    sadp_from(20.000, 50, sadp_match(hik(50, 'DS-2CD2043G2-I', 'DS-2CD2043G2-I20220105AAWRG00000050')))
    dhip_from(20.100, 51, dhip(dh(51, 'IPC-HDW2431T-AS-S2', '8K0E1F2PAZ00051')))

    write_pcap(os.path.join(cap, 'ident_hostile.pcap'), tl.ev, snaplen=262144)


# --------------------------------------------------------------------------
# C. tcp_bound.pcap
# --------------------------------------------------------------------------
def make_tcp_bound(cap):
    _IPID.clear()
    tl = Timeline()
    s = TCPSess(tl, WS_MAC, LOR_MAC, WS_IP, LOR_IP, 50210, 80, 0x10000001, 0x20000001)
    t = s.open(0.0, 0.0008)
    req = crlf('GET /cgi-bin/magicBox.cgi?action=getSystemInfo HTTP/1.1',
               'Host: ' + LOR_IP, 'Connection: keep-alive', '', '')
    rsp = crlf('HTTP/1.1 401 Unauthorized',
               'WWW-Authenticate: Digest realm="Login to ND0123456789ABC", '
               'qop="auth", nonce="1234567890", opaque="abcd"',
               'Content-Length: 0', '', '')
    for start, n in ((t, 12), (61.0, 2)):
        t = max(t, start)
        for _ in range(n):
            t = s.send(t, True, req, 0.0008)
            t = s.send(t, False, rsp, 0.0008)
    s.close(t + 0.002, 0.0008)
    write_pcap(os.path.join(cap, 'tcp_bound.pcap'), tl.ev)


# D. host_touch.pcap
# --------------------------------------------------------------------------
def make_host_touch(cap):
    """The Hikvision camera looks its cloud up every 10 s over one DNS flow
    (one flow start, then only its messages name it) while 8 new local
    hosts appear every 10 s: run with --max-hosts 16, the camera must stay
    one device, never the oldest host."""
    _IPID.clear()
    tl = Timeline()
    for k in range(12):
        t = 10.0 * k
        dns_pair(tl, t, HIK_MAC, HIK_IP, 53001, 'dev.hik-connect.com',
                 HIK_CLOUD, 0x3a00 + k)
        for i in range(8):
            n = 8 * k + i
            mac = '02:00:00:00:%02x:%02x' % (n >> 8, n & 0xff)
            tl.add(t + 1.0 + 0.1 * i,
                   E(mac, R_MAC, udp('10.20.31.%d' % (n + 1), '198.51.100.7',
                                     40000 + n, 9999, b'x' * 16)))
    write_pcap(os.path.join(cap, 'host_touch.pcap'), tl.ev)


# --------------------------------------------------------------------------
def main_with(*makers):
    """The main() of a capture script: each maker(cap) writes into
    ROOT/tests/captures (ROOT the first argument, else the repository);
    then every file written is listed with its size and SHA-256."""
    here = os.path.dirname(os.path.abspath(__file__))
    root = sys.argv[1] if len(sys.argv) > 1 else os.path.normpath(os.path.join(here, '..', '..'))
    cap = os.path.join(root, 'tests', 'captures')
    for make in makers:
        make(cap)
    for path, n, size, h in WRITTEN:
        print('%-40s %5d pkts %8d bytes  %s' % (os.path.relpath(path, root), n, size, h[:16]))


def main():
    main_with(make_ident, make_hostile, make_tcp_bound, make_host_touch)


if __name__ == '__main__':
    main()
