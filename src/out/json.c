/* SPDX-License-Identifier: MIT */
/* json.c - JSON Lines sink (RFC 8259, jsonlines.org): one object a line,
 * keys in schema order, "type" first. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../core/esc.h"
#include "../core/limits.h"
#include "outfile.h"
#include "sink.h"

struct jbuf {
	char *p;
	size_t len, cap;
	int oom;
};

static void
jb_put(struct jbuf *b, const char *s, size_t n)
{
	if (b->oom)
		return;
	if (b->len + n + 1 > b->cap) {
		size_t nc = b->cap ? b->cap : 1024;
		char *np;
		while (b->len + n + 1 > nc)
			nc *= 2;
		np = realloc(b->p, nc);
		if (np == NULL) {
			b->oom = 1;
			return;
		}
		b->p = np;
		b->cap = nc;
	}
	memcpy(b->p + b->len, s, n);
	b->len += n;
	b->p[b->len] = '\0';
}

static void
jb_str(struct jbuf *b, const char *s)
{
	jb_put(b, s, strlen(s));
}

/* A quoted, escaped JSON string; strings are capped at STR_MAX input
 * bytes, and escaping can grow each byte to 6. */
static void
jb_qstr(struct jbuf *b, const char *s, size_t n)
{
	char tmp[STR_MAX * 6 + 1];

	if (n > STR_MAX)
		n = STR_MAX;
	jb_put(b, "\"", 1);
	jb_put(b, tmp, esc_json(tmp, sizeof tmp, s, n));
	jb_put(b, "\"", 1);
}

static void
jb_val(struct jbuf *b, enum ftype t, const struct val *v)
{
	char tmp[64];

	if (!v->set) {
		jb_str(b, "null");
		return;
	}
	switch (t) {
	case FT_STR:
		jb_qstr(b, v->u.s.p, v->u.s.len);
		break;
	case FT_U64:
		snprintf(tmp, sizeof tmp, "%llu", (unsigned long long)v->u.u);
		jb_str(b, tmp);
		break;
	case FT_F64:
		snprintf(tmp, sizeof tmp, "%.3f", v->u.d);
		jb_str(b, tmp);
		break;
	case FT_I64:
		snprintf(tmp, sizeof tmp, "%lld", (long long)v->u.i);
		jb_str(b, tmp);
		break;
	case FT_DEG:
		snprintf(tmp, sizeof tmp, "%.7f", v->u.d);
		jb_str(b, tmp);
		break;
	case FT_BOOL:
		jb_str(b, v->u.b ? "true" : "false");
		break;
	case FT_TIME:
		jb_put(b, "\"", 1);
		jb_str(b, time_fmt(v->u.u, tmp, sizeof tmp));
		jb_put(b, "\"", 1);
		break;
	case FT_ADDR:
		jb_put(b, "\"", 1);
		jb_str(b, addr_fmt(&v->u.a, tmp, sizeof tmp));
		jb_put(b, "\"", 1);
		break;
	case FT_MAC:
		jb_put(b, "\"", 1);
		jb_str(b, mac_fmt(v->u.mac, tmp, sizeof tmp));
		jb_put(b, "\"", 1);
		break;
	case FT_ADDRS:
		jb_put(b, "[", 1);
		for (unsigned i = 0; i < v->u.addrs.n; i++) {
			if (i)
				jb_put(b, ",", 1);
			jb_put(b, "\"", 1);
			jb_str(b, addr_fmt(&v->u.addrs.v[i], tmp, sizeof tmp));
			jb_put(b, "\"", 1);
		}
		jb_put(b, "]", 1);
		break;
	case FT_EVID:
		jb_put(b, "[", 1);
		for (unsigned i = 0; i < v->u.evid.n; i++) {
			const struct rec_evid *e = &v->u.evid.v[i];

			jb_str(b, i ? ",{\"source\":" : "{\"source\":");
			jb_qstr(b, e->source, strlen(e->source));
			jb_str(b, ",\"field\":");
			jb_qstr(b, e->field, strlen(e->field));
			jb_str(b, ",\"value\":");
			jb_qstr(b, e->val, e->len);
			snprintf(tmp, sizeof tmp, ",\"confidence\":%u,"
			    "\"count\":%u}", e->conf, e->count);
			jb_str(b, tmp);
		}
		jb_put(b, "]", 1);
		break;
	case FT_OBJ:
		jb_put(b, "{", 1);
		for (unsigned i = 0; i < v->u.obj.n; i++) {
			if (i)
				jb_put(b, ",", 1);
			jb_qstr(b, v->u.obj.name[i], strlen(v->u.obj.name[i]));
			snprintf(tmp, sizeof tmp, ":%llu",
			    (unsigned long long)v->u.obj.val[i]);
			jb_str(b, tmp);
		}
		jb_put(b, "}", 1);
		break;
	}
}

long
json_render(const struct record *r, char **buf, size_t *cap)
{
	struct jbuf b = { *buf, 0, *cap, 0 };

	jb_str(&b, "{\"type\":\"");
	jb_str(&b, r->s->name);
	jb_put(&b, "\"", 1);
	for (unsigned i = 0; i < r->s->n; i++) {
		jb_put(&b, ",\"", 2);
		jb_str(&b, r->s->f[i].name);
		jb_put(&b, "\":", 2);
		jb_val(&b, r->s->f[i].type, &r->v[i]);
	}
	jb_put(&b, "}\n", 2);
	*buf = b.p;
	*cap = b.cap;
	return b.oom ? -1 : (long)b.len;
}

long
json_value(enum ftype t, const struct val *v, char **buf, size_t *cap)
{
	struct jbuf b = { *buf, 0, *cap, 0 };

	jb_val(&b, t, v);
	jb_put(&b, "", 0);
	*buf = b.p;
	*cap = b.cap;
	return b.oom ? -1 : (long)b.len;
}

struct json_sink {
	FILE *f;
	int own;
	int gone;  /* standard output's reader left (EPIPE): stop quietly */
	char *buf;
	size_t cap;
	char path[256];
	char err[320];
};

/* A write to j failed: -1 with the reason, or 0 when j is standard
 * output and its reader has gone (`vigie scan --json - | head`): the
 * reader chose to stop reading, so that is no error and nothing more
 * is written to it. */
static int
json_failed(struct json_sink *j)
{
	if (outfile_reader_left(!j->own, errno)) {
		j->gone = 1;
		return 0;
	}
	snprintf(j->err, sizeof j->err, "%s", strerror(errno));
	return -1;
}

static int
json_write(void *self, const struct record *r)
{
	struct json_sink *j = self;
	long n;

	if (j->gone)
		return 0;
	if ((n = json_render(r, &j->buf, &j->cap)) < 0) {
		snprintf(j->err, sizeof j->err, "out of memory");
		return -1;
	}
	if (fwrite(j->buf, 1, (size_t)n, j->f) != (size_t)n)
		return json_failed(j);
	return 0;
}

static int
json_close(void *self, const struct run_end *end, char *msg, size_t msgn)
{
	struct json_sink *j = self;
	int rc = 0;

	/* end is NULL when the failure was reported as it happened. */
	if (end != NULL && !j->gone && (fflush(j->f) != 0 || ferror(j->f)) &&
	    json_failed(j) < 0) {
		snprintf(msg, msgn, "JSON output %s: %s", j->path, j->err);
		rc = -1;
	}
	if (j->own && fclose(j->f) != 0 && rc == 0) {
		snprintf(msg, msgn, "JSON output %s: %s", j->path,
		    strerror(errno));
		rc = -1;
	}
	free(j->buf);
	free(j);
	return rc;
}

static const char *
json_error(void *self)
{
	return ((struct json_sink *)self)->err;
}

static const struct sink_ops json_ops = { "json", json_write, json_close,
	json_error };

int
json_open(struct sink *s, const char *path, char *err, size_t errn)
{
	struct json_sink *j = calloc(1, sizeof *j);

	if (j == NULL) {
		snprintf(err, errn, "out of memory");
		return -1;
	}
	snprintf(j->path, sizeof j->path, "%s", path);
	if (strcmp(path, "-") == 0) {
		j->f = stdout;
	} else {
		j->f = fopen(path, "w");
		j->own = 1;
		if (j->f == NULL) {
			snprintf(err, errn, "cannot write JSON output %s: %s",
			    path, strerror(errno));
			free(j);
			return -1;
		}
	}
	s->ops = &json_ops;
	s->self = j;
	s->failed = 0;
	return 0;
}
