/*
 * article.h -- one article: what extraction finds and what is published.
 *
 * The record fields of the contract (spec: "Records on the Redis stream") map
 * one to one onto this struct.  Every string is owned by the article and is
 * either NULL (unknown/empty) or a heap copy; article_free frees them all.
 */
#ifndef OTSNEWS_ARTICLE_H
#define OTSNEWS_ARTICLE_H

#include <time.h>

#include <jansson.h>

#define ARTICLE_SCHEMA	"1"

struct article {
	char	*id;		/* lowercase hex, from the canonical URL */
	char	*source;	/* [source NAME] that found it */
	char	*url;		/* as fetched, after redirects */
	char	*canonical_url;
	char	*title;
	time_t	 published;	/* -1: unknown */
	time_t	 fetched;	/* -1: unknown */
	char	*lang;		/* ISO 639-1 */
	char	*author;
	char	*summary;
	char	*body;		/* paragraphs separated by "\n\n" */
	char	*image;		/* not a stream field; extract output */
	char	*topics;	/* comma-separated */
	char	*matched;	/* comma-separated normalised terms */
	char	*relevance;	/* "subject", "mention" or NULL */
	double	 relevance_score; /* 0..1; < 0: none */
	char	*content_hash;
	char	*dup_of;
	double	 similarity;	/* < 0: none */
	char	*story_id;
	/*
	 * Not a record field: the title and body tokenised by the topic
	 * filter (job_filter), taken over by dedup (dedup_text_make); NULL
	 * when nobody made it.  Made of title and body as they were: whoever
	 * changes either drops it (article_words_drop).
	 */
	struct text_words *words;
};

struct text_words;

struct article	*article_new(void);
void		 article_free(struct article *);
void		 article_words_drop(struct article *);
/* Replace a string field: frees the old value, copies the new (NULL ok). */
void		 article_set(char **, const char *);


/*
 * The record as the stream carries it: field/value pairs in contract order.
 * Returns the number of pairs; names[i] are static, values[i] are allocated
 * and must be freed with article_fields_free.
 */
#define ARTICLE_NFIELDS	20
size_t		 article_fields(const struct article *, const char **names,
		    char **values);
void		 article_fields_free(char **values, size_t);

/* The record as one JSON object (--dry-run and otsnews). New reference. */
json_t		*article_to_json(const struct article *);
/* Parse a record from a JSON object (spool, tests); NULL on error. */
struct article	*article_from_json(const json_t *);

#endif
