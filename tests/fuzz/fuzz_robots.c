/*
 * fuzz_robots.c -- robots.txt parsing and matching over arbitrary bytes:
 * the input is the file, and each of its lines a path and a URL.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "robots.h"
#include "xmalloc.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct robots	*r;
	const char	*s = (const char *)data, *end = s + size, *eol;
	char		*line, *origin, *path, *cause = NULL;
	size_t		 n = 0;

	r = robots_parse(s, size, "otsnewsd");
	(void)robots_allowed(r, "/");
	(void)robots_crawl_delay(r);
	while (robots_sitemap(r, n) != NULL)
		n++;
	for (n = 0; s < end && n < 64; n++, s = eol + 1) {
		if ((eol = memchr(s, '\n', (size_t)(end - s))) == NULL)
			eol = end;
		line = xstrndup(s, (size_t)(eol - s));
		(void)robots_allowed(r, line);
		if (robots_url_split(line, &origin, &path, &cause) == 0) {
			(void)robots_allowed(r, path);
			free(origin);
			free(path);
		} else
			free(cause);
		cause = NULL;
		free(line);
	}
	robots_free(r);
	r = robots_from_response(200, (const char *)data, size, NULL);
	robots_free(r);
	return (0);
}
