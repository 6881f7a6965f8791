/*
 * extract-alts.c -- the words of a page's pictures.  A caption often
 * repeats its picture's alt or title text, after a button's label at
 * most ("Enlarge A small round cut-out for the camera ...").  Such a
 * line describes the picture, not the story: extract-content.c asks
 * here before it prints a short paragraph.  Only when the line and the
 * picture share a box holding little else: a CMS often gives a picture
 * the article's first sentence for its alt, and that sentence, in the
 * text beside it, is the lead.
 */
#include <stdlib.h>
#include <string.h>

#include "extract-int.h"
#include "xmalloc.h"

#define ALT_MIN		25	/* bytes: shorter alts ("logo") say nothing */
#define ALT_MAX_EXTRA	40	/* bytes a caption may add to its alt */
#define ALT_MAX_KEEP	256	/* alts kept per page */
#define ALT_BOX_EXTRA	80	/* characters a caption's box may add */

static void
alt_add(struct extract_alts *a, const xmlNode *img, const char *v)
{
	char	*s;
	size_t	 len;

	if (v == NULL || strlen(v) < ALT_MIN || a->n == ALT_MAX_KEEP)
		return;
	s = extract_collapse(v);
	if ((len = strlen(s)) < ALT_MIN) {
		free(s);
		return;
	}
	if (a->n == a->cap) {
		a->cap = a->cap == 0 ? 8 : a->cap * 2;
		a->v = xreallocarray(a->v, a->cap, sizeof *a->v);
	}
	a->v[a->n].s = s;
	a->v[a->n].len = len;
	a->v[a->n++].img = img;
}

/* The alt and title texts of the page's <img> elements, once. */
void
extract_alts_collect(struct xdoc *x)
{
	size_t		 i;
	const xmlNode	*n;

	if (x->alts.done)
		return;
	x->alts.done = 1;
	for (i = 0; i < x->nnodes && !extract_work(1); i++) {
		n = x->nodes[i].node;
		if (!extract_tag_is(n, "img"))
			continue;
		alt_add(&x->alts, n, extract_attr(n, "alt"));
		alt_add(&x->alts, n, extract_attr(n, "title"));
	}
}

static size_t
alt_depth(const xmlNode *n)
{
	size_t	d = 0;

	for (; n != NULL && n->type == XML_ELEMENT_NODE; n = n->parent)
		d++;
	return (d);
}

/* The smallest element holding both a and b, or NULL. */
static const xmlNode *
alt_common(const xmlNode *a, const xmlNode *b)
{
	size_t	da = alt_depth(a), db = alt_depth(b);

	for (; da > db; da--)
		a = a->parent;
	for (; db > da; db--)
		b = b->parent;
	while (a != b && a != NULL && b != NULL) {
		a = a->parent;
		b = b->parent;
	}
	return (a == b && a != NULL && a->type == XML_ELEMENT_NODE ? a : NULL);
}

/*
 * Whether the paragraph p of len bytes, whose first text is the node at,
 * is a picture's alt repeated beside it.
 */
int
extract_alts_caption(const struct extract_alts *a, const char *p,
    size_t len, const xmlNode *at)
{
	const xmlNode	*box;
	size_t		 i;

	if (a == NULL || at == NULL || len < ALT_MIN)
		return (0);
	at = at->parent;	/* the text's element */
	for (i = 0; i < a->n && !extract_work(1); i++) {
		if (len > a->v[i].len + ALT_MAX_EXTRA ||
		    strstr(p, a->v[i].s) == NULL)
			continue;
		box = alt_common(a->v[i].img, at);
		if (box != NULL && XN(box) != NULL &&
		    XN(box)->text <= len + ALT_BOX_EXTRA)
			return (1);
	}
	return (0);
}

void
extract_alts_clear(struct extract_alts *a)
{
	size_t	i;

	for (i = 0; i < a->n; i++)
		free(a->v[i].s);
	free(a->v);
	memset(a, 0, sizeof *a);
}
