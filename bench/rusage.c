/* SPDX-License-Identifier: MIT */
/* rusage.c - bench-rusage: run a command, report wall time, peak RSS, CPU. */
/*
 * usage: bench-rusage [-o FILE] CMD [ARG...]
 *
 * Forks and execs CMD (PATH searched), waits with wait4() and writes one
 * line "WALL_SECONDS MAXRSS_KIB CPU_SECONDS" to FILE (truncated first) or
 * to stderr. Wall time is CLOCK_MONOTONIC around fork..wait; peak RSS is
 * the child's ru_maxrss (KiB on Linux); CPU time its user + system time.
 * CMD's stdin/stdout/stderr are inherited.  The exit status is CMD's,
 * 128+signal if it was killed, 127 if it could not be run.
 */
#define _DEFAULT_SOURCE

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static double
now_s(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

int
main(int argc, char **argv)
{
	const char *out = NULL;
	struct rusage ru;
	double t0, t1;
	FILE *f = stderr;
	int argi = 1, status;
	pid_t pid;

	if (argc > 2 && strcmp(argv[1], "-o") == 0) {
		out = argv[2];
		argi = 3;
	}
	if (argi >= argc) {
		fprintf(stderr, "usage: bench-rusage [-o FILE] CMD [ARG...]\n");
		return 2;
	}
	t0 = now_s();
	pid = fork();
	if (pid < 0) {
		fprintf(stderr, "bench-rusage: fork: %s\n", strerror(errno));
		return 127;
	}
	if (pid == 0) {
		execvp(argv[argi], argv + argi);
		fprintf(stderr, "bench-rusage: cannot run %s: %s\n", argv[argi],
		    strerror(errno));
		_exit(127);
	}
	while (wait4(pid, &status, 0, &ru) < 0) {
		if (errno != EINTR) {
			fprintf(stderr, "bench-rusage: wait4: %s\n",
			    strerror(errno));
			return 127;
		}
	}
	t1 = now_s();
	if (out != NULL && (f = fopen(out, "w")) == NULL) {
		fprintf(stderr, "bench-rusage: cannot write %s: %s\n", out,
		    strerror(errno));
		return 127;
	}
	fprintf(f, "%.6f %ld %.6f\n", t1 - t0, ru.ru_maxrss,
	    (double)ru.ru_utime.tv_sec + (double)ru.ru_utime.tv_usec / 1e6 +
	    (double)ru.ru_stime.tv_sec + (double)ru.ru_stime.tv_usec / 1e6);
	if (f != stderr && fclose(f) != 0)
		return 127;
	if (WIFEXITED(status))
		return WEXITSTATUS(status);
	return WIFSIGNALED(status) ? 128 + WTERMSIG(status) : 127;
}
