/*
 * testdata.h -- where the unit tests find their data, and how they read it.
 * Tests run from the repository root; OTSNEWS_TESTDATA overrides the folder.
 */
#ifndef OTSNEWS_TESTDATA_H
#define OTSNEWS_TESTDATA_H

#include <stdlib.h>

#include "cmd.h"

static inline const char *
data_dir(void)
{
	const char	*d = getenv("OTSNEWS_TESTDATA");

	return (d != NULL && *d != '\0' ? d : "tests/data");
}

/* The same bounded reader the otsnews commands use; len may be NULL. */
static inline char *
slurp(const char *path, size_t *len)
{
	char	*cause = NULL, *buf;
	size_t	 n;

	if ((buf = cmd_read_file(path, 64 << 20, &n, &cause)) == NULL)
		free(cause);
	else if (len != NULL)
		*len = n;
	return (buf);
}

/*
 * The size of a stress input: n, or n / 20 when OTSNEWS_TEST_SMALL is set
 * (tests/run.sh sets it under valgrind, which checks memory, not time; the
 * plain and sanitizer runs keep the full sizes that catch quadratic work).
 */
static inline size_t
test_scale(size_t n)
{
	const char	*s = getenv("OTSNEWS_TEST_SMALL");

	return (s != NULL && *s != '\0' ? n / 20 + 1 : n);
}

#endif
