/*
 * fuzz_text.c -- the text-level parsers: dates, charsets, URLs, topic
 * matching and dedup over arbitrary bytes (NUL-terminated copies).
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "article.h"
#include "charset.h"
#include "date.h"
#include "dedup.h"
#include "topic.h"
#include "url.h"
#include "xmalloc.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

static struct topic_terms	*terms;

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char			*s, *u, *cause = NULL, *m = NULL;
	size_t			 n;
	int			 has_time;
	struct dedup_index	*idx;
	struct dedup_entry	*e;
	struct article		*a;

	if (terms == NULL && (terms = topic_load(NULL, &cause)) == NULL)
		abort();
	s = xstrndup((const char *)data, size);	/* text APIs take C strings */
	(void)date_parse_text(s, "Asia/Almaty", &has_time);
	(void)date_parse(s, NULL);
	free(s);
	u = charset_to_utf8((const char *)data, size,
	    charset_detect((const char *)data, size, NULL, 1), &n, &cause);
	free(cause);
	cause = NULL;
	if (u == NULL)
		return (0);
	(void)date_parse(u, "+05:00");
	free(url_canonical(u));
	free(url_resolve("http://fuzz.example/a/", u));
	(void)topic_match(terms, u, u, &m);
	free(m);
	a = article_new();
	a->id = xstrdup("00");
	a->source = xstrdup("fuzz");
	a->body = u;
	idx = dedup_index_new(86400);
	e = dedup_evaluate(idx, a);
	s = dedup_entry_encode(e);
	dedup_index_add(idx, e);
	e = dedup_entry_decode(s, &cause);
	dedup_entry_free(e);
	free(s);
	free(cause);
	dedup_index_free(idx);
	article_free(a);
	return (0);
}
