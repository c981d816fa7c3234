/* SPDX-License-Identifier: MIT */
/* esc.h - the one way strings leave vigie: escaped, length-capped copies.
 *
 * Anything that may have come from the wire is written only through these.
 * Each writes at most cap-1 bytes plus a NUL into out and returns the
 * length written; input beyond what fits is dropped whole characters at a
 * time (never half an escape), and the result is always valid UTF-8. */
#ifndef VIGIE_ESC_H
#define VIGIE_ESC_H

#include <stdbool.h>
#include <stddef.h>

/* esc_json: body of a JSON string (no quotes): ", \ and control bytes
 * escaped, < > & ' U+2028 U+2029 as \u escapes (safe inside HTML too),
 * invalid UTF-8 bytes as U+FFFD. in has n bytes (NULs are escaped). */
size_t esc_json(char *out, size_t cap, const char *in, size_t n);

/* esc_term: printable text for a terminal: control bytes and invalid
 * UTF-8 as \xNN, backslash doubled, so no escape sequence gets through. */
size_t esc_term(char *out, size_t cap, const char *in, size_t n);

/* esc_html: text for an HTML element or a quoted attribute value: & < > "
 * ' as character references; control characters (C0, DEL, C1) and the
 * bidirectional controls that could reorder what a reader sees (U+061C,
 * U+200E, U+200F, U+202A..U+202E, U+2066..U+2069) as visible \xNN or
 * \uNNNN text; invalid UTF-8 as U+FFFD. Needs up to 6 bytes per input
 * byte. */
size_t esc_html(char *out, size_t cap, const char *in, size_t n);

/* esc_csv: one whole CSV cell (RFC 4180): the text in double quotes with
 * inner quotes doubled. A cell whose first character is = + - @ TAB or CR
 * (which a spreadsheet would run as a formula) gets a ' in front, inside
 * the quotes. Control characters other than TAB, CR and LF become \xNN,
 * invalid UTF-8 U+FFFD. Needs up to 4 bytes per input byte plus 4. */
size_t esc_csv(char *out, size_t cap, const char *in, size_t n);

/* esc_utf8: a valid UTF-8 copy: invalid sequences and NUL become U+FFFD;
 * nothing else changes (for stores that bind values, such as SQLite). */
size_t esc_utf8(char *out, size_t cap, const char *in, size_t n);

/* utf8_len: length of the valid UTF-8 sequence at in (n bytes left), or
 * 0 if the bytes there are not one (overlong, surrogate, > U+10FFFF). *cp
 * receives the code point. */
size_t utf8_len(const unsigned char *in, size_t n, unsigned *cp);

/* esc_label_ok: s (NUL-terminated) is an acceptable site or organisation
 * label: 1-64 bytes, none of them a control character (0x00-0x1f, 0x7f).
 * Labels are still escaped wherever they are written. */
bool esc_label_ok(const char *s);

#endif
