/*
 * extract.h -- find an article's own text and metadata in a news page.
 *
 * Pure: no I/O, no event loop.  Built on libxml2's HTML parser with network
 * access and entity expansion off and input size bounded.
 */
#ifndef OTSNEWS_EXTRACT_H
#define OTSNEWS_EXTRACT_H

#include <stddef.h>

struct article;

struct extract_opts {
	const char	*url;		/* page URL: base for relative links */
	const char	*http_charset;	/* charset from Content-Type, or NULL */
	const char	*lang_hint;	/* the source's lang: a hint */
	const char	*tz;		/* zone of local dates (date.h) */
	/* Per-source overrides (XPath 1.0); NULL to use the heuristics. */
	const char	*title_xpath;
	const char	*body_xpath;
	const char	*date_xpath;
	const char	*drop_xpath;
};

/*
 * Returns a new article with url, canonical_url, title, published, lang,
 * author, summary, body and image filled where the page has them, or NULL
 * with *cause set (the caller frees it) when the page cannot be parsed at
 * all, is larger than 16 MB, has too many elements, an override XPath is
 * invalid, or the page takes more work than a budget proportional to its
 * size ("extraction work budget exceeded").  opts may be NULL.  The body is plain UTF-8, whitespace collapsed, paragraphs (list
 * items, sub-headings, quotes) separated by "\n\n", without navigation,
 * related-story blocks, share bars, cookie banners, credits, copyright
 * lines, view counters or the title; repeated paragraphs appear once.
 * published is -1 when the page shows no date; a date without an offset
 * is read in opts->tz.
 */
struct article	*extract_page(const char *buf, size_t len,
		    const struct extract_opts *, char **cause);

/*
 * How extract_page has libxml2 parse a page (libxml/HTMLparser.h): no
 * network, no error output, recover, the bytes taken as UTF-8 whatever a
 * <meta> says (they are transcoded first), small text nodes compact.
 */
#define EXTRACT_PARSE_OPTS	(HTML_PARSE_NONET | HTML_PARSE_NOERROR | \
	HTML_PARSE_NOWARNING | HTML_PARSE_RECOVER | HTML_PARSE_IGNORE_ENC | \
	HTML_PARSE_COMPACT)

/*
 * Copy len bytes of UTF-8 (no NUL) from in to out, which may be in,
 * without the text of script and style elements, and return the length
 * written (at most len).  libxml2 parses the result into the tree it
 * would build from in, less that text; JSON bodies are kept.
 */
size_t		 extract_raw_strip(const char *in, size_t len, char *out);

#endif
