/*
 * extract-lead.c -- the headline and the standfirst: the heading that
 * holds the page's title, and the paragraphs between it and the main
 * text that belong to the article (a lead, an intro, a teaser).
 */
#include <stdlib.h>
#include <string.h>

#include "extract-int.h"
#include "xmalloc.h"

#define LEAD_SPAN	600	/* nodes walked from title to top */
#define LEAD_TEXT	1500	/* characters skipped over, at most */

/*
 * The title without the site's name: the longer side of the first or
 * last " - ", " | " (or dash) when it is the headline's length.
 */
static char *
lead_title_core(const char *title)
{
	static const char *const seps[] = {
		" - ", " | ", " \xe2\x80\x93 ", " \xe2\x80\x94 ", " :: ", NULL
	};
	const char	*p, *first = NULL, *last = NULL;
	size_t		 i, len = strlen(title), sl = 0, fl = 0;

	for (i = 0; seps[i] != NULL; i++) {
		for (p = title; (p = strstr(p, seps[i])) != NULL; p++) {
			if (first == NULL || p < first) {
				first = p;
				fl = strlen(seps[i]);
			}
			if (last == NULL || p > last) {
				last = p;
				sl = strlen(seps[i]);
			}
		}
	}
	if (last != NULL && (size_t)(last - title) >= 20 &&
	    (size_t)(last - title) > len - (size_t)(last - title) - sl)
		return (xstrndup(title, (size_t)(last - title)));
	if (first != NULL && len - (size_t)(first - title) - fl >= 20 &&
	    len - (size_t)(first - title) - fl > (size_t)(first - title))
		return (xstrdup(first + fl));
	return (NULL);
}

/*
 * The first heading whose text is the title, else the first that is the
 * title without the site's name.
 */
xmlNode *
extract_title_node(struct xdoc *x, const char *title)
{
	xmlNode	*n, *core_node = NULL;
	char	*t, *core;
	int	 found;

	if (title == NULL)
		return (NULL);
	core = lead_title_core(title);
	for (n = x->body; n != NULL; n = extract_walk_next(n, x->body, 0)) {
		if (n->type != XML_ELEMENT_NODE || !(XN(n)->flags & XN_HEAD) ||
		    XN(n)->text0 > 1000)
			continue;
		t = extract_node_text(n, 2048);
		found = extract_norm_eq(t, title);
		if (!found && core_node == NULL && core != NULL &&
		    extract_norm_eq(t, core))
			core_node = n;
		free(t);
		if (found) {
			free(core);
			return (n);
		}
	}
	free(core);
	return (core_node);
}

/*
 * A block between the title and the main text that is a standfirst:
 * a paragraph of prose with few links, or any text the page marks as a
 * lead, intro, teaser or subtitle.
 */
static int
lead_is_standfirst(xmlNode *n)
{
	const struct xnode	*xn = XN(n);
	size_t			 len = xn->text;
	int			 hinted;

	if (len < 30 || len > 1500 || extract_link_density(n) > 0.3 ||
	    xn->cweight < 0)
		return (0);
	hinted = extract_is_lead_class(n);
	if (XN(n)->flags & XN_HEAD)
		return (hinted || len >= 50);
	if (!extract_tag_is(n, "p") && !extract_is_para_div(n) && !hinted)
		return (0);
	return (hinted || (len >= 60 && extract_sentence_like(n)) ||
	    (len >= 100 && xn->link == 0));
}

/* n stands in the article's header: a <header>, or a block named so. */
static int
lead_in_header(const xmlNode *n)
{
	static const char *const words[] = { "head", NULL };
	const xmlNode	*p = n->parent;

	if (p == NULL || p->type != XML_ELEMENT_NODE)
		return (0);
	return (extract_tag_is(p, "header") || extract_tag_is(p, "hgroup") ||
	    extract_class_match(p, words));
}

/*
 * The page's own summary (meta description) printed again in the
 * article's header, under the headline, is a dek, not article text.
 * Elsewhere (the first paragraph of a column, a product's blurb) it is
 * the text the description was taken from.
 */
static int
lead_is_description(const struct xdoc *x, const xmlNode *n)
{
	char	*t;
	int	 r;

	if (x->description == NULL || *x->description == '\0')
		return (0);
	/* an intro or teaser is the article's own first paragraph */
	if (extract_is_intro_class(n) || (n->parent != NULL &&
	    n->parent->type == XML_ELEMENT_NODE &&
	    extract_is_intro_class(n->parent)))
		return (0);
	if (!lead_in_header(n))
		return (0);
	t = extract_node_text(n, 2048);
	r = extract_norm_eq(t, x->description);
	free(t);
	return (r);
}

/*
 * The lead: paragraphs after the title heading and before top, in
 * document order.  None when the title is not found before top or is
 * far from it.  When top holds the title, the lead is looked for in the
 * article's header that only its class kept out of top (XN_HEADER).
 */
size_t
extract_lead_find(struct xdoc *x, xmlNode *top, xmlNode **out, size_t max)
{
	xmlNode	*h = x->title_node, *n, *a, *root = x->body, *end = top;
	size_t	 n_out = 0, steps = 0, skipped = 0;
	int	 skip;

	if (h == NULL)
		h = x->first_h1;	/* the headline differs from <title> */

	if (h == NULL || extract_contains(h, top))
		return (0);
	if (extract_contains(top, h)) {
		root = end = NULL;
		for (a = h; a != NULL && a != top && !extract_work(1);
		    a = a->parent) {
			if (XN(a)->flags & XN_HEADER)
				root = a;
		}
		if (root == NULL)
			return (0);
	}
	n = extract_walk_next(h, root, 1);
	while (n != NULL && n != end && steps++ < LEAD_SPAN) {
		skip = 0;
		if (n->type != XML_ELEMENT_NODE)
			skip = 1;
		else if (XN(n)->flags & (XN_DROP | XN_NOSCORE))
			skip = 1;
		else if (end != NULL && extract_contains(n, top))
			skip = 0;
		else if (XN(n)->flags & (XN_PARA | XN_HEAD | XN_CONT)) {
			if (lead_is_standfirst(n) &&
			    !lead_is_description(x, n)) {
				if (n_out < max)
					out[n_out++] = n;
				skip = 1;
			} else if (extract_tag_is(n, "p") ||
			    (XN(n)->flags & XN_HEAD) ||
			    extract_is_para_div(n)) {
				skipped += XN(n)->text;
				skip = 1;
			}
		} else if (XN(n)->np > 0 && !(XN(n)->flags & XN_A)) {
			/* <strong><p>..</p></strong>: libxml2 keeps the p */
			skip = 0;
		} else {
			skipped += XN(n)->text;
			skip = 1;
		}
		if (skipped > LEAD_TEXT)
			return (0);
		n = extract_walk_next(n, root, skip);
	}
	return (n == end ? n_out : 0);
}
