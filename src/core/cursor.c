/* SPDX-License-Identifier: MIT */
/* cursor.c - the one address every bad cursor points at. */
#include "cursor.h"

const uint8_t cur_bad_mark[1];
