/*
 * feed-sitemap.c -- sitemaps (urlset), Google News sitemaps and sitemap
 * indexes (whose entries are the child sitemaps).
 */
#include <stdlib.h>
#include <string.h>

#include <libxml/tree.h>

#include "feed.h"
#include "feed-int.h"
#include "xmalloc.h"

/* Sitemap elements: the sitemaps.org namespace, an old one, or none. */
static xmlNodePtr
feed_sitemap_child(xmlNodePtr parent, const char *name)
{
	xmlNodePtr	 n;
	const char	*href;

	for (n = parent->children; n != NULL; n = n->next) {
		if (n->type != XML_ELEMENT_NODE ||
		    strcmp((const char *)n->name, name) != 0)
			continue;
		if (n->ns == NULL)
			return (n);
		href = (const char *)n->ns->href;
		if (strstr(href, "sitemap") != NULL &&
		    strstr(href, "sitemap-") == NULL)
			return (n);
	}
	return (NULL);
}

static void
feed_sitemap_news(struct feed_ctx *ctx, xmlNodePtr news,
    struct feed_entry *e)
{
	xmlNodePtr	 n, pub;
	char		*kw, *p, *q;

	if ((n = feed_child(news, FEED_NS_NEWS, "title")) != NULL)
		e->title = feed_node_html_text(n);
	if ((n = feed_child(news, FEED_NS_NEWS, "publication_date")) != NULL)
		e->published = feed_node_date(ctx, n);
	if ((pub = feed_child(news, FEED_NS_NEWS, "publication")) != NULL)
		e->language = feed_child_text(pub, FEED_NS_NEWS, "language");
	if (e->language == NULL)
		e->language = feed_child_text(news, FEED_NS_NEWS, "language");
	if ((kw = feed_child_text(news, FEED_NS_NEWS, "keywords")) != NULL) {
		for (p = kw; p != NULL; p = q) {
			if ((q = strchr(p, ',')) != NULL)
				*q++ = '\0';
			feed_entry_add_category(e, p);
		}
		free(kw);
	}
}

static void
feed_sitemap_url(struct feed_ctx *ctx, xmlNodePtr url)
{
	struct feed_entry	*e;
	xmlNodePtr		 n;
	char			*loc;

	if ((n = feed_sitemap_child(url, "loc")) == NULL ||
	    (loc = feed_node_raw(n)) == NULL)
		return;
	if ((e = feed_entry_add(ctx->feed)) == NULL) {
		free(loc);
		return;
	}
	e->link = feed_node_link(ctx, n, loc);
	free(loc);
	if ((n = feed_sitemap_child(url, "lastmod")) != NULL)
		e->updated = feed_node_date(ctx, n);
	if ((n = feed_child(url, FEED_NS_NEWS, "news")) != NULL)
		feed_sitemap_news(ctx, n, e);
	feed_entry_finish(ctx->feed, e);
}

int
feed_sitemap_parse(struct feed_ctx *ctx, xmlNodePtr root, char **cause)
{
	xmlNodePtr	 n;
	const char	*child;

	ctx->feed->format = FEED_FORMAT_SITEMAP;
	if (strcmp((const char *)root->name, "sitemapindex") == 0) {
		ctx->feed->is_index = 1;
		child = "sitemap";
	} else
		child = "url";
	for (n = root->children; n != NULL; n = n->next) {
		if (n->type == XML_ELEMENT_NODE &&
		    strcmp((const char *)n->name, child) == 0)
			feed_sitemap_url(ctx, n);
	}
	(void)cause;
	return (0);
}
