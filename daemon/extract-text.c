/*
 * extract-text.c -- tree walks, whitespace and measurements for extract*.c.
 */
#include <ctype.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "buf.h"
#include "extract-int.h"
#include "xmalloc.h"

static const struct text_tag {
	const char	*name;
	int		 flags;
} text_tags[] = {	/* sorted */
	{ "a", XN_A },
	{ "address", XN_BLOCK },
	{ "article", XN_BLOCK | XN_CONT },
	{ "aside", XN_BLOCK | XN_NEVER },
	{ "audio", XN_NEVER },
	{ "blockquote", XN_BLOCK },
	{ "body", XN_BLOCK },
	{ "br", XN_BLOCK },
	{ "button", XN_NEVER },
	{ "canvas", XN_NEVER },
	{ "caption", XN_BLOCK },
	{ "center", XN_BLOCK | XN_CONT },
	{ "dd", XN_BLOCK },
	{ "details", XN_BLOCK },
	{ "dialog", XN_BLOCK | XN_NEVER },
	{ "dir", XN_BLOCK },
	{ "div", XN_BLOCK | XN_CONT },
	{ "dl", XN_BLOCK },
	{ "dt", XN_BLOCK },
	{ "embed", XN_NEVER },
	{ "fieldset", XN_BLOCK },
	{ "figcaption", XN_BLOCK | XN_NEVER },
	{ "figure", XN_BLOCK },
	{ "font", XN_CONT },
	{ "footer", XN_BLOCK | XN_NEVER },
	{ "form", XN_BLOCK },
	{ "h1", XN_BLOCK | XN_HEAD },
	{ "h2", XN_BLOCK | XN_HEAD },
	{ "h3", XN_BLOCK | XN_HEAD },
	{ "h4", XN_BLOCK | XN_HEAD },
	{ "h5", XN_BLOCK | XN_HEAD },
	{ "h6", XN_BLOCK | XN_HEAD },
	{ "head", XN_NEVER },
	{ "header", XN_BLOCK },
	{ "hgroup", XN_BLOCK },
	{ "hr", XN_BLOCK },
	{ "html", XN_BLOCK },
	{ "iframe", XN_NEVER },
	{ "input", XN_NEVER },
	{ "li", XN_BLOCK | XN_LI },
	{ "link", XN_NEVER },
	{ "main", XN_BLOCK | XN_CONT },
	{ "map", XN_NEVER },
	{ "math", XN_NEVER },
	{ "menu", XN_BLOCK | XN_NEVER },
	{ "meta", XN_NEVER },
	{ "nav", XN_BLOCK | XN_NEVER },
	{ "noscript", XN_BLOCK },	/* extract-clean.c: by size */
	{ "object", XN_NEVER },
	{ "ol", XN_BLOCK },
	{ "option", XN_BLOCK | XN_NEVER },
	{ "p", XN_BLOCK | XN_PARA },
	{ "picture", XN_NEVER },
	{ "pre", XN_BLOCK | XN_PARA },
	{ "script", XN_NEVER },
	{ "section", XN_BLOCK | XN_CONT },
	{ "select", XN_NEVER },
	{ "source", XN_NEVER },
	{ "span", XN_CONT },
	{ "style", XN_NEVER },
	{ "summary", XN_BLOCK },
	{ "svg", XN_NEVER },
	{ "table", XN_BLOCK },
	{ "tbody", XN_BLOCK },
	{ "td", XN_BLOCK | XN_PARA | XN_CELL },
	{ "template", XN_NEVER },
	{ "textarea", XN_NEVER },
	{ "tfoot", XN_BLOCK },
	{ "th", XN_BLOCK | XN_CELL },
	{ "thead", XN_BLOCK },
	{ "title", XN_NEVER },
	{ "tr", XN_BLOCK },
	{ "ul", XN_BLOCK },
	{ "video", XN_NEVER },
};

int
extract_tag_is(const xmlNode *n, const char *name)
{
	return (n != NULL && n->type == XML_ELEMENT_NODE && n->name != NULL &&
	    strcmp((const char *)n->name, name) == 0);
}

static int
text_tag_cmp(const void *key, const void *elem)
{
	return (strcmp(key, ((const struct text_tag *)elem)->name));
}

/* XN_BLOCK and XN_NEVER of an element name. */
static int
text_tag_flags(const char *name)
{
	const struct text_tag	*t;

	t = bsearch(name, text_tags, sizeof text_tags /
	    sizeof text_tags[0], sizeof text_tags[0], text_tag_cmp);
	return (t != NULL ? t->flags : 0);
}

/*
 * XN_BLOCK and XN_NEVER of an element name, for trees without xnodes
 * (the markup inside a JSON-LD articleBody).
 */
int
extract_name_flags(const char *name)
{
	return (text_tag_flags(name) & (XN_BLOCK | XN_NEVER));
}

/* The attribute's value as stored in the tree (no copy), or NULL. */
const char *
extract_attr(const xmlNode *n, const char *name)
{
	const xmlAttr	*a;

	if (n == NULL || n->type != XML_ELEMENT_NODE)
		return (NULL);
	for (a = n->properties; a != NULL; a = a->next) {
		if (a->name == NULL || strcasecmp((const char *)a->name,
		    name) != 0)
			continue;
		if (a->children != NULL && a->children->type == XML_TEXT_NODE &&
		    a->children->next == NULL)
			return ((const char *)a->children->content);
		return ("");
	}
	return (NULL);
}

/*
 * The work budget of the extraction in progress (extract_page runs one
 * page at a time): nodes stepped over and bytes of text scanned.  Walks
 * end early once it is spent, and extract_page gives the page up.
 */
static size_t	text_work;
static size_t	text_budget = SIZE_MAX;

void
extract_work_start(size_t budget)
{
	text_work = 0;
	text_budget = budget;
}

/* Count n units of work; nonzero once the budget is exceeded. */
int
extract_work(size_t n)
{
	if (text_work <= text_budget)
		text_work = n > text_budget - text_work ? text_budget + 1 :
		    text_work + n;
	return (text_work > text_budget);
}

int
extract_work_exceeded(void)
{
	return (text_work > text_budget);
}

size_t
extract_work_done(void)
{
	return (text_work);
}

static xmlNode *
text_walk_next(xmlNode *n, const xmlNode *root, int skip)
{
	if (!skip && n->children != NULL && n->type == XML_ELEMENT_NODE)
		return (n->children);
	while (n != NULL && n != root) {
		if (n->next != NULL)
			return (n->next);
		n = n->parent;
	}
	return (NULL);
}

/*
 * Next node in document order below root; skip the children of n when
 * skip is set.  NULL at the end, and once the work budget is spent.
 */
xmlNode *
extract_walk_next(xmlNode *n, const xmlNode *root, int skip)
{
	if (extract_work(1))
		return (NULL);
	return (text_walk_next(n, root, skip));
}

static int
extract_space_at(const unsigned char *p, size_t *adv)
{
	if (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r' ||
	    *p == '\f' || *p == '\v') {
		*adv = 1;
		return (1);
	}
	if (p[0] == 0xc2 && p[1] == 0xa0) {	/* U+00A0 */
		*adv = 2;
		return (1);
	}
	if (p[0] == 0xe2 && p[1] == 0x80 && (p[2] >= 0x80 && p[2] <= 0x8a)) {
		*adv = 3;			/* U+2000..U+200A */
		return (1);
	}
	return (0);
}

/*
 * Append text with whitespace collapsed.  *state: 0 nothing yet or just
 * after a space-free point, 1 last output was a character, 2 a space is
 * pending.
 */
void
extract_text_add(struct buf *b, const char *s, int *state)
{
	const unsigned char	*p = (const unsigned char *)s;
	const unsigned char	*run;
	size_t			 adv;

	while (*p != '\0') {
		if (extract_space_at(p, &adv)) {
			if (*state == 1)
				*state = 2;
			p += adv;
			continue;
		}
		if (p[0] == 0xc2 && p[1] == 0xad) {	/* soft hyphen */
			p += 2;
			continue;
		}
		if (*state == 2)
			buf_addc(b, ' ');
		*state = 1;
		run = p;
		while (*p != '\0' && !extract_space_at(p, &adv) &&
		    !(p[0] == 0xc2 && p[1] == 0xad))
			p++;
		buf_add(b, run, (size_t)(p - run));
	}
	extract_work((size_t)(p - (const unsigned char *)s));
}

/* Text of a subtree, collapsed, skipping dropped elements; heap string. */
char *
extract_node_text(const xmlNode *root, size_t max)
{
	struct buf	 b;
	xmlNode		*n = (xmlNode *)root;
	int		 state = 0, skip;

	buf_init(&b, 0);
	if (root->type != XML_ELEMENT_NODE) {
		if (root->content != NULL)
			extract_text_add(&b, (const char *)root->content,
			    &state);
		return (buf_steal(&b));
	}
	n = root->children;
	while (n != NULL && (max == 0 || b.len < max)) {
		skip = 0;
		if (n->type == XML_TEXT_NODE || n->type ==
		    XML_CDATA_SECTION_NODE) {
			if (n->content != NULL)
				extract_text_add(&b, (const char *)n->content,
				    &state);
		} else if (n->type == XML_ELEMENT_NODE) {
			if (n->_private != NULL && (XN(n)->flags & XN_DROP))
				skip = 1;
			else if (n->_private != NULL &&
			    (XN(n)->flags & XN_BLOCK) && state == 1)
				state = 2;
		} else
			skip = 1;
		n = extract_walk_next(n, root, skip);
	}
	return (buf_steal(&b));
}

/* Collapse whitespace of a string; heap copy. */
char *
extract_collapse(const char *s)
{
	struct buf	b;
	int		state = 0;

	buf_init(&b, 0);
	extract_text_add(&b, s, &state);
	return (buf_steal(&b));
}

size_t
extract_utf8_len(const char *s)
{
	size_t	n = 0;

	for (; *s != '\0'; s++) {
		if (((unsigned char)*s & 0xc0) != 0x80)
			n++;
	}
	return (n);
}

/*
 * Equal ignoring case (ASCII), whitespace and punctuation: compares the
 * sequences of letters and digits only.
 */
int
extract_norm_eq(const char *a, const char *b)
{
	const unsigned char	*p = (const unsigned char *)a;
	const unsigned char	*q = (const unsigned char *)b;
	size_t			 n = 0;

	if (a == NULL || b == NULL)
		return (0);
	for (;;) {
		while (*p != '\0' && *p < 0x80 && !isalnum(*p))
			p++;
		while (*q != '\0' && *q < 0x80 && !isalnum(*q))
			q++;
		if (*p == '\0' || *q == '\0')
			break;
		if (tolower(*p) != tolower(*q))
			return (0);
		p++;
		q++;
		n++;
	}
	return (*p == '\0' && *q == '\0' && n > 0);
}

int
extract_xdoc_init(struct xdoc *x, xmlDoc *doc)
{
	xmlNode	*n;
	size_t	 count = 0, i = 0;

	memset(x, 0, sizeof *x);
	x->doc = doc;
	x->root = xmlDocGetRootElement(doc);
	if (x->root == NULL)
		return (-1);
	/* uncounted: every element must get its xnode */
	for (n = x->root; n != NULL; n = text_walk_next(n, x->root, 0)) {
		if (n->type == XML_ELEMENT_NODE)
			count++;
		if (count > EXTRACT_MAX_NODES)
			return (-1);
	}
	x->nodes = xcalloc(count, sizeof *x->nodes);
	x->nnodes = count;
	for (n = x->root; n != NULL; n = text_walk_next(n, x->root, 0)) {
		if (n->type != XML_ELEMENT_NODE)
			continue;
		x->nodes[i].node = n;
		if (n->name != NULL)
			x->nodes[i].flags |= text_tag_flags(
			    (const char *)n->name);
		if (x->nodes[i].flags & XN_NEVER)
			x->nodes[i].flags |= XN_DROP;
		n->_private = &x->nodes[i++];
		if (x->body == NULL && extract_tag_is(n, "body"))
			x->body = n;
	}
	if (x->body == NULL)
		x->body = x->root;
	return (0);
}

void
extract_text_measure(struct xnode *xn, const char *s)
{
	const unsigned char	*p = (const unsigned char *)s;
	size_t			 text = 0, commas = 0;
	int			 sp = 1;

	for (; *p != '\0'; p++) {
		if (*p <= ' ') {
			if (*p == ' ' || *p == '\n' || *p == '\t' ||
			    *p == '\r' || *p == '\f' || *p == '\v') {
				text += !sp;
				sp = 1;
				continue;
			}
		} else if (*p == ',')
			commas++;
		else if (*p >= 0x80) {
			if (p[0] == 0xc2 && p[1] == 0xa0) {
				text += !sp;
				sp = 1;
				p++;
				continue;
			}
			if ((*p & 0xc0) == 0x80)
				continue;
			if ((p[0] == 0xef && p[1] == 0xbc && p[2] == 0x8c) ||
			    (p[0] == 0xd8 && p[1] == 0x8c))
				commas++;
		}
		sp = 0;
		text++;
	}
	xn->text += text;
	xn->commas += commas;
	extract_work((size_t)(p - (const unsigned char *)s));
}

/* Add n's totals to its parent's; marks links. */
static void
extract_measure_leave(xmlNode *n, const xmlNode *root)
{
	struct xnode	*xn = XN(n), *xp;
	const char	*name = (const char *)n->name;

	if (xn->flags & XN_A)
		xn->link = xn->text;
	else if (name[0] == 'p' && name[1] == '\0')
		xn->np++;
	else if (strcmp(name, "img") == 0)
		xn->nimg++;
	else if (strcmp(name, "li") == 0)
		xn->nli++;
	else if (strcmp(name, "input") == 0)
		xn->ninput++;
	else if (strcmp(name, "embed") == 0 || strcmp(name, "object") == 0 ||
	    strcmp(name, "iframe") == 0)
		xn->nembed++;
	else if ((strcmp(name, "ul") == 0 || strcmp(name, "ol") == 0))
		xn->listtext = xn->text;
	else if (name[0] == 'h' && name[1] >= '1' && name[1] <= '6' &&
	    name[2] == '\0')
		xn->headtext = xn->text;
	if (n == root || n->parent == NULL || n->parent->_private == NULL ||
	    n->parent->type != XML_ELEMENT_NODE)
		return;
	xp = XN(n->parent);
	xp->text += xn->text;
	xp->link += xn->link;
	xp->commas += xn->commas;
	xp->listtext += xn->listtext;
	xp->headtext += xn->headtext;
	xp->np += xn->np;
	xp->nimg += xn->nimg;
	xp->nli += xn->nli;
	xp->ninput += xn->ninput;
	xp->nembed += xn->nembed;
}

/*
 * A field of a form to type into: a <textarea>, or an <input> of text
 * (not a checkbox of a recipe's ingredient, nor a hidden or a button).
 */
static int
text_is_entry(const xmlNode *n)
{
	static const char *const types[] = {
		"text", "email", "password", "search", "tel", "url", "number",
		NULL
	};
	const char	*t;
	size_t		 i;

	if (extract_tag_is(n, "textarea"))
		return (1);
	if (!extract_tag_is(n, "input"))
		return (0);
	if ((t = extract_attr(n, "type")) == NULL || *t == '\0')
		return (1);
	for (i = 0; types[i] != NULL; i++) {
		if (strcasecmp(t, types[i]) == 0)
			return (1);
	}
	return (0);
}

/*
 * Text length, link text and commas of every element, skipping dropped
 * subtrees; one iterative post-order pass.
 */
void
extract_xdoc_measure(struct xdoc *x)
{
	xmlNode	*n = x->root, *up;
	size_t	 i;

	for (i = 0; i < x->nnodes; i++) {
		x->nodes[i].text = x->nodes[i].link = 0;
		x->nodes[i].commas = x->nodes[i].listtext = 0;
		x->nodes[i].headtext = 0;
		x->nodes[i].np = x->nodes[i].nimg = x->nodes[i].nli = 0;
		x->nodes[i].ninput = x->nodes[i].nembed = 0;
	}
	while (n != NULL && !extract_work(1)) {
		if (n->type == XML_ELEMENT_NODE && !(XN(n)->flags & XN_DROP) &&
		    n->children != NULL) {
			n = n->children;
			continue;
		}
		if ((n->type == XML_TEXT_NODE ||
		    n->type == XML_CDATA_SECTION_NODE) && n->content != NULL &&
		    n->parent != NULL && n->parent->_private != NULL)
			extract_text_measure(XN(n->parent),
			    (const char *)n->content);
		/* leave n and every ancestor that has no next sibling */
		for (;;) {
			if (n->type == XML_ELEMENT_NODE &&
			    !(XN(n)->flags & XN_DROP))
				extract_measure_leave(n, x->root);
			else if (n->type == XML_ELEMENT_NODE &&
			    n->parent != NULL && n->parent->_private != NULL &&
			    text_is_entry(n))
				XN(n->parent)->ninput++;	/* never text, counted */
			if (n == x->root) {
				n = NULL;
				break;
			}
			if (n->next != NULL) {
				n = n->next;
				break;
			}
			up = n->parent;
			n = up;
			if (n == NULL)
				break;
		}
	}
}

void
extract_xdoc_clear(struct xdoc *x)
{
	size_t	i;

	for (i = 0; i < x->nnodes; i++)
		x->nodes[i].node->_private = NULL;
	free(x->nodes);
	x->nodes = NULL;
	x->nnodes = 0;
	extract_alts_clear(&x->alts);
}
