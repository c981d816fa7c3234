/* SPDX-License-Identifier: MIT */
/* test_intel.c - knowledge base loading and queries, MAC parsing,
 * evidence folding and identity fusion. Runs from the repository root
 * (CTest sets it), reading data/ as shipped. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>
#include <cmocka.h>

#include "intel/ident.h"
#include "intel/kb.h"

static struct kb kb;

static int
setup(void **state)
{
	char err[512];

	(void)state;
	memset(&kb, 0, sizeof kb);
	if (kb_load(&kb, "data", err, sizeof err) < 0) {
		fprintf(stderr, "%s\n", err);
		return -1;
	}
	/* The IEEE registry may be absent: oui-extra.tsv still loads. */
	if (kb_load_oui(&kb, "/usr/share/ieee-data", "data", err,
	    sizeof err) < 0) {
		fprintf(stderr, "%s\n", err);
		return -1;
	}
	return 0;
}

static int
teardown(void **state)
{
	(void)state;
	kb_free(&kb);
	return 0;
}

static void
brands_models_domains(void **state)
{
	const struct kb_brand *b;
	const struct kb_domain *d;
	const struct kb_model *m;

	(void)state;
	b = kb_brand(&kb, " lorex ", 7);
	assert_non_null(b);
	assert_string_equal(kb.maker[b->maker].id, "dahua");
	assert_int_equal(b->rel, REL_OEM);
	assert_null(kb_brand(&kb, "LOREXX", 6));
	m = kb_model(&kb, "DS-2CD2143G2-I", 14);
	assert_non_null(m);
	assert_string_equal(kb.maker[m->maker].id, "hikvision");
	assert_int_equal(m->kind, KIND_CAMERA);
	m = kb_model(&kb, "ds-7608ni-k2", 12); /* any case */
	assert_non_null(m);
	assert_int_equal(m->kind, KIND_NVR);
	assert_null(kb_model(&kb, "P1375", 5));
	d = kb_domain(&kb, "mydjiflight.DJI.com.", 20);
	assert_non_null(d);
	assert_string_equal(d->suffix, "dji.com");
	assert_int_equal(d->role, ROLE_APP);
	/* Suffixes match on label boundaries only. */
	assert_null(kb_domain(&kb, "notdji.com", 10));
	assert_null(kb_domain(&kb, "dji.com.evil.example", 20));
	assert_null(kb_domain(&kb, "com", 3));
	d = kb_domain(&kb, "dev.hik-connect.com", 19);
	assert_non_null(d);
	assert_int_equal(d->role, ROLE_CLOUD);
	assert_int_equal(kb_kind_label(&kb, "ipc", 3), KIND_CAMERA);
	assert_int_equal(kb_kind_label(&kb, "toaster", 7), KIND_UNKNOWN);
}

static void
mac_registry(void **state)
{
	static const uint8_t ezviz[6] = { 0x0c, 0xa6, 0x4c, 1, 2, 3 };
	static const uint8_t hik[6] = { 0x44, 0x19, 0xb6, 1, 2, 3 };
	static const uint8_t local[6] = { 0x02, 0x19, 0xb6, 1, 2, 3 };
	const char *org;

	(void)state;
	/* From data/oui-extra.tsv: present whatever ieee-data holds. */
	org = kb_oui(&kb, ezviz);
	assert_non_null(org);
	assert_string_equal(kb.maker[kb_maker_of_org(&kb, org)].id,
	    "hikvision");
	assert_null(kb_oui(&kb, local));
	if (access("/usr/share/ieee-data/oui.csv", R_OK) != 0) {
		print_message("ieee-data absent: registry lookups not tested\n");
		return;
	}
	assert_null(kb_oui(&kb, hik)); /* not read until asked for */
	assert_int_equal(kb_oui_want(&kb, hik, 1), 0);
	org = kb_oui(&kb, hik);
	assert_non_null(org);
	assert_non_null(strstr(org, "Hikvision"));
	/* Only what was asked for is kept. */
	assert_true(kb.noui < 100);
	assert_int_equal(kb_oui_want(&kb, NULL, 0), 0);
	assert_true(kb.noui > 30000);
	/* "Autelan" is not Autel Robotics. */
	assert_int_equal(kb_maker_of_org(&kb, "Beijing Autelan Technology"),
	    -1);
}

/* Lines of path that start a registry record ("MA-"). */
static size_t
count_records(const char *path)
{
	FILE *f = fopen(path, "r");
	char *line = NULL;
	size_t cap = 0, n = 0;

	if (f == NULL)
		return 0;
	while (getline(&line, &cap, f) > 0)
		n += strncmp(line, "MA-", 3) == 0;
	free(line);
	fclose(f);
	return n;
}

/* The registry is read in chunks of 256 KiB: a record cut by a chunk's
 * end, a prefix in lower case and a quoted name with a comma and a
 * doubled quote are all read as written; an unfiltered read keeps every
 * record. */
static void
registry_in_chunks(void **state)
{
	static const uint8_t want[6] = { 0xa4, 0xb2, 0xc3, 1, 2, 3 };
	static const uint8_t quoted[6] = { 0x0c, 0x0f, 0x10, 1, 2, 3 };
	char dir[] = "/tmp/vigie-oui-XXXXXX", path[64], err[512];
	const char *org;
	struct kb k;
	size_t at = 0, filler = 0, before;
	FILE *f;

	(void)state;
	assert_non_null(mkdtemp(dir));
	snprintf(path, sizeof path, "%s/oui.csv", dir);
	assert_non_null(f = fopen(path, "w"));
	at += (size_t)fprintf(f, "Registry,Assignment,Organization Name,"
	    "Organization Address\r\n");
	/* Filler records up to 7 bytes before the first chunk's end, so
	 * that the wanted record straddles it. */
	while (at + 60 < (256u << 10) - 7) {
		at += (size_t)fprintf(f, "MA-L,%06zX,Filler %06zu,Street 1\r\n",
		    0x100000 + filler, filler);
		filler++;
	}
	while (at < (256u << 10) - 7) {
		fputc('#', f);
		at++;
	}
	fprintf(f, "\r\nMA-L,a4b2c3,Straddling Maker,Somewhere\r\n");
	fprintf(f, "MA-L,0C0F10,\"Quoted, \"\"Maker\"\" Ltd\",\"Line 1\"\r\n");
	for (unsigned i = 0; i < 5000; i++)
		fprintf(f, "MA-L,%06X,After %u,Street 2\r\n", 0x200000 + i, i);
	fclose(f);

	memset(&k, 0, sizeof k);
	assert_true(kb_load_oui(&k, dir, "data", err, sizeof err) >= 0);
	assert_int_equal(kb_oui_want(&k, want, 1), 0);
	assert_non_null(org = kb_oui(&k, want));
	assert_string_equal(org, "Straddling Maker");
	assert_int_equal(kb_oui_want(&k, quoted, 1), 0);
	assert_non_null(org = kb_oui(&k, quoted));
	assert_string_equal(org, "Quoted, \"Maker\" Ltd");
	before = k.noui;
	assert_int_equal(kb_oui_want(&k, NULL, 0), 0);
	assert_int_equal(k.noui - before, filler + 2 + 5000);
	kb_free(&k);
	unlink(path);
	rmdir(dir);

	/* Debian's own files, if there: every record kept. */
	if (access("/usr/share/ieee-data/oui.csv", R_OK) == 0) {
		size_t all = count_records("/usr/share/ieee-data/oui.csv") +
		    count_records("/usr/share/ieee-data/mam.csv") +
		    count_records("/usr/share/ieee-data/oui36.csv");

		memset(&k, 0, sizeof k);
		assert_true(kb_load_oui(&k, "/usr/share/ieee-data", "data",
		    err, sizeof err) >= 0);
		before = k.noui;
		assert_int_equal(kb_oui_want(&k, NULL, 0), 0);
		assert_int_equal(k.noui - before, all);
		kb_free(&k);
	}
}

static void
macs_in_text(void **state)
{
	uint8_t m[6];

	(void)state;
	assert_true(mac_parse("44-47-cc-37-ce-81", 17, m));
	assert_int_equal(m[0], 0x44);
	assert_int_equal(m[5], 0x81);
	assert_true(mac_parse("44:47:CC:37:CE:81", 17, m));
	assert_true(mac_parse("4447cc37ce81", 12, m));
	assert_true(mac_parse("4447.cc37.ce81", 14, m));
	assert_false(mac_parse("4447cc37ce8", 11, m));
	assert_false(mac_parse("4447cc37ce8111", 14, m));
	assert_false(mac_parse("00:00:00:00:00:00", 17, m));
	assert_false(mac_parse("ff:ff:ff:ff:ff:ff", 17, m));
	assert_false(mac_parse("44:47:cc:37:ce:8g", 17, m));
}

static void
add(struct ident_pool *ip, struct ident *id, const char *src, unsigned f,
    unsigned conf, const char *v)
{
	ident_add(ip, id, src, f, conf, v, strlen(v), 1);
}

static void
oem_unit_is_its_maker(void **state)
{
	struct stats st = { 0 };
	struct ident_pool *ip = ident_pool_new(4, &st);
	struct ident *id = ident_get(ip, ident_alloc(ip));
	static const uint8_t lorex_mac[6] = { 0x00, 0x1f, 0x54, 1, 2, 3 };
	struct fused f;

	(void)state;
	add(ip, id, "dhip", FACT_VENDOR, 90, "Dahua");
	add(ip, id, "dhip", FACT_BRAND, 80, "LOREX");
	add(ip, id, "dhip", FACT_MODEL, 95, "LNB4421");
	add(ip, id, "dhip", FACT_KIND, 90, "IPC");
	add(ip, id, "http", FACT_SERIAL, 85, "ND021812345678");
	add(ip, id, "dhip", FACT_SERIAL, 95, "ND021812345678");
	ident_fuse(&kb, id, lorex_mac, &f);
	assert_non_null(f.maker);
	assert_string_equal(f.maker->id, "dahua");
	assert_true(f.covered);
	assert_int_equal(f.brand_len, 5);
	assert_memory_equal(f.brand, "LOREX", 5);
	assert_memory_equal(f.model, "LNB4421", 7);
	assert_int_equal(f.kind, KIND_CAMERA);
	/* Independent sources combine: above any single one. */
	assert_true(f.confidence > 95);
	assert_string_equal(f.conflicts, "");
	ident_pool_free(ip);
}

static void
weak_evidence_stays_weak(void **state)
{
	struct stats st = { 0 };
	struct ident_pool *ip = ident_pool_new(4, &st);
	struct ident *id = ident_get(ip, ident_alloc(ip));
	struct fused f;

	(void)state;
	/* Only a cloud domain: Hikvision, but barely. */
	add(ip, id, "dns", FACT_DOMAIN, 50, "dev.hik-connect.com");
	ident_fuse(&kb, id, NULL, &f);
	assert_non_null(f.maker);
	assert_int_equal(f.confidence, 40);
	/* A phone using a DJI app is an app host, not DJI equipment. */
	id = ident_get(ip, ident_alloc(ip));
	add(ip, id, "dns", FACT_DOMAIN, 50, "mydjiflight.dji.com");
	ident_fuse(&kb, id, NULL, &f);
	assert_int_equal(f.kind, KIND_DRONE_APP);
	assert_false(f.covered);
	assert_null(f.vendor);
	/* No evidence, no vendor. */
	ident_fuse(&kb, NULL, NULL, &f);
	assert_null(f.vendor);
	assert_int_equal(f.kind, KIND_UNKNOWN);
	ident_pool_free(ip);
}

static void
conflicts_and_folding(void **state)
{
	struct stats st = { 0 };
	struct ident_pool *ip = ident_pool_new(2, &st);
	struct ident *id = ident_get(ip, ident_alloc(ip));
	struct fused f;

	(void)state;
	add(ip, id, "sadp", FACT_MODEL, 95, "DS-2CD2143G2-I");
	add(ip, id, "sadp", FACT_MODEL, 95, "DS-2CD2143G2-I");
	add(ip, id, "wsd", FACT_MODEL, 80, "DS-2CD2385G1-I");
	add(ip, id, "sadp", FACT_MAC, 95, "44-19-b6-0a-0b-0c");
	add(ip, id, "isapi", FACT_MAC, 95, "44:19:B6:0A:0B:0C");
	assert_int_equal(id->nev, 4);
	assert_int_equal(id->ev[0].count, 2);
	ident_fuse(&kb, id, NULL, &f);
	assert_memory_equal(f.model, "DS-2CD2143G2-I", 14);
	assert_string_equal(f.conflicts, "model"); /* not mac: same bytes */
	assert_true(f.has_mac);
	/* The list is bounded; what does not fit is counted. */
	for (unsigned i = 0; i < IDENT_EVID_MAX + 5; i++) {
		char v[16];
		snprintf(v, sizeof v, "name%u", i);
		add(ip, id, "mdns", FACT_NAME, 50, v);
	}
	assert_int_equal(id->nev, IDENT_EVID_MAX);
	assert_int_equal(st.n[STAT_EVIDENCE_DROPPED], 9);
	/* The pool is bounded too. */
	assert_int_not_equal(ident_alloc(ip), 0);
	assert_int_equal(ident_alloc(ip), 0);
	ident_pool_free(ip);
}

/* A copy of the shipped knowledge base in a new directory dir (a
 * mkdtemp() template), for a test to spoil one file of. */
static void
kb_copy(char *dir)
{
	static const char *const files[] = { "manufacturers.tsv",
		"brands.tsv", "domains.tsv", "models.tsv", "kinds.tsv" };

	assert_non_null(mkdtemp(dir));
	for (unsigned i = 0; i < sizeof files / sizeof files[0]; i++) {
		char cmd[600];

		snprintf(cmd, sizeof cmd, "cp data/%s %s/", files[i], dir);
		assert_int_equal(system(cmd), 0);
	}
}

static void
bad_data_files_named(void **state)
{
	char dir[] = "/tmp/vigie-kb-XXXXXX", path[256], err[512];
	struct kb *k = calloc(1, sizeof *k);
	FILE *f;

	(void)state;
	kb_copy(dir);
	snprintf(path, sizeof path, "%s/brands.tsv", dir);
	f = fopen(path, "a");
	assert_non_null(f);
	fputs("Acme\tnobody\toem\tno such maker\n", f);
	fclose(f);
	assert_int_equal(kb_load(k, dir, err, sizeof err), -1);
	assert_non_null(strstr(err, "brands.tsv:"));
	assert_non_null(strstr(err, "unknown maker 'nobody'"));
	snprintf(path, sizeof path, "rm -rf %s", dir);
	assert_int_equal(system(path), 0);
	free(k);
}

/* The longest suffix of sfx[] that name (n bytes) ends with on a label
 * boundary, compared without case, a trailing dot ignored: kb_domain()'s
 * meaning, the slow way. */
static const char *
naive_domain(const char *const *sfx, unsigned ns, const char *name,
    size_t n)
{
	const char *best = NULL;

	if (n > 0 && name[n - 1] == '.')
		n--;
	for (unsigned i = 0; i < ns; i++) {
		size_t l = strlen(sfx[i]);

		if (l <= n && strncasecmp(name + n - l, sfx[i], l) == 0 &&
		    (l == n || name[n - l - 1] == '.') &&
		    (best == NULL || l > strlen(best)))
			best = sfx[i];
	}
	return best;
}

/* The filter in front of kb_domain() never turns a match away: names of
 * every length around 8 bytes, with their suffix's dots inside and
 * outside the last word, any case, against suffixes of 3 to 20 bytes and
 * 2 or 3 labels; and a sweep of made-up names over a small alphabet. */
static void
domain_filter_keeps_matches(void **state)
{
	char dir[] = "/tmp/vigie-kb-XXXXXX", path[256], err[512];
	static const char *const extra[] = { "a.b", "ab.c", "x.y.zz",
		"q.r.stuvwxyz", "cam.vendor-cloud.example", "b.ab.c" };
	static const char *const pre[] = { "", "a.", "A.b.", "wwwwwwwww.",
		"x.Y.z.", "0." };
	const char *sfx[64];
	unsigned ns = 0;
	struct kb *k = calloc(1, sizeof *k);
	FILE *f;

	(void)state;
	kb_copy(dir);
	snprintf(path, sizeof path, "%s/domains.tsv", dir);
	f = fopen(path, "a");
	assert_non_null(f);
	for (unsigned i = 0; i < sizeof extra / sizeof extra[0]; i++)
		fprintf(f, "%s\thikvision\tcloud\ttest %u\n", extra[i], i);
	fclose(f);
	assert_int_equal(kb_load(k, dir, err, sizeof err), 0);
	for (unsigned i = 0; i < k->ndomain && ns < 64; i++)
		sfx[ns++] = k->domain[i].suffix;
	for (unsigned i = 0; i < ns; i++) {
		for (unsigned j = 0; j < sizeof pre / sizeof pre[0]; j++) {
			char name[128];
			size_t n;

			n = (size_t)snprintf(name, sizeof name, "%s%s%s",
			    pre[j], sfx[i], j % 2 ? "." : "");
			if (j >= 2)
				for (size_t c = 0; c < n; c += 2)
					if (name[c] >= 'a' && name[c] <= 'z')
						name[c] = (char)(name[c] - 32);
			assert_true(kb_domain_may_match(k, name, n));
			assert_non_null(kb_domain(k, name, n));
			assert_string_equal(kb_domain(k, name, n)->suffix,
			    naive_domain(sfx, ns, name, n));
		}
	}
	/* Every name of up to 7 symbols over "abcz.": kb_domain() as the
	 * slow way says. */
	{
		static const char sym[] = "abcz.";
		char name[8];

		for (unsigned len = 1; len <= 7; len++) {
			unsigned total = 1;

			for (unsigned c = 0; c < len; c++)
				total *= 5;
			for (unsigned v = 0; v < total; v++) {
				const struct kb_domain *d;
				const char *want;
				unsigned x = v;

				for (unsigned c = 0; c < len; c++, x /= 5)
					name[c] = sym[x % 5];
				d = kb_domain(k, name, len);
				want = naive_domain(sfx, ns, name, len);
				if (want == NULL)
					assert_null(d);
				else
					assert_string_equal(d->suffix, want);
			}
		}
	}
	snprintf(path, sizeof path, "rm -rf %s", dir);
	assert_int_equal(system(path), 0);
	free(k);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(brands_models_domains),
		cmocka_unit_test(mac_registry),
		cmocka_unit_test(registry_in_chunks),
		cmocka_unit_test(macs_in_text),
		cmocka_unit_test(oem_unit_is_its_maker),
		cmocka_unit_test(weak_evidence_stays_weak),
		cmocka_unit_test(conflicts_and_folding),
		cmocka_unit_test(bad_data_files_named),
		cmocka_unit_test(domain_filter_keeps_matches),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
