/*
 * spool.h -- records waiting for Redis, durable in state_dir/spool/.
 *
 * One file per record, NAME.json, written to a temporary name, fsynced and
 * renamed, so a crash leaves either the whole record or nothing.  A record
 * leaves the spool only after Redis has answered for it; publication is
 * idempotent (publish.c), so replaying a record twice publishes it once.
 */
#ifndef OTSNEWS_SPOOL_H
#define OTSNEWS_SPOOL_H

#include <stddef.h>

struct article;
struct spool;

struct spool	*spool_open(const char *state_dir, char **cause);
void		 spool_close(struct spool *);
/* -t: can state_dir hold a spool?  -1 with *cause if not. */
int		 spool_check(const char *state_dir, char **cause);
/* Write a record; returns its name (heap) or NULL with *cause. */
char		*spool_write(struct spool *, const struct article *,
		    const char *link_id, char **cause);
int		 spool_remove(struct spool *, const char *name);
/* Records in the spool. */
size_t		 spool_count(struct spool *);
/*
 * Call fn for at most max records (oldest first) whose names skip (may be
 * NULL) does not refuse; fn takes ownership of the article, the link id
 * and the name.  Returns how many fn got.
 */
size_t		 spool_replay(struct spool *, size_t max,
		    int (*skip)(const char *name, void *),
		    void (*fn)(struct article *, char *link_id, char *name,
		    void *), void *);

#endif
