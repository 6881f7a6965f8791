/*
 * gunzip.h -- inflate a gzip document (sitemap.xml.gz) with a hard cap.
 *
 * Content-Encoding is curl's business; this is for documents that are
 * themselves .gz files.  A compression bomb stops at the limit.
 */
#ifndef OTSNEWS_GUNZIP_H
#define OTSNEWS_GUNZIP_H

#include <stddef.h>

/* Nonzero when the buffer starts with the gzip magic. */
int	 gunzip_is_gzip(const char *, size_t);
/* Inflate; NULL with *cause on error or past limit bytes. */
char	*gunzip_buf(const char *, size_t, size_t limit, size_t *outlen,
	    char **cause);

#endif
