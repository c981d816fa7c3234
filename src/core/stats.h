/* SPDX-License-Identifier: MIT */
/* stats.h - named counters for every anomaly and every bail-out.
 *
 * Decoders never print: they bump a counter here. The table below is the
 * single list of counter names; JSON, SQLite and the summary iterate it. */
#ifndef VIGIE_STATS_H
#define VIGIE_STATS_H

#include <stdint.h>

#define STAT_LIST(X)                                                        \
	X(PCAP_ZERO_LEN, "pcap.zero_len")                                   \
	X(PCAP_CAPLEN_GT_LEN, "pcap.caplen_gt_len")                         \
	X(LINK_UNSUPPORTED, "link.unsupported")                             \
	X(ETH_TRUNC, "eth.trunc")                                           \
	X(ETH_NON_IP, "eth.non_ip")                                         \
	X(ETH_ARP, "eth.arp")                                               \
	X(ETH_LLC, "eth.llc")                                               \
	X(VLAN_TRUNC, "vlan.trunc")                                         \
	X(VLAN_TOO_DEEP, "vlan.too_deep")                                   \
	X(SLL_TRUNC, "sll.trunc")                                           \
	X(SLL2_TRUNC, "sll2.trunc")                                         \
	X(NULL_TRUNC, "null.trunc")                                         \
	X(NULL_UNKNOWN_AF, "null.unknown_af")                               \
	X(RAW_BAD_VERSION, "raw.bad_version")                               \
	X(IPV4_TRUNC, "ipv4.trunc")                                         \
	X(IPV4_MALFORMED, "ipv4.malformed")                                 \
	X(IPV4_LEN_CLAMPED, "ipv4.len_exceeds_frame")                       \
	X(IPV4_FRAG_FIRST, "ipv4.frag_first")                               \
	X(IPV4_FRAG_LATER, "ipv4.frag_later")                               \
	X(IPV6_TRUNC, "ipv6.trunc")                                         \
	X(IPV6_MALFORMED, "ipv6.malformed")                                 \
	X(IPV6_LEN_CLAMPED, "ipv6.len_exceeds_frame")                       \
	X(IPV6_EXT_TOO_DEEP, "ipv6.ext_too_deep")                           \
	X(IPV6_FRAG_FIRST, "ipv6.frag_first")                               \
	X(IPV6_FRAG_LATER, "ipv6.frag_later")                               \
	X(IPV6_JUMBO, "ipv6.jumbo")                                         \
	X(IP_OTHER_PROTO, "ip.other_proto")                                 \
	X(TCP_TRUNC, "tcp.trunc")                                           \
	X(TCP_MALFORMED, "tcp.malformed")                                   \
	X(UDP_TRUNC, "udp.trunc")                                           \
	X(UDP_MALFORMED, "udp.malformed")                                   \
	X(ICMP_TRUNC, "icmp.trunc")                                         \
	X(ICMP_PACKETS, "icmp.packets")                                     \
	X(ICMP6_PACKETS, "icmp6.packets")                                   \
	X(FLOW_EVICTED, "flow.evicted")                                     \
	X(FLOW_IDLE, "flow.idle_expired")                                   \
	X(FLOW_TCP_REUSE, "flow.tcp_reuse")                                 \
	X(HOST_EVICTED, "host.evicted")                                     \
	X(HOST_ROUTER_MACS, "host.router_macs")                             \
	X(SADP_MSGS, "sadp.msgs")                     \
	X(SADP_MALFORMED, "sadp.malformed")           \
	X(SADP_L2_MSGS, "sadp_l2.msgs")               \
	X(SADP_L2_MALFORMED, "sadp_l2.malformed")     \
	X(DHIP_MSGS, "dhip.msgs")                     \
	X(DHIP_MALFORMED, "dhip.malformed")           \
	X(DAHUA5050_MSGS, "dahua5050.msgs")           \
	X(DAHUA5050_MALFORMED, "dahua5050.malformed") \
	X(WSD_MSGS, "wsd.msgs")                       \
	X(WSD_MALFORMED, "wsd.malformed")             \
	X(SSDP_MSGS, "ssdp.msgs")                     \
	X(SSDP_MALFORMED, "ssdp.malformed")           \
	X(MDNS_MSGS, "mdns.msgs")                     \
	X(MDNS_MALFORMED, "mdns.malformed")           \
	X(DNS_MSGS, "dns.msgs")                       \
	X(DNS_MALFORMED, "dns.malformed")             \
	X(DNS_ANSWERS, "dns.answers")                 \
	X(DNS_CNAME_TOO_LONG, "dns.cname_too_long")   \
	X(DHCP_MSGS, "dhcp.msgs")                     \
	X(DHCP_MALFORMED, "dhcp.malformed")           \
	X(HTTP_MSGS, "http.msgs")                     \
	X(HTTP_MALFORMED, "http.malformed")           \
	X(HTTPBODY_MSGS, "httpbody.msgs")             \
	X(HTTPBODY_MALFORMED, "httpbody.malformed")   \
	X(RTSP_MSGS, "rtsp.msgs")                     \
	X(RTSP_MALFORMED, "rtsp.malformed")           \
	X(TLS_MSGS, "tls.msgs")                       \
	X(TLS_MALFORMED, "tls.malformed")             \
	X(HIKSDK_MSGS, "hiksdk.msgs")                 \
	X(HIKSDK_MALFORMED, "hiksdk.malformed")       \
	X(DVRIP_MSGS, "dvrip.msgs")                   \
	X(DVRIP_MALFORMED, "dvrip.malformed")         \
	X(DHP2P_MSGS, "dhp2p.msgs")                   \
	X(DHP2P_MALFORMED, "dhp2p.malformed")         \
	X(CS2_MSGS, "cs2.msgs")                       \
	X(CS2_MALFORMED, "cs2.malformed")             \
	X(EXPLOIT_BODY_UNSEEN, "exploit.body_unseen") \
	X(TELNET_MSGS, "telnet.msgs")                 \
	X(TELNET_MALFORMED, "telnet.malformed")       \
	X(FTP_MSGS, "ftp.msgs")                       \
	X(FTP_MALFORMED, "ftp.malformed")             \
	X(RADIOTAP_TRUNC, "radiotap.trunc")                                 \
	X(RADIOTAP_MALFORMED, "radiotap.malformed")                         \
	X(PPI_TRUNC, "ppi.trunc")                                           \
	X(PPI_MALFORMED, "ppi.malformed")                                   \
	X(WIFI_BAD_FCS, "wifi.bad_fcs")                                     \
	X(WIFI_TRUNC, "wifi.trunc")                                         \
	X(WIFI_MALFORMED, "wifi.malformed")                                 \
	X(WIFI_IE_MALFORMED, "wifi.ie_malformed")                           \
	X(NAN_MALFORMED, "nan.malformed")                                   \
	X(BLE_PHDR_TRUNC, "ble_phdr.trunc")                                 \
	X(NORDIC_TRUNC, "nordic.trunc")                                     \
	X(NORDIC_MALFORMED, "nordic.malformed")                             \
	X(BLE_BAD_CRC, "ble.bad_crc")                                       \
	X(BLE_TRUNC, "ble.trunc")                                           \
	X(BLE_MALFORMED, "ble.malformed")                                   \
	X(BLE_AD_MALFORMED, "ble.ad_malformed")                             \
	X(ODID_MSGS, "odid.msgs")                     \
	X(ODID_MALFORMED, "odid.malformed")           \
	X(ODID_TRUNC, "odid.trunc")                   \
	X(ODID_UNKNOWN_TYPE, "odid.unknown_type")     \
	X(ODID_BAD_VERSION, "odid.bad_version")       \
	X(ODID_PACK_MALFORMED, "odid.pack_malformed") \
	X(DJIID_MSGS, "djiid.msgs")                   \
	X(DJIID_MALFORMED, "djiid.malformed")         \
	X(DJIID_TRUNC, "djiid.trunc")                 \
	X(DJIID_UNSUPPORTED, "djiid.unsupported")     \
	X(INSPECT_SKIPPED, "inspect.skipped")                          \
	X(INSPECT_TCP_SKIPPED, "inspect.tcp_skipped")                  \
	X(FACTS_DROPPED, "facts.dropped")                              \
	X(FACTS_REMOTE, "facts.remote")                                \
	X(EVIDENCE_DROPPED, "evidence.dropped")                        \
	X(FINDINGS_REMOTE, "findings.remote")                          \
	X(DEST_EVICTED, "dest.evicted")                                \
	X(ALERT_DROPPED, "alert.dropped")                              \
	X(AIR_AIRCRAFT_EVICTED, "air.aircraft_evicted")                \
	X(AIR_TX_EVICTED, "air.tx_evicted")                            \
	X(AIR_TRACK_THINNED, "air.track_thinned")                      \
	X(AIR_NO_MEMORY, "air.no_memory")                              \
	X(SDR_SAMPLES, "sdr.samples")                                  \
	X(SDR_NONFINITE, "sdr.nonfinite")                              \
	X(SDR_PARTIAL, "sdr.partial_sample")                           \
	X(SDR_BURSTS, "sdr.bursts")                                    \
	X(SDR_DECODED, "sdr.decoded")                                  \
	X(SDR_LOST, "sdr.lost")                                        \
	X(SDR_FAIL_SHORT, "sdr.fail_short")                            \
	X(SDR_FAIL_BAND, "sdr.fail_band")                              \
	X(SDR_FAIL_SYNC, "sdr.fail_sync")                              \
	X(SDR_FAIL_ZC, "sdr.fail_zc")                                  \
	X(SDR_FAIL_CRC24, "sdr.fail_crc24")                            \
	X(SDR_FAIL_FRAME, "sdr.fail_frame")                            \
	X(SDR_FAIL_CRC16, "sdr.fail_crc16")                            \
	X(TIME_BACKWARDS, "time.backwards")

enum stat_id {
#define STAT_ENUM(id, name) STAT_##id,
	STAT_LIST(STAT_ENUM)
#undef STAT_ENUM
	STAT_COUNT
};

struct stats {
	uint64_t n[STAT_COUNT];
};

/* stat_name: the dotted name of counter id, as printed in every output. */
const char *stat_name(enum stat_id id);

/* STAT_INC: bump counter id of stats block s by one. */
#define STAT_INC(s, id) ((s)->n[STAT_##id]++)

#endif
