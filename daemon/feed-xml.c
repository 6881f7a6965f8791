/*
 * feed-xml.c -- element matching and text extraction for the XML parsers.
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/tree.h>

#include "buf.h"
#include "date.h"
#include "feed.h"
#include "feed-int.h"
#include "xmalloc.h"

/* Namespaces the RSS core elements are found in. */
static const char *feed_core_ns[] = {
	FEED_NS_RSS1,
	FEED_NS_RSS090,
	"http://backend.userland.com/rss2",
	"http://backend.userland.com/rss",
	"http://blogs.law.harvard.edu/tech/rss",
	"http://purl.org/net/rss1.1#",
	"http://purl.org/rss/2.0/",
	NULL
};

/* Usual prefixes, for documents that use them without declaring them. */
static const struct {
	const char	*ns;
	const char	*prefix;
} feed_prefixes[] = {
	{ FEED_NS_DC, "dc" },
	{ FEED_NS_DCTERMS, "dcterms" },
	{ FEED_NS_CONTENT, "content" },
	{ FEED_NS_NEWS, "news" },
	{ FEED_NS_ATOM10, "atom" },
	{ FEED_NS_RDF, "rdf" },
	{ NULL, NULL }
};

int
feed_node_is(xmlNodePtr n, const char *ns, const char *name)
{
	const char	*href, *nm;
	size_t		 i, plen;

	if (n == NULL || n->type != XML_ELEMENT_NODE)
		return (0);
	nm = (const char *)n->name;
	href = (n->ns != NULL && n->ns->href != NULL) ?
	    (const char *)n->ns->href : NULL;
	if (ns == NULL || *ns == '\0') {
		if (nm[0] != name[0] || strcmp(nm, name) != 0)
			return (0);
		if (href == NULL || ns == NULL)
			return (1);
		for (i = 0; feed_core_ns[i] != NULL; i++) {
			if (strcmp(href, feed_core_ns[i]) == 0)
				return (1);
		}
		return (0);
	}
	if (href != NULL)
		return (nm[0] == name[0] && strcmp(nm, name) == 0 &&
		    strcmp(href, ns) == 0);
	/* only "prefix:name" can match below (most names have no colon) */
	if (strchr(nm, ':') == NULL)
		return (0);
	for (i = 0; feed_prefixes[i].ns != NULL; i++) {
		if (strcmp(feed_prefixes[i].ns, ns) != 0)
			continue;
		plen = strlen(feed_prefixes[i].prefix);
		return (strncmp(nm, feed_prefixes[i].prefix, plen) == 0 &&
		    nm[plen] == ':' && strcmp(nm + plen + 1, name) == 0);
	}
	return (0);
}

xmlNodePtr
feed_next(xmlNodePtr n, const char *ns, const char *name)
{
	for (; n != NULL; n = n->next) {
		if (feed_node_is(n, ns, name))
			return (n);
	}
	return (NULL);
}

xmlNodePtr
feed_child(xmlNodePtr parent, const char *ns, const char *name)
{
	if (parent == NULL)
		return (NULL);
	return (feed_next(parent->children, ns, name));
}

/* The node after n's subtree in document order, within top. */
static xmlNodePtr
feed_find_up(xmlNodePtr top, xmlNodePtr n)
{
	for (; n != NULL && n != top; n = n->parent) {
		if (n->next != NULL)
			return (n->next);
	}
	return (NULL);
}

/*
 * The next matching element after n in document order within top; start
 * with n = top.  Matches inside matches count: recovery nests an item
 * that follows an unclosed element inside it.
 */
xmlNodePtr
feed_find(xmlNodePtr top, xmlNodePtr n, const char *ns, const char *name)
{
	for (;;) {
		if (n->type == XML_ELEMENT_NODE && n->children != NULL)
			n = n->children;
		else
			n = feed_find_up(top, n);
		if (n == NULL)
			return (NULL);
		if (feed_node_is(n, ns, name))
			return (n);
	}
}

#define FEED_TEXT_MAX	(8 * 1024 * 1024)	/* per field */

/*
 * Text and CDATA under n.  Entity references are not followed: a document
 * defining its own entities cannot make one field expand without bound.
 */
static void
feed_node_gather(xmlNodePtr n, struct buf *b, int depth)
{
	xmlNodePtr	c;

	if (depth > 64)
		return;
	for (c = n->children; c != NULL; c = c->next) {
		if (b->len > FEED_TEXT_MAX)
			return;
		if ((c->type == XML_TEXT_NODE ||
		    c->type == XML_CDATA_SECTION_NODE) && c->content != NULL)
			buf_addstr(b, (const char *)c->content);
		else if (c->type == XML_ELEMENT_NODE)
			feed_node_gather(c, b, depth + 1);
	}
}

/* Text content as it is (heap), NULL when there is none. */
static char *
feed_node_content(xmlNodePtr n)
{
	struct buf	 b;

	if (n == NULL)
		return (NULL);
	buf_init(&b, 0);
	if (n->type == XML_ATTRIBUTE_NODE || n->type == XML_TEXT_NODE) {
		xmlChar *c = xmlNodeGetContent(n);

		if (c != NULL)
			buf_addstr(&b, (const char *)c);
		xmlFree(c);
	} else
		feed_node_gather(n, &b, 0);
	return (b.data);
}

/* Text content, trimmed; NULL when empty. */
char *
feed_node_raw(xmlNodePtr n)
{
	const char	*s;
	char		*all, *r = NULL;
	size_t		 len;

	if ((all = feed_node_content(n)) == NULL)
		return (NULL);
	s = all;
	while (isspace((unsigned char)*s))
		s++;
	len = strlen(s);
	while (len > 0 && isspace((unsigned char)s[len - 1]))
		len--;
	if (len > 0)
		r = xstrndup(s, len);
	free(all);
	return (r);
}

/* Collapsing trims as well: the content is collapsed where it lies. */
char *
feed_node_text(xmlNodePtr n)
{
	return (feed_text_collapse_own(feed_node_content(n)));
}

/*
 * How feed_node_walk treats an element: its text skipped (script,
 * style), set apart by spaces (block elements) or run in.
 */
enum feed_node_kind {
	FEED_NODE_INLINE,
	FEED_NODE_BLOCK,
	FEED_NODE_SKIP
};

static enum feed_node_kind
feed_node_kind(const char *name)
{
	static const char *blocks[] = {
		"p", "br", "div", "li", "h1", "h2", "h3", "h4", "h5", "h6",
		"tr", "td", "blockquote", "pre", "hr", "dd", "dt", NULL
	};
	char	lc[16];
	size_t	n;
	int	i;

	/* ASCII case folded, as strcasecmp does for these ASCII names */
	for (n = 0; name[n] != '\0'; n++) {
		if (n + 1 >= sizeof lc)
			return (FEED_NODE_INLINE);
		lc[n] = (name[n] >= 'A' && name[n] <= 'Z') ?
		    (char)(name[n] - 'A' + 'a') : name[n];
	}
	lc[n] = '\0';
	if (strcmp(lc, "script") == 0 || strcmp(lc, "style") == 0)
		return (FEED_NODE_SKIP);
	for (i = 0; blocks[i] != NULL; i++) {
		if (lc[0] == blocks[i][0] && strcmp(lc, blocks[i]) == 0)
			return (FEED_NODE_BLOCK);
	}
	return (FEED_NODE_INLINE);
}

static void
feed_node_walk(xmlNodePtr n, struct buf *b, int depth)
{
	xmlNodePtr		c;
	enum feed_node_kind	kind;

	if (depth > 64)
		return;
	for (c = n->children; c != NULL && b->len <= FEED_TEXT_MAX;
	    c = c->next) {
		switch (c->type) {
		case XML_TEXT_NODE:
		case XML_CDATA_SECTION_NODE:
			if (c->content != NULL)
				buf_addstr(b, (const char *)c->content);
			break;
		case XML_ELEMENT_NODE:
			kind = feed_node_kind((const char *)c->name);
			if (kind == FEED_NODE_SKIP)
				break;
			if (kind == FEED_NODE_BLOCK)
				buf_addc(b, ' ');
			feed_node_walk(c, b, depth + 1);
			if (kind == FEED_NODE_BLOCK)
				buf_addc(b, ' ');
			break;
		default:
			break;
		}
	}
}

/* An element's content, its markup elements walked (heap). */
static char *
feed_node_walked(xmlNodePtr n)
{
	struct buf	 b;

	buf_init(&b, 0);
	feed_node_walk(n, &b, 0);
	return (buf_steal(&b));
}

/* An element's content as text, through one of the HTML-to-text passes. */
static char *
feed_node_through(xmlNodePtr n, char *(*to_text)(const char *))
{
	char	*raw, *r;

	if (n == NULL)
		return (NULL);
	raw = feed_node_walked(n);
	r = to_text(raw);
	free(raw);
	return (r);
}

/* Text of an element whose content is (possibly escaped) HTML. */
char *
feed_node_html_text(xmlNodePtr n)
{
	return (feed_node_through(n, feed_text_from_html));
}

char *
feed_node_markup_text(xmlNodePtr n, int escaped)
{
	if (escaped)
		return (feed_node_through(n, feed_text_from_html_once));
	if (n == NULL)
		return (NULL);
	return (feed_text_from_xhtml(feed_node_walked(n)));
}

char *
feed_child_text(xmlNodePtr parent, const char *ns, const char *name)
{
	return (feed_node_text(feed_child(parent, ns, name)));
}

static char *
feed_attr_trim(xmlChar *v)
{
	char	*r;

	if (v == NULL)
		return (NULL);
	r = feed_text_collapse((const char *)v);
	xmlFree(v);
	return (r);
}

/*
 * xmlGetProp is xmlHasProp and a copy of the value: an attribute of one
 * text node is collapsed from the tree without the copy.
 */
char *
feed_attr(xmlNodePtr n, const char *name)
{
	xmlAttrPtr	a;

	if (n == NULL || (a = xmlHasProp(n, (const xmlChar *)name)) == NULL)
		return (NULL);
	if (a->type == XML_ATTRIBUTE_NODE && a->children != NULL &&
	    a->children->next == NULL &&
	    (a->children->type == XML_TEXT_NODE ||
	    a->children->type == XML_CDATA_SECTION_NODE))
		return (feed_text_collapse(
		    (const char *)a->children->content));
	return (feed_attr_trim(xmlGetProp(n, (const xmlChar *)name)));
}

char *
feed_attr_ns(xmlNodePtr n, const char *ns, const char *name)
{
	if (n == NULL)
		return (NULL);
	return (feed_attr_trim(xmlGetNsProp(n, (const xmlChar *)name,
	    (const xmlChar *)ns)));
}

/* Resolve ref against the node's xml:base and the document URL. */
char *
feed_node_link(struct feed_ctx *ctx, xmlNodePtr n, const char *ref)
{
	xmlChar	*base;
	char	*r;

	if (ref == NULL)
		return (NULL);
	base = xmlNodeGetBase(ctx->doc, n);
	if (base == NULL)
		return (feed_resolve(ctx->opts->url, ref));
	r = feed_resolve((const char *)base, ref);
	xmlFree(base);
	return (r);
}

void
feed_node_enclosure(struct feed_ctx *ctx, struct feed_entry *e, xmlNodePtr n,
    const char *attr)
{
	char	*url, *abs, *type, *len;

	if ((url = feed_attr(n, attr)) == NULL)
		return;
	abs = feed_node_link(ctx, n, url);
	type = feed_attr(n, "type");
	len = feed_attr(n, "length");
	feed_entry_add_enclosure(e, abs, type,
	    len != NULL ? strtoll(len, NULL, 10) : 0);
	free(url);
	free(abs);
	free(type);
	free(len);
}

time_t
feed_node_date(struct feed_ctx *ctx, xmlNodePtr n)
{
	char	*s;
	time_t	 t;

	if ((s = feed_node_raw(n)) == NULL)
		return (-1);
	t = date_parse(s, ctx->opts->tz);
	free(s);
	return (t);
}

char *
feed_node_lang(xmlNodePtr n)
{
	xmlChar	*l;
	char	*r;

	if (n == NULL || (l = xmlNodeGetLang(n)) == NULL)
		return (NULL);
	r = feed_text_collapse((const char *)l);
	xmlFree(l);
	return (r);
}

/*
 * "jo@example.com (Jo Bloggs)" and "Jo Bloggs <jo@example.com>" give the
 * name; a bare address stays.  Takes ownership of s.
 */
char *
feed_author_clean(char *s)
{
	char	*open, *close, *at, *r;

	if (s == NULL)
		return (NULL);
	if (strncasecmp(s, "mailto:", 7) == 0)
		memmove(s, s + 7, strlen(s + 7) + 1);
	if ((open = strchr(s, '(')) != NULL &&
	    (close = strrchr(s, ')')) != NULL && close > open + 1 &&
	    strchr(s, '@') != NULL && strchr(s, '@') < open) {
		*close = '\0';
		r = feed_text_collapse(open + 1);
		if (r != NULL) {
			free(s);
			return (r);
		}
		*close = ')';
	}
	/* "Jo Bloggs (jo@example.com)" */
	if ((open = strchr(s, '(')) != NULL && open > s &&
	    (close = strrchr(s, ')')) != NULL && close > open &&
	    (at = strchr(s, '@')) != NULL && at > open && at < close) {
		*open = '\0';
		r = feed_text_collapse(s);
		if (r != NULL) {
			free(s);
			return (r);
		}
		*open = '(';
	}
	if ((open = strchr(s, '<')) != NULL && open > s &&
	    strchr(open, '@') != NULL && strchr(open, '>') != NULL) {
		*open = '\0';
		r = feed_text_collapse(s);
		if (r != NULL) {
			free(s);
			return (r);
		}
		*open = '<';
	}
	r = feed_text_collapse(s);
	free(s);
	return (r);
}
