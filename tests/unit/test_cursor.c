/* SPDX-License-Identifier: MIT */
/* test_cursor.c - the bounded cursor: reads, sticky error, sub, clamp. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "core/cursor.h"

static void
reads_in_order(void **state)
{
	static const uint8_t b[] = { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11 };
	struct cur c = cur_make(b, sizeof b);

	(void)state;
	assert_int_equal(cur_u8(&c), 1);
	assert_int_equal(cur_be16(&c), 0x0203);
	assert_int_equal(cur_le16(&c), 0x0504);
	assert_int_equal(cur_be32(&c), 0x06070809u);
	assert_int_equal(cur_left(&c), 2);
	assert_false(cur_bad(&c));
}

static void
short_read_is_sticky(void **state)
{
	static const uint8_t b[] = { 0xaa, 0xbb, 0xcc };
	struct cur c = cur_make(b, sizeof b);

	(void)state;
	assert_int_equal(cur_be32(&c), 0); /* only 3 bytes */
	assert_true(cur_bad(&c));
	/* Once bad, even a read that would fit returns 0. */
	assert_int_equal(cur_u8(&c), 0);
	assert_null(cur_take(&c, 1));
	assert_int_equal(cur_left(&c), 0);
}

static void
sub_splits_and_checks(void **state)
{
	static const uint8_t b[] = { 1, 2, 3, 4, 5 };
	struct cur c = cur_make(b, sizeof b), s;

	(void)state;
	s = cur_sub(&c, 3);
	assert_false(cur_bad(&s));
	assert_int_equal(cur_left(&s), 3);
	assert_int_equal(cur_left(&c), 2);
	assert_int_equal(cur_be16(&s), 0x0102);
	assert_int_equal(cur_u8(&s), 3);
	assert_int_equal(cur_u8(&s), 0);
	assert_true(cur_bad(&s));
	assert_false(cur_bad(&c)); /* the child's error stays in the child */
	s = cur_sub(&c, 9);
	assert_true(cur_bad(&s));
	assert_true(cur_bad(&c));
}

static void
clamp_trims_but_never_grows(void **state)
{
	static const uint8_t b[] = { 1, 2, 3, 4, 5, 6 };
	struct cur c = cur_make(b, sizeof b);

	(void)state;
	assert_true(cur_clamp(&c, 4));
	assert_int_equal(cur_left(&c), 4);
	assert_false(cur_clamp(&c, 5));
	assert_int_equal(cur_left(&c), 4);
	assert_false(cur_skip(&c, 5));
	assert_true(cur_bad(&c));
}

static void
trim_drops_a_tail(void **state)
{
	static const uint8_t b[] = { 1, 2, 3, 4, 5, 6 };
	struct cur c = cur_make(b, sizeof b);

	(void)state;
	assert_true(cur_skip(&c, 1));
	assert_true(cur_trim(&c, 4));
	assert_int_equal(cur_left(&c), 1);
	assert_int_equal(cur_u8(&c), 2);
	assert_false(cur_trim(&c, 1)); /* nothing left */
	c = cur_make(b, 3);
	assert_false(cur_trim(&c, 4)); /* shorter than the trailer */
	assert_int_equal(cur_left(&c), 3);
	assert_true(cur_trim(&c, 3));
	assert_int_equal(cur_left(&c), 0);
	assert_false(cur_bad(&c));
	(void)cur_u8(&c);
	assert_false(cur_trim(&c, 0)); /* a bad cursor stays bad */
}

static void
empty_and_null(void **state)
{
	struct cur c = cur_make(NULL, 0);

	(void)state;
	assert_int_equal(cur_left(&c), 0);
	assert_true(cur_skip(&c, 0));
	assert_int_equal(cur_u8(&c), 0);
	assert_true(cur_bad(&c));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(reads_in_order),
		cmocka_unit_test(short_read_is_sticky),
		cmocka_unit_test(sub_splits_and_checks),
		cmocka_unit_test(clamp_trims_but_never_grows),
		cmocka_unit_test(trim_drops_a_tail),
		cmocka_unit_test(empty_and_null),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
