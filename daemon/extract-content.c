/*
 * extract-content.c -- find the main text block (in the manner of
 * Readability: paragraphs score their ancestors by length and commas,
 * class/id hints and link density adjust, related siblings join) and print
 * it as plain paragraphs without the page's furniture.
 */
#include <ctype.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "date.h"
#include "extract-int.h"
#include "log.h"
#include "xmalloc.h"

#define CONTENT_MAX_TOP		64
#define CONTENT_ENOUGH		500	/* characters: no retry needed */
#define CONTENT_MAX_DEPTH	1024
#define CONTENT_MAX_LEAD	4	/* lead paragraphs before the top */

struct emit {
	struct buf	 out;		/* the body so far */
	struct buf	 para;		/* the paragraph being built */
	size_t		 para_link;	/* bytes of para inside links */
	const xmlNode	*para_at;	/* para's first text, or NULL */
	int		 in_link;	/* depth of <a> elements */
	int		 in_item;	/* depth of <li> elements */
	int		 in_prose;	/* para: a line of prose a <br> ends */
	int		 in_para;	/* para: a line of a longer <p> */
	int		 in_article;	/* depth of <article>, 1 for one above */
	int		 state;		/* extract_text_add state */
	int		 stop;		/* a "related news" heading was seen */
	int		 stop_pending;	/* ... and its container is not known */
	int		 stop_rank;	/* ... of a heading of this rank */
	int		 head_rank;	/* rank of the heading being printed */
	xmlNode		*stop_node;	/* skip text until leaving this */
	int		 clean;		/* conditional cleaning on */
	const char	*title;
	xmlNode		*best;		/* the winning candidate: never junk */
	uint64_t	*seen;		/* hash set of paragraphs printed */
	size_t		 nseen, cseen;
	size_t		 nparas;
	int		 cut_bio;	/* an author's note at the end goes */
	size_t		 body_from;	/* bytes of out that are the lead */
	const struct extract_alts *alts; /* captions repeat them, or NULL */
	const xmlNode	*head_node;	/* the heading being printed */
	const xmlNode	*last_head;	/* the last paragraph's heading, or NULL */
	size_t		 last_from;	/* bytes of out before it */
	size_t		 last_lines;	/* paragraphs it printed (<br>) */
};

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
static int
content_head_rank(const xmlNode *n)
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
static int
content_ends_stop(const xmlNode *n, int rank)
{
	int	 r = content_head_rank(n);
	char	*t;

	if (rank == 0 || r == 0 || r > rank || XN(n)->text == 0 ||
	    XN(n)->link * 2 >= XN(n)->text)
		return (0);
	t = extract_node_text(n, 256);
	r = !extract_is_stop_heading(t);
	free(t);
	return (r);
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
				    content_ends_stop(s, content_head_rank(n)))
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

static xmlNode *
content_top(struct xdoc *x)
{
	size_t		 i;
	struct xnode	*xn, *best = NULL;

	for (i = 0; i < x->nnodes; i++) {
		xn = &x->nodes[i];
		if (!(xn->flags & XN_SCORED) || (xn->flags & XN_DROP))
			continue;
		xn->score *= 1 - extract_link_density(xn->node);
		if (best == NULL || xn->score > best->score)
			best = xn;
	}
	return (best != NULL ? best->node : NULL);
}

/* Climb from the top candidate while its ancestors score as well. */
static xmlNode *
content_climb(struct xdoc *x, xmlNode *top)
{
	xmlNode	*p;
	double	 last = XN(top)->score, threshold = last / 3;
	int	 nel;
	xmlNode	*c;

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
	/* An only child stands for its parent. */
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

/*
 * Entries of one kind (posts of a thread, items of a live blog): an
 * ancestor of top, close to it, with at least two siblings of the same
 * element and kind holding prose.  Their parent holds the text.
 */
static xmlNode *
content_entries(struct xdoc *x, xmlNode *top)
{
	xmlNode		*a, *s;
	const char	*cls, *scls;
	int		 level, same;

	for (a = top, level = 0; a != NULL && a != x->body && level < 4 &&
	    a->parent != NULL && a->parent != x->body; a = a->parent, level++) {
		if ((cls = extract_attr(a, "class")) == NULL || *cls == '\0')
			continue;
		same = 0;
		for (s = a->parent->children; s != NULL && same < 2 &&
		    !extract_work(1); s = s->next) {
			if (s == a || s->type != XML_ELEMENT_NODE ||
			    (XN(s)->flags & (XN_DROP | XN_NOSCORE)) ||
			    strcmp((const char *)s->name,
			    (const char *)a->name) != 0)
				continue;
			scls = extract_attr(s, "class");
			if (scls != NULL && content_same_kind(scls, cls) &&
			    XN(s)->text >= 80 && extract_link_density(s) < 0.3)
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

static uint64_t
content_hash(const char *s)
{
	uint64_t	h = 1469598103934665603ULL;

	for (; *s != '\0'; s++) {
		h ^= (unsigned char)*s;
		h *= 1099511628211ULL;
	}
	return (h);
}

/*
 * A paragraph of icons only: ASCII punctuation and characters of the
 * private use area, where icon fonts put their stars and arrows.
 */
static int
content_is_icons(const char *p)
{
	const unsigned char	*u = (const unsigned char *)p;
	int			 icons = 0;

	for (; *u != '\0'; u++) {
		if (*u < 0x80) {
			if (isalnum(*u))
				return (0);
			continue;
		}
		/* U+E000..U+F8FF: EE 80 80 .. EF A3 BF */
		if ((u[0] == 0xee || (u[0] == 0xef && u[1] >= 0x80 &&
		    u[1] <= 0xa3)) && u[1] != '\0' && u[2] != '\0') {
			u += 2;
			icons = 1;
			continue;
		}
		return (0);
	}
	return (icons);
}

/* A short paragraph that is only a date ("November 3, 2023, 14:10"). */
static int
content_is_dateline(const char *p, size_t len)
{
	size_t	words = 0;
	int	inword = 0;

	if (len > 60)
		return (0);
	for (; *p != '\0'; p++) {
		if (*p == ' ')
			inword = 0;
		else if (!inword) {
			inword = 1;
			words++;
		}
	}
	if (words > 6 || p[-1] == '.')
		return (0);
	return (date_parse_text(p - len, NULL, NULL) != -1);
}

/* Add h to the set of printed paragraphs; 0 when it was there. */
static int
content_seen_add(struct emit *e, uint64_t h)
{
	uint64_t	*old = e->seen;
	size_t		 oldcap = e->cseen, i, j;

	if (h == 0)
		h = 1;
	if ((e->nseen + 1) * 2 > e->cseen) {
		e->cseen = e->cseen == 0 ? 64 : e->cseen * 2;
		e->seen = xcalloc(e->cseen, sizeof *e->seen);
		e->nseen = 0;
		for (i = 0; i < oldcap; i++) {
			if (old[i] == 0)
				continue;
			for (j = old[i] & (e->cseen - 1); e->seen[j] != 0;
			    j = (j + 1) & (e->cseen - 1))
				;
			e->seen[j] = old[i];
			e->nseen++;
		}
		free(old);
	}
	for (j = h & (e->cseen - 1); e->seen[j] != 0;
	    j = (j + 1) & (e->cseen - 1)) {
		if (e->seen[j] == h)
			return (0);
	}
	e->seen[j] = h;
	e->nseen++;
	return (1);
}

/*
 * A heading closing the text over a box of links that was not printed
 * (teasers of other pages, a widget): the box's title, not the
 * article's.  The box is the heading's first following sibling with
 * text; next, when not NULL, is the heading printed after it, which
 * must not be inside the box.
 */
static int
content_is_box_title(const xmlNode *h, const xmlNode *next)
{
	const xmlNode	*s;
	int		 steps = 0;

	for (s = h->next; s != NULL && steps++ < 8; s = s->next) {
		if (s->type == XML_ELEMENT_NODE && s->_private != NULL &&
		    XN(s)->text > 0)
			return (extract_link_density(s) >= 0.5 &&
			    (next == NULL || !extract_contains(s, next)));
	}
	return (0);
}

static void
content_flush(struct emit *e)
{
	const char	*p = e->para.data;
	uint64_t	 h;

	e->state = 0;
	if (p == NULL || e->para.len == 0)
		goto out;
	if (e->stop)
		goto out;
	if (e->para_link < e->para.len && extract_is_stop_heading(p)) {
		e->stop = e->stop_pending = 1;
		e->stop_rank = e->head_rank;
		goto out;
	}
	/*
	 * Boilerplate and datelines are judged by whole paragraphs: a line
	 * that a <br> ends in a <p> holding more is one of its facts
	 * ("Veröffentlicht am 16.08.2019<br>Dauer: 1 Stunde<br>...").
	 */
	if (content_is_icons(p) || (!e->in_para &&
	    (extract_is_boiler_para(p) || content_is_dateline(p, e->para.len))))
		goto out;
	if (e->para_link * 10 >= e->para.len * 9 && e->para.len < 200 &&
	    !e->in_item && !e->in_prose && strncmp(p, "http", 4) != 0 &&
	    strncmp(p, "www.", 4) != 0)
		goto out;
	/*
	 * The headline said again is the page's headline, unless it is a
	 * line of a paragraph, which it opens ("<p><strong>Headline?
	 * </strong><br>The rest ...</p>").
	 */
	if (e->title != NULL && !e->in_para && extract_norm_eq(p, e->title))
		goto out;
	if (extract_alts_caption(e->alts, p, e->para.len, e->para_at))
		goto out;	/* a caption saying its picture's alt again */
	h = content_hash(p);
	if (e->para.len >= 100 && !content_seen_add(e, h))
		goto out;	/* a hidden second copy */
	/* a heading after a box title: the box printed nothing either */
	if (e->head_rank > 0 && e->last_head != NULL &&
	    e->last_head != e->head_node && e->last_from >= e->body_from &&
	    content_is_box_title(e->last_head, e->head_node)) {
		e->out.len = e->last_from;
		e->nparas -= e->last_lines;
	}
	/* a heading's lines that <br> splits go together */
	if (e->head_rank == 0 || e->last_head != e->head_node) {
		e->last_from = e->out.len;
		e->last_lines = 0;
	}
	e->last_lines++;
	e->last_head = e->head_rank > 0 ? e->head_node : NULL;
	if (e->out.len > 0)
		buf_add(&e->out, "\n\n", 2);
	buf_add(&e->out, e->para.data, e->para.len);
	e->nparas++;
out:
	e->in_prose = 0;
	e->in_para = 0;
	e->para_link = 0;
	e->para_at = NULL;
	e->para.len = 0;
	if (e->para.data != NULL)
		e->para.data[0] = '\0';
}

/*
 * A caption set in emphasis right under a picture: "<img><br><em>Figure
 * 4: ...</em>".  Blank text and line breaks may stand between them.
 */
static int
content_is_img_caption(const xmlNode *n)
{
	static const char *const tags[] = { "em", "i", "small", "sub", NULL };
	const xmlNode	*s;
	size_t		 i, steps = 0;

	for (i = 0; tags[i] != NULL && !extract_tag_is(n, tags[i]); i++)
		;
	if (tags[i] == NULL || XN(n)->text > 300)
		return (0);
	for (s = n->prev; s != NULL && steps++ < 8; s = s->prev) {
		if (s->type == XML_TEXT_NODE) {
			if (s->content != NULL &&
			    s->content[strspn((const char *)s->content,
			    " \t\r\n")] != '\0')
				return (0);
			continue;
		}
		if (extract_tag_is(s, "br"))
			continue;
		return (extract_tag_is(s, "img") || (extract_tag_is(s, "a") &&
		    XN(s)->text == 0 && s->children != NULL &&
		    extract_tag_is(s->children, "img")));
	}
	return (0);
}

static int
content_skip(const struct emit *e, const xmlNode *n, const xmlNode *top)
{
	const char	*name = (const char *)n->name;

	if (XN(n)->flags & (XN_DROP | XN_NOSCORE | XN_HEADER))
		return (1);
	if (content_is_img_caption(n))
		return (1);
	if (strcmp(name, "h1") == 0)
		return (1);
	if (name[0] == 'h' && name[1] >= '1' && name[1] <= '6' &&
	    XN(n)->weight < 0)
		return (1);
	/* cleaning takes pieces away, not the bulk of the text */
	if (e->clean && n != top && XN(n)->text * 2 <= XN(top)->text &&
	    extract_is_junk(n, e->in_article > 0) &&
	    (e->best == NULL || !extract_contains(n, e->best)))
		return (1);
	return (0);
}

/* Table cells join their row's line, separated by a space. */
static int
content_is_cell(const xmlNode *n)
{
	return ((XN(n)->flags & XN_CELL) != 0);
}

/*
 * The line that the <br> n ends is one of a paragraph of prose, which
 * is mostly not links: "<p><a>Crash Room</a><br>3 minutes from the
 * station</p>".  Such a line is kept even when it is all link.
 */
static int
content_line_in_prose(const struct emit *e, const xmlNode *n)
{
	if (e->para_link == 0 || !extract_tag_is(n, "br"))
		return (0);
	n = n->parent;
	if (n == NULL || n->type != XML_ELEMENT_NODE ||
	    !extract_tag_is(n, "p"))
		return (0);
	return (XN(n)->text > e->para.len + 10 &&
	    extract_link_density(n) < 0.5);
}

/* The line that the <br> n ends is one of a <p> holding more. */
static int
content_line_in_para(const struct emit *e, const xmlNode *n)
{
	if (!extract_tag_is(n, "br"))
		return (0);
	n = n->parent;
	if (n == NULL || n->type != XML_ELEMENT_NODE ||
	    !extract_tag_is(n, "p"))
		return (0);
	return (XN(n)->text > e->para.len + 10);
}

/* Whether an ancestor of n is an <article> element. */
static int
content_under_article(const xmlNode *n)
{
	for (n = n->parent; n != NULL && n->type == XML_ELEMENT_NODE &&
	    !extract_work(1); n = n->parent) {
		if (extract_tag_is(n, "article"))
			return (1);
	}
	return (0);
}

/* Print the text of top's subtree into e, paragraph by paragraph. */
static void
content_emit(struct emit *e, xmlNode *top)
{
	xmlNode	*n = top;
	size_t	 len;
	int	 descend;

	e->in_article = content_under_article(top);
	for (;;) {
		if (extract_work(1))
			return;
		descend = 0;
		if (n->type == XML_ELEMENT_NODE) {
			if (!content_skip(e, n, top)) {
				if (content_is_cell(n)) {
					if (e->state == 1)
						e->state = 2;
				} else if (XN(n)->flags & XN_BLOCK) {
					e->in_prose = content_line_in_prose(e,
					    n);
					e->in_para = content_line_in_para(e,
					    n);
					content_flush(e);
				}
				if (e->stop_pending) {
					e->stop_pending = 0;
					e->stop_node = n->parent;
				}
				if (e->stop && content_ends_stop(n,
				    e->stop_rank)) {
					e->stop = 0;
					e->stop_node = NULL;
				}
				if (XN(n)->flags & XN_HEAD) {
					e->head_rank = content_head_rank(n);
					e->head_node = n;
				}
				descend = 1;
			}
		} else if ((n->type == XML_TEXT_NODE ||
		    n->type == XML_CDATA_SECTION_NODE) && n->content != NULL) {
			len = e->para.len;
			extract_text_add(&e->para, (const char *)n->content,
			    &e->state);
			if (e->in_link > 0)
				e->para_link += e->para.len - len;
			if (len == 0 && e->para.len > 0)
				e->para_at = n;
		}
		if (descend && n->type == XML_ELEMENT_NODE &&
		    (XN(n)->flags & XN_A))
			e->in_link++;
		if (descend && n->type == XML_ELEMENT_NODE &&
		    (XN(n)->flags & XN_LI))
			e->in_item++;
		if (descend && n->type == XML_ELEMENT_NODE &&
		    extract_tag_is(n, "article"))
			e->in_article++;
		if (descend && n->children != NULL) {
			n = n->children;
			continue;
		}
		for (;;) {
			if (descend && n->type == XML_ELEMENT_NODE &&
			    (XN(n)->flags & XN_A) && e->in_link > 0)
				e->in_link--;
			if (descend && n->type == XML_ELEMENT_NODE &&
			    extract_tag_is(n, "article") && e->in_article > 0)
				e->in_article--;
			if (descend && n->type == XML_ELEMENT_NODE &&
			    (XN(n)->flags & XN_LI)) {
				content_flush(e);
				if (e->in_item > 0)
					e->in_item--;
			}
			if (descend && n->type == XML_ELEMENT_NODE &&
			    content_is_cell(n)) {
				if (e->state == 1)
					e->state = 2;
			} else if (descend && n->type == XML_ELEMENT_NODE &&
			    (XN(n)->flags & XN_BLOCK)) {
				content_flush(e);
				if (XN(n)->flags & XN_HEAD)
					e->head_rank = 0;
			}
			if (e->stop_pending) {
				e->stop_pending = 0;
				e->stop_node = n->parent;
			}
			if (n == e->stop_node) {
				content_flush(e);
				e->stop = 0;
				e->stop_node = NULL;
			}
			if (n == top)
				return;
			if (n->next != NULL) {
				n = n->next;
				break;
			}
			n = n->parent;
			descend = 1;	/* we entered every ancestor */
		}
	}
}

static void
content_emit_init(struct emit *e, const char *title, int clean)
{
	memset(e, 0, sizeof *e);
	buf_init(&e->out, 0);
	buf_init(&e->para, 0);
	e->title = title;
	e->clean = clean;
}

static char *
content_emit_finish(struct emit *e)
{
	content_flush(e);
	if (e->last_head != NULL && e->nparas >= 3 &&
	    e->last_from >= e->body_from &&
	    content_is_box_title(e->last_head, NULL)) {
		e->out.len = e->last_from;
		e->out.data[e->out.len] = '\0';
		e->nparas -= e->last_lines;
	}
	if (e->cut_bio && e->nparas >= 3 && e->out.data != NULL)
		e->out.len = extract_bio_cut(e->out.data, e->out.len,
		    e->body_from);
	buf_clear(&e->para);
	free(e->seen);
	return (buf_steal(&e->out));
}

char *
extract_nodes_text(struct xdoc *x, xmlNode **nodes, size_t n,
    const char *title)
{
	struct emit	e;
	size_t		i;

	content_emit_init(&e, title, 0);
	for (i = 0; i < n; i++)
		content_emit(&e, nodes[i]);
	return (content_emit_finish(&e));
}

/* One attempt with the given cleaning mode. */
static char *
content_try(struct xdoc *x, const char *title, int mode)
{
	xmlNode		*top, *best, *sel[CONTENT_MAX_TOP];
	xmlNode		*lead[CONTENT_MAX_LEAD];
	struct emit	 e;
	const char	*cls;
	size_t		 n, i, nlead;

	extract_clean_mark(x, mode);
	if (!x->stops_marked)
		content_mark_stops(x);
	content_score_all(x);
	if ((best = top = content_top(x)) == NULL)
		top = x->body;
	else
		top = content_entries(x, content_climb(x, top));
	n = content_siblings(top, sel, CONTENT_MAX_TOP);
	nlead = n > 0 ? extract_lead_find(x, sel[0], lead,
	    CONTENT_MAX_LEAD) : 0;
	x->top = top;
	if (log_get_level() >= LOG_LEVEL_DEBUG) {
		for (i = 0; i < n; i++) {
			cls = extract_attr(sel[i], "class");
			log_debug("extract: mode %d: %s class=%s score=%.1f "
			    "text=%zu", mode, sel[i]->name, cls != NULL ? cls :
			    "", XN(sel[i])->score, XN(sel[i])->text);
		}
	}
	content_emit_init(&e, title, (mode & CLEAN_COND) != 0);
	extract_alts_collect(x);
	e.alts = &x->alts;
	e.best = best;
	e.cut_bio = 1;
	for (i = 0; i < nlead; i++)
		content_emit(&e, lead[i]);
	content_flush(&e);
	x->lead_len = e.body_from = e.out.len;
	for (i = 0; i < n; i++)
		content_emit(&e, sel[i]);
	return (content_emit_finish(&e));
}

/*
 * The article's main text, or "" when the page has none.  Like
 * Readability, retry with less cleaning while the text stays short, and
 * keep the longest.
 */
char *
extract_content(struct xdoc *x, const char *title)
{
	static const int	 modes[] = {
		CLEAN_ALL, CLEAN_WEIGHT | CLEAN_COND, CLEAN_COND, 0
	};
	char			*s, *best = NULL;
	size_t			 i, blen = 0, len;
	xmlNode			*btop = NULL;

	x->title = title;

	for (i = 0; i < sizeof modes / sizeof modes[0] &&
	    !extract_work_exceeded(); i++) {
		s = content_try(x, title, modes[i]);
		len = strlen(s) - x->lead_len;	/* the lead is not enough */
		if (len >= CONTENT_ENOUGH) {
			free(best);
			return (s);
		}
		if (best == NULL || len > blen) {
			free(best);
			best = s;
			blen = len;
			btop = x->top;
		} else
			free(s);
	}
	x->top = btop;
	return (best);
}
