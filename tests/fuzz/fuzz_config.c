/*
 * fuzz_config.c -- config_load over arbitrary bytes.  config_load takes a
 * path: the input goes to a memfd, read back as /proc/self/fd/N.
 */
#include <sys/mman.h>

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "config.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct config	*c;
	char		 path[64], *cause = NULL;
	size_t		 off = 0;
	ssize_t		 n;
	int		 fd;

	if ((fd = memfd_create("fuzz_config", MFD_CLOEXEC)) == -1)
		abort();
	while (off < size) {
		if ((n = write(fd, data + off, size - off)) <= 0)
			abort();
		off += (size_t)n;
	}
	snprintf(path, sizeof path, "/proc/self/fd/%d", fd);
	c = config_load(path, &cause);
	config_free(c);
	free(cause);
	close(fd);
	return (0);
}
