/*
 * feed-atom.c -- Atom 1.0 (RFC 4287) and Atom 0.3.
 */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <libxml/tree.h>

#include "feed.h"
#include "feed-int.h"
#include "xmalloc.h"

struct feed_atom {
	struct feed_ctx	*ctx;
	const char	*ns;	/* the document's Atom namespace, "" if none */
	int		 v03;
	char		*author;	/* feed-level author, inherited */
};

enum feed_atom_kind {
	FEED_ATOM_TEXT,
	FEED_ATOM_HTML,		/* escaped HTML: unescaped once by XML */
	FEED_ATOM_XHTML,	/* inline elements */
	FEED_ATOM_BINARY
};

/*
 * A text construct: type="text", "html", "xhtml" (0.3: mode, MIME type).
 * Escaped HTML is stripped and its entities decoded exactly once: what
 * is left escaped ("&lt;entry&gt;" in the HTML) is text.
 */
static char *
feed_atom_text(struct feed_atom *a, xmlNodePtr n)
{
	enum feed_atom_kind	 kind = FEED_ATOM_TEXT;
	char			*type, *mode;

	if (n == NULL)
		return (NULL);
	type = feed_attr(n, "type");
	mode = feed_attr(n, "mode");
	if (mode != NULL && strcasecmp(mode, "base64") == 0)
		kind = FEED_ATOM_BINARY;
	else if (mode != NULL && strcasecmp(mode, "escaped") == 0)
		kind = FEED_ATOM_HTML;
	else if (type != NULL && (strcasecmp(type, "html") == 0 ||
	    strcasecmp(type, "text/html") == 0))
		kind = xmlFirstElementChild(n) != NULL ? FEED_ATOM_XHTML :
		    FEED_ATOM_HTML;
	else if (type != NULL && (strcasecmp(type, "xhtml") == 0 ||
	    strcasecmp(type, "application/xhtml+xml") == 0))
		kind = FEED_ATOM_XHTML;
	else if (a->v03 && xmlFirstElementChild(n) != NULL)
		kind = FEED_ATOM_XHTML;
	free(type);
	free(mode);
	switch (kind) {
	case FEED_ATOM_BINARY:
		return (NULL);
	case FEED_ATOM_HTML:
		return (feed_node_markup_text(n, 1));
	case FEED_ATOM_XHTML:
		return (feed_node_markup_text(n, 0));
	default:
		return (feed_node_text(n));
	}
}

/* The alternate link: rel absent or "alternate", HTML preferred. */
static char *
feed_atom_link(struct feed_atom *a, xmlNodePtr parent)
{
	xmlNodePtr	 n, best = NULL;
	char		*rel, *type, *href, *r;
	int		 score, best_score = 0;

	for (n = feed_child(parent, a->ns, "link"); n != NULL;
	    n = feed_next(n->next, a->ns, "link")) {
		rel = feed_attr(n, "rel");
		type = feed_attr(n, "type");
		score = 0;
		if (rel == NULL || strcmp(rel, "alternate") == 0) {
			score = 2;
			if (type == NULL ||
			    strcasecmp(type, "text/html") == 0 ||
			    strcasecmp(type, "application/xhtml+xml") == 0)
				score = 3;
		}
		free(rel);
		free(type);
		if (score > best_score) {
			best = n;
			best_score = score;
		}
	}
	if (best == NULL)
		return (NULL);
	/* Atom 0.3 feeds seen with the URL as the element's text */
	if ((href = feed_attr(best, "href")) == NULL &&
	    (href = feed_node_text(best)) == NULL)
		return (NULL);
	r = feed_node_link(a->ctx, best, href);
	free(href);
	return (r);
}

static char *
feed_atom_person(struct feed_atom *a, xmlNodePtr parent)
{
	xmlNodePtr	 n;
	char		*r;

	for (n = feed_child(parent, a->ns, "author"); n != NULL;
	    n = feed_next(n->next, a->ns, "author")) {
		if ((r = feed_child_text(n, a->ns, "name")) != NULL)
			return (r);
		if ((r = feed_child_text(n, a->ns, "email")) != NULL)
			return (r);
		if (xmlFirstElementChild(n) == NULL &&
		    (r = feed_author_clean(feed_node_text(n))) != NULL)
			return (r);
	}
	if ((n = feed_child(parent, FEED_NS_DC, "creator")) != NULL)
		return (feed_author_clean(feed_node_text(n)));
	return (NULL);
}

static time_t
feed_atom_date(struct feed_atom *a, xmlNodePtr parent, const char *name)
{
	xmlNodePtr	n;

	if ((n = feed_child(parent, a->ns, name)) == NULL)
		return (-1);
	return (feed_node_date(a->ctx, n));
}

/* dc:date (Atom 0.3 feeds use it for modified), else dcterms:modified. */
static time_t
feed_atom_dc_date(struct feed_atom *a, xmlNodePtr parent)
{
	xmlNodePtr	n;
	time_t		t;

	if ((n = feed_child(parent, FEED_NS_DC, "date")) != NULL &&
	    (t = feed_node_date(a->ctx, n)) != -1)
		return (t);
	if ((n = feed_child(parent, FEED_NS_DCTERMS, "modified")) != NULL)
		return (feed_node_date(a->ctx, n));
	return (-1);
}

static void
feed_atom_extras(struct feed_atom *a, xmlNodePtr entry, struct feed_entry *e)
{
	xmlNodePtr	 n;
	char		*t, *rel;

	for (n = entry->children; n != NULL; n = n->next) {
		if (feed_node_is(n, a->ns, "category")) {
			if ((t = feed_attr(n, "term")) == NULL)
				t = feed_attr(n, "label");
			if (t == NULL)
				t = feed_node_text(n);
			if (t != NULL)
				feed_entry_add_category(e, t);
			free(t);
		} else if (feed_node_is(n, FEED_NS_DC, "subject")) {
			if ((t = feed_node_text(n)) != NULL)
				feed_entry_add_category(e, t);
			free(t);
		} else if (feed_node_is(n, a->ns, "link")) {
			rel = feed_attr(n, "rel");
			if (rel != NULL && strcmp(rel, "enclosure") == 0)
				feed_node_enclosure(a->ctx, e, n, "href");
			free(rel);
		}
	}
}

static void
feed_atom_entry(struct feed_atom *a, xmlNodePtr entry)
{
	struct feed_entry	*e;

	if ((e = feed_entry_add(a->ctx->feed)) == NULL)
		return;
	e->id = feed_child_text(entry, a->ns, "id");
	e->title = feed_atom_text(a, feed_child(entry, a->ns, "title"));
	e->link = feed_atom_link(a, entry);
	e->published = feed_atom_date(a, entry, "published");
	if (e->published == -1)
		e->published = feed_atom_date(a, entry, "issued");
	if (e->published == -1)
		e->published = feed_atom_date(a, entry, "created");
	e->updated = feed_atom_date(a, entry, "updated");
	if (e->updated == -1)
		e->updated = feed_atom_date(a, entry, "modified");
	if (e->updated == -1)
		e->updated = feed_atom_dc_date(a, entry);
	e->summary = feed_atom_text(a, feed_child(entry, a->ns, "summary"));
	e->content = feed_atom_text(a, feed_child(entry, a->ns, "content"));
	e->author = feed_atom_person(a, entry);
	if (e->author == NULL)
		e->author = feed_atom_person(a, feed_child(entry, a->ns,
		    "source"));
	if (e->author == NULL && a->author != NULL)
		e->author = xstrdup(a->author);
	feed_atom_extras(a, entry, e);
	feed_entry_finish(a->ctx->feed, e);
}

int
feed_atom_parse(struct feed_ctx *ctx, xmlNodePtr root, char **cause)
{
	struct feed_atom	 a;
	struct feed		*f = ctx->feed;
	xmlNodePtr		 n;

	memset(&a, 0, sizeof a);
	a.ctx = ctx;
	a.ns = (root->ns != NULL) ? (const char *)root->ns->href : "";
	if (strcmp(a.ns, FEED_NS_ATOM03) == 0) {
		a.v03 = 1;
		f->format = FEED_FORMAT_ATOM03;
	} else
		f->format = FEED_FORMAT_ATOM10;
	f->title = feed_atom_text(&a, feed_child(root, a.ns, "title"));
	f->link = feed_atom_link(&a, root);
	f->language = feed_node_lang(root);
	f->updated = feed_atom_date(&a, root, "updated");
	if (f->updated == -1)
		f->updated = feed_atom_date(&a, root, "modified");
	if (f->updated == -1)
		f->updated = feed_atom_dc_date(&a, root);
	a.author = feed_atom_person(&a, root);
	if (f->recovered) {
		/* entries wherever recovery put them (see feed_find) */
		for (n = feed_find(root, root, a.ns, "entry"); n != NULL;
		    n = feed_find(root, n, a.ns, "entry"))
			feed_atom_entry(&a, n);
	} else {
		for (n = feed_child(root, a.ns, "entry"); n != NULL;
		    n = feed_next(n->next, a.ns, "entry"))
			feed_atom_entry(&a, n);
	}
	free(a.author);
	(void)cause;
	return (0);
}
