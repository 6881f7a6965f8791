/*
 * extract-blocks.c -- the last resort for a page whose main block the
 * scoring cannot find (the text sits in many small containers, or in
 * elements that are not paragraphs): every text block of the page is
 * judged on its own, in the manner of jusText (Pomikálek, 2011), which
 * trafilatura falls back on too.  A block is good when it is long, has
 * few links and reads as prose; jusText's context rules then join the
 * near-good and short blocks around good ones.  No library does this:
 * jusText is Python, and the block tree is ours already.
 *
 * jusText measures prose by the share of its language's stopwords.  This
 * takes the share of short words (three letters or fewer) instead, which
 * needs no list per language: the function words of English, German,
 * French, Spanish or Italian are short, a menu's or a title's words are
 * not (the median paragraph of the benchmarks' pages: 0.34 in German,
 * 0.39 in English, 0.41-0.44 in French and Spanish).  Russian news prose
 * (median 0.23) and the Turkic languages (0.04-0.14) have few short
 * words: there few blocks are good, and the fallback, which needs 250
 * characters of them, rarely replaces a body.  bench/RESULTS.md, session
 * 2026-12-02 f, has the measures.
 */
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "extract-int.h"
#include "xmalloc.h"

#define BLOCKS_LINK_MAX		0.2	/* link characters per character */
#define BLOCKS_LEN_LOW		70	/* characters: shorter is "short" */
#define BLOCKS_LEN_HIGH		200	/* characters: longer may be "good" */
#define BLOCKS_SHORTW_HIGH	0.30	/* share of short words of prose */
#define BLOCKS_SHORTW_LOW	0.25	/* ... of text that may be prose */
#define BLOCKS_SHORTW_LEN	3	/* letters of a short word */

enum blocks_class { B_BAD, B_SHORT, B_NEAR, B_GOOD };

struct block {
	size_t	off, len;		/* bytes of the text in the buffer */
	size_t	link;			/* characters inside links */
	int	cls;
};

struct blocks {
	struct buf	 text;		/* every block's text, one after another */
	struct block	*v;
	size_t		 n, cap;
	size_t		 start;		/* offset of the block being read */
	size_t		 link;		/* its characters inside links */
	int		 state;		/* extract_text_add state */
};

static void
blocks_flush(struct blocks *b)
{
	struct block	*k;

	if (b->text.len > b->start) {
		if (b->n == b->cap) {
			b->cap = b->cap == 0 ? 64 : b->cap * 2;
			b->v = xreallocarray(b->v, b->cap, sizeof *b->v);
		}
		k = &b->v[b->n++];
		k->off = b->start;
		k->len = b->text.len - b->start;
		k->link = b->link;
		k->cls = B_BAD;
		buf_addc(&b->text, '\0');	/* each block a C string */
	}
	b->start = b->text.len;
	b->link = 0;
	b->state = 0;
}

/* Never text: furniture by tag or class, the source's drop_xpath, hidden. */
static int
blocks_skip(xmlNode *n)
{
	return ((XN(n)->flags & (XN_NEVER | XN_USERDROP)) ||
	    extract_tag_is(n, "header") || extract_tag_is(n, "noscript") ||
	    extract_is_furniture(n));
}

/* The page's text blocks: a block element begins and ends one. */
static void
blocks_read(struct xdoc *x, struct blocks *b)
{
	xmlNode		*root = x->body, *n;
	struct xnode	 m;
	int		 in_link = 0;

	n = root->children;
	while (n != NULL && !extract_work(1)) {
		if ((n->type == XML_TEXT_NODE ||
		    n->type == XML_CDATA_SECTION_NODE) && n->content != NULL) {
			extract_text_add(&b->text, (const char *)n->content,
			    &b->state);
			if (in_link > 0) {
				memset(&m, 0, sizeof m);
				extract_text_measure(&m, (const char *)n->content);
				b->link += m.text;
			}
		} else if (n->type == XML_ELEMENT_NODE && n->_private != NULL &&
		    !blocks_skip(n)) {
			if (XN(n)->flags & XN_BLOCK)
				blocks_flush(b);
			if (n->children != NULL) {
				if (XN(n)->flags & XN_A)
					in_link++;
				n = n->children;
				continue;
			}
		}
		/* leave n, and every parent it ends */
		while (n != root && n->next == NULL) {
			n = n->parent;
			if (n == root)
				break;
			if (XN(n)->flags & XN_BLOCK)
				blocks_flush(b);
			if (XN(n)->flags & XN_A)
				in_link--;
		}
		if (n == root)
			break;
		n = n->next;
	}
	blocks_flush(b);
}

/* Share of words of a block of three letters or fewer. */
static double
blocks_short_words(const char *s, size_t len)
{
	static const char	 strip[] = ".,;:!?\"'()";
	const char		*end = s + len, *w, *we;
	size_t			 words = 0, shorts = 0, n;

	while (s < end) {
		while (s < end && *s == ' ')
			s++;
		if (s == end)
			break;
		for (w = s; s < end && *s != ' '; s++)
			;
		we = s;
		while (w < we && strchr(strip, *w) != NULL)
			w++;
		while (we > w && strchr(strip, we[-1]) != NULL)
			we--;
		for (n = 0; w < we; w++) {
			if (((unsigned char)*w & 0xc0) != 0x80)
				n++;
		}
		words++;
		if (n <= BLOCKS_SHORTW_LEN)
			shorts++;
	}
	return (words > 0 ? (double)shorts / (double)words : 0);
}

/* A block on its own: bad, short, near-good or good. */
static int
blocks_class_of(const char *s, size_t len, size_t link)
{
	size_t	chars = extract_utf8_len(s);	/* s ends on a NUL */
	double	sw;

	if (chars == 0 || (double)link / (double)chars > BLOCKS_LINK_MAX ||
	    memmem(s, len, "\xc2\xa9", 2) != NULL ||
	    strcasestr(s, "copyright") != NULL)
		return (B_BAD);
	if (chars < BLOCKS_LEN_LOW)
		return (link > 0 ? B_BAD : B_SHORT);
	sw = blocks_short_words(s, len);
	if (sw >= BLOCKS_SHORTW_HIGH)
		return (chars > BLOCKS_LEN_HIGH ? B_GOOD : B_NEAR);
	if (sw >= BLOCKS_SHORTW_LOW)
		return (B_NEAR);
	return (B_BAD);
}

/*
 * jusText's neighbour: the class of the nearest block from i in
 * direction d (+1 or -1) that is not short (nor near-good, with
 * skip_near); bad past either end.
 */
static int
blocks_neighbour(const int *cls, size_t n, size_t i, int d, int skip_near)
{
	size_t	j = i;

	for (;;) {
		if (d < 0 ? j == 0 : j + 1 >= n)
			return (B_BAD);
		j = d < 0 ? j - 1 : j + 1;
		if (cls[j] != B_SHORT && (!skip_near || cls[j] != B_NEAR))
			return (cls[j]);
	}
}

/*
 * jusText's context: a short block is good between good ones, and next
 * to good where the bad on its other side is a near-good block's
 * neighbour; then a near-good block is good unless bad on both sides.
 */
static void
blocks_classify(struct blocks *b)
{
	size_t	 i;
	int	*c, *shortc, p, n;

	c = xcalloc(b->n > 0 ? b->n : 1, sizeof *c);
	shortc = xcalloc(b->n > 0 ? b->n : 1, sizeof *shortc);
	for (i = 0; i < b->n; i++) {
		c[i] = blocks_class_of(b->text.data + b->v[i].off,
		    b->v[i].len, b->v[i].link);
		extract_work(b->v[i].len);
	}
	for (i = 0; i < b->n; i++) {
		shortc[i] = c[i];
		if (c[i] != B_SHORT)
			continue;
		p = blocks_neighbour(c, b->n, i, -1, 1);
		n = blocks_neighbour(c, b->n, i, 1, 1);
		if (p == B_GOOD && n == B_GOOD)
			shortc[i] = B_GOOD;
		else if (p == B_BAD && n == B_BAD)
			shortc[i] = B_BAD;
		else if ((p == B_BAD &&
		    blocks_neighbour(c, b->n, i, -1, 0) == B_NEAR) ||
		    (n == B_BAD && blocks_neighbour(c, b->n, i, 1, 0) == B_NEAR))
			shortc[i] = B_GOOD;
		else
			shortc[i] = B_BAD;
	}
	/* in place, as jusText: a near-good block made good counts next */
	for (i = 0; i < b->n; i++) {
		if (shortc[i] == B_NEAR)
			shortc[i] = (blocks_neighbour(shortc, b->n, i, -1, 1) ==
			    B_BAD && blocks_neighbour(shortc, b->n, i, 1, 1) ==
			    B_BAD) ? B_BAD : B_GOOD;
		b->v[i].cls = shortc[i];
	}
	free(c);
	free(shortc);
}

/* The good blocks of the page, paragraphs apart; heap string. */
char *
extract_blocks_text(struct xdoc *x)
{
	struct blocks	 b;
	struct buf	 out;
	size_t		 i;

	memset(&b, 0, sizeof b);
	/* unlimited: the page's own text, which EXTRACT_MAX_INPUT bounds */
	buf_init(&b.text, 0);
	buf_init(&out, 0);
	if (x->body != NULL) {
		blocks_read(x, &b);
		blocks_classify(&b);
		for (i = 0; i < b.n; i++) {
			if (b.v[i].cls != B_GOOD)
				continue;
			if (out.len > 0)
				buf_add(&out, "\n\n", 2);
			buf_add(&out, b.text.data + b.v[i].off, b.v[i].len);
		}
	}
	buf_clear(&b.text);
	free(b.v);
	return (buf_steal(&out));
}
