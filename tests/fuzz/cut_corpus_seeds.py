#!/usr/bin/python3
# SPDX-License-Identifier: MIT
# Fuzz seeds cut from the public corpus (../shared/corpus, read in place:
# never copied into the project) into a directory of the build, where the
# fuzz targets' replay tests and a fuzzing run pick them up beside the
# crafted seeds of tests/fuzz/corpus/.
#
# usage: cut_corpus_seeds.py OUTDIR CORPUS TARGET...
#   Makes OUTDIR/TARGET/ for every TARGET named (empty if nothing is cut
#   for it), then writes each seed below whose target is named. Exit 77
#   (skipped) when CORPUS is absent, 1 if a capture no longer holds the
#   frame a seed is cut from. Origins and licences of the captures:
#   ../shared/corpus/SOURCES.md. Needs Debian's python3-scapy (readers
#   only).
import os
import sys

from scapy.utils import RawPcapNgReader, RawPcapReader

# (target, seed, source under CORPUS, frame index (None: the whole file),
#  offset in the frame, length, bytes put in front as hex): each seed is
# what the target's harness takes (tests/fuzz/fuzz_TARGET.c): a UDP or
# TCP payload, a radio frame after its link selector, a drone message
# after its counter byte.
SEEDS = [
    ("dahua5050", "selftest_dahua1", "net/Dahua1.selftest", None, 0, None, ""),
    ("dhcp", "dlink_request", "net/D-LinkCam_Setup-A-1-STA.pcap", 18, 42, 302, ""),
    ("dhcp", "edimax_discover", "net/EdimaxCam1_Setup-A-1-STA.pcap", 2, 42, 548, ""),
    ("dhip", "selftest_dahua2", "net/Dahua2.selftest", None, 0, None, ""),
    ("djiid", "spoofed_v2", "drone/mavic_alessa_spoofed.pcapng", 0, 96, 91, ""),
    ("dns", "dlink_query_ntp", "net/D-LinkCam_Setup-A-1-STA.pcap", 29, 42, 32, ""),
    ("dns", "dlink_resp_signal", "net/D-LinkCam_Setup-A-1-STA.pcap", 187, 42, 502, ""),
    ("mdns", "dlink_announce", "net/D-LinkCam_Setup-A-1-STA.pcap", 4, 42, 373, ""),
    ("mdns", "dlink_query", "net/D-LinkCam_Setup-A-1-STA.pcap", 33, 42, 119, ""),
    ("mdns", "edimax_announce", "net/EdimaxCam1_Setup-A-1-STA.pcap", 5, 42, 219, ""),
    ("odid", "bcn_pack5", "drone/odid_wifi_bcn_sample.pcap", 0, 78, 129, ""),
    ("odid", "bt5_pack5", "drone/odid_bt5_lr_sample.pcapng", 100, 39, 229, ""),
    ("odid", "parrot_loc", "drone/parrot_anafi4_real.pcapng", 2, 304, 29, ""),
    ("odid", "parrot_pack4", "drone/parrot_anafi4_real.pcapng", 94, 304, 104, ""),
    ("radio", "mavic_alessa_spoofed_dji_rt13", "drone/mavic_alessa_spoofed.pcapng", 1, 0, 192, "01"),
    ("radio", "mavic_alessa_spoofed_dji_rt8", "drone/mavic_alessa_spoofed.pcapng", 0, 0, 187, "01"),
    ("radio", "odid_bt5_lr_sample_aux_adv_ind", "drone/odid_bt5_lr_sample.pcapng", 0, 0, 271, "05"),
    ("radio", "odid_bt5_lr_sample_bad_crc", "drone/odid_bt5_lr_sample.pcapng", 7, 0, 271, "05"),
    ("radio", "odid_wifi_bcn_sample_bcn_astm", "drone/odid_wifi_bcn_sample.pcap", 0, 0, 207, "01"),
    ("radio", "odid_wifi_sample_beacon", "drone/odid_wifi_sample.pcap", 2, 0, 107, "01"),
    ("radio", "odid_wifi_sample_nan_sdf", "drone/odid_wifi_sample.pcap", 1, 0, 96, "01"),
    ("radio", "odid_wifi_sample_nan_sync", "drone/odid_wifi_sample.pcap", 0, 0, 89, "01"),
    ("radio", "parrot_anafi4_real_astm_fcs", "drone/parrot_anafi4_real.pcapng", 2, 0, 337, "01"),
    ("radio", "parrot_anafi4_real_data_fcs", "drone/parrot_anafi4_real.pcapng", 4, 0, 299, "01"),
    ("sadp", "selftest_hikvision", "net/Hikvision.selftest", None, 0, None, ""),
    ("ssdp", "selftest_ssdp", "net/SSDP.selftest", None, 0, None, ""),
    ("tls", "dlink_server_cert_segment", "net/D-LinkCam_Setup-A-1-STA.pcap", 193, 66, 1368, ""),
    ("wsd", "selftest_wsdiscovery", "net/Wsdiscovery.selftest", None, 0, None, ""),
]


def frames(path):
    reader = RawPcapNgReader if path.endswith(".pcapng") else RawPcapReader
    r = reader(path)
    try:
        return [bytes(data) for data, _ in r]
    finally:
        r.close()


def main():
    if len(sys.argv) < 3:
        sys.exit("usage: cut_corpus_seeds.py OUTDIR CORPUS TARGET...")
    out, corpus, targets = sys.argv[1], sys.argv[2], set(sys.argv[3:])
    for t in targets:
        os.makedirs(os.path.join(out, t), exist_ok=True)
    if not os.path.isdir(corpus):
        print("SKIP: %s not found beside the project: no seeds cut" % corpus)
        sys.exit(77)
    cache, n = {}, 0
    for target, name, src, idx, off, length, pre in SEEDS:
        if target not in targets:
            continue
        path = os.path.join(corpus, src)
        if idx is None:
            with open(path, "rb") as f:
                seed = f.read()
        else:
            if path not in cache:
                cache[path] = frames(path)
            fr = cache[path]
            if idx >= len(fr) or off + length > len(fr[idx]):
                sys.exit("%s: no frame %d of %d bytes at %d for seed %s/%s"
                         % (src, idx, length, off, target, name))
            seed = bytes.fromhex(pre) + fr[idx][off:off + length]
        with open(os.path.join(out, target, name), "wb") as f:
            f.write(seed)
        n += 1
    print("%d seeds cut from %s into %s" % (n, corpus, out))


if __name__ == "__main__":
    main()
