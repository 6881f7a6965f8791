/*
 * hash.c -- SHA-256 through libcrypto's EVP interface.
 */
#include <string.h>

#include <openssl/evp.h>

#include "hash.h"
#include "log.h"
#include "xmalloc.h"

void
hash_sha256_hex(const void *data, size_t len, char *out)
{
	static const char	 hex[] = "0123456789abcdef";
	unsigned char		 md[EVP_MAX_MD_SIZE];
	unsigned int		 mdlen = 0, i;

	if (EVP_Digest(data, len, md, &mdlen, EVP_sha256(), NULL) != 1)
		fatalx("EVP_Digest(sha256) failed");
	for (i = 0; i < mdlen && i < HASH_HEX_LEN / 2; i++) {
		out[2 * i] = hex[md[i] >> 4];
		out[2 * i + 1] = hex[md[i] & 0xf];
	}
	out[2 * i] = '\0';
}

char *
hash_article_id(const char *canonical_url)
{
	char	hex[HASH_HEX_LEN + 1];

	hash_sha256_hex(canonical_url, strlen(canonical_url), hex);
	hex[32] = '\0';
	return (xstrdup(hex));
}
