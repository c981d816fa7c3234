/* SPDX-License-Identifier: MIT */
/* outfile.c - write to PATH.tmp, rename when whole (see outfile.h). */
#include "outfile.h"

#include <errno.h>
#include <string.h>
#include <sys/stat.h>

FILE *
outfile_open(struct outfile *of, const char *path, char *err, size_t errn)
{
	struct stat st;
	FILE *f;

	of->path = path;
	of->std = strcmp(path, "-") == 0;
	if (of->std)
		return stdout;
	of->direct = stat(path, &st) == 0 && !S_ISREG(st.st_mode);
	if (of->direct) {
		if ((f = fopen(path, "w")) == NULL)
			snprintf(err, errn, "cannot write %s: %s", path,
			    strerror(errno));
		return f;
	}
	if (snprintf(of->tmp, sizeof of->tmp, "%s.tmp", path) >=
	    (int)sizeof of->tmp) {
		snprintf(err, errn, "%s: path too long", path);
		return NULL;
	}
	if ((f = fopen(of->tmp, "w")) == NULL)
		snprintf(err, errn, "cannot write %s: %s", path,
		    strerror(errno));
	return f;
}

int
outfile_close(struct outfile *of, FILE *f, bool ok, char *err, size_t errn)
{
	bool bad = ferror(f);
	int e;

	/* errno from the write that failed may since have been overwritten
	 * (the report's database calls set it even when they succeed). The
	 * data a failed write left in the buffer is written again: it fails
	 * again, for the same reason (a full disk, a closed pipe). */
	clearerr(f);
	errno = 0;
	bad = fflush(f) != 0 || bad;
	e = errno;
	if (!of->std && fclose(f) != 0 && !bad) {
		bad = true;
		e = errno;
	}
	if (ok && !bad && (of->std || of->direct ||
	    rename(of->tmp, of->path) == 0))
		return 0;
	/* Standard output's reader left (`vigie report | head`): it chose
	 * to stop reading, which is no error. */
	if (ok && outfile_reader_left(of->std, e))
		return 0;
	if (ok && !bad)
		e = errno;
	if (!of->std && !of->direct)
		(void)remove(of->tmp);
	if (ok)
		snprintf(err, errn, "cannot write %s: %s", of->std ?
		    "to standard output" : of->path,
		    e ? strerror(e) : "write error");
	return -1;
}
