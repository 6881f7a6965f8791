/*
 * topic.h -- is an article about the Organization of Turkic States?
 *
 * Terms come from a data file (conf/ots-terms.txt, compiled in as the
 * default and replaceable with [filter] terms = FILE).
 *
 * The verdict is about salience, not keywords: for each topic the terms
 * found are weighed by where they stand (title, lead, later paragraphs),
 * how many paragraphs carry them, and whether the sentence they sit in
 * frames an event with them or only passes by (a list of memberships, a
 * date reference, a CV line).  A topic is the article's *subject* when the
 * score reaches TOPIC_SUBJECT_MIN, a *mention* when it is named (validly)
 * but less.
 */
#ifndef OTSNEWS_TOPIC_H
#define OTSNEWS_TOPIC_H

#include <stddef.h>

struct topic_terms;

/* Topics, as bits of a mask and as indexes of a verdict. */
#define TOPIC_OTS		0	/* the OTS and its own bodies */
#define TOPIC_ORGS		1	/* turkic-orgs: TURKSOY, TURKPA, ... */
#define TOPIC_NTOPICS		2
#define TOPIC_BIT(t)		(1 << (t))

enum topic_relevance {
	TOPIC_NONE = 0,
	TOPIC_MENTION,
	TOPIC_SUBJECT
};

#define TOPIC_SUBJECT_MIN	0.5

/* The verdict on one text; topic_verdict_clear frees the strings. */
struct topic_verdict {
	enum topic_relevance	 rel[TOPIC_NTOPICS];
	double			 score[TOPIC_NTOPICS];	/* 0..1, 3 decimals */
	char			*matched;	/* normalised terms, "a,b" */
	/*
	 * What the verdict rests on: "TOPIC:TERM@WHERE[,WHERE...]" joined by
	 * "; ", WHERE being title, lead or pN (body paragraph N, from 1),
	 * followed by "~list" or "~aside" when the sentence only passes by.
	 */
	char			*evidence;
};

/* Load terms from a file; NULL path loads the built-in list. */
struct topic_terms	*topic_load(const char *path, char **cause);
struct topic_terms	*topic_load_buffer(const char *buf, size_t len,
			    const char *name, char **cause);
void			 topic_free(struct topic_terms *);

/* Weigh a text (title may be NULL); fills *v. */
void			 topic_assess(const struct topic_terms *,
			    const char *title, const char *body,
			    struct topic_verdict *);
/* The same, of a text tokenised already (text.h), whose tokens it reads. */
struct text_words;
void			 topic_assess_words(const struct topic_terms *,
			    const struct text_words *, struct topic_verdict *);
void			 topic_verdict_clear(struct topic_verdict *);

/*
 * Returns 1 when the OTS is the subject of the text, else 0.  *matched
 * (may be NULL) receives the comma-separated normalised terms that matched
 * (heap string, "" when none).
 */
int			 topic_match(const struct topic_terms *,
			    const char *title, const char *body, char **matched);

/* "ots", "turkic-orgs"; NULL for a bad index. */
const char		*topic_name(int);
/* "subject", "mention", "" */
const char		*topic_relevance_name(enum topic_relevance);
/*
 * Parse a comma-separated list of topic names into a mask of TOPIC_BIT;
 * -1 on an unknown name or an empty list.
 */
int			 topic_list_parse(const char *, int *mask);
/*
 * The "topics" record field: the names of the topics whose relevance is
 * at least min, comma-separated (heap string, NULL when none).
 */
char			*topic_tags(const struct topic_verdict *,
			    enum topic_relevance min);

#endif
