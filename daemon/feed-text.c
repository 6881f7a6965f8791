/*
 * feed-text.c -- plain text out of feed fields: entities decoded, escaped
 * (and double-escaped) HTML stripped, white space collapsed; and link
 * resolution.
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <libxml/HTMLparser.h>
#include <libxml/uri.h>

#include "buf.h"
#include "charset.h"
#include "feed-int.h"
#include "xmalloc.h"

#define FEED_TEXT_PASSES	3

/* buf_addc without the call while there is room (no limit is set here). */
static inline void
feed_text_addc(struct buf *b, char c)
{
	if (b->len + 1 < b->cap) {
		b->data[b->len++] = c;
		b->data[b->len] = '\0';
	} else
		buf_addc(b, c);
}

#define FEED_TEXT_B(s)	{ s, sizeof s - 1 }
static const struct {
	const char	*name;
	size_t		 len;
} feed_text_blocks[] = {
	FEED_TEXT_B("p"), FEED_TEXT_B("br"), FEED_TEXT_B("div"),
	FEED_TEXT_B("li"), FEED_TEXT_B("ul"), FEED_TEXT_B("ol"),
	FEED_TEXT_B("h1"), FEED_TEXT_B("h2"), FEED_TEXT_B("h3"),
	FEED_TEXT_B("h4"), FEED_TEXT_B("h5"), FEED_TEXT_B("h6"),
	FEED_TEXT_B("tr"), FEED_TEXT_B("td"), FEED_TEXT_B("th"),
	FEED_TEXT_B("table"), FEED_TEXT_B("blockquote"), FEED_TEXT_B("section"),
	FEED_TEXT_B("article"), FEED_TEXT_B("hr"), FEED_TEXT_B("dd"),
	FEED_TEXT_B("dt"), FEED_TEXT_B("dl"), FEED_TEXT_B("header"),
	FEED_TEXT_B("footer"), FEED_TEXT_B("figure"), FEED_TEXT_B("figcaption"),
	FEED_TEXT_B("pre"), FEED_TEXT_B("img"), FEED_TEXT_B("aside"),
	FEED_TEXT_B("nav"), FEED_TEXT_B("main"), FEED_TEXT_B("address"),
	FEED_TEXT_B("caption"), FEED_TEXT_B("tbody"), FEED_TEXT_B("thead"),
	{ NULL, 0 }
};
#undef FEED_TEXT_B

/* Windows-1252 meanings of &#128; - &#159; (HTML numeric references). */
static const unsigned int feed_text_c1[32] = {
	0x20ac, 0xfffd, 0x201a, 0x0192, 0x201e, 0x2026, 0x2020, 0x2021,
	0x02c6, 0x2030, 0x0160, 0x2039, 0x0152, 0xfffd, 0x017d, 0xfffd,
	0xfffd, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014,
	0x02dc, 0x2122, 0x0161, 0x203a, 0x0153, 0xfffd, 0x017e, 0x0178
};

static void
feed_text_put_cp(struct buf *b, unsigned int cp)
{
	char	u[4];

	if (cp == 0 || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff))
		cp = 0xfffd;
	if (cp >= 0x80 && cp < 0xa0)
		cp = feed_text_c1[cp - 0x80];
	if (cp < 0x80) {
		feed_text_addc(b, (char)cp);
	} else if (cp < 0x800) {
		u[0] = 0xc0 | (cp >> 6);
		u[1] = 0x80 | (cp & 0x3f);
		buf_add(b, u, 2);
	} else if (cp < 0x10000) {
		u[0] = 0xe0 | (cp >> 12);
		u[1] = 0x80 | ((cp >> 6) & 0x3f);
		u[2] = 0x80 | (cp & 0x3f);
		buf_add(b, u, 3);
	} else {
		u[0] = 0xf0 | (cp >> 18);
		u[1] = 0x80 | ((cp >> 12) & 0x3f);
		u[2] = 0x80 | ((cp >> 6) & 0x3f);
		u[3] = 0x80 | (cp & 0x3f);
		buf_add(b, u, 4);
	}
}

/*
 * The entities feeds use most, with htmlEntityLookup's values: it walks
 * its 253 names with strcmp (~3,800 instructions for "mdash").
 */
static unsigned long
feed_text_common_entity(const char *name)
{
	static const struct {
		const char	*name;
		unsigned long	 cp;
	} common[] = {
		{ "amp", 38 }, { "lt", 60 }, { "gt", 62 }, { "quot", 34 },
		{ "nbsp", 160 }, { "mdash", 8212 }, { "ndash", 8211 },
		{ "hellip", 8230 }, { "rsquo", 8217 }, { "lsquo", 8216 },
		{ "rdquo", 8221 }, { "ldquo", 8220 }, { NULL, 0 }
	};
	int	i;

	for (i = 0; common[i].name != NULL; i++) {
		if (name[0] == common[i].name[0] &&
		    strcmp(name, common[i].name) == 0)
			return (common[i].cp);
	}
	return (0);
}

/*
 * Decode the entity at s ('&'); append it and return the bytes used, or 0
 * when it is not an entity (the '&' is then literal).
 */
static size_t
feed_text_entity(const char *s, struct buf *b)
{
	const htmlEntityDesc	*e;
	char			 name[32];
	unsigned long		 cp;
	char			*end;
	const char		*start;
	size_t			 n;

	if (s[1] == '#') {
		start = (s[2] == 'x' || s[2] == 'X') ? s + 3 : s + 2;
		if (!isxdigit((unsigned char)*start))
			return (0);
		cp = strtoul(start, &end, start == s + 3 ? 16 : 10);
		if (end == start)
			return (0);
		if (cp > 0x10ffff)
			cp = 0xfffd;
		feed_text_put_cp(b, (unsigned int)cp);
		return (end - s + (*end == ';'));
	}
	for (n = 0; n + 1 < sizeof name && isalnum((unsigned char)s[1 + n]);
	    n++)
		name[n] = s[1 + n];
	name[n] = '\0';
	if (n == 0 || n + 1 >= sizeof name)
		return (0);
	if (strcmp(name, "apos") == 0)
		cp = '\'';
	else if ((cp = feed_text_common_entity(name)) != 0)
		;
	else if ((e = htmlEntityLookup((const xmlChar *)name)) != NULL)
		cp = e->value;
	else
		return (0);
	/* legacy entities without ';' only for the common few */
	if (s[1 + n] != ';' && strcmp(name, "amp") != 0 &&
	    strcmp(name, "lt") != 0 && strcmp(name, "gt") != 0 &&
	    strcmp(name, "quot") != 0 && strcmp(name, "nbsp") != 0)
		return (0);
	feed_text_put_cp(b, (unsigned int)cp);
	return (1 + n + (s[1 + n] == ';'));
}

static int	feed_text_has_tag(const char *);

int
feed_text_looks_html(const char *s)
{
	const char	*p;
	size_t		 n;

	if (s == NULL)
		return (0);
	if (feed_text_has_tag(s))
		return (1);
	for (p = s; (p = strchr(p, '&')) != NULL; p++) {
		if (p[1] == '#' && (isdigit((unsigned char)p[2]) ||
		    p[2] == 'x' || p[2] == 'X'))
			return (1);
		for (n = 1; isalnum((unsigned char)p[n]); n++)
			;
		if (n > 1 && p[n] == ';')
			return (1);
	}
	return (0);
}

/*
 * Scans for a tag's end that ran to the end of the string: in which quote
 * states (none, '"', '\'') a scan at pos is known to find no '>'.  A '<'
 * where such a scan is outside quotes would repeat it and fails without
 * looking; every byte is stepped over once, so text of many unclosed '<'
 * stays linear.
 */
struct feed_text_scan {
	const char	*pos;
	int		 fails[3];
};

static int
feed_text_quote_state(char q)
{
	return (q == '"' ? 1 : q == '\'' ? 2 : 0);
}

/* One byte of a tag: the quote state after *p ('>' outside ends it). */
static char
feed_text_tag_step(const char *p, char q)
{
	if (q != 0)
		return (*p == q ? 0 : q);
	if ((*p == '"' || *p == '\'') && (isspace((unsigned char)p[-1]) ||
	    p[-1] == '='))
		return (*p);
	return (0);
}

/* Bring the known failing scans forward to to. */
static void
feed_text_scan_move(struct feed_text_scan *fs, const char *to)
{
	static const char	 qs[3] = { 0, '"', '\'' };
	int			 next[3], i;

	for (; fs->pos < to && (fs->fails[0] || fs->fails[1] ||
	    fs->fails[2]); fs->pos++) {
		next[0] = next[1] = next[2] = 0;
		for (i = 0; i < 3; i++) {
			if (fs->fails[i])
				next[feed_text_quote_state(
				    feed_text_tag_step(fs->pos, qs[i]))] = 1;
		}
		memcpy(fs->fails, next, sizeof next);
	}
	fs->pos = to;
}

/* Skip a tag starting at p ('<'); returns the end (past '>') or NULL. */
static const char *
feed_text_tag_end(const char *p, struct feed_text_scan *fs)
{
	const char	*start = p + 1;
	char		 q = 0;

	if (fs != NULL) {
		feed_text_scan_move(fs, start);
		if (fs->fails[0])
			return (NULL);
	}
	for (p = start; *p != '\0'; p++) {
		if (q == 0 && *p == '>')
			return (p + 1);
		q = feed_text_tag_step(p, q);
	}
	if (fs != NULL)
		fs->fails[0] = 1;	/* from start, outside quotes */
	return (NULL);
}

static int
feed_text_is_block(const char *name, size_t n)
{
	int	i;

	for (i = 0; feed_text_blocks[i].name != NULL; i++) {
		if (feed_text_blocks[i].len == n &&
		    strncasecmp(name, feed_text_blocks[i].name, n) == 0)
			return (1);
	}
	return (0);
}

/* Handle markup at p ('<'); returns the next position, or NULL if literal. */
static const char *
feed_text_markup(const char *p, struct buf *b, struct feed_text_scan *fs)
{
	const char	*name, *end, *close;
	size_t		 n;

	if (strncmp(p, "<!--", 4) == 0) {
		end = strstr(p + 4, "-->");
		return (end != NULL ? end + 3 : p + strlen(p));
	}
	if (strncmp(p, "<![CDATA[", 9) == 0) {
		if ((end = strstr(p + 9, "]]>")) == NULL)
			end = p + strlen(p);
		buf_add(b, p + 9, end - (p + 9));
		return (*end != '\0' ? end + 3 : end);
	}
	name = p + 1;
	if (*name == '/')
		name++;
	if (!isalpha((unsigned char)*name) && *name != '!' && *name != '?')
		return (NULL);
	for (n = 0; isalnum((unsigned char)name[n]) || name[n] == ':' ||
	    name[n] == '-'; n++)
		;
	if ((end = feed_text_tag_end(p, fs)) == NULL)
		return (NULL);
	if (p[1] != '/' && ((n == 6 && strncasecmp(name, "script", 6) == 0) ||
	    (n == 5 && strncasecmp(name, "style", 5) == 0))) {
		close = strcasestr(end, n == 6 ? "</script" : "</style");
		if (close == NULL)
			return (end + strlen(end));
		if ((end = feed_text_tag_end(close, NULL)) == NULL)
			return (close + strlen(close));
		return (end);
	}
	if (feed_text_is_block(name, n))
		feed_text_addc(b, ' ');
	return (end);
}

static char *
feed_text_strip_once(const char *s)
{
	struct buf		 b;
	struct feed_text_scan	 fs;
	const char		*p, *next;
	size_t			 n;

	buf_init(&b, 0);
	memset(&fs, 0, sizeof fs);
	fs.pos = s;
	for (p = s; *p != '\0'; ) {
		if (*p == '<' && (next = feed_text_markup(p, &b, &fs)) !=
		    NULL) {
			p = next;
			continue;
		}
		if (*p == '&' && (n = feed_text_entity(p, &b)) != 0) {
			p += n;
			continue;
		}
		/* this byte and the text up to the next markup or entity */
		n = 1 + strcspn(p + 1, "<&");
		buf_add(&b, p, n);
		p += n;
	}
	return (buf_steal(&b));
}

/* Is there a tag in s (not only escaped ones)? */
/* A tag opens before the last '>' (strchr per '<' was quadratic). */
static int
feed_text_has_tag(const char *s)
{
	const char	*p, *gt;

	gt = strrchr(s, '>');
	for (p = s; gt != NULL && (p = strchr(p, '<')) != NULL && p < gt;
	    p++) {
		if (isalpha((unsigned char)p[1]) || p[1] == '/' ||
		    p[1] == '!')
			return (1);
	}
	return (0);
}

/* Double-encoded UTF-8 repaired, white space collapsed; frees s. */
static char *
feed_text_finish(char *s)
{
	char	*fixed;

	if ((fixed = charset_utf8_undouble(s, strlen(s))) != NULL) {
		free(s);
		s = fixed;
	}
	return (feed_text_collapse_own(s));
}

/*
 * HTML whose escaping is unknown (RSS): markup stripped and entities
 * decoded once.  Only text that had no markup at all, every tag of it
 * escaped ("&lt;p&gt;" after XML), was escaped twice and gets another pass.
 */
char *
feed_text_from_html(const char *s)
{
	const char	*cur = s;
	char		*next, *own = NULL;
	int		 i, tags;

	if (s == NULL)
		return (NULL);
	for (i = 0; i < FEED_TEXT_PASSES && feed_text_looks_html(cur); i++) {
		tags = feed_text_has_tag(cur);
		next = feed_text_strip_once(cur);
		free(own);
		cur = own = next;
		if (tags)
			break;
	}
	if (own == NULL)
		own = xstrdup(s);
	return (feed_text_finish(own));
}

/* HTML known to be escaped once (Atom type="html"): one pass, no more. */
char *
feed_text_from_html_once(const char *s)
{
	if (s == NULL)
		return (NULL);
	return (feed_text_finish(feed_text_strip_once(s)));
}

/* Text of markup already parsed (XHTML): only the repairs; frees s. */
char *
feed_text_from_xhtml(char *s)
{
	if (s == NULL)
		return (NULL);
	return (feed_text_finish(s));
}

/* Bytes feed_text_collapse copies as they are: 0x21-0x7e, 0x80-0xff but
 * 0xc2 and 0xe2 (which may start U+00A0, U+200B, U+2028, U+2029). */
static const unsigned char feed_text_plain[256] = {
	['!' ... '~'] = 1,
	[0x80 ... 0xc1] = 1, [0xc3 ... 0xe1] = 1, [0xe3 ... 0xff] = 1
};

/*
 * Collapse s into out, which may be s itself: a byte is written only after
 * it is read, and never ahead of it.  Returns the length written.
 */
static size_t
feed_text_collapse_to(const unsigned char *p, char *out)
{
	size_t	o = 0;
	int	space = 0;

	for (; *p != '\0'; p++) {
		/* ordinary bytes: copied as a run */
		if (feed_text_plain[*p]) {
			if (space && o > 0)
				out[o++] = ' ';
			space = 0;
			do {
				do
					out[o++] = (char)*p++;
				while (feed_text_plain[*p]);
				/* one space between words: the common case */
				if (*p != ' ' || !feed_text_plain[p[1]])
					break;
				out[o++] = ' ';
				p++;
			} while (1);
			if (*p == '\0')
				break;
		}
		if (*p == ' ' || (*p >= '\t' && *p <= '\r') ||
		    (*p == 0xc2 && p[1] == 0xa0) ||
		    (*p == 0xe2 && p[1] == 0x80 && (p[2] == 0x8b ||
		    p[2] == 0xa8 || p[2] == 0xa9))) {
			if (*p == 0xc2)
				p++;
			else if (*p == 0xe2)
				p += 2;
			space = 1;
			continue;
		}
		if (*p < 0x20 || *p == 0x7f)
			continue;
		if (space && o > 0)
			out[o++] = ' ';
		space = 0;
		out[o++] = (char)*p;
	}
	out[o] = '\0';
	return (o);
}

/*
 * White space (C-locale isspace, U+00A0, U+200B, U+2028, U+2029) collapsed
 * to one space and trimmed; other control characters dropped.  NULL when
 * nothing is left.  The result is never longer than s.
 */
char *
feed_text_collapse(const char *s)
{
	char	*out;

	if (s == NULL)
		return (NULL);
	out = xmalloc(strlen(s) + 1);
	if (feed_text_collapse_to((const unsigned char *)s, out) == 0) {
		free(out);
		return (NULL);
	}
	return (out);
}

/* feed_text_collapse in place: returns s, or NULL (s freed). */
char *
feed_text_collapse_own(char *s)
{
	if (s == NULL)
		return (NULL);
	if (feed_text_collapse_to((const unsigned char *)s, s) == 0) {
		free(s);
		return (NULL);
	}
	return (s);
}

/* Percent-encode spaces and non-ASCII bytes so libxml2 accepts the URI. */
static char *
feed_uri_escape(const char *s)
{
	struct buf		 b;
	const unsigned char	*p;

	buf_init(&b, 0);
	for (p = (const unsigned char *)s; *p != '\0'; p++) {
		if (*p <= 0x20 || *p >= 0x7f || *p == '"' || *p == '<' ||
		    *p == '>' || *p == '\\' || *p == '^' || *p == '`' ||
		    *p == '{' || *p == '|' || *p == '}')
			buf_printf(&b, "%%%02X", *p);
		else
			feed_text_addc(&b, (char)*p);
	}
	return (buf_steal(&b));
}

char *
feed_resolve(const char *base, const char *ref)
{
	xmlChar	*u;
	char	*r, *eref, *ebase, *res;
	size_t	 n;

	if (ref == NULL)
		return (NULL);
	while (isspace((unsigned char)*ref))
		ref++;
	n = strlen(ref);
	while (n > 0 && isspace((unsigned char)ref[n - 1]))
		n--;
	if (n == 0)
		return (NULL);
	r = xstrndup(ref, n);
	if (base == NULL || *base == '\0')
		return (r);
	u = xmlBuildURI((const xmlChar *)r, (const xmlChar *)base);
	if (u == NULL) {
		eref = feed_uri_escape(r);
		ebase = feed_uri_escape(base);
		u = xmlBuildURI((const xmlChar *)eref,
		    (const xmlChar *)ebase);
		free(eref);
		free(ebase);
	}
	if (u == NULL)
		return (r);
	res = xstrdup((const char *)u);
	xmlFree(u);
	free(r);
	return (res);
}
