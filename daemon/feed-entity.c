/*
 * feed-entity.c -- entity references rewritten before libxml2 parses.
 *
 * libxml2 2.9 drops every entity reference once a document has proved
 * ill-formed, the predefined five included, so a recovered feed loses its
 * "&amp;"; character references survive.  Every reference is therefore
 * rewritten here: the predefined ones and HTML's (&nbsp; &mdash; ...) as
 * character references, those the document declares in its internal subset
 * by their replacement text (within a budget: no expansion bombs), external
 * ones by nothing (never loaded), and a bare '&' or an unknown name as
 * literal text.
 */
#include <ctype.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/HTMLparser.h>

#include "buf.h"
#include "feed-int.h"
#include "xmalloc.h"

#define FEED_ENTITY_BUDGET	(1024 * 1024)	/* bytes of replacement text */
#define FEED_ENTITY_DEPTH	16
#define FEED_ENTITY_DECLS	1024
#define FEED_ENTITY_NAME	64

struct feed_entity_decl {
	char	*name;
	char	*value;		/* NULL: external, expands to nothing */
};

struct feed_entity {
	struct feed_entity_decl	*decls;
	size_t			 ndecls;
	size_t			 budget;	/* replacement bytes left */
	int			 doctype;	/* the internal subset is read */
	int			 repaired;	/* bare '&', bad references */
	const char		*error;
};

static void	feed_entity_scan(struct feed_entity *, const char *, size_t,
		    struct buf *, int, int);

static int
feed_entity_namechar(int c, int first)
{
	if (isalpha(c) || c == '_' || c == ':' || c >= 0x80)
		return (1);
	return (!first && (isdigit(c) || c == '-' || c == '.'));
}

/* Length of the XML name at s, 0 if none. */
static size_t
feed_entity_name(const char *s, size_t len)
{
	size_t	n;

	for (n = 0; n < len && feed_entity_namechar((unsigned char)s[n],
	    n == 0); n++)
		;
	return (n);
}

static const struct feed_entity_decl *
feed_entity_find(struct feed_entity *fe, const char *name, size_t n)
{
	size_t	i;

	for (i = 0; i < fe->ndecls; i++) {
		if (strlen(fe->decls[i].name) == n &&
		    memcmp(fe->decls[i].name, name, n) == 0)
			return (&fe->decls[i]);
	}
	return (NULL);
}

/* Skip a quoted literal or to c outside quotes; returns the index past c. */
static size_t
feed_entity_skip_to(const char *p, size_t len, size_t i, char c)
{
	char	q = 0;

	for (; i < len; i++) {
		if (q != 0) {
			if (p[i] == q)
				q = 0;
		} else if (p[i] == '"' || p[i] == '\'')
			q = p[i];
		else if (p[i] == c)
			return (i + 1);
	}
	return (len);
}

/* <!ENTITY at p: record a general entity; returns the declaration's length. */
static size_t
feed_entity_decl(struct feed_entity *fe, const char *p, size_t len)
{
	struct feed_entity_decl	*d;
	const char		*name, *v, *q;
	size_t			 i = 8, n;

	while (i < len && isspace((unsigned char)p[i]))
		i++;
	if (i >= len || p[i] == '%')		/* parameter entity */
		return (feed_entity_skip_to(p, len, i, '>'));
	name = p + i;
	if ((n = feed_entity_name(name, len - i)) == 0 ||
	    n >= FEED_ENTITY_NAME)
		return (feed_entity_skip_to(p, len, i, '>'));
	i += n;
	while (i < len && isspace((unsigned char)p[i]))
		i++;
	if (i >= len || fe->ndecls >= FEED_ENTITY_DECLS ||
	    feed_entity_find(fe, name, n) != NULL)	/* the first wins */
		return (feed_entity_skip_to(p, len, i, '>'));
	if (p[i] == '"' || p[i] == '\'') {
		v = p + i + 1;
		if ((q = memchr(v, p[i], len - i - 1)) == NULL)
			return (len);
		fe->decls = xreallocarray(fe->decls, fe->ndecls + 1,
		    sizeof *fe->decls);
		d = &fe->decls[fe->ndecls++];
		d->name = xstrndup(name, n);
		d->value = xstrndup(v, q - v);
		i = q - p + 1;
	} else if (len - i >= 6 && (strncmp(p + i, "SYSTEM", 6) == 0 ||
	    strncmp(p + i, "PUBLIC", 6) == 0)) {
		fe->decls = xreallocarray(fe->decls, fe->ndecls + 1,
		    sizeof *fe->decls);
		d = &fe->decls[fe->ndecls++];
		d->name = xstrndup(name, n);
		d->value = NULL;
	}
	return (feed_entity_skip_to(p, len, i, '>'));
}

/*
 * <!DOCTYPE at p: record the internal subset's entities; returns the
 * length of the whole declaration, which is copied as it is.
 */
static size_t
feed_entity_doctype(struct feed_entity *fe, const char *p, size_t len)
{
	const char	*e;
	size_t		 i = 9;
	char		 q = 0;

	for (; i < len; i++) {
		if (q != 0) {
			if (p[i] == q)
				q = 0;
			continue;
		}
		if (p[i] == '"' || p[i] == '\'')
			q = p[i];
		else if (p[i] == '>')
			return (i + 1);
		else if (p[i] == '[')
			break;
	}
	for (i++; i < len; ) {
		if (p[i] == ']')
			return (feed_entity_skip_to(p, len, i, '>'));
		if (len - i >= 4 && memcmp(p + i, "<!--", 4) == 0) {
			e = memmem(p + i + 4, len - i - 4, "-->", 3);
			i = e != NULL ? (size_t)(e - p) + 3 : len;
		} else if (len - i >= 8 && memcmp(p + i, "<!ENTITY", 8) == 0)
			i += feed_entity_decl(fe, p + i, len - i);
		else if (len - i >= 2 && p[i] == '<' && p[i + 1] == '?') {
			e = memmem(p + i + 2, len - i - 2, "?>", 2);
			i = e != NULL ? (size_t)(e - p) + 2 : len;
		} else if (p[i] == '<')
			i = feed_entity_skip_to(p, len, i + 1, '>');
		else
			i++;
	}
	return (len);
}

/*
 * A character reference XML forbids (NUL, surrogates, beyond U+10FFFF,
 * C0 controls) becomes U+FFFD instead of a fatal error.  Returns the bytes
 * consumed, 0 if buf is not such a reference.
 */
static size_t
feed_entity_charref(const char *buf, size_t len, struct buf *b)
{
	unsigned long long	 cp = 0;
	size_t			 i = 2;
	int			 hex = 0, nd = 0;

	if (len < 4 || buf[1] != '#')
		return (0);
	if (buf[2] == 'x' || buf[2] == 'X') {
		hex = 1;
		i = 3;
	}
	for (; i < len && (hex ? isxdigit((unsigned char)buf[i]) :
	    isdigit((unsigned char)buf[i])); i++, nd++) {
		if (cp < 0x1000000)
			cp = cp * (hex ? 16 : 10) + (isdigit((unsigned char)
			    buf[i]) ? buf[i] - '0' : (tolower((unsigned char)
			    buf[i]) - 'a' + 10));
	}
	if (nd == 0 || i >= len || buf[i] != ';')
		return (0);
	if (cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff) ||
	    (cp < 0x20 && cp != 0x9 && cp != 0xa && cp != 0xd) ||
	    cp == 0xfffe || cp == 0xffff) {
		buf_addstr(b, "&#xFFFD;");
		return (i + 1);
	}
	return (0);
}

static int
feed_entity_predefined(const char *name, size_t n)
{
	static const struct {
		const char	*name;
		int		 cp;
	} pre[] = {
		{ "amp", '&' }, { "lt", '<' }, { "gt", '>' },
		{ "quot", '"' }, { "apos", '\'' }, { NULL, 0 }
	};
	int	i;

	for (i = 0; pre[i].name != NULL; i++) {
		if (strlen(pre[i].name) == n && memcmp(pre[i].name, name,
		    n) == 0)
			return (pre[i].cp);
	}
	return (-1);
}

/* "&lt;" and the like: what feed_entity_ref writes for them. */
static const struct feed_entity_pre {
	const char	*ref;		/* after '&', with ';' */
	size_t		 n;
	const char	*out;
} feed_entity_pre[] = {
	{ "lt;", 3, "&#60;" }, { "gt;", 3, "&#62;" }, { "amp;", 4, "&#38;" },
	{ "quot;", 5, "&#34;" }, { "apos;", 5, "&#39;" }, { NULL, 0, NULL }
};

/* "&#N;" without printf: the hot path of escaped HTML (&lt; &gt; &amp;). */
static void
feed_entity_put_ref(struct buf *b, unsigned int cp)
{
	char	tmp[16], *p = tmp + sizeof tmp;

	*--p = ';';
	do {
		*--p = (char)('0' + cp % 10);
		cp /= 10;
	} while (cp != 0);
	*--p = '#';
	*--p = '&';
	buf_add(b, p, (size_t)(tmp + sizeof tmp - p));
}

/* Replacement text of a declared entity, inside an attribute or not. */
static void
feed_entity_expand(struct feed_entity *fe, const char *value, struct buf *b,
    int depth, int in_attr)
{
	struct buf	 t;
	size_t		 i, n = strlen(value);

	if (depth >= FEED_ENTITY_DEPTH) {
		fe->error = "entity references nested too deep";
		return;
	}
	if (n + 1 > fe->budget) {
		fe->error = "entity expansion too large";
		return;
	}
	fe->budget -= n + 1;
	if (!in_attr) {
		feed_entity_scan(fe, value, n, b, depth + 1, 0);
		return;
	}
	/* markup and quotes would end the attribute: references instead */
	buf_init(&t, 0);
	feed_entity_scan(fe, value, n, &t, depth + 1, 1);
	for (i = 0; i < t.len; i++) {
		if (t.data[i] == '<' || t.data[i] == '"' || t.data[i] == '\'')
			buf_printf(b, "&#%d;", t.data[i]);
		else
			buf_addc(b, t.data[i]);
	}
	buf_clear(&t);
}

/* The reference at s ('&'); returns the bytes consumed. */
static size_t
feed_entity_ref(struct feed_entity *fe, const char *s, size_t len,
    struct buf *b, int depth, int in_attr)
{
	const struct feed_entity_decl	*d;
	const htmlEntityDesc		*e;
	char				 name[FEED_ENTITY_NAME];
	const struct feed_entity_pre	*d_pre;
	size_t				 n;
	int				 cp;

	if (len > 1 && s[1] == '#') {
		if ((n = feed_entity_charref(s, len, b)) != 0) {
			fe->repaired = 1;
			return (n);
		}
		buf_addc(b, '&');	/* libxml2 judges the rest */
		return (1);
	}
	/* the predefined five, as below, without the name copy */
	for (d_pre = feed_entity_pre; d_pre->ref != NULL; d_pre++) {
		if (len > d_pre->n && memcmp(s + 1, d_pre->ref,
		    d_pre->n) == 0) {
			buf_add(b, d_pre->out, strlen(d_pre->out));
			return (d_pre->n + 1);
		}
	}
	n = feed_entity_name(s + 1, len - 1);
	if (n == 0 || n >= sizeof name || 1 + n >= len || s[1 + n] != ';') {
		buf_addstr(b, "&amp;");
		fe->repaired = 1;
		return (1);
	}
	memcpy(name, s + 1, n);
	name[n] = '\0';
	if ((cp = feed_entity_predefined(name, n)) != -1)
		feed_entity_put_ref(b, (unsigned int)cp);
	else if ((d = feed_entity_find(fe, name, n)) != NULL) {
		if (d->value != NULL)
			feed_entity_expand(fe, d->value, b, depth, in_attr);
	} else if ((e = htmlEntityLookup((const xmlChar *)name)) != NULL)
		feed_entity_put_ref(b, e->value);
	else {
		/* an unknown entity is literal text */
		buf_addstr(b, "&amp;");
		fe->repaired = 1;
		return (1);
	}
	return (n + 2);
}

#define FEED_ONES	0x0101010101010101ULL
#define FEED_HIGHS	0x8080808080808080ULL
#define FEED_HAS(w, c)	((((w) ^ (FEED_ONES * (c))) - FEED_ONES) & \
			 ~((w) ^ (FEED_ONES * (c))) & FEED_HIGHS)

/* First index from i on in [s, s+len) of a '<' or '&', or len. */
static size_t
feed_entity_text_end(const char *s, size_t i, size_t len)
{
	uint64_t	w;

	while (len - i >= 8) {
		memcpy(&w, s + i, 8);
		if ((FEED_HAS(w, '<') | FEED_HAS(w, '&')) != 0)
			break;
		i += 8;
	}
	while (i < len && s[i] != '<' && s[i] != '&')
		i++;
	return (i);
}

/* Length of a section copied as it is (CDATA, comment, PI) at p; else 0. */
static size_t
feed_entity_verbatim(const char *p, size_t len)
{
	const char	*end;

	if (len >= 9 && memcmp(p, "<![CDATA[", 9) == 0)
		end = memmem(p + 9, len - 9, "]]>", 3);
	else if (len >= 4 && memcmp(p, "<!--", 4) == 0)
		end = memmem(p + 4, len - 4, "-->", 3);
	else if (len >= 2 && p[1] == '?') {
		end = memmem(p + 2, len - 2, "?>", 2);
		return (end != NULL ? (size_t)(end - p) + 2 : len);
	} else
		return (0);
	return (end != NULL ? (size_t)(end - p) + 3 : len);
}

/* Where a run inside a tag stops outside quotes. */
static const unsigned char feed_entity_tag_stop[256] = {
	['&'] = 1, ['"'] = 1, ['\''] = 1, ['>'] = 1
};

/*
 * Copy [s, s+len) with its references rewritten.  Outside attr_only, tags
 * are followed so that a reference inside an attribute value is known.
 */
static void
feed_entity_scan(struct feed_entity *fe, const char *s, size_t len,
    struct buf *b, int depth, int attr_only)
{
	size_t	i, j, n;
	int	in_tag = 0;
	char	q = 0;

	for (i = 0; i < len && fe->error == NULL; ) {
		if (s[i] == '&') {
			i += feed_entity_ref(fe, s + i, len - i, b, depth,
			    attr_only || q != 0);
			continue;
		}
		/* the bytes up to the next one that matters, as one run */
		if (attr_only) {
			for (j = i + 1; j < len && s[j] != '&'; j++)
				;
			buf_add(b, s + i, j - i);
			i = j;
			continue;
		}
		if (in_tag) {
			/* to '&', the quote's end, or a quote or '>' outside */
			if (q != 0) {
				for (j = i; j < len && s[j] != '&' &&
				    s[j] != q; j++)
					;
			} else {
				for (j = i; j < len &&
				    !feed_entity_tag_stop[(unsigned char)s[j]];
				    j++)
					;
			}
			if (j < len && s[j] != '&') {
				if (q != 0)
					q = 0;
				else if (s[j] == '>')
					in_tag = 0;
				else
					q = s[j];
				j++;
			}
			buf_add(b, s + i, j - i);
			i = j;
			continue;
		}
		if (s[i] == '<' && (n = feed_entity_verbatim(s + i,
		    len - i)) != 0) {
			buf_add(b, s + i, n);
			i += n;
			continue;
		}
		if (s[i] == '<' && depth == 0 && len - i >= 9 &&
		    memcmp(s + i, "<!DOCTYPE", 9) == 0 && !fe->doctype) {
			fe->doctype = 1;
			n = feed_entity_doctype(fe, s + i, len - i);
			buf_add(b, s + i, n);
			i += n;
			continue;
		}
		if (s[i] == '<') {
			if (i + 1 < len && (s[i + 1] == '/' ||
			    feed_entity_namechar((unsigned char)s[i + 1], 1))) {
				in_tag = 1;	/* '<' goes with the tag's run */
				continue;
			}
			buf_addc(b, s[i++]);
			continue;
		}
		j = feed_entity_text_end(s, i + 1, len);
		buf_add(b, s + i, j - i);
		i = j;
	}
}

/*
 * memmem for a needle of n bytes whose byte at k is rare in documents:
 * memchr for that byte (glibc's memmem costs ~3 instructions a byte).
 */
static const char *
feed_entity_search(const char *s, const char *end, const char *needle,
    size_t n, size_t k)
{
	const char	*p;

	for (p = s + k; p < end && (p = memchr(p, needle[k], end - p)) !=
	    NULL; p++) {
		if ((size_t)(end - (p - k)) >= n &&
		    memcmp(p - k, needle, n) == 0)
			return (p - k);
	}
	return (NULL);
}

/*
 * Nonzero when rewriting would change nothing libxml2 sees in a
 * well-formed document: every reference is one of the predefined five
 * (rewritten as the character reference libxml2 reads the same way) or a
 * character reference left as it is, and no entity is declared.  Such a
 * document is parsed as it is; only if it proves ill-formed is it
 * rewritten, because recovery drops entity references.
 *
 * Without a DOCTYPE any other reference outside a CDATA section makes
 * the document ill-formed, so '&' inside what looks like a CDATA section
 * ("&mdash;" in the HTML of an RSS description, copied as it is by the
 * rewriting too) may be passed over: a wrong guess only costs the parse.
 */
int
feed_entity_plain(const char *buf, size_t len)
{
	const struct feed_entity_pre	*d;
	const char			*p, *e, *end = buf + len;
	const char			*cd = NULL, *cd_end = buf;
	struct buf			 none;
	int				 doctype = 0;

	/* "<!ENTITY", "<!DOCTYPE": '!' is rare, memchr beats memmem */
	for (p = buf; (p = memchr(p, '!', end - p)) != NULL; p++) {
		if (p == buf || p[-1] != '<')
			continue;
		if (end - p >= 7 && memcmp(p + 1, "ENTITY", 6) == 0)
			return (0);
		if (end - p >= 8 && memcmp(p + 1, "DOCTYPE", 7) == 0)
			doctype = 1;
	}
	buf_init(&none, 0);
	for (p = buf; (p = memchr(p, '&', end - p)) != NULL; p++) {
		if (end - p > 1 && p[1] == '#') {
			/* rewritten when it returns nonzero */
			if (feed_entity_charref(p, end - p, &none) != 0) {
				buf_clear(&none);
				return (0);
			}
			continue;
		}
		for (d = feed_entity_pre; d->ref != NULL; d++) {
			if ((size_t)(end - p) > d->n &&
			    memcmp(p + 1, d->ref, d->n) == 0)
				break;
		}
		if (d->ref != NULL) {
			p += d->n;
			continue;
		}
		if (doctype)
			return (0);
		/* the CDATA section [cd, cd_end) that ends after p, if any */
		while (cd_end <= p) {
			if ((cd = feed_entity_search(cd_end, end,
			    "<![CDATA[", 9, 2)) == NULL)
				return (0);
			e = feed_entity_search(cd + 9, end, "]]>", 3, 0);
			cd_end = e != NULL ? e + 3 : end;
		}
		if (p < cd)
			return (0);
		p = cd_end - 1;		/* past the section */
	}
	return (1);
}

int
feed_entity_fix(const char *buf, size_t len, char **out, size_t *outlen,
    int *repaired, char **cause)
{
	struct feed_entity	 fe;
	struct buf		 b;
	size_t			 i;

	*out = NULL;
	*outlen = 0;
	if (memchr(buf, '&', len) == NULL)
		return (0);
	memset(&fe, 0, sizeof fe);
	fe.budget = FEED_ENTITY_BUDGET;
	buf_init(&b, 0);
	feed_entity_scan(&fe, buf, len, &b, 0, 0);
	for (i = 0; i < fe.ndecls; i++) {
		free(fe.decls[i].name);
		free(fe.decls[i].value);
	}
	free(fe.decls);
	if (fe.error != NULL) {
		buf_clear(&b);
		*cause = xstrdup(fe.error);
		return (-1);
	}
	if (fe.repaired)
		*repaired = 1;
	*outlen = b.len;
	*out = buf_steal(&b);
	return (0);
}
