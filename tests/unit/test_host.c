/* SPDX-License-Identifier: MIT */
/* test_host.c - host table: MAC keying, router detection and splitting,
 * group addresses, eviction, ordered flush. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "core/host.h"

struct seen {
	struct host h[64];
	bool evicted[64];
	unsigned n;
};

static void
record(void *ctx, const struct host *h, bool evicted)
{
	struct seen *s = ctx;

	assert_true(s->n < 64);
	s->h[s->n] = *h;
	s->evicted[s->n++] = evicted;
}

static struct addr
v4(unsigned last)
{
	uint8_t b[4] = { 192, 168, 5, (uint8_t)last };
	struct addr a;

	addr_from_v4(&a, b);
	return a;
}

static const uint8_t ROUTER[6] = { 0x00, 0x1a, 0x2b, 0x3c, 0x4d, 0x5e };
static const uint8_t CAM[6] = { 0x44, 0x19, 0xb6, 0x12, 0x34, 0x56 };

static void
one_mac_many_flows_one_host(void **state)
{
	struct seen s = { 0 };
	struct stats st = { 0 };
	struct host_table *t = host_new(64, 1, record, &s, &st);
	struct addr ip = v4(64);
	struct host_obs o = { CAM, &ip, 0, 100 };

	(void)state;
	host_flow(t, &o, true, 0, 0, 0, 0);
	o.ts_us = 200;
	host_flow(t, &o, false, 3, 300, 2, 200);
	host_flow(t, &o, true, 0, 0, 0, 0);
	assert_int_equal(host_count(t), 1);
	host_flush(t);
	assert_int_equal(s.n, 1);
	assert_int_equal(s.h[0].k.kind, HOST_BY_MAC);
	assert_int_equal(s.h[0].flows, 2);
	assert_int_equal(s.h[0].bytes_out, 300);
	assert_int_equal(s.h[0].nip, 1);
	assert_int_equal(s.h[0].first_us, 100);
	assert_int_equal(s.h[0].last_us, 200);
	host_free(t);
}

static void
mac_with_many_ips_becomes_router(void **state)
{
	struct seen s = { 0 };
	struct stats st = { 0 };
	struct host_table *t = host_new(64, 1, record, &s, &st);

	(void)state;
	for (unsigned i = 0; i < 10; i++) {
		struct addr ip = v4(10 + i);
		struct host_obs o = { ROUTER, &ip, 0, i };
		host_flow(t, &o, true, 0, 0, 0, 0);
		host_flow(t, &o, false, 1, 10 + i, 1, 5);
	}
	host_flush(t);
	/* The router record, then ten hosts keyed by IP with their counts. */
	assert_int_equal(s.n, 11);
	assert_int_equal(st.n[STAT_HOST_ROUTER_MACS], 1);
	assert_true(s.h[0].router);
	assert_int_equal(s.h[0].nip, 0);
	for (unsigned i = 1; i < 11; i++) {
		assert_int_equal(s.h[i].k.kind, HOST_BY_IP);
		assert_true(s.h[i].has_via);
		assert_memory_equal(s.h[i].via_mac, ROUTER, 6);
		assert_int_equal(s.h[i].flows, 1);
		assert_int_equal(s.h[i].bytes_out, 10 + (i - 1));
	}
	host_free(t);
}

static void
dual_stack_host_is_not_a_router(void **state)
{
	struct seen s = { 0 };
	struct stats st = { 0 };
	struct host_table *t = host_new(64, 1, record, &s, &st);

	(void)state;
	/* 3 IPv4 (DHCP renewals) and 6 IPv6 (SLAAC, privacy) addresses,
	 * each seen in many flows: still one host. */
	for (unsigned round = 0; round < 5; round++) {
		for (unsigned i = 0; i < 9; i++) {
			struct addr ip = v4(40 + i);
			struct host_obs o = { CAM, &ip, 0, round * 10 + i };
			if (i >= 3) {
				uint8_t v6[16] = { 0x20, 0x01, 0x0d, 0xb8 };
				v6[15] = (uint8_t)i;
				addr_from_v6(&ip, v6);
			}
			host_flow(t, &o, true, 0, 0, 0, 0);
		}
	}
	host_flush(t);
	assert_int_equal(s.n, 1);
	assert_false(s.h[0].router);
	assert_int_equal(s.h[0].nip, 9);
	assert_int_equal(s.h[0].ips_dropped, 0);
	assert_int_equal(s.h[0].flows, 45);
	assert_int_equal(st.n[STAT_HOST_ROUTER_MACS], 0);
	host_free(t);
}

static void
gateway_splits_what_was_merged(void **state)
{
	struct seen s = { 0 };
	struct stats st = { 0 };
	struct host_table *t = host_new(64, 1, record, &s, &st);
	struct addr ip = v4(1);
	struct host_obs o = { ROUTER, &ip, 0, 5 };

	(void)state;
	host_flow(t, &o, true, 0, 0, 0, 0); /* the router's own DNS service */
	host_gateway(t, ROUTER, 6);          /* then seen in front of remote */
	assert_false(host_is_endpoint(t, ROUTER));
	host_flow(t, &o, false, 1, 80, 1, 60);
	host_flush(t);
	assert_int_equal(s.n, 2);
	assert_true(s.h[0].router);
	assert_int_equal(s.h[1].k.kind, HOST_BY_IP);
	assert_int_equal(s.h[1].flows, 1);
	assert_int_equal(s.h[1].bytes_out, 80);
	host_free(t);
}

static void
group_and_unspecified_are_not_hosts(void **state)
{
	struct seen s = { 0 };
	struct stats st = { 0 };
	struct host_table *t = host_new(64, 1, record, &s, &st);
	static const uint8_t mcast[6] = { 0x01, 0x00, 0x5e, 0x7f, 0xff, 0xfa };
	uint8_t m4[4] = { 239, 255, 255, 250 }, z4[4] = { 0, 0, 0, 0 };
	struct addr g, z;
	struct host_obs o1 = { mcast, &g, 0, 1 }, o2 = { NULL, &g, 0, 1 },
		o3 = { NULL, &z, 0, 1 }, o4 = { CAM, &z, 0, 1 };

	(void)state;
	addr_from_v4(&g, m4);
	addr_from_v4(&z, z4);
	assert_null(host_flow(t, &o1, true, 0, 0, 0, 0));
	assert_null(host_flow(t, &o2, true, 0, 0, 0, 0));
	assert_null(host_flow(t, &o3, true, 0, 0, 0, 0));
	/* A MAC with no address yet (DHCP discover) is a host without IPs. */
	assert_non_null(host_flow(t, &o4, true, 0, 0, 0, 0));
	host_gateway(t, mcast, 1);
	assert_int_equal(host_count(t), 1);
	host_free(t);
}

static void
cap_evicts_oldest(void **state)
{
	struct seen s = { 0 };
	struct stats st = { 0 };
	struct host_table *t = host_new(4, 1, record, &s, &st);

	(void)state;
	for (unsigned i = 0; i < 6; i++) {
		struct addr ip = v4(100 + i);
		struct host_obs o = { NULL, &ip, 0, i };
		host_flow(t, &o, true, 0, 0, 0, 0);
	}
	assert_int_equal(host_count(t), 4);
	assert_int_equal(st.n[STAT_HOST_EVICTED], 2);
	assert_int_equal(s.n, 2);
	assert_true(s.evicted[0]);
	assert_int_equal(s.h[0].k.ip.b[15], 100);
	assert_int_equal(s.h[1].k.ip.b[15], 101);
	host_free(t);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(one_mac_many_flows_one_host),
		cmocka_unit_test(mac_with_many_ips_becomes_router),
		cmocka_unit_test(dual_stack_host_is_not_a_router),
		cmocka_unit_test(gateway_splits_what_was_merged),
		cmocka_unit_test(group_and_unspecified_are_not_hosts),
		cmocka_unit_test(cap_evicts_oldest),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
