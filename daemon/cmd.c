/*
 * cmd.c -- helpers shared by the otsnews subcommands.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "cmd.h"
#include "xmalloc.h"

char *
cmd_read_file(const char *path, size_t limit, size_t *len, char **cause)
{
	FILE		*f;
	struct buf	 b;
	char		 chunk[65536];
	size_t		 n;

	if (strcmp(path, "-") == 0)
		f = stdin;
	else if ((f = fopen(path, "rb")) == NULL) {
		xasprintf(cause, "%s: %s", path, strerror(errno));
		return (NULL);
	}
	buf_init(&b, limit);
	while ((n = fread(chunk, 1, sizeof chunk, f)) > 0) {
		if (buf_add(&b, chunk, n) == -1) {
			xasprintf(cause, "%s: larger than %zu bytes", path,
			    limit);
			buf_clear(&b);
			if (f != stdin)
				fclose(f);
			return (NULL);
		}
	}
	if (ferror(f)) {
		xasprintf(cause, "%s: read error", path);
		buf_clear(&b);
		if (f != stdin)
			fclose(f);
		return (NULL);
	}
	if (f != stdin)
		fclose(f);
	*len = b.len;
	return (buf_steal(&b));
}
