/*
 * feed.h -- parse every kind of source document into one list of entries.
 *
 * RSS 0.9x/2.0, RSS 1.0 (RDF), Atom 0.3/1.0, JSON Feed 1.0/1.1, news
 * sitemaps and sitemap indexes, and HTML listing pages (links chosen by an
 * XPath).  Pure: no I/O, no event loop; the daemon and `otsnews parse-feed`
 * call the same code.
 */
#ifndef OTSNEWS_FEED_H
#define OTSNEWS_FEED_H

#include <stddef.h>
#include <stdio.h>
#include <time.h>

#include <jansson.h>

enum feed_type {		/* what the configuration asks for */
	FEED_TYPE_AUTO = 0,
	FEED_TYPE_RSS,
	FEED_TYPE_ATOM,
	FEED_TYPE_RDF,
	FEED_TYPE_JSONFEED,
	FEED_TYPE_SITEMAP,
	FEED_TYPE_HTML
};

enum feed_format {		/* what the document turned out to be */
	FEED_FORMAT_UNKNOWN = 0,
	FEED_FORMAT_RSS090,
	FEED_FORMAT_RSS091U,
	FEED_FORMAT_RSS091N,
	FEED_FORMAT_RSS092,
	FEED_FORMAT_RSS093,
	FEED_FORMAT_RSS094,
	FEED_FORMAT_RSS2,
	FEED_FORMAT_RSS1,
	FEED_FORMAT_ATOM03,
	FEED_FORMAT_ATOM10,
	FEED_FORMAT_JSONFEED,
	FEED_FORMAT_SITEMAP,
	FEED_FORMAT_HTML
};

struct feed_enclosure {
	char		*url;
	char		*type;
	long long	 length;
};

/* One entry; all strings owned by the entry, NULL when missing. */
struct feed_entry {
	char			*id;	/* guid/id, else link, else hash */
	char			*link;	/* absolute */
	char			*title;
	time_t			 published;	/* -1: null */
	time_t			 updated;	/* -1: null */
	char			*summary;
	char			*content;
	char			*author;
	char			**categories;
	size_t			 ncategories;
	struct feed_enclosure	*enclosures;
	size_t			 nenclosures;
	char			*language;	/* sitemap news:language etc. */
};

struct feed {
	enum feed_format	 format;
	int			 is_index;	/* sitemap index: links are sitemaps */
	char			*title;
	char			*link;
	char			*language;
	time_t			 updated;	/* -1: null */
	struct feed_entry	*entries;
	size_t			 nentries;
	int			 recovered;	/* ill-formed, entries recovered */
};

struct feed_opts {
	const char	*url;		/* document URL, base for relative links */
	const char	*http_charset;	/* charset from Content-Type, or NULL */
	enum feed_type	 type;
	const char	*links_xpath;	/* FEED_TYPE_HTML: selects article links */
	const char	*tz;		/* zone of dates without offset (date.h) */
};

/*
 * Parse buf (any encoding, at most 32 MB).  Returns the feed, or NULL with
 * *cause set (caller frees) when the document is not a feed at all.  An
 * ill-formed document yields what could be recovered, with recovered set.
 * Not thread-safe: zone conversion switches TZ for a moment (date.h).
 */
struct feed	*feed_parse(const char *buf, size_t len, const struct feed_opts *,
		    char **cause);
void		 feed_free(struct feed *);
/* The JSON document of `otsnews parse-feed` (spec/interface.md). */
json_t		*feed_to_json(const struct feed *);
/* The same document as json_dumps(feed_to_json(f), FEED_JSON_FLAGS),
 * written without the tree (feed-print.c); caller frees. */
char		*feed_dumps(const struct feed *, size_t *);
/* The same, and a newline, written to a stream in pieces; 0 or -1. */
int		 feed_print(const struct feed *, FILE *);
/* json_dumps flags of `otsnews parse-feed` and the corpus' .json files. */
#define FEED_JSON_FLAGS	(JSON_INDENT(2) | JSON_PRESERVE_ORDER)
const char	*feed_format_name(enum feed_format);
int		 feed_type_parse(const char *, enum feed_type *);

#endif
