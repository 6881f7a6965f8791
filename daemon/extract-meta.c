/*
 * extract-meta.c -- title, date, author, canonical URL, image, language
 * and description from the best evidence a page offers: JSON-LD, <meta>,
 * <link>, <time>, headings, and dates written in the text.
 */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <jansson.h>
#include <libxml/uri.h>

#include "date.h"
#include "extract-int.h"
#include "xmalloc.h"

#define META_NDATES	4	/* json-ld, meta, <time>, itemprop */
#define META_NHEADS	8

struct meta_scan {
	struct extract_meta	*m;
	const char		*tz;
	char			*doc_title;
	char			*h1;
	char			*heads[META_NHEADS];	/* h1, h2 in order */
	size_t			 nheads;
	char			*ld_headline;
	char			*canonical;
	char			*og_url;
	char			*meta_lang;
	char			*dates[META_NDATES];
	int			 nh1;
};

static const char *const meta_date_names[] = {
	"article:published_time", "og:published_time", "article:published",
	"pubdate", "publishdate", "publish-date", "publish_date",
	"dc.date.issued", "dcterms.created", "dc.date", "sailthru.date",
	"parsely-pub-date", "article.published", "date", NULL
};

static const char *const meta_time_hints[] = {
	"publish", "entry-date", "post-date", "article-date", "pubdate", NULL
};

/*
 * The first non-blank value wins.  Blank is what extract_collapse drops
 * (CR, FF, VT and no-break spaces too), so such a value does not take the
 * slot as "".
 */
static void
meta_keep(char **slot, const char *value)
{
	char	*v;

	if (*slot != NULL || value == NULL)
		return;
	v = extract_collapse(value);
	if (*v == '\0') {
		free(v);
		return;
	}
	*slot = v;
}

static char *
meta_resolve(const char *base, const char *ref)
{
	xmlChar	*u;
	char	*r, *t;

	if (ref == NULL)
		return (NULL);
	t = extract_collapse(ref);
	if (*t == '\0') {
		free(t);
		return (NULL);
	}
	if (base == NULL || *base == '\0')
		return (t);
	u = xmlBuildURI((const xmlChar *)t, (const xmlChar *)base);
	if (u == NULL)
		return (t);
	r = xstrdup((const char *)u);
	xmlFree(u);
	free(t);
	return (r);
}

static void
meta_tag_key(struct meta_scan *s, const char *key, const char *v)
{
	struct extract_meta	*m = s->m;
	size_t			 i;

	if (strcasecmp(key, "og:title") == 0 ||
	    strcasecmp(key, "twitter:title") == 0)
		meta_keep(&m->og_title, v);
	else if (strcasecmp(key, "og:site_name") == 0)
		meta_keep(&m->site_name, v);
	else if (strcasecmp(key, "og:description") == 0 ||
	    strcasecmp(key, "description") == 0 ||
	    strcasecmp(key, "twitter:description") == 0)
		meta_keep(&m->description, v);
	else if (strcasecmp(key, "og:image") == 0 ||
	    strcasecmp(key, "twitter:image") == 0 ||
	    strcasecmp(key, "og:image:url") == 0)
		meta_keep(&m->image, v);
	else if (strcasecmp(key, "og:url") == 0)
		meta_keep(&s->og_url, v);
	else if (strcasecmp(key, "author") == 0 ||
	    strcasecmp(key, "dc.creator") == 0 ||
	    strcasecmp(key, "byl") == 0 ||
	    (strcasecmp(key, "article:author") == 0 &&
	    strncmp(v, "http", 4) != 0))
		meta_keep(&m->author, v);
	else if (strcasecmp(key, "content-language") == 0 ||
	    strcasecmp(key, "og:locale") == 0 ||
	    strcasecmp(key, "dc.language") == 0 ||
	    strcasecmp(key, "language") == 0)
		meta_keep(&s->meta_lang, v);
	else if (strncasecmp(key, "datePublished", 13) == 0)
		meta_keep(&s->dates[3], v);	/* itemprop="datePublished" */
	else {
		for (i = 0; meta_date_names[i] != NULL; i++) {
			if (strcasecmp(key, meta_date_names[i]) == 0) {
				meta_keep(&s->dates[1], v);
				break;
			}
		}
	}
}

static void
meta_tag(struct meta_scan *s, const xmlNode *n)
{
	static const char *const keys[] = {
		"property", "name", "itemprop", "http-equiv", NULL
	};
	const char	*key, *v;
	size_t		 i;

	if ((v = extract_attr(n, "content")) == NULL)
		return;
	for (i = 0; keys[i] != NULL; i++) {
		if ((key = extract_attr(n, keys[i])) != NULL)
			meta_tag_key(s, key, v);
	}
}

static int
meta_ld_is_article(json_t *o)
{
	json_t		*t = json_object_get(o, "@type"), *v;
	const char	*s;
	size_t		 i;

	if (json_is_array(t)) {
		json_array_foreach(t, i, v) {
			if ((s = json_string_value(v)) != NULL &&
			    (strstr(s, "Article") != NULL ||
			    strstr(s, "Posting") != NULL))
				return (1);
		}
		return (0);
	}
	s = json_string_value(t);
	return (s != NULL && (strstr(s, "Article") != NULL ||
	    strstr(s, "Posting") != NULL || strcmp(s, "WebPage") == 0));
}

static const char *
meta_ld_name(json_t *a)
{
	json_t	*first;

	if (json_is_string(a))
		return (json_string_value(a));
	if (json_is_array(a) && (first = json_array_get(a, 0)) != NULL)
		return (meta_ld_name(first));
	if (json_is_object(a))
		return (json_string_value(json_object_get(a, "name")));
	return (NULL);
}

static void
meta_ld_object(struct meta_scan *s, json_t *o, int depth)
{
	json_t		*v;
	const char	*key;
	size_t		 i;

	if (depth > 8)
		return;
	if (json_is_array(o)) {
		json_array_foreach(o, i, v)
			meta_ld_object(s, v, depth + 1);
		return;
	}
	if (!json_is_object(o))
		return;
	if ((v = json_object_get(o, "@graph")) != NULL)
		meta_ld_object(s, v, depth + 1);
	if (meta_ld_is_article(o)) {
		meta_keep(&s->ld_headline, json_string_value(
		    json_object_get(o, "headline")));
		meta_keep(&s->dates[0], json_string_value(
		    json_object_get(o, "datePublished")));
		meta_keep(&s->m->author, meta_ld_name(
		    json_object_get(o, "author")));
		meta_keep(&s->meta_lang, json_string_value(
		    json_object_get(o, "inLanguage")));
		if (s->m->ld_body == NULL && (v = json_object_get(o,
		    "articleBody")) != NULL && json_string_value(v) != NULL)
			s->m->ld_body = xstrdup(json_string_value(v));
	}
	json_object_foreach(o, key, v) {
		if (json_is_object(v) && strcmp(key, "author") != 0 &&
		    strcmp(key, "publisher") != 0)
			meta_ld_object(s, v, depth + 1);
	}
}

static void
meta_ld(struct meta_scan *s, const xmlNode *n)
{
	char		*text;
	json_t		*o;
	json_error_t	 err;

	text = extract_node_text(n, 0);
	o = json_loads(text, JSON_DECODE_ANY | JSON_ALLOW_NUL, &err);
	free(text);
	if (o == NULL) {
		/* Raw text: entities are not decoded inside <script>. */
		if (n->children != NULL && n->children->content != NULL)
			o = json_loads((const char *)n->children->content,
			    JSON_DECODE_ANY, &err);
		if (o == NULL)
			return;
	}
	meta_ld_object(s, o, 0);
	json_decref(o);
}

static void
meta_element(struct meta_scan *s, const xmlNode *n)
{
	const char	*name = (const char *)n->name, *v, *rel;
	char		*t;

	if (strcmp(name, "meta") == 0)
		meta_tag(s, n);
	else if (strcmp(name, "link") == 0) {
		rel = extract_attr(n, "rel");
		if (rel != NULL && strcasecmp(rel, "canonical") == 0)
			meta_keep(&s->canonical, extract_attr(n, "href"));
	} else if (strcmp(name, "script") == 0) {
		v = extract_attr(n, "type");
		if (v != NULL && strcasecmp(v, "application/ld+json") == 0)
			meta_ld(s, n);
	} else if (strcmp(name, "title") == 0 && s->doc_title == NULL) {
		t = extract_node_text(n, 4096);
		meta_keep(&s->doc_title, t);
		free(t);
	} else if (strcmp(name, "h1") == 0 || strcmp(name, "h2") == 0) {
		t = extract_node_text(n, 4096);
		if (*t != '\0' && name[1] == '1') {
			s->nh1++;
			meta_keep(&s->h1, t);
		}
		if (*t != '\0' && s->nheads < META_NHEADS)
			s->heads[s->nheads++] = t;
		else
			free(t);
	} else if (strcmp(name, "time") == 0) {
		/* a <time> that says it is the publication's; others are
		 * looked at near the article (extract_meta_text_date) */
		if ((v = extract_attr(n, "datetime")) != NULL &&
		    (extract_attr(n, "pubdate") != NULL ||
		    extract_class_match(n, meta_time_hints) ||
		    ((rel = extract_attr(n, "itemprop")) != NULL &&
		    strcasecmp(rel, "datePublished") == 0)))
			meta_keep(&s->dates[2], v);
	} else if ((v = extract_attr(n, "itemprop")) != NULL &&
	    strcasecmp(v, "datePublished") == 0) {
		if ((v = extract_attr(n, "datetime")) != NULL ||
		    (v = extract_attr(n, "content")) != NULL)
			meta_keep(&s->dates[3], v);
	} else if (strcmp(name, "html") == 0) {
		if ((v = extract_attr(n, "lang")) != NULL ||
		    (v = extract_attr(n, "xml:lang")) != NULL)
			meta_keep(&s->m->lang, v);
	}
}

static const char *const meta_title_seps[] = {
	" | ", " - ", " — ", " – ", " :: ", " « ", " » ", " / ", " · ",
	" • ", NULL
};

static size_t
meta_words(const char *s, size_t len)
{
	size_t	i, n = 0;
	int	in = 0;

	for (i = 0; i < len; i++) {
		if (s[i] == ' ')
			in = 0;
		else if (!in) {
			in = 1;
			n++;
		}
	}
	return (n);
}

/* The last site-name separator in t, and its length; NULL if none. */
static const char *
meta_last_sep(const char *t, size_t *seplen)
{
	const char	*p, *best = NULL;
	size_t		 i;

	for (i = 0; meta_title_seps[i] != NULL; i++) {
		for (p = t; (p = strstr(p, meta_title_seps[i])) != NULL; p++) {
			if (best == NULL || p > best) {
				best = p;
				*seplen = strlen(meta_title_seps[i]);
			}
		}
	}
	return (best);
}

/*
 * A <title> or og:title without the site name: "Headline | Site",
 * "Headline | Section | Site", or "Site - Headline" when the left side is
 * the site (or a word or two before a longer right side).  head, a
 * heading of the page, settles ambiguous cases.  With sure set (og:title,
 * which seldom carries the site), only a known site name or a side that
 * is the heading is taken off.
 */
static char *
meta_title_strip(const char *title, const char *site, const char *head,
    int sure)
{
	char		*t = xstrdup(title), *left;
	const char	*sep, *right;
	size_t		 seplen = 0, round, lw, rw;

	for (round = 0; round < 3; round++) {
		if ((sep = meta_last_sep(t, &seplen)) == NULL)
			break;
		right = sep + seplen;
		lw = meta_words(t, (size_t)(sep - t));
		rw = meta_words(right, strlen(right));
		left = xstrndup(t, (size_t)(sep - t));
		if (round == 0 && !extract_norm_eq(head, left) &&
		    !extract_norm_eq(site, right) && (extract_norm_eq(head,
		    right) || extract_norm_eq(site, left) ||
		    (lw <= 2 && rw >= 4))) {
			free(left);
			left = xstrdup(right);
			free(t);
			return (left);
		}
		if (round > 0 && !extract_norm_eq(site, right) &&
		    !extract_norm_eq(head, left) && (rw > 2 || lw < 2)) {
			free(left);
			break;
		}
		if (sure && !extract_norm_eq(site, right) &&
		    !extract_norm_eq(head, left)) {
			free(left);
			break;	/* only what is known to be the site */
		}
		free(t);
		t = left;
	}
	return (t);
}

/* A heading whose text is the same as s. */
static const char *
meta_title_head(struct meta_scan *s, const char *text)
{
	size_t	i;

	for (i = 0; text != NULL && i < s->nheads; i++) {
		if (extract_norm_eq(s->heads[i], text))
			return (s->heads[i]);
	}
	return (NULL);
}

/* A heading long enough to be a headline and written in <title>. */
static const char *
meta_title_in_doc(struct meta_scan *s)
{
	size_t	i;

	for (i = 0; s->doc_title != NULL && i < s->nheads; i++) {
		if (meta_words(s->heads[i], strlen(s->heads[i])) >= 3 &&
		    strstr(s->doc_title, s->heads[i]) != NULL)
			return (s->heads[i]);
	}
	return (NULL);
}

/*
 * The title: og:title (site name removed), else the JSON-LD headline,
 * else a heading that <title> confirms, else the only h1, else <title>
 * without the site name.  A heading with the same text is preferred for
 * its exact spelling.
 */
static void
meta_title(struct meta_scan *s)
{
	struct extract_meta	*m = s->m;
	const char		*head, *first = s->nheads > 0 ? s->heads[0] :
				    NULL;
	char			*og = NULL, *tt = NULL;

	if (m->og_title != NULL)
		og = meta_title_strip(m->og_title, m->site_name, first, 1);
	if (s->doc_title != NULL)
		tt = meta_title_strip(s->doc_title, m->site_name, first, 0);
	if (og != NULL) {
		head = meta_title_head(s, og);
		m->title = head != NULL ? xstrdup(head) : xstrdup(og);
	} else if (s->ld_headline != NULL) {
		head = meta_title_head(s, s->ld_headline);
		m->title = xstrdup(head != NULL ? head : s->ld_headline);
	} else if ((head = meta_title_head(s, tt)) != NULL ||
	    (head = meta_title_in_doc(s)) != NULL)
		m->title = xstrdup(head);
	else if (s->h1 != NULL && s->nh1 == 1)
		m->title = xstrdup(s->h1);
	else if (tt != NULL)
		m->title = xstrdup(tt);
	free(og);
	free(tt);
}

static void
meta_scan_clear(struct meta_scan *s)
{
	size_t	i;

	free(s->doc_title);
	free(s->h1);
	for (i = 0; i < s->nheads; i++)
		free(s->heads[i]);
	free(s->ld_headline);
	free(s->canonical);
	free(s->og_url);
	free(s->meta_lang);
	for (i = 0; i < META_NDATES; i++)
		free(s->dates[i]);
}

/*
 * The first machine-readable date in order of trust; a date without a
 * time of day gives way to a later one with a time on the same day.
 */
static time_t
meta_best_date(struct meta_scan *s, const char *tz)
{
	time_t	 t, best = -1;
	size_t	 i;
	int	 timed = 0;

	for (i = 0; i < META_NDATES; i++) {
		if (s->dates[i] == NULL || (t = date_parse(s->dates[i],
		    tz)) == -1)
			continue;
		if (best == -1) {
			best = t;
			timed = strchr(s->dates[i], ':') != NULL;
		} else if (!timed && strchr(s->dates[i], ':') != NULL &&
		    t >= best - 86400 && t < best + 2 * 86400) {
			best = t;
			timed = 1;
		}
		if (timed)
			break;
	}
	return (best);
}

void
extract_meta_find(struct xdoc *x, const char *url, const char *tz,
    struct extract_meta *m)
{
	struct meta_scan	 s;
	xmlNode			*n;
	char			*v;
	int			 skip = 0;

	memset(&s, 0, sizeof s);
	memset(m, 0, sizeof *m);
	m->published = -1;
	s.m = m;
	s.tz = tz;
	for (n = x->root; n != NULL; n = extract_walk_next(n, x->root,
	    skip)) {
		skip = n->type == XML_ELEMENT_NODE &&
		    (XN(n)->flags & XN_USERDROP);
		if (n->type == XML_ELEMENT_NODE && n->name != NULL && !skip)
			meta_element(&s, n);
	}
	meta_title(&s);
	m->published = meta_best_date(&s, tz);
	v = meta_resolve(url, s.canonical != NULL ? s.canonical :
	    s.og_url);
	m->canonical = v;
	if (m->image != NULL) {
		v = meta_resolve(url, m->image);
		free(m->image);
		m->image = v;
	}
	if (m->lang != NULL || s.meta_lang != NULL) {
		v = extract_lang_norm(m->lang != NULL ? m->lang : s.meta_lang);
		free(m->lang);
		m->lang = v;
	}
	meta_scan_clear(&s);
}

static const char *const meta_date_hints[] = {
	"date", "time", "publish", "posted", "dateline", "meta", "created",
	NULL
};

#define META_MAX_DEPTH	1024

/* The smallest element holding both the title and the main text. */
static xmlNode *
meta_region(struct xdoc *x, const char *title, xmlNode **tnode)
{
	xmlNode	*anc[META_MAX_DEPTH], *t, *n;
	size_t	 na = 0, nt = 0, i;

	*tnode = NULL;
	if (x->top == NULL)
		return (NULL);
	if ((t = *tnode = extract_title_node(x, title)) == NULL)
		return (x->top->parent != NULL &&
		    x->top->parent->type == XML_ELEMENT_NODE ?
		    x->top->parent : x->top);
	for (n = t; n != NULL && na < META_MAX_DEPTH; n = n->parent)
		anc[na++] = n;
	for (n = x->top; n != NULL && nt++ < META_MAX_DEPTH; n = n->parent) {
		extract_work(na);
		for (i = 0; i < na; i++) {
			if (anc[i] == n)
				return (n->type == XML_ELEMENT_NODE ? n : NULL);
		}
	}
	return (NULL);
}

/* Inside a list of links (a sidebar of other stories)? */
static int
meta_in_links(const xmlNode *n)
{
	const xmlNode	*p = n->parent;

	if ((XN(n)->flags & XN_LI) || (p != NULL &&
	    p->type == XML_ELEMENT_NODE && (XN(p)->flags & XN_LI)))
		return (1);
	if (XN(n)->link * 3 > XN(n)->text0)
		return (1);
	return (p != NULL && p->type == XML_ELEMENT_NODE &&
	    XN(p)->text0 > 0 && XN(p)->link * 3 > XN(p)->text0);
}

/*
 * The first date in short elements under root: <time datetime> (hinted
 * 2), elements whose class says "date" (hinted 1) or any block (0).
 * Dropped furniture is skipped when strict; lists of links always.
 */
static time_t
meta_scan_dates(xmlNode *root, xmlNode *from, const char *tz, int hinted,
    int strict, int max)
{
	xmlNode		*n = root;
	const char	*v;
	char		*t;
	time_t		 when = -1;
	int		 skip, tries = 0;

	if (from != NULL)
		n = extract_walk_next(from, root, 1);
	while (n != NULL && when == -1 && tries < max) {
		skip = n->type != XML_ELEMENT_NODE ||
		    (XN(n)->flags & (strict ? XN_DROP : XN_NEVER));
		if (!skip && meta_in_links(n))
			skip = 1;
		if (!skip && hinted == 2) {
			if ((v = extract_attr(n, "datetime")) != NULL &&
			    extract_tag_is(n, "time"))
				when = date_parse(v, tz);
			n = extract_walk_next(n, root, 0);
			continue;
		}
		if (!skip && XN(n)->text0 > 0 && XN(n)->text0 < 120 &&
		    (hinted ? extract_class_match(n, meta_date_hints) :
		    (XN(n)->flags & XN_BLOCK) != 0)) {
			t = extract_node_text(n, 512);
			when = date_parse_text(t, tz, NULL);
			free(t);
			skip = 1;
			tries++;
		}
		n = extract_walk_next(n, root, skip);
	}
	return (when);
}

/*
 * A date written in the page: near the article first (the element that
 * holds both title and text), then anywhere outside dropped furniture.
 */
time_t
extract_meta_text_date(struct xdoc *x, const char *tz, const char *title)
{
	xmlNode	*tnode, *region = meta_region(x, title, &tnode);
	time_t	 when = -1;

	if (region != NULL) {
		/* <time>, right under the title, where the class says so */
		when = meta_scan_dates(region, NULL, tz, 2, 0, 200);
		if (when == -1 && tnode != NULL)
			when = meta_scan_dates(region, tnode, tz, 0, 0, 5);
		if (when == -1)
			when = meta_scan_dates(region, NULL, tz, 1, 0, 200);
		if (when == -1)
			when = meta_scan_dates(region, NULL, tz, 0, 0, 200);
	}
	if (when == -1)
		when = meta_scan_dates(x->body, NULL, tz, 1, 1, 200);
	if (when == -1)
		when = meta_scan_dates(x->body, NULL, tz, 0, 1, 200);
	return (when);
}

void
extract_meta_clear(struct extract_meta *m)
{
	free(m->title);
	free(m->og_title);
	free(m->site_name);
	free(m->description);
	free(m->author);
	free(m->canonical);
	free(m->image);
	free(m->lang);
	free(m->ld_body);
	memset(m, 0, sizeof *m);
	m->published = -1;
}
