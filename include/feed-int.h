/*
 * feed-int.h -- shared by the feed-*.c parsers; not for other modules.
 */
#ifndef OTSNEWS_FEED_INT_H
#define OTSNEWS_FEED_INT_H

#include <stddef.h>
#include <time.h>

#include <libxml/tree.h>

struct feed;
struct feed_entry;
struct feed_opts;

#define FEED_NS_ATOM10	"http://www.w3.org/2005/Atom"
#define FEED_NS_ATOM03	"http://purl.org/atom/ns#"
#define FEED_NS_RSS1	"http://purl.org/rss/1.0/"
#define FEED_NS_RSS090	"http://my.netscape.com/rdf/simple/0.9/"
#define FEED_NS_RDF	"http://www.w3.org/1999/02/22-rdf-syntax-ns#"
#define FEED_NS_DC	"http://purl.org/dc/elements/1.1/"
#define FEED_NS_DCTERMS	"http://purl.org/dc/terms/"
#define FEED_NS_CONTENT	"http://purl.org/rss/1.0/modules/content/"
#define FEED_NS_SITEMAP	"http://www.sitemaps.org/schemas/sitemap/0.9"
#define FEED_NS_NEWS	"http://www.google.com/schemas/sitemap-news/0.9"
#define FEED_NS_XHTML	"http://www.w3.org/1999/xhtml"
#define FEED_NS_CORE	"" 	/* pseudo: no namespace or an RSS core one */

/* One parse: the options and the feed being filled. */
struct feed_ctx {
	const struct feed_opts	*opts;
	struct feed		*feed;
	xmlDocPtr		 doc;
};

/* feed.c */
struct feed_entry *feed_entry_add(struct feed *);
void		 feed_entry_finish(struct feed *, struct feed_entry *);
void		 feed_entry_add_category(struct feed_entry *, const char *);
void		 feed_entry_add_enclosure(struct feed_entry *, const char *,
		    const char *, long long);
char		*feed_hash_id(const char *, time_t);

/* feed-xml.c: element and text helpers */
int		 feed_node_is(xmlNodePtr, const char *ns, const char *name);
xmlNodePtr	 feed_child(xmlNodePtr, const char *ns, const char *name);
xmlNodePtr	 feed_next(xmlNodePtr, const char *ns, const char *name);
xmlNodePtr	 feed_find(xmlNodePtr top, xmlNodePtr, const char *ns,
		    const char *name);
char		*feed_node_raw(xmlNodePtr);
char		*feed_node_text(xmlNodePtr);
char		*feed_node_html_text(xmlNodePtr);
/* Atom text constructs: type="html" (escaped once) or "xhtml". */
char		*feed_node_markup_text(xmlNodePtr, int escaped);
char		*feed_child_text(xmlNodePtr, const char *, const char *);
char		*feed_attr(xmlNodePtr, const char *);
char		*feed_attr_ns(xmlNodePtr, const char *, const char *);
char		*feed_node_link(struct feed_ctx *, xmlNodePtr, const char *);
/* Add the enclosure an element describes (its link in attribute attr). */
void		 feed_node_enclosure(struct feed_ctx *, struct feed_entry *,
		    xmlNodePtr, const char *attr);
time_t		 feed_node_date(struct feed_ctx *, xmlNodePtr);
char		*feed_node_lang(xmlNodePtr);
char		*feed_author_clean(char *);

/*
 * feed-entity.c: rewrite entity references before parsing.  Sets *out
 * (heap, NULL when nothing changed); -1 with *cause on an expansion bomb.
 */
int		 feed_entity_fix(const char *, size_t, char **out,
		    size_t *outlen, int *repaired, char **cause);
/* Nonzero when feed_entity_fix would change nothing libxml2 sees. */
int		 feed_entity_plain(const char *, size_t);

/* feed-text.c: plain text */
char		*feed_text_collapse(const char *);
/* feed_text_collapse in place: returns s, or NULL having freed it. */
char		*feed_text_collapse_own(char *);
char		*feed_text_from_html(const char *);
char		*feed_text_from_html_once(const char *);
char		*feed_text_from_xhtml(char *);	/* frees its argument */
int		 feed_text_looks_html(const char *);
char		*feed_resolve(const char *base, const char *ref);

/* the parsers */
int		 feed_rss_parse(struct feed_ctx *, xmlNodePtr, char **);
int		 feed_atom_parse(struct feed_ctx *, xmlNodePtr, char **);
int		 feed_sitemap_parse(struct feed_ctx *, xmlNodePtr, char **);
int		 feed_json_parse(struct feed_ctx *, const char *, size_t,
		    char **);
int		 feed_html_parse(struct feed_ctx *, const char *, size_t,
		    char **);

#endif
