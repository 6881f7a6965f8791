/*
 * fuzz_raw.c -- extract_raw_strip against libxml2 itself: the page and
 * the page without its script and style bodies are parsed with the
 * extractor's options (EXTRACT_PARSE_OPTS), and the two trees must be the
 * same but for the children of script and style elements.  A difference
 * aborts, naming the first node that differs.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/HTMLparser.h>
#include <libxml/tree.h>

#include "charset.h"
#include "extract.h"
#include "xmalloc.h"

#define RAW_MAX_INPUT	(16U * 1024 * 1024)	/* extract_page's limit */

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

static void
raw_fail(const char *what, const xmlNode *a, const xmlNode *b)
{
	fprintf(stderr, "fuzz_raw: trees differ (%s) at <%s> line %ld / "
	    "<%s> line %ld\n", what,
	    a != NULL && a->name != NULL ? (const char *)a->name : "-",
	    a != NULL ? (long)xmlGetLineNo(a) : 0L,
	    b != NULL && b->name != NULL ? (const char *)b->name : "-",
	    b != NULL ? (long)xmlGetLineNo(b) : 0L);
	abort();
}

static int
raw_streq(const xmlChar *a, const xmlChar *b)
{
	if (a == NULL || b == NULL)
		return (a == b);
	return (strcmp((const char *)a, (const char *)b) == 0);
}

static void
raw_same_attrs(const xmlNode *a, const xmlNode *b)
{
	const xmlAttr	*x = a->properties, *y = b->properties;
	xmlChar		*vx, *vy;

	for (; x != NULL && y != NULL; x = x->next, y = y->next) {
		if (!raw_streq(x->name, y->name))
			raw_fail("attribute name", a, b);
		vx = xmlNodeGetContent((const xmlNode *)x);
		vy = xmlNodeGetContent((const xmlNode *)y);
		if (!raw_streq(vx, vy))
			raw_fail("attribute value", a, b);
		xmlFree(vx);
		xmlFree(vy);
	}
	if (x != NULL || y != NULL)
		raw_fail("attribute count", a, b);
}

static int
raw_is_raw(const xmlNode *n)
{
	return (n->type == XML_ELEMENT_NODE &&
	    (raw_streq(n->name, BAD_CAST "script") ||
	    raw_streq(n->name, BAD_CAST "style")));
}

/* Iterative: hostile nesting must not exhaust the stack. */
static void
raw_same_tree(const xmlNode *a, const xmlNode *b)
{
	while (a != NULL || b != NULL) {
		if (a == NULL || b == NULL)
			raw_fail("node count", a, b);
		if (a->type != b->type || !raw_streq(a->name, b->name))
			raw_fail("node", a, b);
		if (a->type == XML_ELEMENT_NODE)
			raw_same_attrs(a, b);
		else if (!raw_streq(a->content, b->content))
			raw_fail("content", a, b);
		if (a->children != NULL && b->children != NULL &&
		    !raw_is_raw(a)) {
			a = a->children;
			b = b->children;
			continue;
		}
		if (!raw_is_raw(a) && (a->children != NULL ||
		    b->children != NULL))
			raw_fail("children", a, b);
		while (a != NULL && b != NULL && a->next == NULL &&
		    b->next == NULL) {
			a = a->parent;
			b = b->parent;
			if (a == NULL || b == NULL || a->type ==
			    XML_HTML_DOCUMENT_NODE)
				return;
		}
		if (a == NULL || b == NULL)
			raw_fail("depth", a, b);
		a = a->next;
		b = b->next;
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	htmlDocPtr	 d1, d2;
	char		*out;
	size_t		 n;

	/* The extractor hands libxml2 valid UTF-8 without NUL bytes. */
	if (size > RAW_MAX_INPUT || memchr(data, '\0', size) != NULL ||
	    !charset_utf8_valid((const char *)data, size))
		return (0);
	out = xmalloc(size > 0 ? size : 1);
	n = extract_raw_strip((const char *)data, size, out);
	if (n > size)
		abort();
	d1 = htmlReadMemory((const char *)data, (int)size, "raw.html",
	    "UTF-8", EXTRACT_PARSE_OPTS);
	d2 = htmlReadMemory(out, (int)n, "raw.html", "UTF-8",
	    EXTRACT_PARSE_OPTS);
	if ((d1 == NULL) != (d2 == NULL))
		raw_fail("document", NULL, NULL);
	if (d1 != NULL)
		raw_same_tree(d1->children, d2->children);
	xmlFreeDoc(d1);
	xmlFreeDoc(d2);
	free(out);
	return (0);
}
