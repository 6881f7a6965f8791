/*
 * extract-content.c -- print the main text block (extract-score.c finds
 * it) as plain paragraphs without the page's furniture, retrying with
 * less cleaning while the text stays short.
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
#define CONTENT_MAX_LEAD	4	/* lead paragraphs before the top */

struct emit {
	struct buf	 out;		/* the body so far */
	struct buf	 para;		/* the paragraph being built */
	size_t		 para_link;	/* bytes of para inside links */
	const xmlNode	*para_at;	/* para's first text, or NULL */
	xmlNode		*block;		/* the block para began in, or NULL */
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

	if (len > 60 || extract_is_fact_date(p))
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
	const xmlNode	*s, *first = NULL;
	int		 steps = 0;

	/* blank text and comments between them do not count */
	for (s = h->next; s != NULL && steps < 8; s = s->next) {
		if (s->type != XML_ELEMENT_NODE)
			continue;
		steps++;
		if (first == NULL)
			first = s;
		if (s->_private != NULL && XN(s)->text > 0)
			return (extract_link_density(s) >= 0.5 &&
			    (next == NULL || !extract_contains(s, next)));
	}
	/* an empty list that a script fills: "<h2>News</h2><ul></ul>" */
	return (first != NULL && (extract_tag_is(first, "ul") ||
	    extract_tag_is(first, "ol")) && first->_private != NULL &&
	    XN(first)->text == 0);
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
		/* a box of links inside the text: only the box goes */
		if (e->block != NULL && extract_stop_box(e->block) != NULL)
			goto out;
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
					e->block = n;
				}
				if (e->stop_pending) {
					e->stop_pending = 0;
					e->stop_node = n->parent;
				}
				if (e->stop && extract_ends_stop(n,
				    e->stop_rank)) {
					e->stop = 0;
					e->stop_node = NULL;
				}
				if (XN(n)->flags & XN_HEAD) {
					e->head_rank = extract_head_rank(n);
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
				e->block = NULL;
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
	/* the text's last line sends the reader elsewhere */
	if (e->nparas >= 3 && e->last_head == NULL &&
	    e->last_from >= e->body_from && e->last_lines == 1 &&
	    extract_is_pointer(e->out.data + e->last_from +
	    (e->last_from > 0 ? 2 : 0))) {
		e->out.len = e->last_from;
		e->out.data[e->out.len] = '\0';
		e->nparas--;
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
	n = extract_block_find(x, sel, CONTENT_MAX_TOP, &top, &best);
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
 * keep the longest.  Last, hidden elements stay: text that a script
 * shows (a "read more" box, a tab, a body faded in once loaded) is the
 * page's text when nothing visible is; trafilatura's fallbacks read the
 * unhidden tree likewise.
 */
char *
extract_content(struct xdoc *x, const char *title)
{
	static const int	 modes[] = {
		CLEAN_ALL, CLEAN_WEIGHT | CLEAN_COND | CLEAN_HIDDEN,
		CLEAN_COND | CLEAN_HIDDEN, CLEAN_HIDDEN, CLEAN_ALL & ~CLEAN_HIDDEN
	};
	char			*s, *best = NULL;
	size_t			 i, blen = 0, len;
	xmlNode			*btop = NULL;

	x->title = title;

	for (i = 0; i < sizeof modes / sizeof modes[0] &&
	    !extract_work_exceeded(); i++) {
		if (!(modes[i] & CLEAN_HIDDEN) && !x->hidden)
			continue;	/* nothing hidden: the same again */
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
