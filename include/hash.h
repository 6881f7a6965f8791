/*
 * hash.h -- SHA-256 (libcrypto) as lowercase hex.
 */
#ifndef OTSNEWS_HASH_H
#define OTSNEWS_HASH_H

#include <stddef.h>

#define HASH_HEX_LEN	64

/* out must hold HASH_HEX_LEN + 1 bytes. */
void	hash_sha256_hex(const void *, size_t, char *out);
/* The stable article id of a canonical URL: 32 hex digits. */
char	*hash_article_id(const char *canonical_url);

#endif
