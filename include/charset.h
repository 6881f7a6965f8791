/*
 * charset.h -- find a document's encoding and convert it to valid UTF-8.
 *
 * Detection follows the browser order: BOM, then the HTTP charset, then the
 * document's own declaration (XML declaration, <meta charset>, http-equiv),
 * then a guess; a declared single-byte charset over bytes that are valid
 * UTF-8 with multi-byte sequences means UTF-8, an unknown label is ignored.
 * The guess: valid UTF-8, else windows-1251 for Cyrillic-looking bytes,
 * else windows-1252.  Conversion repairs invalid sequences with U+FFFD and
 * never passes invalid UTF-8 on.
 */
#ifndef OTSNEWS_CHARSET_H
#define OTSNEWS_CHARSET_H

#include <stddef.h>

/* Returns a static canonical name such as "UTF-8", "windows-1251". */
const char	*charset_detect(const char *buf, size_t len,
		    const char *http_charset, int is_html);
/*
 * Convert buf from charset to UTF-8 (BOM removed).  Returns a NUL-terminated
 * heap string and its length in *outlen, or NULL with *cause set.
 */
char		*charset_to_utf8(const char *buf, size_t len, const char *charset,
		    size_t *outlen, char **cause);
/*
 * When charset_to_utf8 would only drop the BOM (buf is valid UTF-8 without
 * NUL bytes): the text after the BOM, within buf, and its length; else
 * NULL.  Lets a caller parse the text where it lies.
 */
const char	*charset_utf8_as_is(const char *buf, size_t len,
		    const char *charset, size_t *outlen);
/* Nonzero when [s, s+len) is valid UTF-8. */
int		 charset_utf8_valid(const char *s, size_t len);
/*
 * Text that was UTF-8, read as windows-1252 and encoded to UTF-8 again
 * ("NÃ¸hr" for "Nøhr"): the repaired string (heap), or NULL unless every
 * character maps back to one byte and those bytes are valid UTF-8.
 */
char		*charset_utf8_undouble(const char *s, size_t len);
/* Extract the charset parameter of a Content-Type value; heap or NULL. */
char		*charset_from_content_type(const char *content_type);

#endif
