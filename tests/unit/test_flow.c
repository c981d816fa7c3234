/* SPDX-License-Identifier: MIT */
/* test_flow.c - flow table: both directions, initiator, idle expiry,
 * eviction at the cap, TCP 5-tuple reuse, ordered flush. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "core/flow.h"
#include "core/limits.h"

struct seen {
	struct flow f[64];
	enum flow_end why[64];
	unsigned n;
};

static void
record(void *ctx, const struct flow *f, enum flow_end why)
{
	struct seen *s = ctx;

	assert_true(s->n < 64);
	s->f[s->n] = *f;
	s->why[s->n++] = why;
}

static struct pkt
mk(unsigned src, unsigned sport, unsigned dst, unsigned dport, uint8_t proto,
    uint8_t flags, uint64_t ts)
{
	struct pkt p;
	uint8_t a[4] = { 10, 0, 0, (uint8_t)src }, b[4] = { 10, 0, 0,
		(uint8_t)dst };

	memset(&p, 0, sizeof p);
	addr_from_v4(&p.src, a);
	addr_from_v4(&p.dst, b);
	p.sport = (uint16_t)sport;
	p.dport = (uint16_t)dport;
	p.proto = proto;
	p.tcp_flags = flags;
	p.ts_us = ts;
	p.ip_len = 100;
	p.l3 = 4;
	p.l4_ok = true;
	return p;
}

static void
both_directions_one_flow(void **state)
{
	struct seen s = { 0 };
	struct stats st = { 0 };
	struct flow_table *t = flow_new(64, 120000000, 1, record, &s, &st);
	struct pkt p1 = mk(9, 5000, 1, 53, 17, 0, 1000);
	struct pkt p2 = mk(1, 53, 9, 5000, 17, 0, 2000);
	struct flow *f1, *f2;
	bool created;
	int side1, side2;

	(void)state;
	f1 = flow_update(t, &p1, &side1, &created);
	assert_true(created);
	f2 = flow_update(t, &p2, &side2, &created);
	assert_false(created);
	assert_ptr_equal(f1, f2);
	assert_int_not_equal(side1, side2);
	assert_int_equal(f1->init, side1); /* first sender initiated */
	assert_int_equal(f1->pkts[side1], 1);
	assert_int_equal(f1->pkts[side2], 1);
	assert_int_equal(flow_count(t), 1);
	flow_flush(t);
	assert_int_equal(s.n, 1);
	assert_int_equal(s.why[0], FLOW_END_EOF);
	assert_int_equal(s.f[0].first_us, 1000);
	assert_int_equal(s.f[0].last_us, 2000);
	assert_int_equal(flow_count(t), 0);
	flow_free(t);
}

static void
synack_first_makes_receiver_initiator(void **state)
{
	struct seen s = { 0 };
	struct stats st = { 0 };
	struct flow_table *t = flow_new(64, 120000000, 1, record, &s, &st);
	struct pkt p = mk(1, 443, 9, 40001, 6, TCP_SYN | TCP_ACK, 10);
	struct flow *f;
	bool created;
	int side;

	(void)state;
	f = flow_update(t, &p, &side, &created);
	assert_int_equal(f->init, !side);
	flow_free(t);
}

static void
idle_expiry_uses_packet_time(void **state)
{
	struct seen s = { 0 };
	struct stats st = { 0 };
	struct flow_table *t = flow_new(64, 120000000, 1, record, &s, &st);
	struct pkt a = mk(2, 1, 3, 1, 17, 0, 0), b = mk(4, 1, 5, 1, 17, 0, 0);
	bool created;
	int side;

	(void)state;
	flow_update(t, &a, &side, &created);
	flow_update(t, &b, &side, &created);
	b.ts_us = 100000000; /* b stays active */
	flow_update(t, &b, &side, &created);
	flow_expire(t, 119000000);
	assert_int_equal(s.n, 0);
	flow_expire(t, 121000000); /* a idle 121 s, b only 21 s */
	assert_int_equal(s.n, 1);
	assert_int_equal(s.why[0], FLOW_END_IDLE);
	assert_int_equal(s.f[0].k.a.b[15], 2);
	assert_int_equal(st.n[STAT_FLOW_IDLE], 1);
	assert_int_equal(flow_count(t), 1);
	flow_free(t);
}

static void
cap_evicts_least_recently_active(void **state)
{
	struct seen s = { 0 };
	struct stats st = { 0 };
	struct flow_table *t = flow_new(16, 1000000000, 7, record, &s, &st);
	bool created;
	int side;

	(void)state;
	for (unsigned i = 0; i < 16; i++) {
		struct pkt p = mk(100, 1000 + i, 1, 80, 6, TCP_SYN, i);
		flow_update(t, &p, &side, &created);
	}
	/* Touch the oldest flow so that the second oldest is evicted. */
	struct pkt again = mk(100, 1000, 1, 80, 6, TCP_ACK, 50);
	flow_update(t, &again, &side, &created);
	assert_false(created);
	struct pkt extra = mk(100, 2000, 1, 80, 6, TCP_SYN, 60);
	flow_update(t, &extra, &side, &created);
	assert_true(created);
	assert_int_equal(flow_count(t), 16);
	assert_int_equal(s.n, 1);
	assert_int_equal(s.why[0], FLOW_END_EVICTED);
	assert_int_equal(s.f[0].k.pa == 1001 || s.f[0].k.pb == 1001, 1);
	assert_int_equal(st.n[STAT_FLOW_EVICTED], 1);
	/* Many more: the table never grows beyond its cap. */
	for (unsigned i = 0; i < 40; i++) {
		struct pkt p = mk(101, 3000 + i, 1, 80, 17, 0, 100 + i);
		flow_update(t, &p, &side, &created);
	}
	assert_int_equal(flow_count(t), 16);
	assert_int_equal(st.n[STAT_FLOW_EVICTED], 41);
	flow_free(t);
}

static void
tcp_reuse_starts_new_flow(void **state)
{
	struct seen s = { 0 };
	struct stats st = { 0 };
	struct flow_table *t = flow_new(64, 120000000, 1, record, &s, &st);
	struct pkt p[] = {
		mk(9, 40000, 1, 80, 6, TCP_SYN, 1),
		mk(1, 80, 9, 40000, 6, TCP_SYN | TCP_ACK, 2),
		mk(9, 40000, 1, 80, 6, TCP_FIN | TCP_ACK, 3),
		mk(1, 80, 9, 40000, 6, TCP_FIN | TCP_ACK, 4),
		mk(9, 40000, 1, 80, 6, TCP_SYN, 5),
	};
	bool created;
	int side;

	(void)state;
	for (unsigned i = 0; i < 5; i++)
		flow_update(t, &p[i], &side, &created);
	assert_true(created);
	assert_int_equal(s.n, 1);
	assert_int_equal(s.why[0], FLOW_END_CLOSED);
	assert_int_equal(s.f[0].pkts[0] + s.f[0].pkts[1], 4);
	assert_int_equal(st.n[STAT_FLOW_TCP_REUSE], 1);
	flow_free(t);
}

static void
flush_orders_by_first_packet(void **state)
{
	struct seen s = { 0 };
	struct stats st = { 0 };
	struct flow_table *t = flow_new(64, 120000000, 99, record, &s, &st);
	bool created;
	int side;

	(void)state;
	for (unsigned i = 0; i < 10; i++) {
		struct pkt p = mk(20 + i, 1, 1, 1, 17, 0, 1000 - i * 10);
		flow_update(t, &p, &side, &created);
	}
	flow_flush(t);
	assert_int_equal(s.n, 10);
	for (unsigned i = 1; i < 10; i++)
		assert_true(s.f[i - 1].first_us < s.f[i].first_us);
	flow_free(t);
}

static void
bad_capacity_refused(void **state)
{
	struct stats st = { 0 };

	(void)state;
	assert_null(flow_new(1, 1, 1, record, NULL, &st));
	assert_null(flow_new(FLOW_MAX_MAX + 1u, 1, 1, record, NULL, &st));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(both_directions_one_flow),
		cmocka_unit_test(synack_first_makes_receiver_initiator),
		cmocka_unit_test(idle_expiry_uses_packet_time),
		cmocka_unit_test(cap_evicts_least_recently_active),
		cmocka_unit_test(tcp_reuse_starts_new_flow),
		cmocka_unit_test(flush_orders_by_first_packet),
		cmocka_unit_test(bad_capacity_refused),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
