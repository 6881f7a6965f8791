/*
 * extract-clean.c -- boilerplate by the tree: what is never content and
 * class/id hints.  Lines of text that are page furniture are
 * extract-lines.c's.
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "extract-int.h"
#include "log.h"

/* Readability's unlikely candidates, and what rescues them. */
static const char *const clean_unlikely[] = {
	"-ad-", "ai2html", "banner", "breadcrumbs", "combx", "comment",
	"community", "cover-wrap", "disqus", "extra", "footer", "gdpr",
	"header", "legends", "menu", "related", "remark", "replies", "rss",
	"shoutbox", "sidebar", "skyscraper", "social", "sponsor",
	"supplemental", "ad-break", "agegate", "pagination", "pager", "popup",
	"yom-remote", NULL
};
static const char *const clean_maybe[] = {
	"and", "article", "body", "column", "content", "main", "shadow", NULL
};
/* Furniture dropped even when a "maybe" word rescues it, if small. */
static const char *const clean_furniture[] = {
	"cookie", "copyright", "share", "sharing", "social", "readalso",
	"read-also", "read_also", "seealso", "see-also", "latest", "popular",
	"mostread", "most-read", "newsletter", "news-letter", "news_letter",
	"subscribe", "promo", "advert",
	"related", "recommend", "breadcrumb", "tags", "byline", "author",
	"caption", "credit", "toolbar", "rating", "rollover",
	"tooltip", "popover", "disclosure", "overlay",
	/* trafilatura's discard list */
	"taboola", "outbrain", "viral", "syndication", "subnav", "next-post",
	"side-stories", "factbox", "paid-content", "paidcontent",
	"timestamp", "user-info", "user-profile", "infoline", "article-infos",
	"criteo", NULL
};

static const char *const clean_negative[] = {
	"-ad-", "hidden", "banner", "combx", "comment", "com-", "contact",
	"footer", "gdpr", "masthead", "media", "meta", "outbrain", "promo",
	"related", "scroll", "share", "shoutbox", "sidebar", "skyscraper",
	"sponsor", "shopping", "tags", "widget", NULL
};
static const char *const clean_positive[] = {
	"article", "body", "content", "entry", "hentry", "h-entry", "main",
	"page", "pagination", "post", "text", "blog", "story", NULL
};

/* Class/id words of a standfirst: the lead before the main text. */
static const char *const clean_lead[] = {
	"lead", "intro", "teaser", "standfirst", "summary", "excerpt",
	"abstract", "subtitle", "subline", "subhead", "deck", "dek",
	"description", "perex", "header-text", "descr", NULL
};

static const char *const clean_roles[] = {
	"menu", "menubar", "complementary", "navigation", "alert",
	"alertdialog", "dialog", NULL
};

static const char *const clean_hidden_classes[] = {
	"hidden", "d-none", "sr-only", "visually-hidden", "screen-reader-text",
	"visuallyhidden", "invisible", NULL
};

#define CM_UNLIKELY	0x01
#define CM_MAYBE	0x02
#define CM_FURNITURE	0x04
#define CM_ALWAYS	0x08
#define CM_HIDDEN	0x10
#define CM_DONE		0x80

static int
clean_contains(const char *s, const char *const *words)
{
	size_t	i;

	if (s == NULL || *s == '\0')
		return (0);
	for (i = 0; words[i] != NULL; i++) {
		if (strcasestr(s, words[i]) != NULL)
			return (1);
	}
	return (0);
}

/* Any class/id of n contains one of words (case-insensitive). */
int
extract_class_match(const xmlNode *n, const char *const *words)
{
	return (clean_contains(extract_attr(n, "class"), words) ||
	    clean_contains(extract_attr(n, "id"), words));
}

/* The first paragraph of the article itself, not a summary of it. */
static const char *const clean_intro[] = {
	"lead", "intro", "teaser", "standfirst", "perex", "excerpt",
	"bajada", NULL
};

/* n's class or id names an intro, teaser or lead paragraph. */
int
extract_is_intro_class(const xmlNode *n)
{
	return (extract_class_match(n, clean_intro));
}

/* n's class or id names a lead, standfirst, intro or teaser. */
int
extract_is_lead_class(const xmlNode *n)
{
	return (extract_class_match(n, clean_lead));
}

static int
clean_word_in(const char *list, const char *word)
{
	size_t		 wl = strlen(word);
	const char	*p = list;

	/* Words are separated by what stops a word: any isspace(). */
	while (p != NULL && *p != '\0') {
		while (isspace((unsigned char)*p))
			p++;
		if (*p == '\0')
			break;
		if (strncasecmp(p, word, wl) == 0 && (p[wl] == '\0' ||
		    isspace((unsigned char)p[wl])))
			return (1);
		while (*p != '\0' && !isspace((unsigned char)*p))
			p++;
	}
	return (0);
}

static int
clean_is_hidden(const xmlNode *n)
{
	const char	*style, *cls, *p;
	size_t		 i, len;

	if (extract_attr(n, "hidden") != NULL)
		return (1);
	if ((style = extract_attr(n, "style")) != NULL) {
		/* p is past the match, maybe on the NUL: no p++ here */
		for (p = style; (p = strcasestr(p, "display")) != NULL; ) {
			p += 7;
			while (isspace((unsigned char)*p) || *p == ':')
				p++;
			if (strncasecmp(p, "none", 4) == 0)
				return (1);
		}
		for (p = style; (p = strcasestr(p, "visibility")) != NULL; ) {
			p += 10;
			while (isspace((unsigned char)*p) || *p == ':')
				p++;
			if (strncasecmp(p, "hidden", 6) == 0)
				return (1);
		}
	}
	if ((cls = extract_attr(n, "class")) != NULL) {
		/* clean_word_in() for each word, in one pass over the class */
		for (p = cls; *p != '\0'; p += len) {
			while (isspace((unsigned char)*p))
				p++;
			for (len = 0; p[len] != '\0' &&
			    !isspace((unsigned char)p[len]); len++)
				;
			for (i = 0; len != 0 && clean_hidden_classes[i] != NULL;
			    i++) {
				if (strlen(clean_hidden_classes[i]) == len &&
				    strncasecmp(p, clean_hidden_classes[i],
				    len) == 0)
					return (1);
			}
		}
	}
	return (0);
}

static int
clean_in_table(const xmlNode *n)
{
	int	depth = 0;

	for (n = n->parent; n != NULL && n->type == XML_ELEMENT_NODE &&
	    depth < 64; n = n->parent, depth++) {
		if (extract_tag_is(n, "table") || extract_tag_is(n, "code"))
			break;
	}
	extract_work((size_t)depth);
	return (depth < 64 && n != NULL && n->type == XML_ELEMENT_NODE);
}

static const char *const clean_always[] = {
	"comment", "disqus", "replies", "sidebar", "footer", NULL
};

/* Lower-cased copy of an attribute value, truncated to fit. */
static const char *
clean_lower_attr(const xmlNode *n, const char *name, char *buf, size_t sz,
    int *cut)
{
	const char	*v = extract_attr(n, name);
	size_t		 i;

	if (cut != NULL)
		*cut = 0;
	if (v == NULL || *v == '\0')
		return (NULL);
	for (i = 0; i < sz - 1 && v[i] != '\0'; i++)
		buf[i] = (char)tolower((unsigned char)v[i]);
	buf[i] = '\0';
	if (cut != NULL)
		*cut = v[i] != '\0';
	return (buf);
}

/* The word lists clean_classify looks for, as bits of one scan. */
#define CL_UNLIKELY	0x01
#define CL_MAYBE	0x02
#define CL_FURNITURE	0x04
#define CL_ALWAYS	0x08
#define CL_NEGATIVE	0x10
#define CL_POSITIVE	0x20
#define CL_WORDS	256

static const struct {
	const char *const	*words;
	unsigned int		 bit;
} clean_lists[] = {
	{ clean_unlikely, CL_UNLIKELY }, { clean_maybe, CL_MAYBE },
	{ clean_furniture, CL_FURNITURE }, { clean_always, CL_ALWAYS },
	{ clean_negative, CL_NEGATIVE }, { clean_positive, CL_POSITIVE }
};

/* Every word of clean_lists, chained by first byte; built once. */
static struct {
	const char	*w;
	size_t		 len;
	unsigned int	 bits;
	int		 next;
} clean_words[CL_WORDS];
static int	clean_head[256];
static int	clean_nwords = -1;

static void
clean_words_build(void)
{
	size_t		 l, i;
	int		 n = 0, k;
	unsigned char	 c;

	for (i = 0; i < 256; i++)
		clean_head[i] = -1;
	for (l = 0; l < sizeof clean_lists / sizeof clean_lists[0]; l++) {
		for (i = 0; clean_lists[l].words[i] != NULL; i++) {
			if (n == CL_WORDS)
				fatalx("%s: too many words", __func__);
			/* the last of the chain first: list order is kept */
			c = (unsigned char)clean_lists[l].words[i][0];
			clean_words[n].w = clean_lists[l].words[i];
			clean_words[n].len = strlen(clean_words[n].w);
			clean_words[n].bits = clean_lists[l].bit;
			clean_words[n].next = -1;
			if (clean_head[c] == -1)
				clean_head[c] = n;
			else {
				for (k = clean_head[c]; clean_words[k].next !=
				    -1; k = clean_words[k].next)
					;
				clean_words[k].next = n;
			}
			n++;
		}
	}
	clean_nwords = n;
}

/*
 * The CL_* bits of the lists one of whose words occurs in s (a substring,
 * as strstr finds it): one pass over s instead of a strstr per word.
 */
static unsigned int
clean_scan(const char *s)
{
	const char	*p;
	unsigned int	 found = 0;
	int		 k;

	if (s == NULL)
		return (0);
	if (clean_nwords == -1)
		clean_words_build();
	for (p = s; *p != '\0'; p++) {
		for (k = clean_head[(unsigned char)*p]; k != -1;
		    k = clean_words[k].next) {
			if ((clean_words[k].bits & ~found) != 0 &&
			    p[1] == clean_words[k].w[1] &&
			    strncmp(p, clean_words[k].w,
			    clean_words[k].len) == 0)
				found |= clean_words[k].bits;
		}
	}
	return (found);
}

static int
clean_weight_lower(unsigned int bits)
{
	int	w = 0;

	if (bits & CL_NEGATIVE)
		w -= 25;
	if (bits & CL_POSITIVE)
		w += 25;
	return (w);
}

/* Classify n's class and id once: CM_* bits and the class weight. */
static void
clean_classify(xmlNode *n)
{
	struct xnode	*xn = XN(n);
	char		 cb[256], ib[128];
	const char	*c, *i;
	unsigned short	 m = CM_DONE;
	unsigned int	 bc, bi, b;
	size_t		 k;
	int		 cut;

	c = clean_lower_attr(n, "class", cb, sizeof cb, &cut);
	i = clean_lower_attr(n, "id", ib, sizeof ib, NULL);
	if (c != NULL || i != NULL) {
		bc = clean_scan(c);
		bi = clean_scan(i);
		b = bc | bi;
		if (b & CL_UNLIKELY)
			m |= CM_UNLIKELY;
		if (b & CL_MAYBE)
			m |= CM_MAYBE;
		if (b & CL_FURNITURE)
			m |= CM_FURNITURE;
		if (b & CL_ALWAYS)
			m |= CM_ALWAYS;
		/*
		 * clean_is_hidden() looks for the same words in the whole
		 * class: only a cut copy can say more.
		 */
		for (k = 0; c != NULL && cut && clean_hidden_classes[k] != NULL;
		    k++) {
			if (clean_word_in(c, clean_hidden_classes[k]))
				m |= CM_HIDDEN;
		}
		xn->cweight = (short)(clean_weight_lower(bc) +
		    clean_weight_lower(bi));
	}
	if (clean_is_hidden(n))
		m |= CM_HIDDEN;
	xn->cmask = m;
}

/*
 * Hidden (display:none, the hidden attribute, a "hidden" class word), or
 * furniture by its class or id words ("cookie", "newsletter", "share").
 */
int
extract_is_furniture(xmlNode *n)
{
	if (!(XN(n)->cmask & CM_DONE))
		clean_classify(n);
	return ((XN(n)->cmask & (CM_HIDDEN | CM_FURNITURE)) != 0);
}

/* A figcaption that the source's drop_xpath leaves. */
static int
clean_is_caption(const struct xnode *xn)
{
	return (strcmp((const char *)xn->node->name, "figcaption") == 0 &&
	    !(xn->flags & XN_USERDROP));
}

static int
clean_should_drop(struct xdoc *x, xmlNode *n, int mode)
{
	const char	*name = (const char *)n->name, *role;
	struct xnode	*xn = XN(n);
	size_t		 i;

	if (!(xn->cmask & CM_DONE))
		clean_classify(n);
	if (xn->cmask & CM_HIDDEN) {
		if (!(mode & CLEAN_HIDDEN))
			return (0);
		x->hidden = 1;
		return (1);
	}
	/*
	 * A <noscript> is furniture, unless an unclosed one swallowed the
	 * page (libxml2 parses its content): then it holds the text.
	 */
	if (strcmp(name, "noscript") == 0)
		return (xn->text0 * 2 < XN(x->body)->text0);
	if (strcmp(name, "body") == 0 || strcmp(name, "html") == 0 ||
	    strcmp(name, "a") == 0 || strcmp(name, "article") == 0 ||
	    strcmp(name, "main") == 0)
		return (0);
	if ((role = extract_attr(n, "role")) != NULL) {
		for (i = 0; clean_roles[i] != NULL; i++) {
			if (strcasecmp(role, clean_roles[i]) == 0)
				return (1);
		}
	}
	if (!(mode & CLEAN_UNLIKELY) || (x->gallery && clean_is_caption(xn)))
		return (0);
	if (((xn->cmask & CM_FURNITURE) && xn->text0 * 4 < XN(x->body)->text0) ||
	    ((xn->cmask & CM_UNLIKELY) && !(xn->cmask & CM_MAYBE) &&
	    !clean_in_table(n) && (xn->text0 * 2 < XN(x->body)->text0 ||
	    (xn->cmask & CM_ALWAYS)))) {
		/*
		 * The article's header ("entry__header") holds the headline
		 * and the standfirst: it is only kept out of the scoring.
		 */
		if (xn->flags & XN_TITLE) {
			xn->flags |= XN_HEADER;
			return (0);
		}
		return (1);
	}
	return (0);
}

/*
 * The heading holding the page's title and its ancestors: a class word
 * ("header", "related") does not drop them (XN_HEADER instead).
 */
static void
clean_mark_title(struct xdoc *x)
{
	xmlNode	*n;
	int	 depth = 0;

	x->title_node = extract_title_node(x, x->title);
	for (n = x->title_node; n != NULL && n->type == XML_ELEMENT_NODE &&
	    n != x->body && depth < 1024; n = n->parent, depth++)
		XN(n)->flags |= XN_TITLE;
	extract_work((size_t)depth);
}

#define CLEAN_GALLERY_CAPS	5	/* captions of prose in a gallery */
#define CLEAN_CAPTION_PROSE	80	/* characters of a caption of prose */

/*
 * A gallery: the article is told in the captions of its pictures (a
 * slideshow's slides), at least five of prose, holding more text than
 * the rest of the page.  Then the captions are text.  Called once the
 * page is measured without them.
 */
static int
clean_is_gallery(const struct xdoc *x)
{
	size_t	 i, len, caps = 0, text = 0;
	char	*t;

	for (i = 0; i < x->nnodes && !extract_work(1); i++) {
		if (!clean_is_caption(&x->nodes[i]))
			continue;
		t = extract_node_text(x->nodes[i].node, 0);
		len = extract_utf8_len(t);
		free(t);
		if (len >= CLEAN_CAPTION_PROSE) {
			caps++;
			text += len;
		}
	}
	return (caps >= CLEAN_GALLERY_CAPS && text > XN(x->body)->text);
}

#define CLEAN_NAV_LINE	200	/* characters of a line of post navigation */

/*
 * A link to the next or the previous post (rel="next", rel="prev"): the
 * short block holding it, mostly links, is the blog's navigation
 * ("Nachfolgebeitrag: <a rel=next>...</a><br>Vorgängerbeitrag: ...").
 * Judged once a page, on the first measure, and never content after.
 */
static void
clean_mark_neighbours(struct xnode *xn)
{
	const char	*rel;
	xmlNode		*b;
	int		 depth;

	if (!(xn->flags & XN_A) || (rel = extract_attr(xn->node, "rel")) ==
	    NULL || (!clean_word_in(rel, "next") && !clean_word_in(rel,
	    "prev") && !clean_word_in(rel, "previous")))
		return;
	for (b = xn->node->parent, depth = 0; b != NULL && depth < 4 &&
	    b->type == XML_ELEMENT_NODE && b->_private != NULL;
	    b = b->parent, depth++) {
		if (!(XN(b)->flags & XN_BLOCK))
			continue;
		if (XN(b)->text0 <= CLEAN_NAV_LINE &&
		    XN(b)->link * 2 >= XN(b)->text0)
			XN(b)->flags |= XN_NEVER | XN_DROP;
		return;
	}
}

/*
 * Mark what is never content: scripts, forms' controls, navigation,
 * hidden elements, unlikely candidates.  Comments and processing
 * instructions are skipped by every walk anyway.
 */
void
extract_clean_mark(struct xdoc *x, int mode)
{
	xmlNode	*n = x->root;
	size_t	 i;
	int	 skip;

	for (i = 0; i < x->nnodes; i++) {
		x->nodes[i].flags &= XN_TAGBITS | XN_USERDROP | XN_NOSCORE |
		    XN_TITLE;
		if ((x->nodes[i].flags & (XN_USERDROP | XN_NEVER)) &&
		    !(x->gallery && clean_is_caption(&x->nodes[i])))
			x->nodes[i].flags |= XN_DROP;
		x->nodes[i].score = 0;
	}
	if (!x->measured0) {
		extract_xdoc_measure(x);
		if (clean_is_gallery(x)) {
			x->gallery = 1;
			for (i = 0; i < x->nnodes; i++) {
				if (clean_is_caption(&x->nodes[i]))
					x->nodes[i].flags &= ~XN_DROP;
			}
			extract_xdoc_measure(x);
		}
		for (i = 0; i < x->nnodes; i++)
			x->nodes[i].text0 = x->nodes[i].text;
		x->measured0 = 1;
		clean_mark_title(x);
		for (i = 0; i < x->nnodes; i++)
			clean_mark_neighbours(&x->nodes[i]);
	}
	while (n != NULL) {
		skip = 0;
		if (n->type == XML_ELEMENT_NODE && n->name != NULL) {
			if ((XN(n)->flags & XN_DROP) ||
			    clean_should_drop(x, n, mode)) {
				XN(n)->flags |= XN_DROP;
				skip = 1;
			}
			XN(n)->weight = (mode & CLEAN_WEIGHT) ?
			    XN(n)->cweight : 0;
		}
		n = extract_walk_next(n, x->root, skip);
	}
	extract_xdoc_measure(x);
}
