/*
 * charset.c -- find a document's encoding and convert it to valid UTF-8.
 *
 * Detection in browser order: BOM, HTTP charset, the document's own
 * declaration, then a guess.  Conversion uses glibc iconv and replaces every
 * invalid sequence with U+FFFD, so the result is always valid UTF-8.
 */
#include <ctype.h>
#include <errno.h>
#include <iconv.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "charset.h"
#include "xmalloc.h"

#define CHARSET_PRESCAN		16384	/* bytes searched for a declaration */
#define CHARSET_GUESS_MAX	(256 * 1024)

struct charset_alias {
	const char	*alias;
	const char	*name;		/* canonical, also the iconv name */
};

static const struct charset_alias charset_aliases[] = {
	{ "utf-8", "UTF-8" }, { "utf8", "UTF-8" },
	{ "unicode-1-1-utf-8", "UTF-8" },
	{ "utf-16", "UTF-16LE" }, { "utf-16le", "UTF-16LE" },
	{ "utf-16be", "UTF-16BE" }, { "ucs-2", "UTF-16LE" },
	{ "utf-32", "UTF-32LE" }, { "utf-32le", "UTF-32LE" },
	{ "utf-32be", "UTF-32BE" },
	{ "windows-1251", "windows-1251" }, { "cp1251", "windows-1251" },
	{ "win-1251", "windows-1251" }, { "x-cp1251", "windows-1251" },
	{ "win1251", "windows-1251" }, { "windows1251", "windows-1251" },
	{ "koi8-r", "KOI8-R" }, { "koi8r", "KOI8-R" }, { "koi8", "KOI8-R" },
	{ "cskoi8r", "KOI8-R" }, { "koi8-u", "KOI8-U" },
	{ "koi8-ru", "KOI8-U" },
	{ "iso-8859-1", "windows-1252" }, { "iso8859-1", "windows-1252" },
	{ "iso_8859-1", "windows-1252" }, { "latin1", "windows-1252" },
	{ "l1", "windows-1252" }, { "us-ascii", "windows-1252" },
	{ "ascii", "windows-1252" }, { "windows-1252", "windows-1252" },
	{ "cp1252", "windows-1252" }, { "x-cp1252", "windows-1252" },
	{ "cp819", "windows-1252" }, { "iso-8859-15", "ISO-8859-15" },
	{ "latin9", "ISO-8859-15" }, { "iso-8859-2", "ISO-8859-2" },
	{ "iso-8859-5", "ISO-8859-5" }, { "iso-8859-9", "windows-1254" },
	{ "latin5", "windows-1254" }, { "windows-1254", "windows-1254" },
	{ "cp1254", "windows-1254" }, { "windows-1250", "windows-1250" },
	{ "cp1250", "windows-1250" }, { "windows-1253", "windows-1253" },
	{ "windows-1256", "windows-1256" }, { "windows-1257", "windows-1257" },
	{ "cp866", "IBM866" }, { "ibm866", "IBM866" },
	{ "x-mac-cyrillic", "MACCYRILLIC" }, { "gb2312", "GBK" },
	{ "gbk", "GBK" }, { "gb18030", "GB18030" }, { "big5", "BIG5" },
	{ "shift_jis", "SHIFT_JIS" }, { "sjis", "SHIFT_JIS" },
	{ "euc-jp", "EUC-JP" }, { "euc-kr", "EUC-KR" },
	{ "iso-2022-jp", "ISO-2022-JP" }, { "tis-620", "TIS-620" },
	{ "windows-874", "WINDOWS-874" }, { NULL, NULL }
};

static const char *
charset_canonical(const char *name, size_t len)
{
	char	buf[64];
	size_t	i, j = 0;

	while (len > 0 && (isspace((unsigned char)*name) || *name == '"' ||
	    *name == '\'')) {
		name++;
		len--;
	}
	while (len > 0 && (isspace((unsigned char)name[len - 1]) ||
	    name[len - 1] == '"' || name[len - 1] == '\''))
		len--;
	if (len == 0 || len >= sizeof buf)
		return (NULL);
	for (i = 0; i < len; i++)
		buf[j++] = tolower((unsigned char)name[i]);
	buf[j] = '\0';
	for (i = 0; charset_aliases[i].alias != NULL; i++) {
		if (strcmp(buf, charset_aliases[i].alias) == 0)
			return (charset_aliases[i].name);
	}
	return (NULL);
}

int
charset_utf8_valid(const char *s, size_t len)
{
	const unsigned char	*p = (const unsigned char *)s;
	size_t			 i = 0, n, k;
	unsigned int		 cp;
	uint64_t		 w;

	while (i < len) {
		if (p[i] < 0x80) {
			i++;
			/* ASCII, eight bytes at a time */
			while (len - i >= 8) {
				memcpy(&w, p + i, 8);
				if ((w & 0x8080808080808080ULL) != 0)
					break;
				i += 8;
			}
			continue;
		}
		if (p[i] >= 0xc2 && p[i] <= 0xdf) {
			n = 1;
			cp = p[i] & 0x1f;
		} else if (p[i] >= 0xe0 && p[i] <= 0xef) {
			n = 2;
			cp = p[i] & 0x0f;
		} else if (p[i] >= 0xf0 && p[i] <= 0xf4) {
			n = 3;
			cp = p[i] & 0x07;
		} else
			return (0);
		if (len - i <= n)
			return (0);
		for (k = 1; k <= n; k++) {
			if ((p[i + k] & 0xc0) != 0x80)
				return (0);
			cp = (cp << 6) | (p[i + k] & 0x3f);
		}
		if ((n == 2 && cp < 0x800) || (n == 3 && cp < 0x10000) ||
		    cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff))
			return (0);
		i += n + 1;
	}
	return (1);
}

/* Length of the valid UTF-8 sequence at p (1-4), or 0 if invalid. */
static size_t
charset_utf8_seq(const unsigned char *p, size_t len)
{
	size_t	n;

	if (p[0] < 0x80)
		return (1);
	if (p[0] >= 0xc2 && p[0] <= 0xdf)
		n = 2;
	else if (p[0] >= 0xe0 && p[0] <= 0xef)
		n = 3;
	else if (p[0] >= 0xf0 && p[0] <= 0xf4)
		n = 4;
	else
		return (0);
	if (n > len)
		return (0);
	return (charset_utf8_valid((const char *)p, n) ? n : 0);
}

char *
charset_from_content_type(const char *ct)
{
	const char	*p, *v;
	size_t		 n;

	if (ct == NULL)
		return (NULL);
	for (p = ct; (p = strchr(p, ';')) != NULL; ) {
		p++;
		while (isspace((unsigned char)*p))
			p++;
		if (strncasecmp(p, "charset", 7) != 0)
			continue;
		v = p + 7;
		while (isspace((unsigned char)*v))
			v++;
		if (*v != '=')
			continue;
		v++;
		while (isspace((unsigned char)*v))
			v++;
		if (*v == '"' || *v == '\'')
			v++;
		n = strcspn(v, "\"'; \t\r\n");
		if (n == 0)
			return (NULL);
		return (xstrndup(v, n));
	}
	return (NULL);
}

/* Value of attr="..." (or unquoted) inside [s, end); NULL if absent. */
static const char *
charset_attr(const char *s, const char *end, const char *attr, size_t *vlen)
{
	size_t		 alen = strlen(attr);
	const char	*p, *v;
	char		 q;

	for (p = s; p + alen < end; p++) {
		if (strncasecmp(p, attr, alen) != 0)
			continue;
		if (p > s && (isalnum((unsigned char)p[-1]) || p[-1] == '-'))
			continue;
		v = p + alen;
		while (v < end && isspace((unsigned char)*v))
			v++;
		if (v >= end || *v != '=')
			continue;
		v++;
		while (v < end && isspace((unsigned char)*v))
			v++;
		if (v < end && (*v == '"' || *v == '\'')) {
			q = *v++;
			p = v;
			while (p < end && *p != q)
				p++;
		} else {
			p = v;
			while (p < end && !isspace((unsigned char)*p) &&
			    *p != '>' && *p != '/' && *p != ';')
				p++;
		}
		*vlen = p - v;
		return (v);
	}
	return (NULL);
}

/* encoding="..." of an XML declaration at the very start. */
static const char *
charset_xml_decl(const char *buf, size_t len)
{
	const char	*end, *v;
	size_t		 n;

	/* a blank line before the declaration is common (PHP includes) */
	while (len > 0 && (isspace((unsigned char)*buf))) {
		buf++;
		len--;
	}
	if (len < 6 || strncmp(buf, "<?xml", 5) != 0)
		return (NULL);
	if ((end = memmem(buf, len < 1024 ? len : 1024, "?>", 2)) == NULL)
		return (NULL);
	if ((v = charset_attr(buf, end, "encoding", &n)) == NULL)
		return (NULL);
	return (charset_canonical(v, n));
}

/* <meta charset> or <meta http-equiv content="...charset=..."> */
static const char *
charset_html_meta(const char *buf, size_t len)
{
	const char	*p, *end, *tag, *v, *c;
	size_t		 n, cn;

	if (len > CHARSET_PRESCAN)
		len = CHARSET_PRESCAN;
	end = buf + len;
	for (p = buf; p + 5 < end; p++) {
		if (*p != '<' || strncasecmp(p + 1, "meta", 4) != 0 ||
		    !(isspace((unsigned char)p[5]) || p[5] == '/'))
			continue;
		tag = p;
		if ((p = memchr(tag, '>', end - tag)) == NULL)
			return (NULL);
		if ((v = charset_attr(tag + 5, p, "charset", &n)) != NULL)
			return (charset_canonical(v, n));
		if ((v = charset_attr(tag + 5, p, "content", &n)) == NULL)
			continue;
		if ((c = charset_attr(v, v + n, "charset", &cn)) != NULL)
			return (charset_canonical(c, cn));
	}
	return (NULL);
}

/* Count valid multi-byte sequences and invalid bytes (not a cut tail). */
static void
charset_utf8_stats(const char *buf, size_t len, size_t *good, size_t *bad)
{
	const unsigned char	*p = (const unsigned char *)buf;
	size_t			 i, n;
	uint64_t		 w;

	*good = *bad = 0;
	for (i = 0; i < len; ) {
		if (p[i] < 0x80) {
			i++;
			/* ASCII, eight bytes at a time */
			while (len - i >= 8) {
				memcpy(&w, p + i, 8);
				if ((w & 0x8080808080808080ULL) != 0)
					break;
				i += 8;
			}
			continue;
		}
		if ((n = charset_utf8_seq(p + i, len - i)) != 0) {
			(*good)++;
			i += n;
		} else {
			if (len - i > 3)
				(*bad)++;
			i++;
		}
	}
}

static const char *
charset_guess(const char *buf, size_t len)
{
	const unsigned char	*p = (const unsigned char *)buf;
	size_t			 i, lowhi = 0, uphi = 0, run = 0;
	size_t			 good = 0, bad = 0;

	if (len > CHARSET_GUESS_MAX)
		len = CHARSET_GUESS_MAX;
	/* valid UTF-8, allowing a cut sequence at the end and rare junk */
	charset_utf8_stats(buf, len, &good, &bad);
	if (bad == 0 || good > bad * 10)
		return ("UTF-8");
	/*
	 * Cyrillic in a single-byte charset writes whole words of bytes
	 * >= 0xc0; Western text has such bytes alone between ASCII letters.
	 */
	for (i = 0; i < len; i++) {
		if (p[i] < 0xc0)
			continue;
		if (p[i] <= 0xdf)
			lowhi++;
		else
			uphi++;
		if ((i > 0 && p[i - 1] >= 0xc0) || (i + 1 < len &&
		    p[i + 1] >= 0xc0))
			run++;
	}
	if (lowhi + uphi > 0 && run * 2 > lowhi + uphi) {
		/* KOI8-R puts lower case in 0xc0-0xdf, cp1251 in 0xe0-0xff */
		if (lowhi > uphi * 2)
			return ("KOI8-R");
		return ("windows-1251");
	}
	return ("windows-1252");
}

/* Charsets of one byte per character: their text is rarely valid UTF-8. */
static int
charset_single_byte(const char *cs)
{
	return (strncmp(cs, "windows-12", 10) == 0 ||
	    strncmp(cs, "ISO-8859-", 9) == 0 || strncmp(cs, "KOI8-", 5) == 0 ||
	    strcmp(cs, "IBM866") == 0 || strcmp(cs, "MACCYRILLIC") == 0 ||
	    strcmp(cs, "TIS-620") == 0 || strcmp(cs, "WINDOWS-874") == 0);
}

/*
 * A document declared UTF-8 whose bytes are not (a CMS serving
 * windows-1251 under a UTF-8 header) is read as what it looks like.  One
 * declared in a single-byte charset whose bytes are valid UTF-8 with
 * multi-byte sequences (a template saying ISO-8859-1 around UTF-8 text)
 * is UTF-8: single-byte text almost never forms such sequences.
 */
static const char *
charset_check_utf8(const char *buf, size_t len, const char *cs)
{
	size_t	good, bad;

	if (strcmp(cs, "UTF-8") != 0 && !charset_single_byte(cs))
		return (cs);
	if (len > CHARSET_GUESS_MAX)
		len = CHARSET_GUESS_MAX;
	charset_utf8_stats(buf, len, &good, &bad);
	if (strcmp(cs, "UTF-8") != 0)
		return ((good > 0 && bad == 0) ? "UTF-8" : cs);
	if (bad > 2 * good + 4)
		return (charset_guess(buf, len));
	return (cs);
}

const char *
charset_detect(const char *buf, size_t len, const char *http_charset,
    int is_html)
{
	const char	*cs;

	if (len >= 3 && memcmp(buf, "\xef\xbb\xbf", 3) == 0)
		return ("UTF-8");
	if (!is_html && len >= 4 && memcmp(buf, "\xff\xfe\0\0", 4) == 0)
		return ("UTF-32LE");
	if (!is_html && len >= 4 && memcmp(buf, "\0\0\xfe\xff", 4) == 0)
		return ("UTF-32BE");
	if (len >= 2 && memcmp(buf, "\xfe\xff", 2) == 0)
		return ("UTF-16BE");
	if (len >= 2 && memcmp(buf, "\xff\xfe", 2) == 0)
		return ("UTF-16LE");
	if (http_charset != NULL &&
	    (cs = charset_canonical(http_charset,
	    strlen(http_charset))) != NULL)
		return (charset_check_utf8(buf, len, cs));
	if (!is_html && len >= 4 && memcmp(buf, "<\0\0\0", 4) == 0)
		return ("UTF-32LE");
	if (!is_html && len >= 4 && memcmp(buf, "\0\0\0<", 4) == 0)
		return ("UTF-32BE");
	if (len >= 4 && memcmp(buf, "<\0?\0", 4) == 0)
		return ("UTF-16LE");
	if (len >= 4 && memcmp(buf, "\0<\0?", 4) == 0)
		return ("UTF-16BE");
	cs = NULL;
	if (is_html)
		cs = charset_html_meta(buf, len);
	if (cs == NULL)
		cs = charset_xml_decl(buf, len);
	if (cs == NULL && !is_html)
		cs = charset_html_meta(buf, len);
	if (cs != NULL) {
		/* An ASCII-compatible document cannot really be UTF-16. */
		if (strncmp(cs, "UTF-16", 6) == 0 ||
		    strncmp(cs, "UTF-32", 6) == 0)
			return ("UTF-8");
		return (charset_check_utf8(buf, len, cs));
	}
	return (charset_guess(buf, len));
}

/*
 * From p[i], past the words of eight bytes that are all ASCII and none
 * NUL (a byte >= 0x80 or 0 stops it): the next byte to look at.
 */
static size_t
charset_ascii8(const unsigned char *p, size_t i, size_t len)
{
	uint64_t	w;

	while (len - i >= 8) {
		memcpy(&w, p + i, 8);
		if (((w | (w - 0x0101010101010101ULL)) &
		    0x8080808080808080ULL) != 0)
			break;
		i += 8;
	}
	return (i);
}

/* Copy UTF-8, replacing each invalid byte run with U+FFFD. */
static char *
charset_utf8_repair(const char *buf, size_t len, size_t *outlen)
{
	const unsigned char	*p = (const unsigned char *)buf;
	char			*out;
	size_t			 i = 0, o = 0, n, start;

	out = xmalloc(len * 3 + 1);
	while (i < len) {
		/* a run of ASCII without NUL, eight bytes at a time */
		start = i;
		i = charset_ascii8(p, i, len);
		while (i < len && p[i] != 0 && p[i] < 0x80)
			i++;
		if (i != start) {
			memcpy(out + o, p + start, i - start);
			o += i - start;
			continue;
		}
		if (p[i] == 0) {
			i++;
			continue;
		}
		if ((n = charset_utf8_seq(p + i, len - i)) == 0) {
			memcpy(out + o, "\xef\xbf\xbd", 3);
			o += 3;
			i++;
			continue;
		}
		memcpy(out + o, p + i, n);
		o += n;
		i += n;
	}
	out[o] = '\0';
	*outlen = o;
	return (out);
}

static size_t
charset_bom_len(const char *buf, size_t len, const char *cs)
{
	if (strcmp(cs, "UTF-8") == 0 && len >= 3 &&
	    memcmp(buf, "\xef\xbb\xbf", 3) == 0)
		return (3);
	if (strcmp(cs, "UTF-16LE") == 0 && len >= 2 &&
	    memcmp(buf, "\xff\xfe", 2) == 0)
		return (2);
	if (strcmp(cs, "UTF-16BE") == 0 && len >= 2 &&
	    memcmp(buf, "\xfe\xff", 2) == 0)
		return (2);
	if (strcmp(cs, "UTF-32LE") == 0 && len >= 4 &&
	    memcmp(buf, "\xff\xfe\0\0", 4) == 0)
		return (4);
	if (strcmp(cs, "UTF-32BE") == 0 && len >= 4 &&
	    memcmp(buf, "\0\0\xfe\xff", 4) == 0)
		return (4);
	return (0);
}

/* Valid UTF-8 without a NUL: what charset_utf8_repair copies unchanged. */
static int
charset_utf8_clean(const char *s, size_t len)
{
	const unsigned char	*p = (const unsigned char *)s;
	size_t			 i = 0, n;

	while (i < len) {
		i = charset_ascii8(p, i, len);
		if (i == len)
			break;
		if (p[i] == 0)
			return (0);
		if (p[i] < 0x80) {
			i++;
			continue;
		}
		/* two and three bytes inline: the rules of charset_utf8_valid */
		if (p[i] >= 0xc2 && p[i] <= 0xdf && len - i >= 2 &&
		    (p[i + 1] & 0xc0) == 0x80) {
			i += 2;
			continue;
		}
		if (p[i] >= 0xe0 && p[i] <= 0xef && len - i >= 3 &&
		    (p[i + 1] & 0xc0) == 0x80 && (p[i + 2] & 0xc0) == 0x80 &&
		    (p[i] != 0xe0 || p[i + 1] >= 0xa0) &&
		    (p[i] != 0xed || p[i + 1] <= 0x9f)) {
			i += 3;
			continue;
		}
		if ((n = charset_utf8_seq(p + i, len - i)) == 0)
			return (0);
		i += n;
	}
	return (1);
}

const char *
charset_utf8_as_is(const char *buf, size_t len, const char *charset,
    size_t *outlen)
{
	const char	*cs;
	size_t		 skip;

	cs = charset_canonical(charset, strlen(charset));
	if (cs == NULL)
		cs = charset;
	if (strcmp(cs, "UTF-8") != 0)
		return (NULL);
	skip = charset_bom_len(buf, len, cs);
	if (!charset_utf8_clean(buf + skip, len - skip))
		return (NULL);
	*outlen = len - skip;
	return (buf + skip);
}

char *
charset_to_utf8(const char *buf, size_t len, const char *charset,
    size_t *outlen, char **cause)
{
	const char	*cs;
	iconv_t		 cd;
	char		*out, *in, *op, *res;
	size_t		 inleft, outleft, cap, skip, rlen;
	int		 unit;

	cs = charset_canonical(charset, strlen(charset));
	if (cs == NULL)
		cs = charset;
	skip = charset_bom_len(buf, len, cs);
	buf += skip;
	len -= skip;
	if (strcmp(cs, "UTF-8") == 0)
		return (charset_utf8_repair(buf, len, outlen));
	if ((cd = iconv_open("UTF-8", cs)) == (iconv_t)-1) {
		xasprintf(cause, "unknown charset: %s", charset);
		return (NULL);
	}
	unit = 1;
	if (strncmp(cs, "UTF-16", 6) == 0)
		unit = 2;
	else if (strncmp(cs, "UTF-32", 6) == 0)
		unit = 4;
	cap = len * 4 + 16;
	out = xmalloc(cap);
	in = (char *)buf;
	inleft = len;
	op = out;
	outleft = cap - 1;
	while (inleft > 0) {
		if (iconv(cd, &in, &inleft, &op, &outleft) != (size_t)-1)
			break;
		if (errno == E2BIG) {
			size_t used = op - out;

			cap *= 2;
			out = xrealloc(out, cap);
			op = out + used;
			outleft = cap - used - 1;
			continue;
		}
		/* EILSEQ or EINVAL (truncated at the end): replace, go on */
		if (outleft < 4) {
			size_t used = op - out;

			cap *= 2;
			out = xrealloc(out, cap);
			op = out + used;
			outleft = cap - used - 1;
		}
		memcpy(op, "\xef\xbf\xbd", 3);
		op += 3;
		outleft -= 3;
		skip = (inleft >= (size_t)unit) ? (size_t)unit : inleft;
		in += skip;
		inleft -= skip;
		iconv(cd, NULL, NULL, NULL, NULL);
	}
	iconv_close(cd);
	/* iconv output is UTF-8 already; drop NULs and re-check anyway */
	res = charset_utf8_repair(out, op - out, &rlen);
	free(out);
	*outlen = rlen;
	return (res);
}

/* Windows-1252 bytes 0x80-0x9f and the characters they stand for. */
static const unsigned int charset_cp1252_c1[32] = {
	0x20ac, 0x0081, 0x201a, 0x0192, 0x201e, 0x2026, 0x2020, 0x2021,
	0x02c6, 0x2030, 0x0160, 0x2039, 0x0152, 0x008d, 0x017d, 0x008f,
	0x0090, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014,
	0x02dc, 0x2122, 0x0161, 0x203a, 0x0153, 0x009d, 0x017e, 0x0178
};

/* The windows-1252 (or Latin-1) byte of code point cp, -1 if none. */
static int
charset_cp1252_byte(unsigned int cp)
{
	int	i;

	if (cp < 0x80 || (cp >= 0xa0 && cp <= 0xff))
		return ((int)cp);
	for (i = 0; i < 32; i++) {
		if (charset_cp1252_c1[i] == cp)
			return (0x80 + i);
	}
	if (cp >= 0x80 && cp < 0xa0)
		return ((int)cp);	/* C1 control: Latin-1 */
	return (-1);
}

/* The character of the valid sequence of n bytes at p. */
static unsigned int
charset_utf8_cp(const unsigned char *p, size_t n)
{
	unsigned int	cp;
	size_t		k;

	if (n == 1)
		return (p[0]);
	cp = p[0] & (0xff >> (n + 1));
	for (k = 1; k < n; k++)
		cp = (cp << 6) | (p[k] & 0x3f);
	return (cp);
}

/*
 * Validity is checked as the characters are read back (an invalid
 * sequence gives NULL, as a check of the whole text first did), and most
 * text gives up at its first character beyond ASCII, before any copy.
 */
char *
charset_utf8_undouble(const char *s, size_t len)
{
	const unsigned char	*p = (const unsigned char *)s;
	unsigned char		*out;
	size_t			 i = 0, n, o;
	int			 b, multi = 0, need = 0;
	uint64_t		 w;

	/* ASCII reads back as itself: eight bytes at a time */
	while (len - i >= 8) {
		memcpy(&w, p + i, 8);
		if ((w & 0x8080808080808080ULL) != 0)
			break;
		i += 8;
	}
	while (i < len && p[i] < 0x80)
		i++;
	if (i == len || (n = charset_utf8_seq(p + i, len - i)) == 0)
		return (NULL);
	/* the first character beyond ASCII must read back as a lead byte */
	b = charset_cp1252_byte(charset_utf8_cp(p + i, n));
	if (b < 0xc2 || b > 0xf4)
		return (NULL);
	out = xmalloc(len + 1);
	memcpy(out, p, i);
	o = i;
	for (; i < len; i += n) {
		if ((n = charset_utf8_seq(p + i, len - i)) == 0 ||
		    (b = charset_cp1252_byte(charset_utf8_cp(p + i, n))) ==
		    -1) {
			free(out);
			return (NULL);
		}
		/*
		 * The lead and continuation bytes must alternate as in UTF-8,
		 * or the check at the end fails: give up at once.
		 */
		if (b >= 0x80) {
			multi = 1;
			if (need > 0 && b <= 0xbf)
				need--;
			else if (need == 0 && b >= 0xc2 && b <= 0xf4)
				need = b < 0xe0 ? 1 : b < 0xf0 ? 2 : 3;
			else
				need = -1;
		} else if (need > 0)
			need = -1;
		if (need < 0) {
			free(out);
			return (NULL);
		}
		out[o++] = (unsigned char)b;
	}
	out[o] = '\0';
	/* the bytes must be UTF-8 themselves, with a character beyond ASCII */
	if (!multi || !charset_utf8_valid((char *)out, o)) {
		free(out);
		return (NULL);
	}
	return ((char *)out);
}
