/*
 * metrics.h -- process-wide counters and gauges, Prometheus text format.
 *
 * Counters are plain file-static integers: the daemon is single-threaded.
 */
#ifndef OTSNEWS_METRICS_H
#define OTSNEWS_METRICS_H

#include <stddef.h>

struct buf;
struct event_base;

enum metric {
	M_FETCH_REQUESTS,
	M_FETCH_ERRORS,
	M_FETCH_TOO_LARGE,
	M_FETCH_BLOCKED,
	M_FETCH_BYTES,
	M_FETCH_NOT_MODIFIED,
	M_HTTP_ERRORS,
	M_POLLS,
	M_POLLS_LEASED,
	M_FEED_ERRORS,
	M_FEED_RECOVERED,
	M_FEED_ENTRIES,
	M_ARTICLES_FETCHED,
	M_ARTICLES_SKIPPED_SEEN,
	M_EXTRACT_ERRORS,
	M_ARTICLES_OFF_TOPIC,
	M_ARTICLES_DUP_URL,
	M_ARTICLES_DUP_CONTENT,
	M_ARTICLES_NEAR_DUP,
	M_ARTICLES_PUBLISHED,
	M_REDIS_ERRORS,
	M_REDIS_CONNECTS,
	M_SPOOL_WRITTEN,
	M_SPOOL_REPLAYED,
	M_RELOADS,
	M_REDIS_AUTH_ERRORS,
	M_REDIS_REPLY_ERRORS,
	M_FETCH_DEFERRED,
	M_FETCH_PAUSES,
	M_SOURCE_GONE,
	M_SOURCE_MOVED,
	M_ROBOTS_DENIED,
	M_ROBOTS_FETCHES,
	M_ARTICLES_UNDELIVERED,
	M_EXTRACT_BUDGET,
	/* gauges */
	M_G_REDIS_CONNECTED,
	M_G_SOURCES,
	M_G_PENDING,
	M_G_SPOOL,
	M_G_DEDUP_ENTRIES,
	M_G_DEDUP_BYTES,
	M_G_PAUSED,
	M_G_UNSAFE,
	M_SPOOL_BAD,
	M_SPOOL_WRITE_ERRORS,
	M_G_SPOOL_BYTES,
	M_NMETRICS
};

void		 metrics_inc(enum metric);
void		 metrics_add(enum metric, unsigned long long);
void		 metrics_set(enum metric, unsigned long long);
/* Prometheus text exposition format. */
void		 metrics_format(struct buf *);
/* One-line summary for the log. */
void		 metrics_summary(struct buf *);
/* Serve GET /metrics on host:port; -1 with *cause. */
int		 metrics_listen(struct event_base *, const char *hostport,
		    char **cause);
void		 metrics_close(void);

#endif
