/*
 * topic.h -- is an article about the Organization of Turkic States?
 *
 * Terms come from a data file (conf/ots-terms.txt, compiled in as the
 * default and replaceable with [filter] terms = FILE).
 */
#ifndef OTSNEWS_TOPIC_H
#define OTSNEWS_TOPIC_H

#include <stddef.h>

struct topic_terms;

/* Load terms from a file; NULL path loads the built-in list. */
struct topic_terms	*topic_load(const char *path, char **cause);
struct topic_terms	*topic_load_buffer(const char *buf, size_t len,
			    const char *name, char **cause);
void			 topic_free(struct topic_terms *);
/*
 * Returns 1 when the text is about the OTS, else 0.  *matched (may be NULL)
 * receives the comma-separated normalised terms that matched (heap string,
 * "" when none).
 */
int			 topic_match(const struct topic_terms *,
			    const char *title, const char *body, char **matched);

#endif
