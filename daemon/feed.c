/*
 * feed.c -- parse any source document into one list of entries.
 *
 * Dispatch (JSON, XML by root element, HTML), the entry list, identity,
 * the JSON document of `otsnews parse-feed`.  The formats live in
 * feed-rss.c, feed-atom.c, feed-json.c, feed-sitemap.c and feed-html.c.
 */
#include <ctype.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <jansson.h>
#include <libxml/parser.h>
#include <libxml/tree.h>

#include "buf.h"
#include "charset.h"
#include "date.h"
#include "feed.h"
#include "hash.h"
#include "feed-int.h"
#include "xmalloc.h"

#define FEED_MAX_SIZE	(32 * 1024 * 1024)
#define FEED_MAX_ENTRIES 100000
/*
 * The text is UTF-8 already: the declared encoding is ignored (an unknown
 * label would fail the parse).  No DTD loading, no entity substitution:
 * feed-entity.c has expanded what may be.  Short text is kept inside its
 * node (XML_PARSE_COMPACT: one allocation fewer per such node; the tree
 * is only read).
 */
#define FEED_XML_OPTS	(XML_PARSE_NONET | XML_PARSE_NOCDATA | \
			 XML_PARSE_NOERROR | XML_PARSE_NOWARNING | \
			 XML_PARSE_IGNORE_ENC | XML_PARSE_COMPACT)

static const struct {
	enum feed_format	 format;
	const char		*name;
} feed_formats[] = {
	{ FEED_FORMAT_UNKNOWN, "unknown" },
	{ FEED_FORMAT_RSS090, "rss090" },
	{ FEED_FORMAT_RSS091U, "rss091u" },
	{ FEED_FORMAT_RSS091N, "rss091n" },
	{ FEED_FORMAT_RSS092, "rss092" },
	{ FEED_FORMAT_RSS093, "rss093" },
	{ FEED_FORMAT_RSS094, "rss094" },
	{ FEED_FORMAT_RSS2, "rss2" },
	{ FEED_FORMAT_RSS1, "rss1" },
	{ FEED_FORMAT_ATOM03, "atom03" },
	{ FEED_FORMAT_ATOM10, "atom10" },
	{ FEED_FORMAT_JSONFEED, "jsonfeed" },
	{ FEED_FORMAT_SITEMAP, "sitemap" },
	{ FEED_FORMAT_HTML, "html" }
};

static const struct {
	const char	*name;
	enum feed_type	 type;
} feed_types[] = {
	{ "auto", FEED_TYPE_AUTO },
	{ "rss", FEED_TYPE_RSS },
	{ "atom", FEED_TYPE_ATOM },
	{ "rdf", FEED_TYPE_RDF },
	{ "jsonfeed", FEED_TYPE_JSONFEED },
	{ "json", FEED_TYPE_JSONFEED },
	{ "sitemap", FEED_TYPE_SITEMAP },
	{ "html", FEED_TYPE_HTML }
};

const char *
feed_format_name(enum feed_format f)
{
	size_t	i;

	for (i = 0; i < sizeof feed_formats / sizeof feed_formats[0]; i++) {
		if (feed_formats[i].format == f)
			return (feed_formats[i].name);
	}
	return ("unknown");
}

int
feed_type_parse(const char *s, enum feed_type *t)
{
	size_t	i;

	for (i = 0; i < sizeof feed_types / sizeof feed_types[0]; i++) {
		if (strcasecmp(s, feed_types[i].name) == 0) {
			*t = feed_types[i].type;
			return (0);
		}
	}
	return (-1);
}

static void
feed_entry_clear(struct feed_entry *e)
{
	size_t	i;

	free(e->id);
	free(e->link);
	free(e->title);
	free(e->summary);
	free(e->content);
	free(e->author);
	free(e->language);
	for (i = 0; i < e->ncategories; i++)
		free(e->categories[i]);
	free(e->categories);
	for (i = 0; i < e->nenclosures; i++) {
		free(e->enclosures[i].url);
		free(e->enclosures[i].type);
	}
	free(e->enclosures);
	memset(e, 0, sizeof *e);
}

void
feed_free(struct feed *f)
{
	size_t	i;

	if (f == NULL)
		return;
	for (i = 0; i < f->nentries; i++)
		feed_entry_clear(&f->entries[i]);
	free(f->entries);
	free(f->title);
	free(f->link);
	free(f->language);
	free(f);
}

struct feed_entry *
feed_entry_add(struct feed *f)
{
	struct feed_entry	*e;

	if (f->nentries >= FEED_MAX_ENTRIES)
		return (NULL);
	f->entries = xreallocarray(f->entries, f->nentries + 1,
	    sizeof *f->entries);
	e = &f->entries[f->nentries++];
	memset(e, 0, sizeof *e);
	e->published = -1;
	e->updated = -1;
	return (e);
}

/* Hex SHA-256 of title and date: the identity of an entry without one. */
char *
feed_hash_id(const char *title, time_t t)
{
	char		 date[32], hex[HASH_HEX_LEN + 1];
	struct buf	 b;

	date_format(t, date, sizeof date);
	buf_init(&b, 0);
	buf_printf(&b, "%s\n%s", title != NULL ? title : "", date);
	hash_sha256_hex(b.data, b.len, hex);
	buf_clear(&b);
	return (xstrdup(hex));
}

/*
 * Complete an entry: identity, and drop it when it carries nothing.  The
 * entry must be the last one added.
 */
void
feed_entry_finish(struct feed *f, struct feed_entry *e)
{
	if (e->link == NULL && e->id == NULL && e->title == NULL &&
	    e->summary == NULL && e->content == NULL && e->author == NULL &&
	    e->published == -1 && e->updated == -1 && e->ncategories == 0 &&
	    e->nenclosures == 0) {
		feed_entry_clear(e);
		f->nentries--;
		return;
	}
	if (e->id == NULL && e->link != NULL)
		e->id = xstrdup(e->link);
	if (e->id == NULL)
		e->id = feed_hash_id(e->title != NULL ? e->title :
		    (e->summary != NULL ? e->summary : e->content),
		    e->published != -1 ? e->published : e->updated);
}

void
feed_entry_add_category(struct feed_entry *e, const char *s)
{
	char	*c;
	size_t	 i;

	if ((c = feed_text_collapse(s)) == NULL)
		return;
	for (i = 0; i < e->ncategories; i++) {
		if (strcmp(e->categories[i], c) == 0) {
			free(c);
			return;
		}
	}
	e->categories = xreallocarray(e->categories, e->ncategories + 1,
	    sizeof *e->categories);
	e->categories[e->ncategories++] = c;
}

void
feed_entry_add_enclosure(struct feed_entry *e, const char *url,
    const char *type, long long length)
{
	struct feed_enclosure	*enc;
	size_t			 i;

	if (url == NULL || *url == '\0')
		return;
	for (i = 0; i < e->nenclosures; i++) {
		if (strcmp(e->enclosures[i].url, url) == 0)
			return;
	}
	e->enclosures = xreallocarray(e->enclosures, e->nenclosures + 1,
	    sizeof *e->enclosures);
	enc = &e->enclosures[e->nenclosures++];
	enc->url = xstrdup(url);
	enc->type = (type != NULL && *type != '\0') ? xstrdup(type) : NULL;
	enc->length = length > 0 ? length : 0;
}

/* The document handed to libxml2 in pieces, as from a file. */
struct feed_xml_input {
	const char	*p;
	size_t		 left;
};

static int
feed_xml_input_read_cb(void *arg, char *out, int len)
{
	struct feed_xml_input	*in = arg;
	size_t			 n = (size_t)len;

	if (n > in->left)
		n = in->left;
	memcpy(out, in->p, n);
	in->p += n;
	in->left -= n;
	return ((int)n);
}

static int
feed_xml_input_close_cb(void *arg)
{
	return (0);
}

/*
 * Parse XML; on a well-formedness error parse again in recovery mode if
 * recover is set, else return NULL.  Read through callbacks, libxml2
 * keeps only a window of the text instead of its own copy of all of it.
 */
static xmlDocPtr
feed_xml_read(const char *buf, size_t len, const char *url, int *recovered,
    int recover)
{
	struct feed_xml_input	in;
	xmlParserCtxtPtr	ctxt;
	xmlDocPtr		doc;

	*recovered = 0;
	if (len > INT32_MAX)
		return (NULL);
	if ((ctxt = xmlNewParserCtxt()) == NULL)
		return (NULL);
	in.p = buf;
	in.left = len;
	doc = xmlCtxtReadIO(ctxt, feed_xml_input_read_cb,
	    feed_xml_input_close_cb, &in, url, "UTF-8", FEED_XML_OPTS);
	if (doc != NULL && ctxt->wellFormed) {
		xmlFreeParserCtxt(ctxt);
		return (doc);
	}
	xmlFreeDoc(doc);
	if (!recover) {
		xmlFreeParserCtxt(ctxt);
		return (NULL);
	}
	in.p = buf;
	in.left = len;
	doc = xmlCtxtReadIO(ctxt, feed_xml_input_read_cb,
	    feed_xml_input_close_cb, &in, url, "UTF-8",
	    FEED_XML_OPTS | XML_PARSE_RECOVER);
	xmlFreeParserCtxt(ctxt);
	*recovered = 1;
	return (doc);
}

/*
 * The document with its entity references rewritten (feed-entity.c),
 * parsed.  A document the rewriting leaves the same for libxml2 is first
 * parsed as it is, without the copy; rewritten only if it is ill-formed.
 */
static xmlDocPtr
feed_xml_doc(const char *buf, size_t len, const char *url, char **own,
    int *recovered, int *repaired, char **cause)
{
	xmlDocPtr	 doc;
	char		*fixed;
	size_t		 flen;

	*repaired = 0;
	if (feed_entity_plain(buf, len) &&
	    (doc = feed_xml_read(buf, len, url, recovered, 0)) != NULL)
		return (doc);
	if (feed_entity_fix(buf, len, &fixed, &flen, repaired, cause) != 0)
		return (NULL);
	if (fixed != NULL) {
		buf = fixed;
		len = flen;
		free(*own);
		*own = NULL;
	}
	doc = feed_xml_read(buf, len, url, recovered, 1);
	free(fixed);
	if (doc == NULL)
		*cause = xstrdup("not an XML document");
	return (doc);
}

/*
 * *own, if not NULL, is the allocation buf points into: freed as soon as
 * the entity rewriting has made a copy, so the parser reuses its memory.
 */
static int
feed_parse_xml(struct feed_ctx *ctx, const char *buf, size_t len,
    char **own, char **cause)
{
	xmlDocPtr	 doc;
	xmlNodePtr	 root;
	const char	*name;
	int		 rc, recovered, repaired;

	/*
	 * White space (or a second BOM) before the XML declaration makes it
	 * ill-formed and sends the parser into recovery: drop it.
	 */
	while (len > 0 && (isspace((unsigned char)*buf) || (len >= 3 &&
	    memcmp(buf, "\xef\xbb\xbf", 3) == 0))) {
		if (isspace((unsigned char)*buf)) {
			buf++;
			len--;
		} else {
			buf += 3;
			len -= 3;
		}
	}
	if ((doc = feed_xml_doc(buf, len, ctx->opts->url, own, &recovered,
	    &repaired, cause)) == NULL)
		return (-1);
	if ((root = xmlDocGetRootElement(doc)) == NULL) {
		xmlFreeDoc(doc);
		*cause = xstrdup("not an XML document");
		return (-1);
	}
	ctx->doc = doc;
	ctx->feed->recovered = recovered || repaired;
	name = (const char *)root->name;
	if (strchr(name, ':') != NULL)
		name = strchr(name, ':') + 1;
	if (strcmp(name, "rss") == 0 || strcmp(name, "RDF") == 0 ||
	    strcmp(name, "channel") == 0 || strcasecmp(name, "rss") == 0)
		rc = feed_rss_parse(ctx, root, cause);
	else if (strcmp(name, "feed") == 0)
		rc = feed_atom_parse(ctx, root, cause);
	else if (strcmp(name, "urlset") == 0 ||
	    strcmp(name, "sitemapindex") == 0)
		rc = feed_sitemap_parse(ctx, root, cause);
	else {
		xasprintf(cause, "unknown document type: <%s>", root->name);
		rc = -1;
	}
	ctx->doc = NULL;
	xmlFreeDoc(doc);
	return (rc);
}

/* First significant byte: '{' for JSON, '<' for markup. */
static int
feed_first_char(const char *buf, size_t len)
{
	size_t	i = 0;

	if (len >= 3 && memcmp(buf, "\xef\xbb\xbf", 3) == 0)
		i = 3;
	for (; i < len; i++) {
		if (!isspace((unsigned char)buf[i]))
			return ((unsigned char)buf[i]);
	}
	return (-1);
}

/*
 * Is the first element of the (UTF-8) document <html>?  Not the doctype:
 * feeds are seen with an XHTML one.
 */
static int
feed_looks_html(const char *p, const char *end)
{
	const char	*q;

	while (p < end) {
		while (p < end && (isspace((unsigned char)*p) ||
		    (unsigned char)*p == 0xef || (unsigned char)*p == 0xbb ||
		    (unsigned char)*p == 0xbf))
			p++;
		if (end - p < 5 || *p != '<')
			return (0);
		if (strncmp(p, "<!--", 4) == 0)
			q = memmem(p, end - p, "-->", 3);
		else if (p[1] == '?' || p[1] == '!')
			q = memchr(p, '>', end - p);
		else
			return (strncasecmp(p + 1, "html", 4) == 0 &&
			    (p + 5 == end || !isalnum((unsigned char)p[5])));
		if (q == NULL)
			return (0);
		p = q + 1;
	}
	return (0);
}

static int
feed_parse_dispatch(struct feed_ctx *ctx, const char *buf, size_t len,
    char **own, char **cause)
{
	enum feed_type	type = ctx->opts->type;

	if (type == FEED_TYPE_HTML)
		return (feed_html_parse(ctx, buf, len, cause));
	if (type == FEED_TYPE_JSONFEED ||
	    (type == FEED_TYPE_AUTO && feed_first_char(buf, len) == '{'))
		return (feed_json_parse(ctx, buf, len, cause));
	if (type == FEED_TYPE_AUTO && feed_looks_html(buf, buf + len))
		return (feed_html_parse(ctx, buf, len, cause));
	return (feed_parse_xml(ctx, buf, len, own, cause));
}

struct feed *
feed_parse(const char *buf, size_t len, const struct feed_opts *opts,
    char **cause)
{
	struct feed_ctx	 ctx;
	struct feed	*f;
	const char	*cs, *text;
	char		*u = NULL;
	size_t		 ulen;
	int		 is_html;

	*cause = NULL;
	if (len > FEED_MAX_SIZE) {
		xasprintf(cause, "document too large (%zu bytes)", len);
		return (NULL);
	}
	if (len == 0 || buf == NULL) {
		*cause = xstrdup("empty document");
		return (NULL);
	}
	is_html = (opts->type == FEED_TYPE_HTML);
	cs = charset_detect(buf, len, opts->http_charset, is_html);
	/* UTF-8 that needs no repair is parsed where it lies, not copied */
	if ((text = charset_utf8_as_is(buf, len, cs, &ulen)) == NULL) {
		if ((u = charset_to_utf8(buf, len, cs, &ulen, cause)) == NULL)
			return (NULL);
		text = u;
	}
	f = xcalloc(1, sizeof *f);
	f->updated = -1;
	memset(&ctx, 0, sizeof ctx);
	ctx.opts = opts;
	ctx.feed = f;
	if (feed_parse_dispatch(&ctx, text, ulen, &u, cause) != 0) {
		free(u);
		feed_free(f);
		return (NULL);
	}
	free(u);
	return (f);
}

static json_t *
feed_json_str(const char *s)
{
	return (s != NULL ? json_string(s) : json_null());
}

static json_t *
feed_json_date(time_t t)
{
	char	buf[32];

	if (t == -1)
		return (json_null());
	date_format(t, buf, sizeof buf);
	return (json_string(buf));
}

static json_t *
feed_entry_to_json(const struct feed_entry *e)
{
	json_t	*o, *a, *enc;
	size_t	 i;

	o = json_object();
	json_object_set_new(o, "id", feed_json_str(e->id));
	json_object_set_new(o, "link", feed_json_str(e->link));
	json_object_set_new(o, "title", feed_json_str(e->title));
	json_object_set_new(o, "published", feed_json_date(e->published));
	json_object_set_new(o, "updated", feed_json_date(e->updated));
	json_object_set_new(o, "summary", feed_json_str(e->summary));
	json_object_set_new(o, "content", feed_json_str(e->content));
	json_object_set_new(o, "author", feed_json_str(e->author));
	a = json_array();
	for (i = 0; i < e->ncategories; i++)
		json_array_append_new(a, json_string(e->categories[i]));
	json_object_set_new(o, "categories", a);
	a = json_array();
	for (i = 0; i < e->nenclosures; i++) {
		enc = json_object();
		json_object_set_new(enc, "url",
		    json_string(e->enclosures[i].url));
		json_object_set_new(enc, "type",
		    feed_json_str(e->enclosures[i].type));
		json_object_set_new(enc, "length",
		    json_integer(e->enclosures[i].length));
		json_array_append_new(a, enc);
	}
	json_object_set_new(o, "enclosures", a);
	if (e->language != NULL)
		json_object_set_new(o, "language", json_string(e->language));
	return (o);
}

json_t *
feed_to_json(const struct feed *f)
{
	json_t	*o, *a;
	size_t	 i;

	o = json_object();
	json_object_set_new(o, "format",
	    json_string(feed_format_name(f->format)));
	json_object_set_new(o, "title", feed_json_str(f->title));
	json_object_set_new(o, "link", feed_json_str(f->link));
	json_object_set_new(o, "language", feed_json_str(f->language));
	json_object_set_new(o, "updated", feed_json_date(f->updated));
	a = json_array();
	for (i = 0; i < f->nentries; i++)
		json_array_append_new(a, feed_entry_to_json(&f->entries[i]));
	json_object_set_new(o, "entries", a);
	if (f->is_index)
		json_object_set_new(o, "is_index", json_true());
	if (f->recovered)
		json_object_set_new(o, "recovered", json_true());
	return (o);
}
