/*
 * extract-junk.c -- conditional cleaning: which container inside the
 * chosen text is junk (a box of links, a gallery, a form, a layout
 * table) and what saves one (prose, a data table, a code box, a part of
 * an article with its own paragraphs).  extract-content.c asks it of
 * each container it would print.
 */
#include <string.h>

#include "extract-int.h"

/*
 * Prose: paragraphs of text with few links.  A class word alone (a
 * framework's "field--label-hidden", "elementor-widget", "media")
 * does not make it junk.
 */
static int
content_is_prose_block(const xmlNode *n)
{
	const struct xnode	*xn = XN(n);

	return (xn->np >= 2 && xn->text >= 400 &&
	    extract_link_density(n) < 0.1);
}

/*
 * A table of data, not of layout (Readability's test): no table inside,
 * and headers or a caption, or enough rows and columns.
 */
static int
content_is_data_table(xmlNode *t)
{
	xmlNode		*n, *c;
	const char	*name;
	size_t		 rows = 0, cols = 0, nc;

	for (n = t->children; n != NULL; n = extract_walk_next(n, t, 0)) {
		if (n->type != XML_ELEMENT_NODE)
			continue;
		name = (const char *)n->name;
		if (strcmp(name, "table") == 0)
			return (0);
		if (strcmp(name, "th") == 0 || strcmp(name, "thead") == 0 ||
		    strcmp(name, "caption") == 0)
			return (1);
		if (strcmp(name, "tr") != 0)
			continue;
		rows++;
		for (nc = 0, c = n->children; c != NULL; c = c->next) {
			if (XN_CELL & (c->type == XML_ELEMENT_NODE ?
			    XN(c)->flags : 0))
				nc++;
		}
		if (nc > cols)
			cols = nc;
	}
	return (rows >= 10 || cols > 4 || rows * cols > 10);
}

/*
 * n is a wrapper around a block of code: its text is that of a <pre>
 * among its first children ("<div class=highlight><pre>make</pre>").
 */
static int
content_is_code_box(const xmlNode *n)
{
	const xmlNode	*c;
	int		 steps = 0;

	for (c = n->children; c != NULL && steps++ < 8; c = c->next) {
		if (c->type != XML_ELEMENT_NODE)
			continue;
		if (extract_tag_is(c, "pre"))
			return (XN(c)->text > 0 && XN(c)->text == XN(n)->text);
		if (XN(c)->text > 0)
			return (0);
	}
	return (0);
}

/*
 * A paragraph of prose of n's own: a <p> of 200 characters or more and
 * under a tenth links among n's children, or those of the containers n
 * wraps alone.
 */
static int
content_own_prose(const xmlNode *n)
{
	const xmlNode	*c, *only;
	int		 depth, nel, steps;

	for (depth = 0; depth < 4; depth++) {
		only = NULL;
		nel = steps = 0;
		for (c = n->children; c != NULL && nel < 2 && steps++ < 32;
		    c = c->next) {
			if (c->type == XML_ELEMENT_NODE && XN(c)->text > 0) {
				only = c;
				nel++;
			}
		}
		if (nel != 1 || !(XN(only)->flags & XN_CONT))
			break;
		n = only;
	}
	steps = 0;
	for (c = n->children; c != NULL && steps++ < 32; c = c->next) {
		if (c->type == XML_ELEMENT_NODE && extract_tag_is(c, "p") &&
		    XN(c)->text >= 200 && extract_link_density(c) < 0.1)
			return (1);
	}
	return (0);
}

/*
 * Readability's conditional cleaning: a container that looks like junk.
 * In an article, a part of its text that holds a box of links beside its
 * own prose (a table of contents) is not junk for those links.
 */
int
extract_is_junk(const xmlNode *n, int in_article)
{
	const struct xnode	*xn = XN(n);
	const char		*name = (const char *)n->name;
	int			 is_list, weight = xn->weight;
	double			 ld;
	size_t			 len = xn->text;

	if ((strcmp(name, "ul") == 0 || strcmp(name, "ol") == 0) &&
	    xn->nli >= 3 && extract_link_density(n) > 0.9)
		return (1);
	if (strcmp(name, "div") != 0 && strcmp(name, "ul") != 0 &&
	    strcmp(name, "table") != 0 && strcmp(name, "form") != 0 &&
	    strcmp(name, "fieldset") != 0 && strcmp(name, "section") != 0)
		return (0);
	if (strcmp(name, "table") == 0 && extract_link_density(n) <= 0.5 &&
	    content_is_data_table((xmlNode *)n))
		return (0);
	is_list = strcmp(name, "ul") == 0 ||
	    (len > 0 && (double)xn->listtext / (double)len > 0.9);
	if (weight < 0 && !content_is_prose_block(n))
		return (1);
	if (xn->commas >= 10)
		return (0);
	ld = extract_link_density(n);
	/*
	 * A gallery; not a post or a step with an avatar or a picture, nor
	 * text with few links beside its pictures (recipe steps, a product).
	 */
	if (xn->nimg > 1 && (double)xn->np / xn->nimg < 0.5 &&
	    len < 100 * (size_t)xn->nimg && (ld >= 0.25 || len < 100))
		return (1);
	if (xn->ninput >= 2 && xn->ninput > xn->np / 3)
		return (1);
	if (!is_list && len < 25 && (xn->nimg == 0 || xn->nimg > 2) &&
	    (len == 0 || (double)xn->headtext / (double)len < 0.9) &&
	    !content_is_code_box(n))
		return (1);
	if (in_article && ld > 0.2 && content_own_prose(n))
		return (0);
	/* a long text with links in it is not a box of links */
	if (!is_list && weight < 25 && ld > 0.2 &&
	    (ld > 0.3 || len < 300))
		return (1);
	if (weight >= 25 && ld > 0.5)
		return (1);
	return (0);
}
