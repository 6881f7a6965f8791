/*
 * dedup-fixture.h -- a tests/data/dedup fixture as an article: "# key:
 * value" header lines (source, title, published, ots), then the body.
 * Static, in a header, so that the unit tests and bench/dedup_cpu.c, each
 * a single file linked with libotsnews.a, share one reader.
 */
#ifndef DEDUP_FIXTURE_H
#define DEDUP_FIXTURE_H

#include <string.h>
#include <time.h>

#include "article.h"

static __attribute__((__unused__)) time_t
dedup_fixture_time(const char *s)
{
	struct tm	tm;

	memset(&tm, 0, sizeof tm);
	if (strptime(s, "%Y-%m-%dT%H:%M:%SZ", &tm) == NULL)
		return (-1);
	return (timegm(&tm));
}

/* The article of a fixture's text (buf is cut up); the caller sets id. */
static __attribute__((__unused__)) struct article *
dedup_fixture_parse(char *buf)
{
	struct article	*a = article_new();
	char		*p, *nl, *v;
	int		 ots = 0;

	for (p = buf; *p == '#' && (nl = strchr(p, '\n')) != NULL;
	    p = nl + 1) {
		*nl = '\0';
		if ((v = strchr(p, ':')) == NULL)
			continue;
		v += 1 + (v[1] == ' ');
		if (strncmp(p, "# source:", 9) == 0)
			article_set(&a->source, v);
		else if (strncmp(p, "# title:", 8) == 0)
			article_set(&a->title, v);
		else if (strncmp(p, "# published:", 12) == 0)
			a->published = dedup_fixture_time(v);
		else if (strncmp(p, "# ots:", 6) == 0)
			ots = strcmp(v, "True") == 0;
	}
	p += strspn(p, "\n");
	article_set(&a->body, p);
	article_set(&a->topics, ots ? "ots" : "");
	return (a);
}

#endif
