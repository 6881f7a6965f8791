/*
 * source.c -- each source owns its poll timer: take the lease, fetch the
 * feed, sitemap or listing, parse it, hand every link on, schedule the
 * next poll (with jitter, a shorter backoff after a failure, and never
 * before a Retry-After the server asked for).
 *
 * Lifetimes: a struct source is on d->sources until a reload drops it or
 * teardown; then it is dead and freed when the last reference goes (its
 * rounds, its transfers, its lease requests each hold one).
 */
#include <sys/queue.h>

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
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
#include "source.h"
#include "source-state.h"
#include "store.h"
#include "xmalloc.h"

#define SOURCE_MAX_CHILD_SITEMAPS	8
#define SOURCE_RETRY_MIN		30	/* seconds after a failure */
#define SOURCE_RETRY_AFTER_MAX		86400	/* cap on Retry-After */

struct source_round;

struct source {
	struct daemon		*d;
	struct source_conf	*conf;		/* owned copy */
	struct source_state	 state;		/* url, validators, gone */
	struct event		*timer;
	int			 failures;	/* in a row */
	char			*fail_msg;	/* the failure last logged */
	time_t			 last_poll;
	time_t			 last_success;
	time_t			 next_poll;
	size_t			 found;		/* links of the last poll */
	int			 polled;	/* --once: poll finished */
	int			 poll_wanted;	/* a poll came while paused */
	int			 lease_held;	/* we hold lease:<name> */
	char			*lease_holder;	/* the other daemon, logged */
	unsigned		 round_seq;	/* rounds started */
	unsigned		 committed_seq;	/* round whose validators hold */
	size_t			 active;	/* transfers, lease requests */
	int			 refs;		/* rounds + active */
	int			 dead;		/* off d->sources */
	TAILQ_ENTRY(source)	 entry;
};

/* One poll: its documents and the links they offered. */
struct source_round {
	struct source	*src;
	unsigned	 seq;
	int		 refs;		/* 1 for the documents + 1 per link */
	int		 docs;		/* documents in flight */
	int		 failed;	/* something needs a retry */
	int		 validators;	/* etag/last_modified below are new */
	char		*etag;
	char		*last_modified;
};

/* One transfer of a round: its document or a child sitemap. */
struct source_fetch {
	struct source_round	*round;
	int			 child;	/* a sitemap of a sitemap index */
};

static source_offer_fn	 source_offer;
static void		*source_offer_arg;
static char		*source_instance;
static int		 source_paused;

static void	source_schedule(struct source *, int, long);
static void	source_fail(struct source *, const char *, ...)
		    __attribute__((__format__(__printf__, 2, 3)));
static void	source_poll_cb(evutil_socket_t, short, void *);

void
source_init(source_offer_fn offer, void *arg, const char *instance_id)
{
	source_offer = offer;
	source_offer_arg = arg;
	free(source_instance);
	source_instance = xstrdup(instance_id);
}

/* Where state is kept: nowhere with --dry-run (it must change nothing). */
static const char *
source_state_dir(const struct daemon *d)
{
	return (d->dry_run ? NULL : d->conf->state_dir);
}

static struct source *
source_new(struct daemon *d, const struct source_conf *sc)
{
	struct source	*src = xcalloc(1, sizeof *src);

	src->d = d;
	src->conf = config_source_dup(sc);
	src->timer = evtimer_new(d->base, source_poll_cb, src);
	source_state_load(source_state_dir(d), sc->name, sc->url,
	    &src->state);
	if (strcmp(src->state.url, sc->url) != 0)
		log_info("source %s: polling %s (moved permanently from %s)",
		    sc->name, src->state.url, sc->url);
	if (src->state.gone)
		log_warnx("source %s: %s answered 410 Gone earlier; not "
		    "polled (change its url to poll again)", sc->name,
		    src->state.url);
	return (src);
}

static void
source_free(struct source *src)
{
	event_free(src->timer);
	config_source_free(src->conf);
	source_state_clear(&src->state);
	free(src->lease_holder);
	free(src->fail_msg);
	free(src);
}

/* Drop a reference; free a dead source with none left. */
static void
source_unref(struct source *src)
{
	if (--src->refs < 0)
		fatalx("source %s: reference count below zero",
		    src->conf->name);
	if (src->dead && src->refs == 0)
		source_free(src);
}

/*
 * Durable: fsync()ed (gone, moved).  The validators are saved after each
 * poll without: an fsync a poll was ~3% of the service run's cycles
 * (bench/RESULTS.md), and losing them costs one full poll.
 */
static void
source_save(struct source *src, int durable)
{
	const char	*dir = source_state_dir(src->d);
	char		*cause = NULL;

	if (dir == NULL)
		return;
	if (source_state_save(dir, src->conf->name, &src->state, durable,
	    &cause) == -1) {
		log_warnx("source %s: cannot save its state: %s",
		    src->conf->name, cause);
		free(cause);
	}
}

static struct source_round *
source_round_new(struct source *src)
{
	struct source_round	*rd = xcalloc(1, sizeof *rd);

	rd->src = src;
	rd->seq = ++src->round_seq;
	rd->refs = 1;
	src->refs++;
	return (rd);
}

/*
 * The last reference of a round: its validators become the source's if
 * every link was settled and no later round committed first.
 */
static void
source_round_unref(struct source_round *rd)
{
	struct source	*src = rd->src;

	if (--rd->refs > 0)
		return;
	if (!rd->failed && rd->validators && !src->dead &&
	    rd->seq > src->committed_seq) {
		src->committed_seq = rd->seq;
		free(src->state.etag);
		free(src->state.last_modified);
		src->state.etag = rd->etag;
		src->state.last_modified = rd->last_modified;
		rd->etag = rd->last_modified = NULL;
		source_save(src, 0);
	} else if (rd->failed)
		log_debug("source %s: round %u had failures; validators not "
		    "kept", src->conf->name, rd->seq);
	free(rd->etag);
	free(rd->last_modified);
	free(rd);
	source_unref(src);
}

/* A link of the round is settled (ok) or needs a retry. */
static void
source_link_done(int ok, void *arg)
{
	struct source_round	*rd = arg;

	if (!ok)
		rd->failed = 1;
	source_round_unref(rd);
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
		source_schedule(src, 1, 0);
}

static const char source_unlease_script[] =
"if redis.call('GET', KEYS[1]) == ARGV[1] then\n"
"  return redis.call('DEL', KEYS[1])\n"
"end\n"
"return 0\n";

/* KEY_PREFIX kind:NAME (heap): lease:NAME, status:NAME. */
static char *
source_key(const struct source *src, const char *kind)
{
	char	*key;

	xasprintf(&key, "%s%s:%s", src->d->conf->key_prefix != NULL ?
	    src->d->conf->key_prefix : "", kind, src->conf->name);
	return (key);
}

/* Give our lease back (compare-and-delete: never another daemon's). */
static void
source_lease_release(struct source *src)
{
	struct daemon	*d = src->d;
	const char	*argv[5];
	char		*key;

	if (!src->lease_held)
		return;
	src->lease_held = 0;
	if (d->once || d->store == NULL || !store_connected(d->store))
		return;
	key = source_key(src, "lease");
	argv[0] = "EVAL";
	argv[1] = source_unlease_script;
	argv[2] = "1";
	argv[3] = key;
	argv[4] = source_instance;
	(void)store_command(d->store, NULL, NULL, 5, argv, NULL);
	free(key);
}

void
source_stop_all(struct daemon *d)
{
	struct source	*src;

	TAILQ_FOREACH(src, &d->sources, entry) {
		evtimer_del(src->timer);
		source_lease_release(src);
	}
}

void
source_pause_all(struct daemon *d, int paused)
{
	struct source	*src;

	source_paused = paused;
	if (paused)
		return;
	TAILQ_FOREACH(src, &d->sources, entry) {
		if (src->poll_wanted) {
			src->poll_wanted = 0;
			source_schedule(src, 1, 0);
		}
	}
}

void
source_free_all(struct daemon *d)
{
	struct source	*src;

	while ((src = TAILQ_FIRST(&d->sources)) != NULL) {
		TAILQ_REMOVE(&d->sources, src, entry);
		evtimer_del(src->timer);
		src->dead = 1;
		src->refs++;
		source_unref(src);
	}
	free(source_instance);
	source_instance = NULL;
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

/* Arm the next poll; min_secs (a Retry-After) is a floor. */
static void
source_schedule(struct source *src, int first, long min_secs)
{
	struct timeval	tv;
	long		ms, base;

	if (src->state.gone)
		src->polled = 1;
	if (src->d->stopping || src->dead || src->state.gone)
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
	if (min_secs > 0 && ms < min_secs * 1000)
		ms = min_secs * 1000 + (long)arc4random_uniform(1000);
	tv.tv_sec = ms / 1000;
	tv.tv_usec = (ms % 1000) * 1000;
	src->next_poll = time(NULL) + tv.tv_sec;
	evtimer_add(src->timer, &tv);
}

static void	source_fetch_done(const struct fetch_result *, void *);

static int
source_fetch(struct source_round *rd, const char *url, int child)
{
	struct source		*src = rd->src;
	struct fetch_request	 req;
	struct source_fetch	*sf;
	char			*cause = NULL;

	memset(&req, 0, sizeof req);
	req.url = url;
	req.max_bytes = (size_t)src->d->conf->max_feed_bytes;
	req.user_agent = src->conf->user_agent;
	req.insecure = !src->conf->tls_verify;
	if (!child) {
		req.etag = src->state.etag;
		req.last_modified = src->state.last_modified;
	}
	req.accept = "application/rss+xml, application/atom+xml, "
	    "application/feed+json, application/xml;q=0.9, text/xml;q=0.9, "
	    "text/html;q=0.8, */*;q=0.5";
	sf = xcalloc(1, sizeof *sf);
	sf->round = rd;
	sf->child = child;
	if (fetch_start(src->d->fetch, &req, source_fetch_done, sf,
	    &cause) == -1) {
		log_warnx("source %s: %s: %s", src->conf->name, url, cause);
		free(cause);
		free(sf);
		return (-1);
	}
	src->active++;
	src->refs++;
	rd->docs++;
	return (0);
}

static void
source_poll_now(struct source *src)
{
	struct source_round	*rd;

	metrics_inc(M_POLLS);
	log_debug("source %s: polling %s", src->conf->name, src->state.url);
	rd = source_round_new(src);
	if (source_fetch(rd, src->state.url, 0) == -1) {
		rd->failed = 1;
		src->failures++;
		src->polled = 1;
		source_lease_release(src);
		source_schedule(src, 0, 0);
	}
	if (rd->docs == 0)
		source_round_unref(rd);
}

/* The lease script's answer: 1 (ours now) or the holder's id. */
static void
source_lease_cb(struct redisReply *r, void *arg)
{
	struct source	*src = arg;
	struct daemon	*d = src->d;
	const char	*holder = NULL;

	src->active--;
	if (src->dead || d->stopping) {
		source_unref(src);
		return;
	}
	src->refs--;		/* src is on d->sources: not the last one */
	if (r != NULL && r->type == REDIS_REPLY_STRING)
		holder = r->str;
	if (holder != NULL && strcmp(holder, source_instance) != 0) {
		if (src->lease_holder == NULL ||
		    strcmp(src->lease_holder, holder) != 0) {
			log_info("source %s: leaving this poll to %s, which "
			    "holds the lease", src->conf->name, holder);
			free(src->lease_holder);
			src->lease_holder = xstrdup(holder);
		} else
			log_debug("source %s: polled by %s", src->conf->name,
			    holder);
		metrics_inc(M_POLLS_LEASED);
		src->lease_held = 0;
		source_schedule(src, 0, 0);
		return;
	}
	/* Ours, or Redis could not say: poll. */
	src->lease_held = r != NULL && (r->type == REDIS_REPLY_INTEGER ||
	    holder != NULL);
	source_poll_now(src);
}

/*
 * Daemons sharing one Redis share the polling: a poll first takes the
 * source's lease (SET NX PX for 80% of the interval, below the jittered
 * 90-110% of the next poll), holding this daemon's instance id; a daemon
 * that finds another's id leaves the round to it.  A failed poll and a
 * clean stop give the lease back, by compare-and-delete.  --once always
 * polls.
 */
static const char source_lease_script[] =
"if redis.call('SET', KEYS[1], ARGV[1], 'NX', 'PX', ARGV[2]) then\n"
"  return 1\n"
"end\n"
"local h = redis.call('GET', KEYS[1])\n"
"if h == ARGV[1] then\n"
"  redis.call('PEXPIRE', KEYS[1], ARGV[2])\n"
"end\n"
"return h\n";

static int
source_lease(struct source *src)
{
	struct daemon	*d = src->d;
	char		*key, ms[32];
	const char	*argv[6];
	int		 rc;

	if (d->once || d->store == NULL || !store_connected(d->store))
		return (-1);
	snprintf(ms, sizeof ms, "%lld", (long long)src->conf->interval * 800);
	key = source_key(src, "lease");
	argv[0] = "EVAL";
	argv[1] = source_lease_script;
	argv[2] = "1";
	argv[3] = key;
	argv[4] = source_instance;
	argv[5] = ms;
	rc = store_command(d->store, source_lease_cb, src, 6, argv, NULL);
	free(key);
	if (rc == 0) {
		src->active++;
		src->refs++;
	}
	return (rc);
}

static void
source_poll_cb(evutil_socket_t fd, short ev, void *arg)
{
	struct source	*src = arg;

	if (src->d->stopping || src->state.gone)
		return;
	if (source_paused) {
		src->poll_wanted = 1;
		return;
	}
	if (src->active != 0) {		/* the last poll is still running */
		source_schedule(src, 0, 0);
		return;
	}
	if (source_lease(src) == -1)
		source_poll_now(src);
}

/* Parse a document and offer its links; returns -1 on failure. */
static int
source_handle(struct source_round *rd, const struct fetch_result *r,
    int child)
{
	struct source		*src = rd->src;
	struct feed_opts	 opts;
	struct feed		*feed;
	char			*cause = NULL, *cs, *inflated = NULL;
	const char		*body = r->body;
	size_t			 i, n, len = r->len;

	if (gunzip_is_gzip(body, len)) {	/* sitemap.xml.gz */
		inflated = gunzip_buf(body, len,
		    (size_t)src->d->conf->max_feed_bytes, &len, &cause);
		if (inflated == NULL) {
			source_fail(src, "%s: %s", r->effective_url, cause);
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
	opts.type = child ? FEED_TYPE_SITEMAP : src->conf->type;
	opts.links_xpath = src->conf->links;
	opts.tz = src->conf->tz;
	feed = feed_parse(body, len, &opts, &cause);
	free(cs);
	free(inflated);
	if (feed == NULL) {
		source_fail(src, "%s: cannot parse: %s", r->effective_url,
		    cause != NULL ? cause : "unknown error");
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
			    source_fetch(rd, feed->entries[i].link, 1) == 0)
				n++;
		}
	} else {
		n = (size_t)src->conf->max_articles;
		if (!child)
			src->found = 0;
		src->found += feed->nentries < n ? feed->nentries : n;
		for (i = 0; i < feed->nentries && i < n; i++) {
			if (feed->entries[i].link == NULL)
				continue;
			rd->refs++;
			source_offer(src->conf, feed->entries[i].link,
			    &feed->entries[i], feed->format == FEED_FORMAT_HTML,
			    source_link_done, rd, source_offer_arg);
		}
	}
	feed_free(feed);
	return (0);
}

/*
 * A failure that repeats every poll is logged once (and again only when
 * it changes); the recovery says how many polls failed.
 */
static void
source_fail(struct source *src, const char *fmt, ...)
{
	va_list	 ap;
	char	*msg;

	va_start(ap, fmt);
	xvasprintf(&msg, fmt, ap);
	va_end(ap);
	if (src->fail_msg == NULL || strcmp(src->fail_msg, msg) != 0) {
		log_warnx("source %s: %s", src->conf->name, msg);
		free(src->fail_msg);
		src->fail_msg = msg;
	} else {
		log_debug("source %s: %s (again)", src->conf->name, msg);
		free(msg);
	}
}

static void
source_recovered(struct source *src)
{
	if (src->fail_msg == NULL)
		return;
	log_info("source %s: recovered after %d failed poll%s (last: %s)",
	    src->conf->name, src->failures, src->failures == 1 ? "" : "s",
	    src->fail_msg);
	free(src->fail_msg);
	src->fail_msg = NULL;
}

/* What `otsnews status` shows: a hash per source, kept for a week. */
static void
source_status_write(struct source *src)
{
	struct daemon	*d = src->d;
	char		*key, t[4][32], found[32];
	const char	*argv[20];
	int		 argc = 0;

	if (d->once || d->dry_run || d->store == NULL ||
	    !store_connected(d->store))
		return;
	key = source_key(src, "status");
	snprintf(t[0], sizeof t[0], "%lld", (long long)src->last_poll);
	snprintf(t[1], sizeof t[1], "%lld", (long long)src->last_success);
	snprintf(t[2], sizeof t[2], "%lld", (long long)src->next_poll);
	snprintf(found, sizeof found, "%zu", src->found);
	argv[argc++] = "HSET";
	argv[argc++] = key;
	argv[argc++] = "last_poll"; argv[argc++] = t[0];
	argv[argc++] = "last_success"; argv[argc++] = t[1];
	argv[argc++] = "next_poll"; argv[argc++] = t[2];
	argv[argc++] = "found"; argv[argc++] = found;
	argv[argc++] = "last_error";
	argv[argc++] = src->fail_msg != NULL ? src->fail_msg : "";
	argv[argc++] = "failures";
	snprintf(t[3], sizeof t[3], "%d", src->failures);
	argv[argc++] = t[3];
	argv[argc++] = "url"; argv[argc++] = src->state.url;
	argv[argc++] = "daemon"; argv[argc++] = source_instance;
	(void)store_command(d->store, NULL, NULL, argc, argv, NULL);
	argv[0] = "EXPIRE";
	argv[2] = "604800";
	(void)store_command(d->store, NULL, NULL, 3, argv, NULL);
	free(key);
}

/* 301/308 all the way from the source URL: poll the new one from now on. */
static void
source_moved(struct source *src, const char *url)
{
	if (url == NULL || strcmp(url, src->state.url) == 0)
		return;
	log_warnx("source %s: %s moved permanently to %s; polling the new "
	    "URL from now on (update [source] url)", src->conf->name,
	    src->state.url, url);
	metrics_inc(M_SOURCE_MOVED);
	free(src->state.url);
	src->state.url = xstrdup(url);
	free(src->state.etag);
	free(src->state.last_modified);
	src->state.etag = src->state.last_modified = NULL;
	source_save(src, 1);
}

/* Judge the document's answer; returns 1 when the poll worked. */
static int
source_answer(struct source_round *rd, const struct fetch_result *r,
    int child, long *retry_after)
{
	struct source	*src = rd->src;
	const char	*name = src->conf->name;

	*retry_after = 0;
	if (r->status == FETCH_ERR_DEFERRED) {
		log_info("source %s: %s", name, r->error);
		*retry_after = r->retry_after;
		return (0);
	}
	if (r->status != FETCH_OK) {
		source_fail(src, "%s: %s", r->url, r->error);
		return (0);
	}
	if (!child && r->permanent_url != NULL)
		source_moved(src, r->permanent_url);
	if (r->not_modified) {
		metrics_inc(M_FETCH_NOT_MODIFIED);
		log_debug("source %s: not modified", name);
		return (1);
	}
	if (r->http_code == 410 && !child) {
		log_warnx("source %s: %s: HTTP 410 Gone: no longer polled "
		    "(change its url and reload to poll again)", name, r->url);
		metrics_inc(M_SOURCE_GONE);
		src->state.gone = 1;
		source_save(src, 1);
		return (0);
	}
	if (r->http_code >= 400) {
		source_fail(src, "%s: HTTP %ld%s", r->url, r->http_code,
		    r->retry_after > 0 ? " (Retry-After)" : "");
		metrics_inc(M_HTTP_ERRORS);
		if (r->http_code == 429 || r->http_code == 503)
			*retry_after = r->retry_after;
		return (0);
	}
	if (source_handle(rd, r, child) == -1)
		return (0);
	if (!child) {
		rd->validators = 1;
		rd->etag = xstrdup_or_null(r->etag);
		rd->last_modified = xstrdup_or_null(r->last_modified);
	}
	return (1);
}

/* The source's document is in: the bookkeeping of one poll. */
static void
source_polled(struct source *src, int ok)
{
	const char	*name = src->conf->name;

	src->last_poll = time(NULL);
	metrics_family_set(MF_SOURCE_LAST_POLL, (double)src->last_poll, name,
	    NULL);
	metrics_family_set(MF_SOURCE_UP, ok, name, NULL);
	if (!ok) {
		src->failures++;
		return;
	}
	source_recovered(src);
	src->failures = 0;
	src->last_success = src->last_poll;
	metrics_family_set(MF_SOURCE_LAST_SUCCESS, (double)src->last_success,
	    name, NULL);
}

static void
source_fetch_done(const struct fetch_result *r, void *arg)
{
	struct source_fetch	*sf = arg;
	struct source_round	*rd = sf->round;
	struct source		*src = rd->src;
	int			 child = sf->child, ok = 0;
	long			 retry_after = 0;

	free(sf);
	src->active--;
	rd->docs--;
	if (src->dead || r->status == FETCH_ERR_CANCELLED)
		rd->failed = 1;
	else {
		metrics_family_add(MF_FETCHES, 1, src->conf->name,
		    fetch_outcome(r));
		ok = source_answer(rd, r, child, &retry_after);
		if (!ok)
			rd->failed = 1;
		if (!child) {
			source_polled(src, ok);
			if (!ok)
				source_lease_release(src);
			source_schedule(src, 0, retry_after);
			source_status_write(src);
		}
		if (src->active == 0)
			src->polled = 1;
	}
	if (rd->docs == 0)
		source_round_unref(rd);
	source_unref(src);
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
		source_schedule(src, 1, 0);
		log_info("source %s: added", sc->name);
	}
	for (src = TAILQ_FIRST(&old); src != NULL; src = next) {
		next = TAILQ_NEXT(src, entry);
		TAILQ_REMOVE(&old, src, entry);
		log_info("source %s: removed or changed", src->conf->name);
		metrics_forget_source(src->conf->name);
		evtimer_del(src->timer);
		source_lease_release(src);
		src->dead = 1;
		src->refs++;
		source_unref(src);
	}
	metrics_set(M_G_SOURCES, d->conf->nsources);
}
