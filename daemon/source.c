/*
 * source.c -- each source owns its poll timer: fetch the feed, sitemap or
 * listing, parse it, hand every link to the pipeline, schedule the next
 * poll (with jitter, and a shorter backoff after a failure).
 */
#include <sys/queue.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <event2/event.h>
#include <hiredis/hiredis.h>

#include "charset.h"
#include "config.h"
#include "daemon.h"
#include "feed.h"
#include "fetch.h"
#include "gunzip.h"
#include "log.h"
#include "metrics.h"
#include "pipeline.h"
#include "source.h"
#include "store.h"
#include "xmalloc.h"

#define SOURCE_MAX_CHILD_SITEMAPS	8
#define SOURCE_RETRY_MIN		30	/* seconds after a failure */

struct source {
	struct daemon		*d;
	struct source_conf	*conf;		/* owned copy */
	struct event		*timer;
	char			*etag;
	char			*last_modified;
	int			 failures;
	int			 polled;	/* --once: poll finished */
	size_t			 active;	/* transfers in flight */
	int			 dead;		/* removed by reload */
	TAILQ_ENTRY(source)	 entry;
};

/* One transfer of a source: its document or a child sitemap. */
struct source_fetch {
	struct source	*src;
	int		 child;		/* a sitemap of a sitemap index */
};

static void	source_schedule(struct source *, int);
static void	source_poll_cb(evutil_socket_t, short, void *);

static struct source *
source_new(struct daemon *d, const struct source_conf *sc)
{
	struct source	*src = xcalloc(1, sizeof *src);

	src->d = d;
	src->conf = config_source_dup(sc);
	src->timer = evtimer_new(d->base, source_poll_cb, src);
	return (src);
}

static void
source_free(struct source *src)
{
	event_free(src->timer);
	config_source_free(src->conf);
	free(src->etag);
	free(src->last_modified);
	free(src);
}

/* Free a source once nothing of it is in flight. */
static void
source_release(struct source *src)
{
	if (src->dead && src->active == 0)
		source_free(src);
}

void
source_create_all(struct daemon *d)
{
	const struct source_conf	*sc;
	struct source			*src;

	TAILQ_FOREACH(sc, &d->conf->sources, entry) {
		src = source_new(d, sc);	/* the macro evaluates elm twice */
		TAILQ_INSERT_TAIL(&d->sources, src, entry);
	}
	metrics_set(M_G_SOURCES, d->conf->nsources);
}

void
source_start_all(struct daemon *d)
{
	struct source	*src;

	TAILQ_FOREACH(src, &d->sources, entry)
		source_schedule(src, 1);
}

void
source_stop_all(struct daemon *d)
{
	struct source	*src;

	TAILQ_FOREACH(src, &d->sources, entry)
		evtimer_del(src->timer);
}

void
source_free_all(struct daemon *d)
{
	struct source	*src;

	while ((src = TAILQ_FIRST(&d->sources)) != NULL) {
		TAILQ_REMOVE(&d->sources, src, entry);
		evtimer_del(src->timer);
		src->dead = 1;
		source_release(src);
	}
}

size_t
source_active(const struct daemon *d)
{
	const struct source	*src;
	size_t			 n = 0;

	TAILQ_FOREACH(src, &d->sources, entry)
		n += src->active;
	return (n);
}

int
source_all_polled(const struct daemon *d)
{
	const struct source	*src;

	TAILQ_FOREACH(src, &d->sources, entry) {
		if (!src->polled || src->active != 0)
			return (0);
	}
	return (1);
}

static void
source_schedule(struct source *src, int first)
{
	struct timeval	tv;
	long		ms, base;

	if (src->d->stopping || src->dead)
		return;
	if (src->d->once) {
		if (!first)
			return;
		ms = 0;
	} else if (first) {
		/* Spread the first polls over up to 5 s. */
		base = src->conf->interval < 5 ? src->conf->interval : 5;
		ms = (long)arc4random_uniform((uint32_t)(base * 1000));
	} else {
		base = src->conf->interval;
		if (src->failures > 0) {
			base = (long)SOURCE_RETRY_MIN <<
			    (src->failures > 6 ? 6 : src->failures - 1);
			if (base > src->conf->interval)
				base = src->conf->interval;
		}
		/* +-10% jitter keeps 1,000 sources from polling in step. */
		ms = base * 900 + (long)arc4random_uniform(
		    (uint32_t)(base * 200 + 1));
	}
	tv.tv_sec = ms / 1000;
	tv.tv_usec = (ms % 1000) * 1000;
	evtimer_add(src->timer, &tv);
}

static void	source_fetch_done(const struct fetch_result *, void *);

static int
source_fetch(struct source *src, const char *url, int child)
{
	struct fetch_request	 req;
	struct source_fetch	*sf;
	char			*cause = NULL;

	memset(&req, 0, sizeof req);
	req.url = url;
	req.max_bytes = (size_t)src->d->conf->max_feed_bytes;
	req.user_agent = src->conf->user_agent;
	req.insecure = !src->conf->tls_verify;
	if (!child) {
		req.etag = src->etag;
		req.last_modified = src->last_modified;
	}
	req.accept = "application/rss+xml, application/atom+xml, "
	    "application/feed+json, application/xml;q=0.9, text/xml;q=0.9, "
	    "text/html;q=0.8, */*;q=0.5";
	sf = xcalloc(1, sizeof *sf);
	sf->src = src;
	sf->child = child;
	if (fetch_start(src->d->fetch, &req, source_fetch_done, sf,
	    &cause) == -1) {
		log_warnx("source %s: %s: %s", src->conf->name, url, cause);
		free(cause);
		free(sf);
		return (-1);
	}
	src->active++;
	return (0);
}

static void
source_poll_now(struct source *src)
{
	metrics_inc(M_POLLS);
	log_debug("source %s: polling %s", src->conf->name, src->conf->url);
	if (source_fetch(src, src->conf->url, 0) == -1) {
		src->failures++;
		src->polled = 1;
		source_schedule(src, 0);
		daemon_check_done(src->d);
	}
}

static void
source_lease_cb(struct redisReply *r, void *arg)
{
	struct source	*src = arg;
	struct daemon	*d = src->d;

	src->active--;		/* the lease request held the source */
	if (src->dead || d->stopping) {
		source_release(src);	/* may free src */
		daemon_check_done(d);
		return;
	}
	if (r != NULL && r->type == REDIS_REPLY_NIL) {
		log_debug("source %s: polled by another daemon",
		    src->conf->name);
		metrics_inc(M_POLLS_LEASED);
		source_schedule(src, 0);
		return;
	}
	source_poll_now(src);	/* ours, or Redis could not say: poll */
}

/*
 * Daemons sharing one Redis share the polling: a poll first takes the
 * source's lease (SET NX PX for 80% of the interval, below the jittered
 * 90-110% of the next poll); a daemon that finds it taken leaves this round
 * to the other.  A failed poll gives the lease back so that the retry,
 * by whichever daemon, is not held off.  --once always polls.
 */
static char *
source_lease_key(const struct source *src)
{
	char	*key;

	xasprintf(&key, "%slease:%s", src->d->conf->key_prefix != NULL ?
	    src->d->conf->key_prefix : "", src->conf->name);
	return (key);
}

static void
source_lease_release(struct source *src)
{
	struct daemon	*d = src->d;
	const char	*argv[2];
	char		*key;

	if (d->once || d->store == NULL || !store_connected(d->store))
		return;
	key = source_lease_key(src);
	argv[0] = "DEL";
	argv[1] = key;
	(void)store_command(d->store, NULL, NULL, 2, argv, NULL);
	free(key);
}

static int
source_lease(struct source *src)
{
	struct daemon	*d = src->d;
	char		*key, ms[32], holder[300], host[256];
	const char	*argv[6];
	int		 rc;

	if (d->once || d->store == NULL || !store_connected(d->store))
		return (-1);
	if (gethostname(host, sizeof host) == -1)
		snprintf(host, sizeof host, "localhost");
	host[sizeof host - 1] = '\0';
	snprintf(holder, sizeof holder, "%s:%ld", host, (long)getpid());
	snprintf(ms, sizeof ms, "%lld", (long long)src->conf->interval * 800);
	key = source_lease_key(src);
	argv[0] = "SET"; argv[1] = key; argv[2] = holder;
	argv[3] = "NX"; argv[4] = "PX"; argv[5] = ms;
	rc = store_command(d->store, source_lease_cb, src, 6, argv, NULL);
	free(key);
	if (rc == 0)
		src->active++;
	return (rc);
}

static void
source_poll_cb(evutil_socket_t fd, short ev, void *arg)
{
	struct source	*src = arg;

	if (src->d->stopping)
		return;
	if (src->active != 0) {		/* the last poll is still running */
		source_schedule(src, 0);
		return;
	}
	if (source_lease(src) == -1)
		source_poll_now(src);
}

static void
source_keep_validators(struct source *src, const struct fetch_result *r)
{
	free(src->etag);
	free(src->last_modified);
	src->etag = xstrdup_or_null(r->etag);
	src->last_modified = xstrdup_or_null(r->last_modified);
}

/* Parse a document and offer its links; returns -1 on failure. */
static int
source_handle(struct source *src, const struct fetch_result *r, int child)
{
	struct feed_opts	 opts;
	struct feed		*feed;
	char			*cause = NULL, *cs, *inflated = NULL;
	const char		*body = r->body;
	size_t			 i, n, len = r->len;
	enum feed_type		 type = src->conf->type;

	if (gunzip_is_gzip(body, len)) {	/* sitemap.xml.gz */
		inflated = gunzip_buf(body, len,
		    (size_t)src->d->conf->max_feed_bytes, &len, &cause);
		if (inflated == NULL) {
			log_warnx("source %s: %s: %s", src->conf->name,
			    r->effective_url, cause);
			free(cause);
			metrics_inc(M_FETCH_TOO_LARGE);
			return (-1);
		}
		body = inflated;
	}
	memset(&opts, 0, sizeof opts);
	cs = charset_from_content_type(r->content_type);
	opts.url = r->effective_url;
	opts.http_charset = cs;
	opts.type = child ? FEED_TYPE_SITEMAP : type;
	opts.links_xpath = src->conf->links;
	opts.tz = src->conf->tz;
	feed = feed_parse(body, len, &opts, &cause);
	free(cs);
	free(inflated);
	if (feed == NULL) {
		log_warnx("source %s: %s: cannot parse: %s", src->conf->name,
		    r->effective_url, cause != NULL ? cause : "unknown error");
		free(cause);
		metrics_inc(M_FEED_ERRORS);
		return (-1);
	}
	if (feed->recovered) {
		log_warnx("source %s: %s: ill-formed %s, %zu entries "
		    "recovered", src->conf->name, r->effective_url,
		    feed_format_name(feed->format), feed->nentries);
		metrics_inc(M_FEED_RECOVERED);
	}
	log_debug("source %s: %s: %s with %zu entries", src->conf->name,
	    r->effective_url, feed->is_index ? "sitemap index" :
	    feed_format_name(feed->format), feed->nentries);
	metrics_add(M_FEED_ENTRIES, feed->nentries);
	if (feed->is_index) {
		for (i = 0, n = 0; i < feed->nentries && !child &&
		    n < SOURCE_MAX_CHILD_SITEMAPS; i++) {
			if (feed->entries[i].link != NULL &&
			    source_fetch(src, feed->entries[i].link, 1) == 0)
				n++;
		}
	} else {
		n = (size_t)src->conf->max_articles;
		for (i = 0; i < feed->nentries && i < n; i++) {
			if (feed->entries[i].link == NULL)
				continue;
			pipeline_offer(src->d->pipeline, src->conf,
			    feed->entries[i].link, &feed->entries[i],
			    feed->format == FEED_FORMAT_HTML);
		}
	}
	feed_free(feed);
	return (0);
}

static void
source_fetch_done(const struct fetch_result *r, void *arg)
{
	struct source_fetch	*sf = arg;
	struct source		*src = sf->src;
	int			 child = sf->child, ok = 0;

	free(sf);
	src->active--;
	if (src->dead || r->status == FETCH_ERR_CANCELLED) {
		source_release(src);
		return;
	}
	if (r->status != FETCH_OK) {
		log_warnx("source %s: %s: %s", src->conf->name, r->url,
		    r->error);
	} else if (r->not_modified) {
		metrics_inc(M_FETCH_NOT_MODIFIED);
		log_debug("source %s: not modified", src->conf->name);
		ok = 1;
	} else if (r->http_code >= 400) {
		log_warnx("source %s: %s: HTTP %ld", src->conf->name, r->url,
		    r->http_code);
		metrics_inc(M_HTTP_ERRORS);
	} else if (source_handle(src, r, child) == 0) {
		if (!child)
			source_keep_validators(src, r);
		ok = 1;
	}
	if (!child) {
		src->failures = ok ? 0 : src->failures + 1;
		if (!ok)
			source_lease_release(src);
		source_schedule(src, 0);
	}
	if (src->active == 0)
		src->polled = 1;
	daemon_check_done(src->d);
}

void
source_reload(struct daemon *d)
{
	struct source_list		 old;
	struct source			*src, *next;
	const struct source_conf	*sc;

	TAILQ_INIT(&old);
	TAILQ_CONCAT(&old, &d->sources, entry);
	TAILQ_FOREACH(sc, &d->conf->sources, entry) {
		TAILQ_FOREACH(src, &old, entry) {
			if (config_source_equal(src->conf, sc))
				break;
		}
		if (src != NULL) {	/* unchanged: keep state and timer */
			TAILQ_REMOVE(&old, src, entry);
			TAILQ_INSERT_TAIL(&d->sources, src, entry);
			continue;
		}
		src = source_new(d, sc);
		TAILQ_INSERT_TAIL(&d->sources, src, entry);
		source_schedule(src, 1);
		log_info("source %s: added", sc->name);
	}
	for (src = TAILQ_FIRST(&old); src != NULL; src = next) {
		next = TAILQ_NEXT(src, entry);
		TAILQ_REMOVE(&old, src, entry);
		log_info("source %s: removed or changed", src->conf->name);
		evtimer_del(src->timer);
		src->dead = 1;
		source_release(src);
	}
	metrics_set(M_G_SOURCES, d->conf->nsources);
}
