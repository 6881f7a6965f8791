/*
 * dedup-entry.h -- private to dedup*.c: what the index keeps per article.
 */
#ifndef OTSNEWS_DEDUP_ENTRY_H
#define OTSNEWS_DEDUP_ENTRY_H

#include <sys/queue.h>

#include <stdint.h>
#include <time.h>

#include "dedup.h"

struct article;

#ifndef TAILQ_FOREACH_SAFE	/* not in glibc's sys/queue.h */
#define TAILQ_FOREACH_SAFE(var, head, field, tvar)			\
	for ((var) = TAILQ_FIRST(head);					\
	    (var) != NULL && ((tvar) = TAILQ_NEXT(var, field), 1);	\
	    (var) = (tvar))
#endif

/* Owner: the index once added, else whoever dedup_evaluate returned it to. */
struct dedup_entry {
	char		*id;
	char		*source;
	time_t		 when;		/* published, else fetched; -1 */
	time_t		 seen;		/* fetched, else when added: expiry */
	char		 hash[65];	/* content hash, lowercase hex */
	char		*story;
	int		 ots;		/* topics has "ots": 1, else 0; -1 unknown
					   (only from a line with '-') */
	uint32_t	 nshingles;	/* distinct shingles of the body */
	uint64_t	*sketch;	/* bottom-k hashes, ascending */
	uint8_t		*spara;		/* paragraph of each sketch hash */
	size_t		 nsketch;
	uint64_t	*paras;		/* paragraph fingerprints */
	size_t		 nparas;
	uint64_t	 boiler;	/* paragraphs shared within the source */
	char		**keys;		/* story evidence (story.h) */
	size_t		 nkeys;
	TAILQ_ENTRY(dedup_entry) entry;
};

/* Owner: the daemon. */
struct dedup_index {
	TAILQ_HEAD(, dedup_entry) entries;	/* oldest first */
	time_t		 retention;
	size_t		 count;
	size_t		 bytes;
};

struct dedup_entry	*dedup_entry_make(const struct article *,
			    const struct dedup_shingles *, uint64_t);
size_t			 dedup_entry_size(const struct dedup_entry *);

#endif
