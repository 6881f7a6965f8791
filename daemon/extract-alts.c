/*
 * extract-alts.c -- the words of a page's pictures.  A caption often
 * repeats its picture's alt or title text, after a button's label at
 * most ("Enlarge A small round cut-out for the camera ...").  Such a
 * line describes the picture, not the story: extract-content.c asks
 * here before it prints a short paragraph.
 */
#include <stdlib.h>
#include <string.h>

#include "extract-int.h"
#include "xmalloc.h"

#define ALT_MIN		25	/* bytes: shorter alts ("logo") say nothing */
#define ALT_MAX_EXTRA	40	/* bytes a caption may add to its alt */
#define ALT_MAX_KEEP	256	/* alts kept per page */

static void
alt_add(struct extract_alts *a, const char *v)
{
	char	*s;

	if (v == NULL || strlen(v) < ALT_MIN || a->n == ALT_MAX_KEEP)
		return;
	s = extract_collapse(v);
	if (strlen(s) < ALT_MIN) {
		free(s);
		return;
	}
	if (a->n == a->cap) {
		a->cap = a->cap == 0 ? 8 : a->cap * 2;
		a->v = xreallocarray(a->v, a->cap, sizeof *a->v);
	}
	a->v[a->n++] = s;
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
		alt_add(&x->alts, extract_attr(n, "alt"));
		alt_add(&x->alts, extract_attr(n, "title"));
	}
}

/* Whether the paragraph p of len bytes is a picture's alt repeated. */
int
extract_alts_caption(const struct extract_alts *a, const char *p,
    size_t len)
{
	size_t	i, alen;

	if (a == NULL || len < ALT_MIN)
		return (0);
	for (i = 0; i < a->n; i++) {
		alen = strlen(a->v[i]);
		if (len > alen + ALT_MAX_EXTRA)
			continue;
		if (strstr(p, a->v[i]) != NULL)
			return (1);
	}
	return (0);
}

void
extract_alts_clear(struct extract_alts *a)
{
	size_t	i;

	for (i = 0; i < a->n; i++)
		free(a->v[i]);
	free(a->v);
	memset(a, 0, sizeof *a);
}
