/*
 * extract-raw.c -- drop the text of <script> and <style> elements before
 * libxml2 parses a page.
 *
 * That text is never article text (extract-text.c marks both elements
 * XN_NEVER) and nothing reads it but the JSON-LD walk, yet it is about
 * half of a news page's bytes, and libxml2's HTML parser copies it one
 * character at a time (htmlParseScript): on the extraction benchmark a
 * third of the parse.  libxml2 has no option to skip it, so this is done
 * by hand.
 *
 * The scan follows libxml2 2.9's HTML tokenizer in recover mode only as
 * far as it must to know where such a body starts and ends: comments,
 * <!...> and <?...> declarations, end tags, start tags and their
 * attributes (a quote opens a value only after '=').  Wherever its model
 * and libxml2 might part -- a comment, quote, tag or body left open, a '<'
 * inside something skipped to its '>', a body that starts with an end
 * tag -- it copies the rest of the page as it is.  The tree
 * libxml2 builds from the result is the one it builds from the page but
 * for those bodies: tests/fuzz/fuzz_raw.c parses both and compares them,
 * over a corpus of tricky pages (tests/data/raw) in `make test`, and
 * under libFuzzer in `make fuzz`.
 *
 * A body is kept when its element's attributes mention "json" (JSON-LD,
 * embedded state).  libxml2 2.14 rewrote the tokenizer after HTML5
 * (script escapes, RCDATA titles); there the text is left alone.
 */
#include <string.h>
#include <strings.h>

#include <libxml/HTMLparser.h>
#include <libxml/xmlversion.h>

#include "extract.h"

#define RAW_BLANK(c)	((c) == ' ' || (c) == '\t' || (c) == '\n' || \
			 (c) == '\r')
#define RAW_ALPHA(c)	((((c) | 0x20) >= 'a' && ((c) | 0x20) <= 'z'))
#define RAW_NAMEC(c)	(RAW_ALPHA(c) || ((c) >= '0' && (c) <= '9') || \
			 (c) == ':' || (c) == '-' || (c) == '_' || (c) == '.')

/*
 * The end of a start tag whose name ends at p, as htmlParseStartTag finds
 * it: the '>', or the '/' of "/>" (*empty set).  NULL when the tag runs to
 * the end of the page.  *json, if json is not NULL, is set when an
 * attribute's value mentions "json".
 */
static const char *
raw_tag_end(const char *p, const char *end, int *empty, int *json)
{
	const char	*v, *q;

	*empty = 0;
	if (json != NULL)
		*json = 0;
	for (;;) {
		while (p < end && RAW_BLANK(*p))
			p++;
		if (p >= end)
			return (NULL);
		if (*p == '>')
			return (p);
		if (*p == '/' && p + 1 < end && p[1] == '>') {
			*empty = 1;
			return (p);
		}
		if (!RAW_ALPHA(*p) && *p != '_' && *p != ':' && *p != '.') {
			/* A bogus attribute: dropped up to a blank or the end. */
			while (p < end && !RAW_BLANK(*p) && *p != '>' &&
			    !(*p == '/' && p + 1 < end && p[1] == '>'))
				p++;
			continue;
		}
		while (p < end && RAW_NAMEC(*p))
			p++;
		while (p < end && RAW_BLANK(*p))
			p++;
		if (p >= end || *p != '=')
			continue;
		p++;
		while (p < end && RAW_BLANK(*p))
			p++;
		if (p >= end)
			return (NULL);
		v = p;
		if (*p == '"' || *p == '\'') {
			if ((q = memchr(p + 1, *p, (size_t)(end - p - 1))) ==
			    NULL)
				return (NULL);
			p = q + 1;
		} else {
			while (p < end && !RAW_BLANK(*p) && *p != '>')
				p++;
		}
		if (json != NULL && p - v >= 4 && memmem(v, (size_t)(p - v),
		    "json", 4) != NULL)
			*json = 1;
	}
}

/*
 * Whether a body starting at p may not be raw text at all.  libxml2 looks
 * at the body's first bytes before it reads them as raw text: "</" is an
 * end tag (which may close the element), and "<name" a start tag when
 * that element closes this one (<frameset> closes <style>;
 * htmlAutoCloseTag knows the table).
 */
static int
raw_body_doubtful(const char *p, const char *end, const char *name)
{
	char		 tag[64];
	xmlNode		 n;
	size_t		 i;

	if (end - p < 2 || *p != '<')
		return (0);
	if (p[1] == '/')
		return (1);
	if (!RAW_ALPHA(p[1]))
		return (0);
	/* htmlParseHTMLName_nonInvasive's name: no '.' in it. */
	for (i = 0, p++; p < end && RAW_NAMEC(*p) && *p != '.'; p++) {
		if (i == sizeof tag - 1)
			return (1);
		tag[i++] = (char)(*p | (RAW_ALPHA(*p) ? 0x20 : 0));
	}
	tag[i] = '\0';
	memset(&n, 0, sizeof n);
	n.type = XML_ELEMENT_NODE;
	n.name = (const xmlChar *)tag;
	return (htmlAutoCloseTag(NULL, (const xmlChar *)name, &n) != 0);
}

/*
 * The "</NAME" that ends a raw body starting at p, or NULL when there is
 * none: libxml2 ends the body at the first "</script", case aside,
 * whatever follows, and this keeps to a plain "</script" followed by a
 * blank, '/' or '>'.
 */
static const char *
raw_body_end(const char *p, const char *end, const char *name, size_t nlen)
{
	const unsigned char	*s = (const unsigned char *)p;
	const unsigned char	*e = (const unsigned char *)end;

	while ((s = memchr(s, '<', (size_t)(e - s))) != NULL) {
		if ((size_t)(e - s) < 2 + nlen + 1)
			return (NULL);
		if (s[1] != '/' ||
		    strncasecmp((const char *)s + 2, name, nlen) != 0) {
			s++;
			continue;
		}
		if (RAW_NAMEC(s[2 + nlen]))
			return (NULL);
		return ((const char *)s);
	}
	return (NULL);
}

/*
 * Just past the '>' that ends a "<!x", "<?x", "</x" or bogus "<x" skipped
 * as a whole; with quotes set, a '>' inside quotes does not end it (a
 * doctype's literals).  NULL when the page ends first, or when a '<' comes
 * before that '>': libxml2 versions read those apart (text, a bogus
 * comment to the first '>', a doctype), and with no '<' inside, every
 * reading is back to text before the next tag.
 */
static const char *
raw_skip_gt(const char *p, const char *end, int quotes)
{
	const char	*q;

	for (; p < end; p++) {
		if (*p == '<')
			return (NULL);
		if (*p == '>')
			return (p + 1);
		if (quotes && (*p == '"' || *p == '\'')) {
			if ((q = memchr(p + 1, *p, (size_t)(end - p - 1))) ==
			    NULL || memchr(p, '<', (size_t)(q - p)) != NULL)
				return (NULL);
			p = q;
		}
	}
	return (NULL);
}

static void
raw_copy(char **o, const char *from, const char *to)
{
	size_t	n = (size_t)(to - from);

	if (*o != from)
		memmove(*o, from, n);
	*o += n;
}

/*
 * Copy len bytes of UTF-8 from in to out (out may be in) without the
 * bodies of script and style elements; return the length written.
 */
size_t
extract_raw_strip(const char *in, size_t len, char *out)
{
	const char	*p = in, *end = in + len, *from = in, *q, *body;
	const char	*name, *tag;
	char		*o = out;
	size_t		 nlen;
	int		 empty, json = 0;

#if LIBXML_VERSION >= 21400
	goto rest;
#endif
	if (memchr(in, '\0', len) != NULL)
		goto rest;
	while ((p = memchr(p, '<', (size_t)(end - p))) != NULL) {
		if (end - p < 3)
			break;
		if (p[1] == '!' && p[2] == '-' && end - p >= 4 &&
		    p[3] == '-') {
			if ((q = memmem(p + 4, (size_t)(end - p - 4), "-->",
			    3)) == NULL)
				break;
			p = q + 3;
			continue;
		}
		if (p[1] == '!' || p[1] == '?' || p[1] == '/') {
			if ((p = raw_skip_gt(p + 2, end, p[1] == '!')) == NULL)
				break;
			continue;
		}
		if (RAW_BLANK(p[1]) || p[1] == '<' || p[1] == '=' ||
		    p[1] == '>' || (p[1] >= '0' && p[1] <= '9')) {
			p++;		/* text */
			continue;
		}
		if (!RAW_ALPHA(p[1])) {
			if ((p = raw_skip_gt(p + 1, end, 0)) == NULL)
				break;
			continue;
		}
		name = p + 1;
		for (q = name; q < end && RAW_NAMEC(*q); q++)
			;
		nlen = (size_t)(q - name);
		tag = NULL;
		if (nlen == 6 && strncasecmp(name, "script", 6) == 0)
			tag = "script";
		else if (nlen == 5 && strncasecmp(name, "style", 5) == 0)
			tag = "style";
		if ((q = raw_tag_end(q, end, &empty, tag != NULL ? &json :
		    NULL)) == NULL)
			break;
		p = q + (empty ? 2 : 1);
		if (empty || tag == NULL)
			continue;
		body = p;
		if ((q = raw_body_end(body, end, tag, nlen)) == NULL)
			break;
		/* Not raw text after all: where libxml2 goes on is unknown. */
		if (raw_body_doubtful(body, q, tag))
			break;
		if (!json && q > body) {
			raw_copy(&o, from, body);
			from = q;
		}
		p = q;
	}
rest:
	raw_copy(&o, from, end);
	return ((size_t)(o - out));
}
