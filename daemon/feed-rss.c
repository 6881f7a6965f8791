/*
 * feed-rss.c -- RSS 0.90, 0.91 (Netscape and UserLand), 0.92-0.94, 2.0 and
 * RSS 1.0 (RDF).
 */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <libxml/tree.h>

#include "feed.h"
#include "feed-int.h"
#include "xmalloc.h"

#define FEED_NS_ITUNES	"http://www.itunes.com/dtds/podcast-1.0.dtd"
#define FEED_NS_FEEDBURNER "http://rssnamespace.org/feedburner/ext/1.0"

static enum feed_format
feed_rss_version(xmlDocPtr doc, xmlNodePtr root, xmlNodePtr channel)
{
	char			*v;
	enum feed_format	 f = FEED_FORMAT_RSS2;
	const char		*href;

	if (strcmp((const char *)root->name, "RDF") == 0) {
		href = (channel != NULL && channel->ns != NULL) ?
		    (const char *)channel->ns->href : "";
		if (strcmp(href, FEED_NS_RSS090) == 0)
			return (FEED_FORMAT_RSS090);
		return (FEED_FORMAT_RSS1);
	}
	if ((v = feed_attr(root, "version")) == NULL)
		return (FEED_FORMAT_RSS2);
	if (strcmp(v, "0.91") == 0) {
		/* Netscape's DTD, by public identifier or system URL alone */
		f = FEED_FORMAT_RSS091U;
		if (doc->intSubset != NULL &&
		    ((doc->intSubset->ExternalID != NULL &&
		    strstr((const char *)doc->intSubset->ExternalID,
		    "Netscape") != NULL) ||
		    (doc->intSubset->SystemID != NULL &&
		    strstr((const char *)doc->intSubset->SystemID,
		    "netscape.com/") != NULL)))
			f = FEED_FORMAT_RSS091N;
	} else if (strcmp(v, "0.92") == 0)
		f = FEED_FORMAT_RSS092;
	else if (strcmp(v, "0.93") == 0)
		f = FEED_FORMAT_RSS093;
	else if (strcmp(v, "0.94") == 0)
		f = FEED_FORMAT_RSS094;
	else if (strcmp(v, "0.90") == 0 || strcmp(v, "0.9") == 0)
		f = FEED_FORMAT_RSS090;
	free(v);
	return (f);
}

/* <link> text, else <atom:link rel="alternate" href>. */
static char *
feed_rss_link(struct feed_ctx *ctx, xmlNodePtr parent)
{
	xmlNodePtr	 n;
	char		*t, *rel, *r = NULL;

	for (n = feed_child(parent, FEED_NS_CORE, "link"); n != NULL;
	    n = feed_next(n->next, FEED_NS_CORE, "link")) {
		if ((t = feed_node_raw(n)) == NULL) {
			/* <link href="..."/> written Atom-style */
			if ((t = feed_attr(n, "href")) == NULL)
				continue;
		}
		r = feed_node_link(ctx, n, t);
		free(t);
		if (r != NULL)
			return (r);
	}
	for (n = feed_child(parent, FEED_NS_ATOM10, "link"); n != NULL;
	    n = feed_next(n->next, FEED_NS_ATOM10, "link")) {
		rel = feed_attr(n, "rel");
		if (rel == NULL || strcmp(rel, "alternate") == 0) {
			t = feed_attr(n, "href");
			r = feed_node_link(ctx, n, t);
			free(t);
		}
		free(rel);
		if (r != NULL)
			return (r);
	}
	return (NULL);
}

static time_t
feed_rss_date(struct feed_ctx *ctx, xmlNodePtr parent, const char *ns,
    const char *name)
{
	xmlNodePtr	n;
	time_t		t;

	for (n = feed_child(parent, ns, name); n != NULL;
	    n = feed_next(n->next, ns, name)) {
		if ((t = feed_node_date(ctx, n)) != -1)
			return (t);
	}
	return (-1);
}

static void
feed_rss_guid(struct feed_ctx *ctx, xmlNodePtr item, struct feed_entry *e)
{
	xmlNodePtr	 n;
	char		*perma, *g;
	int		 is_link;

	if ((n = feed_child(item, FEED_NS_CORE, "guid")) == NULL)
		return;
	if ((g = feed_node_raw(n)) == NULL)
		return;
	e->id = feed_text_collapse(g);
	free(g);
	if (e->id == NULL)
		return;
	perma = feed_attr(n, "isPermaLink");
	is_link = (perma == NULL || strcasecmp(perma, "true") == 0);
	free(perma);
	if (is_link && e->link == NULL && strchr(e->id, ' ') == NULL &&
	    (strncasecmp(e->id, "http://", 7) == 0 ||
	    strncasecmp(e->id, "https://", 8) == 0 || e->id[0] == '/'))
		e->link = feed_node_link(ctx, n, e->id);
}

static void
feed_rss_author(xmlNodePtr item, struct feed_entry *e)
{
	static const struct {
		const char	*ns;
		const char	*name;
	} fields[] = {
		{ FEED_NS_CORE, "author" },
		{ FEED_NS_DC, "creator" },
		{ FEED_NS_DC, "author" },
		{ FEED_NS_ITUNES, "author" },
		{ FEED_NS_ATOM10, "author" },
		{ FEED_NS_CORE, "managingEditor" },
		{ NULL, NULL }
	};
	xmlNodePtr	 n;
	int		 i;

	for (i = 0; fields[i].name != NULL; i++) {
		n = feed_child(item, fields[i].ns, fields[i].name);
		if (n == NULL)
			continue;
		/* Atom-style <author><name>..</name></author> */
		if (feed_child(n, NULL, "name") != NULL)
			e->author = feed_node_text(feed_child(n, NULL, "name"));
		else if (feed_child(n, NULL, "email") != NULL)
			e->author = feed_node_text(feed_child(n, NULL,
			    "email"));
		else
			e->author = feed_author_clean(feed_node_html_text(n));
		if (e->author != NULL)
			return;
	}
}

static void
feed_rss_categories(xmlNodePtr item, struct feed_entry *e)
{
	xmlNodePtr	 n;
	char		*t;

	for (n = item->children; n != NULL; n = n->next) {
		if (!feed_node_is(n, FEED_NS_CORE, "category") &&
		    !feed_node_is(n, FEED_NS_DC, "subject"))
			continue;
		if ((t = feed_node_html_text(n)) == NULL)
			continue;
		feed_entry_add_category(e, t);
		free(t);
	}
}

static void
feed_rss_enclosures(struct feed_ctx *ctx, xmlNodePtr item,
    struct feed_entry *e)
{
	xmlNodePtr	 n;

	for (n = feed_child(item, FEED_NS_CORE, "enclosure"); n != NULL;
	    n = feed_next(n->next, FEED_NS_CORE, "enclosure"))
		feed_node_enclosure(ctx, e, n, "url");
}

static void
feed_rss_item(struct feed_ctx *ctx, xmlNodePtr item)
{
	struct feed_entry	*e;
	xmlNodePtr		 n;

	if ((e = feed_entry_add(ctx->feed)) == NULL)
		return;
	e->title = feed_node_html_text(feed_child(item, FEED_NS_CORE, "title"));
	if (e->title == NULL)
		e->title = feed_node_html_text(feed_child(item, FEED_NS_DC,
		    "title"));
	/* FeedBurner's tracking link hides the article's own address */
	if ((n = feed_child(item, FEED_NS_FEEDBURNER, "origLink")) != NULL) {
		char *orig = feed_node_raw(n);

		e->link = feed_node_link(ctx, n, orig);
		free(orig);
	}
	if (e->link == NULL)
		e->link = feed_rss_link(ctx, item);
	feed_rss_guid(ctx, item, e);
	if (e->id == NULL && (n = feed_child(item, FEED_NS_DC,
	    "identifier")) != NULL)
		e->id = feed_node_text(n);
	if (e->id == NULL) {
		char *about = feed_attr_ns(item, FEED_NS_RDF, "about");

		if (about != NULL)
			e->id = about;
	}
	e->summary = feed_node_html_text(feed_child(item, FEED_NS_CORE,
	    "description"));
	if (e->summary == NULL)
		e->summary = feed_node_html_text(feed_child(item, FEED_NS_DC,
		    "description"));
	e->content = feed_node_html_text(feed_child(item, FEED_NS_CONTENT,
	    "encoded"));
	if (e->content == NULL)
		e->content = feed_node_html_text(feed_child(item,
		    FEED_NS_XHTML, "body"));
	e->published = feed_rss_date(ctx, item, FEED_NS_CORE, "pubDate");
	if (e->published == -1)
		e->published = feed_rss_date(ctx, item, FEED_NS_DCTERMS,
		    "issued");
	if (e->published == -1)
		e->published = feed_rss_date(ctx, item, FEED_NS_DCTERMS,
		    "created");
	if (e->published == -1)
		e->published = feed_rss_date(ctx, item, FEED_NS_ATOM10,
		    "published");
	e->updated = feed_rss_date(ctx, item, FEED_NS_DC, "date");
	if (e->updated == -1)
		e->updated = feed_rss_date(ctx, item, FEED_NS_DCTERMS,
		    "modified");
	if (e->updated == -1)
		e->updated = feed_rss_date(ctx, item, FEED_NS_ATOM10,
		    "updated");
	feed_rss_author(item, e);
	feed_rss_categories(item, e);
	feed_rss_enclosures(ctx, item, e);
	e->language = feed_child_text(item, FEED_NS_DC, "language");
	feed_entry_finish(ctx->feed, e);
}

static void
feed_rss_channel(struct feed_ctx *ctx, xmlNodePtr root, xmlNodePtr channel)
{
	struct feed	*f = ctx->feed;

	f->title = feed_node_html_text(feed_child(channel, FEED_NS_CORE,
	    "title"));
	if (f->title == NULL)
		f->title = feed_node_html_text(feed_child(channel, FEED_NS_DC,
		    "title"));
	f->link = feed_rss_link(ctx, channel);
	f->language = feed_child_text(channel, FEED_NS_CORE, "language");
	if (f->language == NULL)
		f->language = feed_child_text(channel, FEED_NS_DC, "language");
	if (f->language == NULL)
		f->language = feed_node_lang(root);
	f->updated = feed_rss_date(ctx, channel, FEED_NS_CORE, "lastBuildDate");
	if (f->updated == -1)
		f->updated = feed_rss_date(ctx, channel, FEED_NS_DC, "date");
	if (f->updated == -1)
		f->updated = feed_rss_date(ctx, channel, FEED_NS_DCTERMS,
		    "modified");
	if (f->updated == -1)
		f->updated = feed_rss_date(ctx, channel, FEED_NS_ATOM10,
		    "updated");
}

int
feed_rss_parse(struct feed_ctx *ctx, xmlNodePtr root, char **cause)
{
	xmlNodePtr	 channel, n;

	if (strcmp((const char *)root->name, "channel") == 0)
		channel = root;
	else
		channel = feed_child(root, FEED_NS_CORE, "channel");
	ctx->feed->format = feed_rss_version(ctx->doc, root, channel);
	if (channel != NULL)
		feed_rss_channel(ctx, root, channel);
	else
		ctx->feed->language = feed_node_lang(root);
	if (ctx->feed->recovered) {
		/*
		 * An element left open (<itunes:category text='x'>) holds
		 * what follows: the items are wherever recovery put them.
		 */
		for (n = feed_find(root, root, FEED_NS_CORE, "item");
		    n != NULL; n = feed_find(root, n, FEED_NS_CORE, "item"))
			feed_rss_item(ctx, n);
	} else {
		if (channel != NULL) {
			for (n = feed_child(channel, FEED_NS_CORE, "item");
			    n != NULL;
			    n = feed_next(n->next, FEED_NS_CORE, "item"))
				feed_rss_item(ctx, n);
		}
		if (channel != root) {
			for (n = feed_child(root, FEED_NS_CORE, "item");
			    n != NULL;
			    n = feed_next(n->next, FEED_NS_CORE, "item"))
				feed_rss_item(ctx, n);
		}
	}
	/* <rss> with no channel yet is an empty feed; bare RDF is not */
	if (channel == NULL && ctx->feed->nentries == 0 &&
	    strcasecmp((const char *)root->name, "rss") != 0) {
		*cause = xstrdup("RSS document without channel or items");
		return (-1);
	}
	return (0);
}
