/*
 * article.c -- the article record: lifetime, stream fields, JSON.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "article.h"
#include "date.h"
#include "text.h"
#include "xmalloc.h"

struct article *
article_new(void)
{
	struct article	*a = xcalloc(1, sizeof *a);

	a->published = -1;
	a->fetched = -1;
	a->similarity = -1;
	a->relevance_score = -1;
	return (a);
}

void
article_free(struct article *a)
{
	if (a == NULL)
		return;
	free(a->id);
	free(a->source);
	free(a->url);
	free(a->canonical_url);
	free(a->title);
	free(a->lang);
	free(a->author);
	free(a->summary);
	free(a->body);
	free(a->image);
	free(a->topics);
	free(a->matched);
	free(a->relevance);
	free(a->content_hash);
	free(a->dup_of);
	free(a->story_id);
	article_words_drop(a);
	free(a);
}

void
article_words_drop(struct article *a)
{
	if (a->words == NULL)
		return;
	text_words_clear(a->words);
	free(a->words);
	a->words = NULL;
}

void
article_set(char **field, const char *value)
{
	char	*old = *field;

	*field = value != NULL ? xstrdup(value) : NULL;
	free(old);
}

static char *
article_dup(const char *s)
{
	return (xstrdup(s != NULL ? s : ""));
}

size_t
article_fields(const struct article *a, const char **names, char **values)
{
	char	 t[32];
	size_t	 n = 0;

#define F(name, value) do {			\
	names[n] = (name);			\
	values[n] = (value);			\
	n++;					\
} while (0)
	F("schema", xstrdup(ARTICLE_SCHEMA));
	F("id", article_dup(a->id));
	F("source", article_dup(a->source));
	F("url", article_dup(a->url));
	F("canonical_url", article_dup(a->canonical_url));
	F("title", article_dup(a->title));
	date_format(a->published, t, sizeof t);
	F("published_at", xstrdup(t));
	date_format(a->fetched, t, sizeof t);
	F("fetched_at", xstrdup(t));
	F("lang", article_dup(a->lang));
	F("author", article_dup(a->author));
	F("summary", article_dup(a->summary));
	F("body", article_dup(a->body));
	F("topics", article_dup(a->topics));
	F("matched", article_dup(a->matched));
	F("content_hash", article_dup(a->content_hash));
	F("dup_of", article_dup(a->dup_of));
	if (a->similarity >= 0 && a->dup_of != NULL) {
		snprintf(t, sizeof t, "%.3f", a->similarity);
		F("similarity", xstrdup(t));
	} else
		F("similarity", xstrdup(""));
	F("story_id", article_dup(a->story_id));
	F("relevance", article_dup(a->relevance));
	if (a->relevance_score >= 0) {
		snprintf(t, sizeof t, "%.3f", a->relevance_score);
		F("relevance_score", xstrdup(t));
	} else
		F("relevance_score", xstrdup(""));
#undef F
	return (n);
}

void
article_fields_free(char **values, size_t n)
{
	size_t	i;

	for (i = 0; i < n; i++)
		free(values[i]);
}

json_t *
article_to_json(const struct article *a)
{
	const char	*names[ARTICLE_NFIELDS];
	char		*values[ARTICLE_NFIELDS];
	size_t		 i, n;
	json_t		*o = json_object();

	n = article_fields(a, names, values);
	for (i = 0; i < n; i++)
		json_object_set_new(o, names[i], json_string(values[i]));
	article_fields_free(values, n);
	return (o);
}

static char *
article_json_str(const json_t *o, const char *key)
{
	const char	*s = json_string_value(json_object_get(o, key));

	return (s != NULL && *s != '\0' ? xstrdup(s) : NULL);
}

static time_t
article_json_time(const json_t *o, const char *key)
{
	const char	*s = json_string_value(json_object_get(o, key));

	return (s != NULL && *s != '\0' ? date_parse(s, NULL) : -1);
}

struct article *
article_from_json(const json_t *o)
{
	struct article	*a;
	const char	*sim;

	if (!json_is_object(o))
		return (NULL);
	a = article_new();
	a->id = article_json_str(o, "id");
	a->source = article_json_str(o, "source");
	a->url = article_json_str(o, "url");
	a->canonical_url = article_json_str(o, "canonical_url");
	a->title = article_json_str(o, "title");
	a->published = article_json_time(o, "published_at");
	a->fetched = article_json_time(o, "fetched_at");
	a->lang = article_json_str(o, "lang");
	a->author = article_json_str(o, "author");
	a->summary = article_json_str(o, "summary");
	a->body = article_json_str(o, "body");
	a->topics = article_json_str(o, "topics");
	a->matched = article_json_str(o, "matched");
	a->content_hash = article_json_str(o, "content_hash");
	a->dup_of = article_json_str(o, "dup_of");
	sim = json_string_value(json_object_get(o, "similarity"));
	a->similarity = sim != NULL && *sim != '\0' ? strtod(sim, NULL) : -1;
	a->story_id = article_json_str(o, "story_id");
	a->relevance = article_json_str(o, "relevance");
	sim = json_string_value(json_object_get(o, "relevance_score"));
	a->relevance_score = sim != NULL && *sim != '\0' ?
	    strtod(sim, NULL) : -1;
	if (a->id == NULL || a->url == NULL) {
		article_free(a);
		return (NULL);
	}
	return (a);
}
