/*
 * feed-html.c -- HTML listing pages: article links chosen by an XPath.
 *
 * links_xpath selects @href attributes or <a> elements (or any element
 * holding one).  Links are resolved against the page (and <base href>),
 * de-duplicated; the anchor text is the title, and a date written near the
 * link fills `published`.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <jansson.h>
#include <libxml/HTMLparser.h>
#include <libxml/tree.h>
#include <libxml/xpath.h>

#include "date.h"
#include "feed.h"
#include "feed-int.h"
#include "log.h"
#include "xmalloc.h"

#define FEED_HTML_OPTS	(HTML_PARSE_RECOVER | HTML_PARSE_NONET | \
			 HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING)
#define FEED_HTML_DEFAULT_XPATH \
	"//a[@href][ancestor::article or ancestor::h1 or ancestor::h2 or " \
	"ancestor::h3]"
#define FEED_HTML_DATE_TEXT	600	/* longest text searched for a date */

/* The <a> element behind a selected node. */
static xmlNodePtr
feed_html_anchor(xmlNodePtr n)
{
	xmlNodePtr	c;

	if (n->type == XML_ATTRIBUTE_NODE)
		return (n->parent);
	/* a text node: the link around it */
	if (n->type == XML_TEXT_NODE) {
		for (n = n->parent; n != NULL && n->type == XML_ELEMENT_NODE;
		    n = n->parent) {
			if (strcasecmp((const char *)n->name, "a") == 0)
				return (n);
		}
		return (NULL);
	}
	if (n->type != XML_ELEMENT_NODE)
		return (NULL);
	if (xmlHasProp(n, (const xmlChar *)"href") != NULL)
		return (n);
	/* an element holding the link: its first <a href> */
	for (c = xmlFirstElementChild(n); c != NULL;
	    c = xmlNextElementSibling(c)) {
		xmlNodePtr a = feed_html_anchor(c);

		if (a != NULL)
			return (a);
	}
	return (NULL);
}

/* Number of <a href> elements under n, stopping at 2. */
static int
feed_html_count_links(xmlNodePtr n, int count)
{
	xmlNodePtr	c;

	for (c = n->children; c != NULL && count < 2; c = c->next) {
		if (c->type != XML_ELEMENT_NODE)
			continue;
		if (strcasecmp((const char *)c->name, "a") == 0 &&
		    xmlHasProp(c, (const xmlChar *)"href") != NULL)
			count++;
		else
			count = feed_html_count_links(c, count);
	}
	return (count);
}

/* <time datetime="..."> under n, machine-readable. */
static time_t
feed_html_time_elem(struct feed_ctx *ctx, xmlNodePtr n, int depth)
{
	xmlNodePtr	 c;
	char		*dt;
	time_t		 t;

	if (depth > 8)
		return (-1);
	for (c = xmlFirstElementChild(n); c != NULL;
	    c = xmlNextElementSibling(c)) {
		if (strcasecmp((const char *)c->name, "time") == 0 &&
		    (dt = feed_attr(c, "datetime")) != NULL) {
			t = date_parse(dt, ctx->opts->tz);
			free(dt);
			if (t != -1)
				return (t);
		}
		if ((t = feed_html_time_elem(ctx, c, depth + 1)) != -1)
			return (t);
	}
	return (-1);
}

/* A date in the text around the anchor, within its own list item. */
static time_t
feed_html_date(struct feed_ctx *ctx, xmlNodePtr a)
{
	xmlNodePtr	 n;
	xmlChar		*text;
	time_t		 t = -1;
	int		 level;

	for (n = a, level = 0; n != NULL && n->type == XML_ELEMENT_NODE &&
	    level < 4; n = n->parent, level++) {
		if (n != a && feed_html_count_links(n, 0) > 1)
			break;
		if ((t = feed_html_time_elem(ctx, n, 0)) != -1)
			break;
		if ((text = xmlNodeGetContent(n)) == NULL)
			continue;
		if (strlen((const char *)text) <= FEED_HTML_DATE_TEXT)
			t = date_parse_text((const char *)text, ctx->opts->tz,
			    NULL);
		xmlFree(text);
		if (t != -1)
			break;
	}
	return (t);
}

/* The first <img> inside n. */
static xmlNodePtr
feed_html_img(xmlNodePtr n)
{
	xmlNodePtr	c, r;

	for (c = xmlFirstElementChild(n); c != NULL;
	    c = xmlNextElementSibling(c)) {
		if (strcasecmp((const char *)c->name, "img") == 0)
			return (c);
		if ((r = feed_html_img(c)) != NULL)
			return (r);
	}
	return (NULL);
}

/*
 * The links taken so far are keys of a jansson object (its hash table), so
 * a listing of n links is checked in O(n), not n^2 / 2.  Keys are not
 * checked for UTF-8: a link is whatever bytes the page had.
 */
static int
feed_html_seen(json_t *seen, const char *link)
{
	return (json_object_get(seen, link) != NULL);
}

static void
feed_html_remember(json_t *seen, const char *link)
{
	json_object_set_new_nocheck(seen, link, json_true());
}

static void
feed_html_link(struct feed_ctx *ctx, json_t *seen, xmlNodePtr sel)
{
	struct feed_entry	*e;
	xmlNodePtr		 a, img;
	char			*href, *link, *hash;

	if ((a = feed_html_anchor(sel)) == NULL)
		return;
	if ((href = feed_attr(a, "href")) == NULL)
		return;
	link = feed_node_link(ctx, a, href);
	free(href);
	if (link == NULL)
		return;
	if ((hash = strchr(link, '#')) != NULL)
		*hash = '\0';
	if ((strncasecmp(link, "http://", 7) != 0 &&
	    strncasecmp(link, "https://", 8) != 0) ||
	    feed_html_seen(seen, link) ||
	    (e = feed_entry_add(ctx->feed)) == NULL) {
		free(link);
		return;
	}
	e->link = link;
	feed_html_remember(seen, link);
	e->id = xstrdup(link);
	e->title = feed_node_html_text(a);
	if (e->title == NULL)
		e->title = feed_attr(a, "title");
	if (e->title == NULL && (img = feed_html_img(a)) != NULL)
		e->title = feed_attr(img, "alt");
	e->published = feed_html_date(ctx, a);
	feed_entry_finish(ctx->feed, e);
}

static void
feed_html_meta(struct feed_ctx *ctx, xmlDocPtr doc)
{
	xmlNodePtr	 root, head, n;

	root = xmlDocGetRootElement(doc);
	ctx->feed->language = feed_attr(root, "lang");
	ctx->feed->link = feed_resolve(ctx->opts->url, ctx->opts->url);
	for (head = root != NULL ? root->children : NULL; head != NULL;
	    head = head->next) {
		if (head->type != XML_ELEMENT_NODE ||
		    strcasecmp((const char *)head->name, "head") != 0)
			continue;
		for (n = head->children; n != NULL; n = n->next) {
			if (n->type == XML_ELEMENT_NODE &&
			    strcasecmp((const char *)n->name, "title") == 0) {
				ctx->feed->title = feed_node_html_text(n);
				return;
			}
		}
	}
}

int
feed_html_parse(struct feed_ctx *ctx, const char *buf, size_t len,
    char **cause)
{
	json_t			*seen;
	htmlDocPtr		 doc;
	xmlXPathContextPtr	 xp;
	xmlXPathObjectPtr	 res;
	const char		*expr;
	int			 i;

	ctx->feed->format = FEED_FORMAT_HTML;
	if (len > INT32_MAX ||
	    (doc = htmlReadMemory(buf, (int)len, ctx->opts->url, "UTF-8",
	    FEED_HTML_OPTS)) == NULL) {
		*cause = xstrdup("cannot parse HTML");
		return (-1);
	}
	ctx->doc = doc;
	feed_html_meta(ctx, doc);
	expr = ctx->opts->links_xpath;
	if (expr == NULL || *expr == '\0')
		expr = FEED_HTML_DEFAULT_XPATH;
	if ((xp = xmlXPathNewContext(doc)) == NULL)
		fatalx("xmlXPathNewContext");
	res = xmlXPathEvalExpression((const xmlChar *)expr, xp);
	if (res == NULL || res->type != XPATH_NODESET) {
		xasprintf(cause, "bad links XPath: %s", expr);
		xmlXPathFreeObject(res);
		xmlXPathFreeContext(xp);
		ctx->doc = NULL;
		xmlFreeDoc(doc);
		return (-1);
	}
	seen = json_object();
	for (i = 0; res->nodesetval != NULL && i < res->nodesetval->nodeNr;
	    i++)
		feed_html_link(ctx, seen, res->nodesetval->nodeTab[i]);
	json_decref(seen);
	xmlXPathFreeObject(res);
	xmlXPathFreeContext(xp);
	ctx->doc = NULL;
	xmlFreeDoc(doc);
	return (0);
}
