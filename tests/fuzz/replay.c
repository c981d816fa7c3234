/* SPDX-License-Identifier: MIT */
/* replay.c - runs a libFuzzer target over files or directories without
 * libFuzzer, so the corpus and every crash reproducer replay in CTest. */
#include <dirent.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static int
run_file(const char *path)
{
	FILE *f = fopen(path, "rb");
	uint8_t *buf;
	long n;

	if (f == NULL || fseek(f, 0, SEEK_END) != 0 || (n = ftell(f)) < 0) {
		fprintf(stderr, "replay: cannot read %s\n", path);
		if (f)
			fclose(f);
		return -1;
	}
	rewind(f);
	buf = malloc((size_t)n + 1);
	if (buf == NULL || fread(buf, 1, (size_t)n, f) != (size_t)n) {
		fprintf(stderr, "replay: cannot read %s\n", path);
		free(buf);
		fclose(f);
		return -1;
	}
	fclose(f);
	LLVMFuzzerTestOneInput(buf, (size_t)n);
	free(buf);
	return 0;
}

int
main(int argc, char **argv)
{
	unsigned files = 0;

	for (int i = 1; i < argc; i++) {
		struct stat st;
		DIR *d;
		struct dirent *de;

		if (stat(argv[i], &st) != 0) {
			fprintf(stderr, "replay: no such file %s\n", argv[i]);
			return 1;
		}
		if (!S_ISDIR(st.st_mode)) {
			if (run_file(argv[i]) < 0)
				return 1;
			files++;
			continue;
		}
		d = opendir(argv[i]);
		while (d && (de = readdir(d)) != NULL) {
			char p[4096];
			if (de->d_name[0] == '.')
				continue;
			snprintf(p, sizeof p, "%s/%s", argv[i], de->d_name);
			if (run_file(p) < 0)
				return 1;
			files++;
		}
		if (d)
			closedir(d);
	}
	printf("replayed %u inputs\n", files);
	return files ? 0 : 1;
}
