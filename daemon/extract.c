/*
 * extract.c -- one news page in, one article out: decode, parse, apply the
 * source's overrides, find metadata and the main text.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/HTMLparser.h>
#include <libxml/xpath.h>

#include "article.h"
#include "buf.h"
#include "charset.h"
#include "date.h"
#include "extract.h"
#include "extract-int.h"
#include "log.h"
#include "metrics.h"
#include "xmalloc.h"

#define EXTRACT_SUMMARY_LEN	300
#define EXTRACT_LD_MIN		200	/* characters of articleBody worth it */
#define EXTRACT_LD_THIN		500	/* characters of a static body that failed */
#define EXTRACT_BLOCKS_THIN	250	/* characters of a body the blocks may replace */

/* XPath errors are reported through *cause, not libxml2's error output. */
static void
extract_xpath_error_cb(void *arg, xmlErrorPtr err)
{
}

/* Element nodes matching expr; *nodes is heap (free it), NULL when none. */
static int
extract_xpath(struct xdoc *x, const char *expr, xmlNode ***nodes,
    size_t *n, char **cause)
{
	xmlXPathContext	*ctx;
	xmlXPathObject	*res;
	xmlNodeSet	*set;
	int		 i;

	*nodes = NULL;
	*n = 0;
	if ((ctx = xmlXPathNewContext(x->doc)) == NULL) {
		*cause = xstrdup("xpath: out of memory");
		return (-1);
	}
	ctx->error = extract_xpath_error_cb;
	res = xmlXPathEvalExpression((const xmlChar *)expr, ctx);
	xmlXPathFreeContext(ctx);
	if (res == NULL) {
		xasprintf(cause, "bad xpath: %s", expr);
		return (-1);
	}
	set = res->nodesetval;
	if (res->type == XPATH_NODESET && set != NULL && set->nodeNr > 0) {
		*nodes = xreallocarray(NULL, (size_t)set->nodeNr,
		    sizeof **nodes);
		for (i = 0; i < set->nodeNr; i++)
			(*nodes)[(*n)++] = set->nodeTab[i];
	}
	xmlXPathFreeObject(res);
	return (0);
}

static int
extract_drop(struct xdoc *x, const char *expr, char **cause)
{
	xmlNode	**nodes;
	size_t	  n, i;

	if (extract_xpath(x, expr, &nodes, &n, cause) == -1)
		return (-1);
	for (i = 0; i < n; i++) {
		if (nodes[i]->type == XML_ELEMENT_NODE &&
		    nodes[i]->_private != NULL)
			XN(nodes[i])->flags |= XN_DROP | XN_USERDROP;
	}
	free(nodes);
	return (0);
}

/* Text of the first node matching expr (attribute values too). */
static char *
extract_xpath_text(struct xdoc *x, const char *expr, char **cause)
{
	xmlNode	**nodes;
	size_t	  n;
	char	 *t = NULL;

	if (extract_xpath(x, expr, &nodes, &n, cause) == -1)
		return (NULL);
	if (n > 0) {
		if (nodes[0]->type == XML_ATTRIBUTE_NODE &&
		    nodes[0]->children != NULL)
			t = extract_node_text(nodes[0]->children, 4096);
		else
			t = extract_node_text(nodes[0], 4096);
	}
	free(nodes);
	if (t == NULL)
		t = xstrdup("");
	return (t);
}

static xmlDoc *
extract_parse(const char *buf, size_t len, const struct extract_opts *opts,
    char **cause)
{
	const char	*cs, *as_is;
	char		*utf;
	size_t		 ulen;
	xmlDoc		*doc;

	cs = charset_detect(buf, len, opts->http_charset, 1);
	if ((as_is = charset_utf8_as_is(buf, len, cs, &ulen)) != NULL) {
		/* The common case: no transcoding, only the BOM skipped. */
		utf = xmalloc(ulen > 0 ? ulen : 1);
		ulen = extract_raw_strip(as_is, ulen, utf);
	} else {
		if ((utf = charset_to_utf8(buf, len, cs, &ulen, cause)) ==
		    NULL)
			return (NULL);
		ulen = extract_raw_strip(utf, ulen, utf);
	}
	if (ulen > (size_t)INT32_MAX)
		ulen = INT32_MAX;
	doc = htmlReadMemory(utf, (int)ulen, opts->url, "UTF-8",
	    EXTRACT_PARSE_OPTS);
	free(utf);
	return (doc);
}

static char *
extract_lead(const char *body)
{
	size_t	 n = strcspn(body, "\n"), cut;

	if (n <= EXTRACT_SUMMARY_LEN)
		return (n > 0 ? xstrndup(body, n) : NULL);
	cut = EXTRACT_SUMMARY_LEN;
	while (cut > EXTRACT_SUMMARY_LEN / 2 && body[cut] != ' ')
		cut--;
	if (body[cut] != ' ')
		cut = EXTRACT_SUMMARY_LEN;
	while (cut > 0 && ((unsigned char)body[cut] & 0xc0) == 0x80)
		cut--;
	return (xstrndup(body, cut));
}

/*
 * The text of an articleBody that holds markup or entities, through
 * libxml2's HTML parser (no network, no entities but HTML's own): text
 * as it reads, a line break where a block begins or ends, what is never
 * text (scripts, styles, navigation) left out: extract-text.c's table.
 * The walk is iterative: the markup came from the network and may nest
 * without end.
 */
static char *
extract_ld_markup(const char *s)
{
	struct buf	 out;
	xmlDoc		*doc;
	xmlNode		*root, *n;
	size_t		 len = strlen(s);

	extract_work(len);
	if (len > (size_t)INT32_MAX ||
	    (doc = htmlReadMemory(s, (int)len, NULL, "UTF-8",
	    EXTRACT_PARSE_OPTS)) == NULL)
		return (xstrdup(s));
	/* bounded: the page it came from is (EXTRACT_MAX_INPUT) */
	buf_init(&out, 0);
	root = xmlDocGetRootElement(doc);
	for (n = root; n != NULL;) {
		if (n->type == XML_TEXT_NODE && n->content != NULL)
			buf_addstr(&out, (const char *)n->content);
		else if (n->type == XML_ELEMENT_NODE &&
		    !(extract_name_flags((const char *)n->name) & XN_NEVER)) {
			if (extract_name_flags((const char *)n->name) &
			    XN_BLOCK)
				buf_addc(&out, '\n');
			if (n->children != NULL) {
				n = n->children;
				continue;
			}
		}
		while (n != root && n->next == NULL) {
			n = n->parent;
			if (extract_name_flags((const char *)n->name) &
			    XN_BLOCK)
				buf_addc(&out, '\n');
		}
		if (n == root)
			break;
		n = n->next;
	}
	xmlFreeDoc(doc);
	return (buf_steal(&out));
}

/*
 * A JSON-LD articleBody as body text: markup read as HTML (twice when it
 * was escaped again: "&lt;p&gt;"), a line or a block ends a paragraph,
 * whitespace collapsed.
 */
static char *
extract_ld_paras(const char *raw)
{
	struct buf	 out, line;
	const char	*p;
	char		*t, *text, *u;
	int		 round;

	text = xstrdup(raw);
	for (round = 0; round < 2 && strpbrk(text, "<&") != NULL; round++) {
		u = extract_ld_markup(text);
		free(text);
		text = u;
	}
	buf_init(&out, 0);
	buf_init(&line, 0);
	for (p = text;; p++) {
		if (*p != '\n' && *p != '\0') {
			buf_addc(&line, *p);
			continue;
		}
		t = extract_collapse(line.data != NULL ? line.data : "");
		if (*t != '\0') {
			if (out.len > 0)
				buf_add(&out, "\n\n", 2);
			buf_addstr(&out, t);
		}
		free(t);
		line.len = 0;
		if (line.data != NULL)
			line.data[0] = '\0';
		if (*p == '\0')
			break;
	}
	buf_clear(&line);
	free(text);
	return (buf_steal(&out));
}

/*
 * Pages that render their text from script state carry it only in JSON-LD:
 * when the static text is short, and thin next to articleBody, the latter
 * wins.  A static text of some length is the page's own, and holds what
 * articleBody often leaves out (the lead, sub-headings, lists).
 */
static char *
extract_ld_fallback(char *body, const char *ld)
{
	char	*t;
	size_t	 blen, tlen;

	if (ld == NULL || (blen = extract_utf8_len(body)) >= EXTRACT_LD_THIN)
		return (body);
	t = extract_ld_paras(ld);
	tlen = extract_utf8_len(t);
	if (tlen < EXTRACT_LD_MIN || blen * 2 >= tlen) {
		free(t);
		return (body);
	}
	log_debug("extract: the body from JSON-LD articleBody (%zu characters; "
	    "the page's text %zu)", tlen, blen);
	free(body);
	return (t);
}

/*
 * A body under EXTRACT_BLOCKS_THIN characters, where the page has text
 * blocks of prose twice as long: the block search failed (the text is in
 * many small containers, or in elements that are not paragraphs), and the
 * blocks judged one by one (extract-blocks.c) are the text.  A short body
 * on a page of furniture (a paywall's teaser, a one-line notice) stays.
 */
static char *
extract_blocks_fallback(struct xdoc *x, char *body)
{
	char	*t;
	size_t	 blen, tlen;

	blen = extract_utf8_len(body);
	if (blen >= EXTRACT_BLOCKS_THIN || extract_work_exceeded())
		return (body);
	t = extract_blocks_text(x);
	tlen = extract_utf8_len(t);
	if (tlen < EXTRACT_BLOCKS_THIN || tlen < 2 * blen) {
		free(t);
		return (body);
	}
	log_debug("extract: the body from the page's blocks (%zu characters; "
	    "the block search found %zu)", tlen, blen);
	free(body);
	return (t);
}

static char *
extract_body(struct xdoc *x, const struct extract_opts *opts,
    const char *title, char **cause)
{
	xmlNode	**nodes;
	size_t	  n;
	char	 *body;

	if (opts->body_xpath != NULL && *opts->body_xpath != '\0') {
		if (extract_xpath(x, opts->body_xpath, &nodes, &n,
		    cause) == -1)
			return (NULL);
		if (n > 0) {
			extract_clean_mark(x, CLEAN_ALL);
			body = extract_nodes_text(x, nodes, n, title);
			free(nodes);
			return (body);
		}
	}
	return (extract_content(x, title));
}

static int
extract_overrides(struct xdoc *x, const struct extract_opts *opts,
    struct extract_meta *m, char **cause)
{
	char	*t;

	if (opts->title_xpath != NULL && *opts->title_xpath != '\0') {
		if ((t = extract_xpath_text(x, opts->title_xpath,
		    cause)) == NULL)
			return (-1);
		if (*t != '\0') {
			free(m->title);
			m->title = t;
		} else
			free(t);
	}
	if (opts->date_xpath != NULL && *opts->date_xpath != '\0') {
		if ((t = extract_xpath_text(x, opts->date_xpath,
		    cause)) == NULL)
			return (-1);
		if (date_parse(t, opts->tz) != -1)
			m->published = date_parse(t, opts->tz);
		else if (date_parse_text(t, opts->tz, NULL) != -1)
			m->published = date_parse_text(t, opts->tz, NULL);
		free(t);
	}
	return (0);
}

static void
extract_fill(struct article *a, struct extract_meta *m, char *body,
    const struct extract_opts *opts)
{
	const char	*lang;
	char		*declared;

	a->url = xstrdup_or_null(opts->url);
	a->canonical_url = m->canonical != NULL ? xstrdup(m->canonical) :
	    xstrdup_or_null(opts->url);
	a->title = xstrdup_or_null(m->title);
	a->published = m->published;
	a->author = xstrdup_or_null(m->author);
	a->image = xstrdup_or_null(m->image);
	declared = m->lang;
	if (declared == NULL)
		declared = extract_lang_norm(opts->lang_hint);
	else
		declared = xstrdup(declared);
	lang = extract_lang_detect(*body != '\0' ? body : m->title, declared);
	a->lang = xstrdup_or_null(lang);
	free(declared);
	if (m->description != NULL && *m->description != '\0')
		a->summary = xstrdup(m->description);
	else
		a->summary = extract_lead(body);
	if (*body != '\0')
		a->body = body;
	else
		free(body);
}

struct article *
extract_page(const char *buf, size_t len, const struct extract_opts *opts,
    char **cause)
{
	static const struct extract_opts	 none;
	struct xdoc				 x;
	struct extract_meta			 m;
	struct article				*a = NULL;
	xmlDoc					*doc;
	char					*body, *why = NULL;

	if (opts == NULL)
		opts = &none;
	if (len > EXTRACT_MAX_INPUT) {
		xasprintf(cause, "page larger than %u bytes",
		    EXTRACT_MAX_INPUT);
		return (NULL);
	}
	if ((doc = extract_parse(buf, len, opts, &why)) == NULL ||
	    xmlDocGetRootElement(doc) == NULL) {
		xmlFreeDoc(doc);
		*cause = why != NULL ? why : xstrdup("not an HTML document");
		return (NULL);
	}
	if (extract_xdoc_init(&x, doc) == -1) {
		*cause = xstrdup("document too large or empty");
		xmlFreeDoc(doc);
		return (NULL);
	}
	if (opts->drop_xpath != NULL && *opts->drop_xpath != '\0' &&
	    extract_drop(&x, opts->drop_xpath, cause) == -1) {
		extract_xdoc_clear(&x);
		xmlFreeDoc(doc);
		return (NULL);
	}
	extract_work_start(EXTRACT_WORK_FLOOR + EXTRACT_WORK_PER_BYTE * len);
	extract_meta_find(&x, opts->url, opts->tz, &m);
	if (extract_overrides(&x, opts, &m, cause) == -1)
		goto out;
	x.description = m.description;
	if ((body = extract_body(&x, opts, m.title, cause)) == NULL)
		goto out;
	if (opts->body_xpath == NULL || *opts->body_xpath == '\0') {
		body = extract_ld_fallback(body, m.ld_body);
		body = extract_blocks_fallback(&x, body);
	}
	if (m.published == -1 && !extract_work_exceeded())
		m.published = extract_meta_text_date(&x, opts->tz, m.title);
	if (extract_work_exceeded()) {
		/* what was found so far is not to be trusted */
		free(body);
		*cause = xstrdup("extraction work budget exceeded");
		metrics_inc(M_EXTRACT_BUDGET);
		goto out;
	}
	a = article_new();
	extract_fill(a, &m, body, opts);
out:
	log_debug("extract: %zu work units for %zu bytes",
	    extract_work_done(), len);
	extract_work_start(SIZE_MAX);
	extract_meta_clear(&m);
	extract_xdoc_clear(&x);
	xmlFreeDoc(doc);
	return (a);
}
