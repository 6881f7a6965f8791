/*
 * driver.c -- replay a fuzz target over files, without libFuzzer, so that
 * `make test` and `make check` (ASan/UBSan) run every target over its
 * corpus.  Each input has FUZZ_INPUT_SECONDS: a hang is a failure that
 * names the input.  usage: fuzzrun_X FILE...
 */
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cmd.h"

#define FUZZ_INPUT_SECONDS	10

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

static const char *volatile	driver_input;

static void
driver_write(const char *s)
{
	size_t	n = strlen(s);
	ssize_t	w;

	while (n > 0 && (w = write(STDERR_FILENO, s, n)) > 0) {
		s += w;
		n -= (size_t)w;
	}
}

/* Only async-signal-safe calls here. */
static void
driver_alarm(int sig)
{
	const char	*name = driver_input;

	driver_write("timeout: input took longer than 10 s: ");
	driver_write(name != NULL ? name : "?");
	driver_write("\n");
	_exit(124);
}

int
main(int argc, char **argv)
{
	struct sigaction	 sa;
	char			*buf, *cause = NULL;
	size_t			 len;
	int			 i, n = 0;

	memset(&sa, 0, sizeof sa);
	sa.sa_handler = driver_alarm;
	sigemptyset(&sa.sa_mask);
	if (sigaction(SIGALRM, &sa, NULL) == -1) {
		perror("sigaction");
		return (1);
	}
	for (i = 1; i < argc; i++) {
		if ((buf = cmd_read_file(argv[i], 64 << 20, &len, &cause)) ==
		    NULL) {
			fprintf(stderr, "%s\n", cause);
			free(cause);
			cause = NULL;
			continue;
		}
		driver_input = argv[i];
		alarm(FUZZ_INPUT_SECONDS);
		LLVMFuzzerTestOneInput((const uint8_t *)buf, len);
		alarm(0);
		free(buf);
		n++;
	}
	printf("%d inputs replayed\n", n);
	return (0);
}
