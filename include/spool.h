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
/* Write a record; returns its name (heap) or NULL with *cause. */
char		*spool_write(struct spool *, const struct article *,
		    const char *link_id, char **cause);
void		 spool_remove(struct spool *, const char *name);
/* Records in the spool. */
size_t		 spool_count(struct spool *);
/*
 * Call fn for every record (oldest first); fn takes ownership of the
 * article and the name.
 */
void		 spool_replay(struct spool *,
		    void (*fn)(struct article *, char *link_id, char *name,
		    void *), void *);

#endif
