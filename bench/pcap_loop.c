/* SPDX-License-Identifier: MIT */
/* pcap_loop.c - baseline: a bare libpcap read loop that only counts. */
/*
 * The floor vigie is measured against: open each capture with
 * pcap_open_offline(), run pcap_dispatch(p, -1, ...) with a callback that
 * adds caplen to a byte counter and counts packets, then print
 * "packets=N bytes=M".  Nothing else is read from the packets.
 */
#define _DEFAULT_SOURCE

#include <inttypes.h>
#include <stdint.h>
#include <stdio.h>

#include <pcap/pcap.h>

struct acc {
	uint64_t packets, bytes;
};

static void
count_cb(u_char *user, const struct pcap_pkthdr *h, const u_char *bytes)
{
	struct acc *acc = (struct acc *)(void *)user;

	(void)bytes;
	acc->packets++;
	acc->bytes += h->caplen;
}

/* Count every packet of one capture into acc; 0 on success, -1 on error. */
static int
count_file(const char *path, struct acc *acc)
{
	char errbuf[PCAP_ERRBUF_SIZE];
	pcap_t *p;
	int n;

	p = pcap_open_offline(path, errbuf);
	if (p == NULL) {
		fprintf(
		    stderr, "pcap-loop: cannot open %s: %s\n", path, errbuf);
		return -1;
	}
	/* On a savefile, -1 processes the whole file; loop until EOF (0). */
	while ((n = pcap_dispatch(p, -1, count_cb, (u_char *)acc)) > 0)
		;
	if (n == -1) {
		fprintf(stderr, "pcap-loop: reading %s: %s\n", path,
		    pcap_geterr(p));
		pcap_close(p);
		return -1;
	}
	pcap_close(p);
	return 0;
}

int
main(int argc, char **argv)
{
	struct acc acc = { 0, 0 };
	int i;

	if (argc < 2) {
		fprintf(stderr, "usage: pcap-loop FILE.pcap [FILE.pcap ...]\n");
		return 2;
	}
	for (i = 1; i < argc; i++)
		if (count_file(argv[i], &acc) != 0)
			return 1;
	printf(
	    "packets=%" PRIu64 " bytes=%" PRIu64 "\n", acc.packets, acc.bytes);
	return 0;
}
