/*
 * pipeline.h -- from a link to a record: seen-check, robots.txt, fetch,
 * extract, filter, deduplicate, publish (or print with --dry-run, or spool
 * while Redis cannot take records).
 *
 * Control goes down, completion comes back by callback: whoever offers a
 * link gets its pipeline_done_cb once the link is settled, never from
 * inside pipeline_offer and never from inside another module's callback
 * (completions are reaped from an event of their own).  The daemon asks
 * pipeline_busy and pipeline_paused once per loop turn.
 *
 * An article counts as settled only when Redis acknowledged it, it is
 * durable in the spool, or it was judged (duplicate, off topic, already
 * seen, no text).  When neither Redis nor the spool can take a ready
 * article it stays in memory and pipeline_paused turns nonzero: the
 * daemon then stops polling, and the pipeline starts no new page fetch.
 */
#ifndef OTSNEWS_PIPELINE_H
#define OTSNEWS_PIPELINE_H

#include <stddef.h>

struct config;
struct event_base;
struct feed_entry;
struct fetch;
struct pipeline;
struct robots_cache;
struct source_conf;
struct spool;
struct store;
struct topic_terms;

/* What the pipeline works with; owned by the caller, outlives it. */
struct pipeline_env {
	struct event_base	*base;
	struct fetch		*fetch;
	struct store		*store;		/* NULL with --dry-run */
	struct spool		*spool;		/* NULL with --dry-run */
	struct robots_cache	*robots;	/* NULL: robots.txt not read */
	/* Documents the sources are still fetching (for the gathering). */
	size_t			(*sources_active)(void *);
	void			*arg;
};

/*
 * ok is 1 when the link is settled (it needs no retry), 0 when it failed
 * in a way worth retrying at the next poll (network, HTTP error,
 * cancelled at shutdown).
 */
typedef void	(*pipeline_done_cb)(int ok, void *arg);

struct pipeline	*pipeline_new(const struct pipeline_env *,
		    const struct config *, const struct topic_terms *);
/* SIGHUP: the new configuration and terms (both outlive the pipeline). */
void		 pipeline_configure(struct pipeline *, const struct config *,
		    const struct topic_terms *);
/*
 * Stop taking new work: offers are refused, links waiting for a fetch are
 * given back (ok = 0), the spool is no longer replayed.  What is in flight
 * finishes.
 */
void		 pipeline_close(struct pipeline *);
/*
 * Free everything.  Ready articles that are neither published nor spooled
 * get a last spool attempt; those that fail are listed in the log.
 * Returns how many articles were lost that way.
 */
size_t		 pipeline_free(struct pipeline *);
/*
 * A link found by a source; entry (may be NULL) gives feed metadata, and
 * listing is nonzero when it came from an HTML listing page (whose dates
 * are text, not machine-readable).  done (may be NULL) runs once, later.
 */
void		 pipeline_offer(struct pipeline *, const struct source_conf *,
		    const char *link, const struct feed_entry *, int listing,
		    pipeline_done_cb done, void *arg);
/* Redis (re)connected (1) or went away (0). */
void		 pipeline_redis_state(struct pipeline *, int up);
/* Nonzero while some work can still make progress. */
int		 pipeline_busy(const struct pipeline *);
/* Nonzero while ready articles can be neither published nor spooled. */
int		 pipeline_paused(const struct pipeline *);

#endif
