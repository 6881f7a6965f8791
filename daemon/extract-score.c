/*
 * extract-score.c -- find the main text block, in the manner of
 * Readability: paragraphs score their ancestors by length and commas,
 * class/id hints and link density adjust, the best candidate climbs to
 * ancestors that score as well, and related siblings join.
 * extract-content.c prints what is found.
 */
#include <ctype.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "extract-int.h"

#define CONTENT_MAX_DEPTH	1024

static int
content_tag_bonus(const char *name)
{
	if (strcmp(name, "div") == 0 || strcmp(name, "article") == 0)
		return (5);
	if (strcmp(name, "pre") == 0 || strcmp(name, "td") == 0 ||
	    strcmp(name, "blockquote") == 0)
		return (3);
	if (strcmp(name, "address") == 0 || strcmp(name, "ol") == 0 ||
	    strcmp(name, "ul") == 0 || strcmp(name, "dl") == 0 ||
	    strcmp(name, "dd") == 0 || strcmp(name, "dt") == 0 ||
	    strcmp(name, "li") == 0 || strcmp(name, "form") == 0)
		return (-3);
	if ((name[0] == 'h' && name[1] >= '1' && name[1] <= '6') ||
	    strcmp(name, "th") == 0)
		return (-5);
	return (0);
}

static void
content_add_score(xmlNode *n, double s)
{
	struct xnode	*xn;

	if (n == NULL || n->type != XML_ELEMENT_NODE || n->_private == NULL ||
	    n->parent == NULL || n->parent->type != XML_ELEMENT_NODE)
		return;
	xn = XN(n);
	if (!(xn->flags & XN_SCORED)) {
		xn->flags |= XN_SCORED;
		xn->score = content_tag_bonus((const char *)n->name) +
		    xn->weight;
	}
	xn->score += s;
}

/* Score one paragraph of len characters and commas on its ancestors. */
static void
content_score_para(xmlNode *parent, size_t len, size_t commas)
{
	double	s;
	int	level;

	if (len < 25)
		return;
	/* a list of names or tags, not sentences: commas do not count */
	if (commas >= 5 && len / (commas + 1) < 40)
		commas = 0;
	s = 1 + (double)commas + (len / 100 > 3 ? 3 : (double)(len / 100));
	for (level = 0; level < 5 && parent != NULL; level++) {
		if (level == 0)
			content_add_score(parent, s);
		else if (level == 1)
			content_add_score(parent, s / 2);
		else
			content_add_score(parent, s / (level * 3));
		parent = parent->parent;
	}
}

/* Inline text of a container: its text nodes and non-block children. */
static void
content_inline_len(xmlNode *n, size_t *len, size_t *commas, int *blocks)
{
	xmlNode		*c;
	struct xnode	 t;

	*len = *commas = 0;
	*blocks = 0;
	for (c = n->children; c != NULL && !extract_work(1); c = c->next) {
		if (c->type == XML_TEXT_NODE && c->content != NULL) {
			memset(&t, 0, sizeof t);
			extract_text_measure(&t, (const char *)c->content);
			*len += t.text;
			*commas += t.commas;
		} else if (c->type == XML_ELEMENT_NODE &&
		    !(XN(c)->flags & XN_DROP)) {
			if (XN(c)->flags & XN_BLOCK)
				(*blocks)++;
			else {
				*len += XN(c)->text;
				*commas += XN(c)->commas;
			}
		}
	}
}

int
extract_contains(const xmlNode *a, const xmlNode *n)
{
	int	depth = 0;

	for (; n != NULL && depth < CONTENT_MAX_DEPTH; n = n->parent, depth++) {
		if (n == a)
			break;
	}
	extract_work((size_t)depth);
	return (n != NULL && n == a);
}

/* 1-6 for h1-h6, else 0. */
int
extract_head_rank(const xmlNode *n)
{
	if (n->type != XML_ELEMENT_NODE || !(XN(n)->flags & XN_HEAD))
		return (0);
	return (n->name[1] - '0');
}

/*
 * A heading that ends the section of a "See also" heading of the given
 * rank: one of the same rank or higher, not a link (a teaser's title),
 * not another such heading.
 */
int
extract_ends_stop(const xmlNode *n, int rank)
{
	int	 r = extract_head_rank(n);
	char	*t;

	if (rank == 0 || r == 0 || r > rank || XN(n)->text == 0 ||
	    XN(n)->link * 2 >= XN(n)->text)
		return (0);
	t = extract_node_text(n, 256);
	r = !extract_is_stop_heading(t);
	free(t);
	return (r);
}

#define STOP_PROSE	100	/* characters of a paragraph of prose */

/*
 * A "Read also" heading inside the text: its first following sibling
 * with text is a box of links, and the next one is a paragraph of
 * prose: the article goes on after the box.  Then only the box is other
 * stories.  The box, or NULL.
 */
xmlNode *
extract_stop_box(xmlNode *h)
{
	xmlNode	*s, *box = NULL;
	int	 steps = 0;

	for (s = h->next; s != NULL && steps++ < 16; s = s->next) {
		if (s->type != XML_ELEMENT_NODE || s->_private == NULL ||
		    XN(s)->text == 0)
			continue;
		if (box == NULL) {
			if (extract_link_density(s) < 0.5)
				return (NULL);
			box = s;
		} else
			return (XN(s)->text >= STOP_PROSE &&
			    extract_link_density(s) < 0.25 ? box : NULL);
	}
	return (NULL);
}

/*
 * What follows a "Read also" / "relevant news" heading in its container
 * is other stories (kt.kz prints their full text): it does not score.
 * The marking stops at a sibling that holds the page's own title, and
 * after a heading, at the next heading of its rank (a README's "See
 * also" section ends where "Installation" begins).
 */
static void
content_mark_stops(struct xdoc *x)
{
	xmlNode	*n = x->body, *s, *tnode;
	char	*t;
	int	 skip, stop;

	tnode = x->title_node;
	while (n != NULL) {
		skip = n->type != XML_ELEMENT_NODE ||
		    (XN(n)->flags & XN_DROP);
		if (!skip && x->first_h1 == NULL && extract_tag_is(n, "h1") &&
		    XN(n)->text > 0)
			x->first_h1 = n;
		/* a "Read more" link or button unfolds the text: no heading */
		if (!skip && (XN(n)->flags & (XN_BLOCK | XN_HEAD)) &&
		    XN(n)->text >= 4 && XN(n)->text <= 40 &&
		    XN(n)->link < XN(n)->text) {
			t = extract_node_text(n, 256);
			stop = extract_is_stop_heading(t);
			free(t);
			if (stop && (s = extract_stop_box(n)) != NULL) {
				XN(s)->flags |= XN_NOSCORE;
				stop = 0;
			}
			/*
			 * A marked sibling means an earlier heading of this
			 * list marked from there on: stop (else a page of
			 * such headings is quadratic).
			 */
			for (s = n->next; stop && s != NULL &&
			    !extract_work(1); s = s->next) {
				if (s->type != XML_ELEMENT_NODE)
					continue;
				if ((XN(s)->flags & XN_NOSCORE) ||
				    (tnode != NULL && extract_contains(s,
				    tnode)) ||
				    extract_ends_stop(s, extract_head_rank(n)))
					break;
				XN(s)->flags |= XN_NOSCORE;
			}
			skip = 1;
		}
		n = extract_walk_next(n, x->body, skip);
	}
	x->stops_marked = 1;
}

static void
content_score_all(struct xdoc *x)
{
	xmlNode		*n = x->body;
	const char	*name;
	size_t		 len, commas;
	int		 blocks, skip;

	while (n != NULL) {
		skip = 0;
		if (n->type != XML_ELEMENT_NODE) {
			n = extract_walk_next(n, x->body, 1);
			continue;
		}
		if (XN(n)->flags & (XN_DROP | XN_NOSCORE | XN_HEADER)) {
			n = extract_walk_next(n, x->body, 1);
			continue;
		}
		name = (const char *)n->name;
		if ((XN(n)->flags & XN_PARA) || ((XN(n)->flags & XN_HEAD) &&
		    name[1] != '1'))
			content_score_para(n->parent, XN(n)->text,
			    XN(n)->commas);
		else if ((XN(n)->flags & XN_CONT) && n != x->body) {
			content_inline_len(n, &len, &commas, &blocks);
			if (blocks == 0)
				content_score_para(n->parent, len, commas);
			else
				content_score_para(n, len, commas);
		}
		n = extract_walk_next(n, x->body, skip);
	}
}

double
extract_link_density(const xmlNode *n)
{
	const struct xnode	*xn = XN(n);

	if (xn->text == 0)
		return (0);
	return ((double)xn->link / (double)xn->text);
}

/* Same first class word: one kind of block ("message message--mod"). */
static int
content_same_kind(const char *a, const char *b)
{
	size_t	la, lb;

	a += strspn(a, " \t\n\r\f\v");
	b += strspn(b, " \t\n\r\f\v");
	la = strcspn(a, " \t\n\r\f\v");
	lb = strcspn(b, " \t\n\r\f\v");
	return (la > 0 && la == lb && strncmp(a, b, la) == 0);
}

/* The same element with the same first class word: blocks of one kind. */
static int
content_alike(const xmlNode *a, const xmlNode *b)
{
	const char	*ca, *cb;

	return (strcmp((const char *)a->name, (const char *)b->name) == 0 &&
	    (ca = extract_attr(a, "class")) != NULL &&
	    (cb = extract_attr(b, "class")) != NULL &&
	    content_same_kind(ca, cb));
}

#define CONTENT_NB_TOP		5	/* Readability's _nbTopCandidates */
#define CONTENT_MIN_ALT		3	/* ... MINIMUM_TOPCANDIDATES */

/*
 * The best candidate; top[] gets the CONTENT_NB_TOP best, best first
 * (*ntop of them).
 */
static xmlNode *
content_top(struct xdoc *x, xmlNode **top, size_t *ntop)
{
	size_t		 i, j;
	struct xnode	*xn;

	*ntop = 0;
	for (i = 0; i < x->nnodes; i++) {
		xn = &x->nodes[i];
		if (!(xn->flags & XN_SCORED) || (xn->flags & XN_DROP))
			continue;
		xn->score *= 1 - extract_link_density(xn->node);
		for (j = *ntop; j > 0 && XN(top[j - 1])->score < xn->score;
		    j--) {
			if (j < CONTENT_NB_TOP)
				top[j] = top[j - 1];
		}
		if (j < CONTENT_NB_TOP) {
			top[j] = xn->node;
			if (*ntop < CONTENT_NB_TOP)
				(*ntop)++;
		}
	}
	return (*ntop > 0 ? top[0] : NULL);
}

/*
 * Readability's alternative ancestors, for blocks of one kind: when three
 * of the other best candidates score near the best (three quarters of it)
 * and are the same element of the same first class word (a page
 * builder's text widgets, "elementor-widget-container"), the text is
 * spread over them, each a few levels down in a section of its own; the
 * nearest ancestor of the best that holds three of them holds the text.
 * Candidates of different kinds (the article, its comments, a sidebar)
 * are left to the climb: Readability's rule over them cost precision on
 * both benchmarks (bench/RESULTS.md, session 2026-12-02 f).
 */
static xmlNode *
content_common_ancestor(struct xdoc *x, xmlNode *best, xmlNode **top,
    size_t ntop)
{
	xmlNode	*alt[CONTENT_NB_TOP], *p;
	size_t	 nalt = 0, i, in;
	int	 depth;

	for (i = 1; i < ntop; i++) {
		if (XN(top[i])->score >= XN(best)->score * 0.75 &&
		    content_alike(top[i], best))
			alt[nalt++] = top[i];
	}
	if (nalt < CONTENT_MIN_ALT)
		return (best);
	for (p = best->parent, depth = 0; p != NULL && p != x->body &&
	    p->type == XML_ELEMENT_NODE && depth < CONTENT_MAX_DEPTH;
	    p = p->parent, depth++) {
		for (i = in = 0; i < nalt; i++)
			in += extract_contains(p, alt[i]);
		if (in >= CONTENT_MIN_ALT)
			return (p);
	}
	return (best);
}

/* An only child stands for its parent. */
static xmlNode *
content_only_child_up(struct xdoc *x, xmlNode *top)
{
	xmlNode	*c;
	int	 nel;

	while (top->parent != NULL && top->parent != x->body &&
	    top->parent->type == XML_ELEMENT_NODE) {
		nel = 0;
		for (c = top->parent->children; c != NULL; c = c->next) {
			if (c->type == XML_ELEMENT_NODE &&
			    !(XN(c)->flags & XN_DROP))
				nel++;
		}
		if (nel != 1)
			break;
		top = top->parent;
	}
	return (top);
}

/* Climb from the top candidate while its ancestors score as well. */
static xmlNode *
content_climb(struct xdoc *x, xmlNode *top)
{
	xmlNode	*p;
	double	 last = XN(top)->score, threshold = last / 3;

	for (p = top->parent; p != NULL && p != x->body &&
	    p->type == XML_ELEMENT_NODE; p = p->parent) {
		if (!(XN(p)->flags & XN_SCORED))
			continue;
		if (XN(p)->score < threshold)
			break;
		if (XN(p)->score > last) {
			top = p;
			break;
		}
		last = XN(p)->score;
	}
	return (content_only_child_up(x, top));
}

/*
 * Entries of one kind (posts of a thread, items of a live blog): an
 * ancestor of top, close to it, with at least two siblings of the same
 * element and kind holding prose.  Their parent holds the text.
 */
static xmlNode *
content_entries(struct xdoc *x, xmlNode *top)
{
	xmlNode		*a, *s;
	const char	*cls;
	int		 level, same;

	for (a = top, level = 0; a != NULL && a != x->body && level < 4 &&
	    a->parent != NULL && a->parent != x->body; a = a->parent, level++) {
		if ((cls = extract_attr(a, "class")) == NULL || *cls == '\0')
			continue;
		same = 0;
		for (s = a->parent->children; s != NULL && same < 2 &&
		    !extract_work(1); s = s->next) {
			if (s == a || s->type != XML_ELEMENT_NODE ||
			    (XN(s)->flags & (XN_DROP | XN_NOSCORE)))
				continue;
			if (content_alike(s, a) && XN(s)->text >= 80 &&
			    extract_link_density(s) < 0.3)
				same++;
		}
		if (same >= 2)
			return (a->parent);
	}
	return (top);
}

int
extract_sentence_like(const xmlNode *n)
{
	char	*t = extract_node_text(n, 4096);
	size_t	 len = strlen(t);
	int	 r;

	r = len > 0 && (t[len - 1] == '.' || strstr(t, ". ") != NULL);
	free(t);
	return (r);
}

/* A container holding inline content only: a paragraph in effect. */
int
extract_is_para_div(xmlNode *n)
{
	size_t	len, commas;
	int	blocks;

	if (!(XN(n)->flags & XN_CONT))
		return (0);
	content_inline_len(n, &len, &commas, &blocks);
	return (blocks == 0 && len > 0);
}

/* A sibling that is prose of the article: Readability's test. */
static int
content_sibling_prose(xmlNode *top, xmlNode *s, const char *tcls)
{
	const char	*cls;
	double		 threshold, bonus, ld;
	size_t		 len;

	threshold = XN(top)->score * 0.2;
	if (threshold < 10)
		threshold = 10;
	bonus = 0;
	cls = extract_attr(s, "class");
	if (cls != NULL && tcls != NULL && *tcls != '\0' &&
	    strcmp(cls, tcls) == 0)
		bonus = XN(top)->score * 0.2;
	ld = extract_link_density(s);
	len = XN(s)->text;
	if ((XN(s)->flags & XN_SCORED) && XN(s)->score + bonus >= threshold)
		return (1);
	if (extract_tag_is(s, "p") || extract_is_para_div(s)) {
		if (len > 80 && ld < 0.25)
			return (1);
		if (len > 0 && len <= 80 && ld == 0 && extract_sentence_like(s))
			return (1);
	}
	/*
	 * A block of paragraphs beside it (the next column or widget of a
	 * page builder): its paragraphs score it too little, being deeper.
	 */
	if ((XN(s)->flags & XN_CONT) && XN(s)->np >= 2 && len >= 300 &&
	    ld < 0.15 && XN(s)->cweight >= 0)
		return (1);
	return (0);
}

/*
 * A sibling between two parts of the text that belongs to it: a
 * sub-heading, a list, a table, a quote, or a block of paragraphs cut
 * off by a figure, an embed or an ad slot.
 */
static int
content_sibling_inner(xmlNode *s)
{
	const struct xnode	*xn = XN(s);
	double			 ld = extract_link_density(s);
	char			*t;
	int			 r;

	if (xn->text == 0 || xn->cweight < 0)
		return (0);
	if (xn->flags & XN_HEAD) {
		if (xn->text > 200 || ld > 0.5)
			return (0);
		t = extract_node_text(s, 256);
		r = !extract_is_stop_heading(t);
		free(t);
		return (r);
	}
	if (extract_tag_is(s, "ul") || extract_tag_is(s, "ol") ||
	    extract_tag_is(s, "dl") || extract_tag_is(s, "table") ||
	    extract_tag_is(s, "blockquote") || extract_tag_is(s, "pre"))
		return (ld < 0.5);
	if ((xn->flags & XN_CONT) && xn->np > 0 && xn->text >= 100)
		return (ld < 0.25);
	return (0);
}

#define CONTENT_MAX_SIBS	512

/* The top candidate and the siblings that belong with it. */
static size_t
content_siblings(xmlNode *top, xmlNode **out, size_t max)
{
	xmlNode		*s, *sib[CONTENT_MAX_SIBS];
	const char	*tcls = extract_attr(top, "class");
	char		 add[CONTENT_MAX_SIBS];
	size_t		 n = 0, ns = 0, i, first, last;

	if (top->parent == NULL || top->parent->type != XML_ELEMENT_NODE) {
		out[0] = top;
		return (1);
	}
	first = last = SIZE_MAX;
	for (s = top->parent->children; s != NULL && ns < CONTENT_MAX_SIBS;
	    s = s->next) {
		if (s->type != XML_ELEMENT_NODE ||
		    (XN(s)->flags & (XN_DROP | XN_NOSCORE | XN_HEADER)))
			continue;
		add[ns] = s == top || content_sibling_prose(top, s, tcls);
		if (add[ns]) {
			if (first == SIZE_MAX)
				first = ns;
			last = ns;
		}
		sib[ns++] = s;
	}
	for (i = 0; i < ns && n < max; i++) {
		if (!add[i] && i > first && i < last &&
		    content_sibling_inner(sib[i]))
			add[i] = 1;
		if (add[i])
			out[n++] = sib[i];
	}
	return (n);
}

/*
 * The main text block of the page as it is cleaned now: the top
 * candidate (*best, NULL when nothing scored), climbed and widened to its
 * entries, and its related siblings into sel (at most max); returns their
 * count.  *top is the block the siblings are of.
 */
size_t
extract_block_find(struct xdoc *x, xmlNode **sel, size_t max, xmlNode **top,
    xmlNode **best)
{
	xmlNode	*cand[CONTENT_NB_TOP];
	size_t	 ncand;

	if (!x->stops_marked)
		content_mark_stops(x);
	content_score_all(x);
	if ((*best = *top = content_top(x, cand, &ncand)) == NULL)
		*top = x->body;
	else
		*top = content_only_child_up(x, content_entries(x,
		    content_climb(x, content_common_ancestor(x, *top, cand,
		    ncand))));
	return (content_siblings(*top, sel, max));
}
