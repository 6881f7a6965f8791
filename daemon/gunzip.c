/*
 * gunzip.c -- zlib inflate with a cap on the decompressed size.
 */
#include <stdint.h>
#include <string.h>

#include <zlib.h>

#include "buf.h"
#include "gunzip.h"
#include "xmalloc.h"

int
gunzip_is_gzip(const char *p, size_t len)
{
	return (len >= 2 && (unsigned char)p[0] == 0x1f &&
	    (unsigned char)p[1] == 0x8b);
}

char *
gunzip_buf(const char *in, size_t len, size_t limit, size_t *outlen,
    char **cause)
{
	z_stream	 z;
	struct buf	 b;
	unsigned char	 chunk[65536];
	int		 rc;

	memset(&z, 0, sizeof z);
	if (inflateInit2(&z, 15 + 32) != Z_OK) {	/* gzip or zlib */
		xasprintf(cause, "inflateInit2 failed");
		return (NULL);
	}
	buf_init(&b, limit);
	z.next_in = (unsigned char *)(uintptr_t)in;
	z.avail_in = (uInt)len;
	do {
		z.next_out = chunk;
		z.avail_out = sizeof chunk;
		rc = inflate(&z, Z_NO_FLUSH);
		if (rc != Z_OK && rc != Z_STREAM_END) {
			xasprintf(cause, "gzip: %s", z.msg != NULL ? z.msg :
			    "corrupt data");
			goto fail;
		}
		if (buf_add(&b, chunk, sizeof chunk - z.avail_out) == -1) {
			xasprintf(cause, "gzip: larger than %zu bytes "
			    "decompressed", limit);
			goto fail;
		}
		if (rc == Z_OK && z.avail_in == 0 && z.avail_out != 0) {
			xasprintf(cause, "gzip: truncated");
			goto fail;
		}
	} while (rc != Z_STREAM_END);
	inflateEnd(&z);
	*outlen = b.len;
	return (buf_steal(&b));
fail:
	inflateEnd(&z);
	buf_clear(&b);
	return (NULL);
}
