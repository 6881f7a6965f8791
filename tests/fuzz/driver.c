/*
 * driver.c -- replay a fuzz target over files, without libFuzzer, so that
 * `make test` and `make check` (ASan/UBSan) run every target over its
 * corpus.  usage: fuzzrun_X FILE...
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "cmd.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

int
main(int argc, char **argv)
{
	char	*buf, *cause = NULL;
	size_t	 len;
	int	 i, n = 0;

	for (i = 1; i < argc; i++) {
		if ((buf = cmd_read_file(argv[i], 64 << 20, &len, &cause)) ==
		    NULL) {
			fprintf(stderr, "%s\n", cause);
			free(cause);
			cause = NULL;
			continue;
		}
		LLVMFuzzerTestOneInput((const uint8_t *)buf, len);
		free(buf);
		n++;
	}
	printf("%d inputs replayed\n", n);
	return (0);
}
