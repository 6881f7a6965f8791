/*
 * pipeline.h -- from a link to a record: seen-check, fetch, extract,
 * filter, deduplicate, publish (or print with --dry-run, or spool while
 * Redis is away).
 */
#ifndef OTSNEWS_PIPELINE_H
#define OTSNEWS_PIPELINE_H

#include <stddef.h>
#include <time.h>

struct daemon;
struct feed_entry;
struct source_conf;
struct pipeline;
struct article;

struct pipeline	*pipeline_new(struct daemon *);
void		 pipeline_free(struct pipeline *);
/*
 * A link found by a source; entry (may be NULL) gives feed metadata, and
 * listing is nonzero when it came from an HTML listing page (whose dates
 * are text, not machine-readable).
 */
void		 pipeline_offer(struct pipeline *, const struct source_conf *,
		    const char *link, const struct feed_entry *, int listing);
/* Redis (re)connected: resume publication and index sync. */
void		 pipeline_redis_up(struct pipeline *);
/* A record read back from the spool, ready for publication. */
/* A record read back from the spool; takes all three. */
void		 pipeline_publish_spooled(struct pipeline *, struct article *,
		    char *link_id, char *spool_name);
/* Articles in any stage. */
size_t		 pipeline_active(const struct pipeline *);
/* Articles waiting for Redis. */
size_t		 pipeline_waiting(const struct pipeline *);

#endif
