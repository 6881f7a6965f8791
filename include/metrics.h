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
	M_PUBLISH_RETRIES,
	M_DEDUP_ROLLBACKS,
	M_DEDUP_BAD_ENTRIES,
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
	M_G_QUEUED,
	M_G_HELD,
	M_NMETRICS
};

/* Families with labels (Prometheus), e.g. fetches_total{source,status}. */
enum metric_family {
	MF_FETCHES,		/* counter {source, status} */
	MF_PUBLISHED,		/* counter {source} */
	MF_DUPLICATES,		/* counter {kind}: url, content, near */
	MF_SOURCE_UP,		/* gauge {source}: last poll worked */
	MF_SOURCE_LAST_SUCCESS,	/* gauge {source}: unix time */
	MF_SOURCE_LAST_POLL,	/* gauge {source}: unix time */
	MF_NFAMILIES
};

void		 metrics_inc(enum metric);
void		 metrics_add(enum metric, unsigned long long);
void		 metrics_set(enum metric, unsigned long long);
unsigned long long metrics_get(enum metric);
/* label2 is NULL for one-label families. */
void		 metrics_family_add(enum metric_family, double,
		    const char *label1, const char *label2);
void		 metrics_family_set(enum metric_family, double,
		    const char *label1, const char *label2);
/* A source went away (reload): forget its rows in every family. */
void		 metrics_forget_source(const char *);
/* One transfer's duration, for otsnewsd_fetch_duration_seconds. */
void		 metrics_observe_fetch(double seconds);
/* 1 after a clean reload (and at start), 0 after a refused one. */
void		 metrics_reload_result(int ok);
/* Prometheus text exposition format. */
void		 metrics_format(struct buf *);
/* One-line summary for the log. */
void		 metrics_summary(struct buf *);
/*
 * Serve GET and HEAD of /metrics, /healthz (200 while the loop runs) and
 * /ready (200 when ready(arg) is nonzero: Redis or the spool can take
 * records; else 503) on host:port; -1 with *cause.
 */
int		 metrics_listen(struct event_base *, const char *hostport,
		    int (*ready)(void *), void *arg, char **cause);
void		 metrics_close(void);

#endif
