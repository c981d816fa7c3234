/* SPDX-License-Identifier: MIT */
/* pcap_loop.c - baseline: a bare libpcap read loop that only counts. */
/*
 * The floor vigie is measured against: open each capture with
 * pcap_open_offline(), run pcap_dispatch(p, -1, ...) with a callback that
 * adds caplen to a byte counter and counts packets, then print
 * "packets=N bytes=M".  Nothing else is read from the packets.
 *
 * With -b, each file is opened through pcap_fopen_offline() on a FILE with
 * vigie's stdio buffer (CAPTURE_READ_BUFFER from src/core/limits.h): the
 * same reading cost as vigie's, so the ratio to it shows vigie's own work
 * alone.
 */
#define _DEFAULT_SOURCE

#include <inttypes.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <pcap/pcap.h>

#include "core/limits.h"

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
count_file(const char *path, struct acc *acc, char *bigbuf)
{
	char errbuf[PCAP_ERRBUF_SIZE];
	pcap_t *p;
	int n;

	if (bigbuf != NULL) {
		FILE *f = fopen(path, "rb");
		if (f == NULL) {
			perror(path);
			return -1;
		}
		setvbuf(f, bigbuf, _IOFBF, CAPTURE_READ_BUFFER);
		p = pcap_fopen_offline(f, errbuf);
		if (p == NULL)
			fclose(f);
	} else {
		p = pcap_open_offline(path, errbuf);
	}
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
	char *bigbuf = NULL;
	int i = 1;

	if (argc > 1 && strcmp(argv[1], "-b") == 0) {
		bigbuf = malloc(CAPTURE_READ_BUFFER);
		if (bigbuf == NULL)
			return 1;
		i++;
	}
	if (i >= argc) {
		fprintf(stderr, "usage: pcap-loop [-b] FILE.pcap ...\n");
		return 2;
	}
	for (; i < argc; i++)
		if (count_file(argv[i], &acc, bigbuf) != 0)
			return 1;
	free(bigbuf);
	printf(
	    "packets=%" PRIu64 " bytes=%" PRIu64 "\n", acc.packets, acc.bytes);
	return 0;
}
