/*
 * robots-cache.c -- robots.txt per origin, fetched through fetch.c, kept in
 * a bounded table (least recently used origin evicted first).
 *
 * The first lookup of an origin starts one transfer; lookups arriving
 * meanwhile wait on it.  Answers go to a ready queue drained by a zero
 * timer, so no callback runs inside robots_cache_check.
 *
 * A transfer's argument is a small struct robots_xfer that owns itself: the
 * cache, when freed, sets its cache pointer to NULL, and the transfer's
 * callback -- run when it ends or when fetch_free cancels it, perhaps long
 * after the cache is gone -- then only frees it.
 */
#include <sys/queue.h>

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <event2/event.h>

#include "fetch.h"
#include "log.h"
#include "metrics.h"
#include "robots.h"
#include "robots-cache.h"
#include "xmalloc.h"

#define ROBOTS_CACHE_MAX_BYTES	(1024 * 1024)

struct robots_waiter {
	char			*path;		/* path and query */
	robots_cache_cb		 cb;
	void			*arg;
	int			 allowed;
	TAILQ_ENTRY(robots_waiter) entry;
};
TAILQ_HEAD(robots_waiters, robots_waiter);

struct robots_origin;

/* Owner: itself (freed by robots_cache_fetch_cb). */
struct robots_xfer {
	struct robots_cache	*cache;		/* NULL: the cache is gone */
	struct robots_origin	*origin;
};

/* Owner: the cache's table. */
struct robots_origin {
	char			*origin;	/* "https://host[:port]" */
	uint64_t		 hash;
	struct robots		*rules;		/* NULL until a fetch ends */
	time_t			 expires;	/* monotonic seconds */
	struct robots_xfer	*xfer;		/* robots.txt in flight */
	struct robots_waiters	 waiters;	/* only while xfer != NULL */
	LIST_ENTRY(robots_origin) hentry;
	TAILQ_ENTRY(robots_origin) lru;		/* least recent first */
};
LIST_HEAD(robots_bucket, robots_origin);

/* Owner: whoever called robots_cache_new. */
struct robots_cache {
	struct fetch		*fetch;
	struct event		*deliver_ev;
	char			*agent;
	size_t			 max_bytes;
	struct robots_bucket	*buckets;
	size_t			 nbuckets;	/* power of two */
	size_t			 norigins;
	TAILQ_HEAD(, robots_origin) lru;
	struct robots_waiters	 ready;
	size_t			 nready;
	int			 delivering;	/* in robots_cache_deliver_cb */
	int			 dead;		/* robots_cache_free called */
};

static void	robots_cache_fetch_cb(const struct fetch_result *, void *);
static void	robots_cache_deliver_cb(evutil_socket_t, short, void *);

static time_t
robots_cache_now(void)
{
	struct timespec	ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (ts.tv_sec);
}

/* FNV-1a. */
static uint64_t
robots_cache_hash(const char *s)
{
	uint64_t	h = 0xcbf29ce484222325ULL;

	for (; *s != '\0'; s++) {
		h ^= (unsigned char)*s;
		h *= 0x100000001b3ULL;
	}
	return (h);
}

struct robots_cache *
robots_cache_new(struct fetch *f, const char *agent_token, size_t max_bytes)
{
	struct robots_cache	*c = xcalloc(1, sizeof *c);
	size_t			 i;

	c->fetch = f;
	c->agent = xstrdup(agent_token != NULL ? agent_token : "");
	c->max_bytes = max_bytes != 0 ? max_bytes : ROBOTS_CACHE_MAX_BYTES;
	for (c->nbuckets = 1; c->nbuckets < ROBOTS_CACHE_MAX_ORIGINS;
	    c->nbuckets <<= 1)
		/* nothing */;
	c->buckets = xcalloc(c->nbuckets, sizeof *c->buckets);
	for (i = 0; i < c->nbuckets; i++)
		LIST_INIT(&c->buckets[i]);
	TAILQ_INIT(&c->lru);
	TAILQ_INIT(&c->ready);
	c->deliver_ev = evtimer_new(fetch_base(f), robots_cache_deliver_cb, c);
	return (c);
}

static void
robots_cache_schedule(struct robots_cache *c)
{
	struct timeval	tv = { 0, 0 };

	if (!evtimer_pending(c->deliver_ev, NULL))
		evtimer_add(c->deliver_ev, &tv);
}

static void
robots_cache_ready(struct robots_cache *c, struct robots_waiter *w,
    int allowed)
{
	w->allowed = allowed;
	free(w->path);
	w->path = NULL;
	TAILQ_INSERT_TAIL(&c->ready, w, entry);
	c->nready++;
	robots_cache_schedule(c);
}

static void
robots_cache_destroy(struct robots_cache *c)
{
	struct robots_origin	*o;
	struct robots_waiter	*w;

	TAILQ_FOREACH(o, &c->lru, lru) {
		if (o->xfer != NULL) {
			o->xfer->cache = NULL;	/* orphaned: frees itself */
			o->xfer->origin = NULL;
			o->xfer = NULL;
		}
		while ((w = TAILQ_FIRST(&o->waiters)) != NULL) {
			TAILQ_REMOVE(&o->waiters, w, entry);
			free(w->path);
			w->path = NULL;
			TAILQ_INSERT_TAIL(&c->ready, w, entry);
		}
	}
	/* Callbacks may call robots_cache_check (refused) or _free (no-op). */
	while ((w = TAILQ_FIRST(&c->ready)) != NULL) {
		TAILQ_REMOVE(&c->ready, w, entry);
		w->cb(ROBOTS_CANCELLED, w->arg);
		free(w);
	}
	while ((o = TAILQ_FIRST(&c->lru)) != NULL) {
		TAILQ_REMOVE(&c->lru, o, lru);
		robots_free(o->rules);
		free(o->origin);
		free(o);
	}
	event_free(c->deliver_ev);
	free(c->buckets);
	free(c->agent);
	free(c);
}

void
robots_cache_free(struct robots_cache *c)
{
	if (c == NULL || c->dead)
		return;
	c->dead = 1;
	if (!c->delivering)
		robots_cache_destroy(c);
	/* else robots_cache_deliver_cb finishes the job */
}

/* Only the answers queued when it starts: a callback may queue more. */
static void
robots_cache_deliver_cb(evutil_socket_t fd, short events, void *arg)
{
	struct robots_cache	*c = arg;
	struct robots_waiter	*w;
	size_t			 n = c->nready;

	c->delivering = 1;
	while (n-- > 0 && !c->dead && (w = TAILQ_FIRST(&c->ready)) != NULL) {
		TAILQ_REMOVE(&c->ready, w, entry);
		c->nready--;
		w->cb(w->allowed, w->arg);
		free(w);
	}
	c->delivering = 0;
	if (c->dead)
		robots_cache_destroy(c);
}

static struct robots_origin *
robots_cache_find(struct robots_cache *c, const char *origin, uint64_t h)
{
	struct robots_origin	*o;

	LIST_FOREACH(o, &c->buckets[h & (c->nbuckets - 1)], hentry) {
		if (o->hash == h && strcmp(o->origin, origin) == 0)
			return (o);
	}
	return (NULL);
}

static void
robots_cache_remove(struct robots_cache *c, struct robots_origin *o)
{
	LIST_REMOVE(o, hentry);
	TAILQ_REMOVE(&c->lru, o, lru);
	c->norigins--;
	robots_free(o->rules);
	free(o->origin);
	free(o);
}

/* Past the bound, drop the least recently used origin not being fetched. */
static void
robots_cache_evict(struct robots_cache *c)
{
	struct robots_origin	*o;

	TAILQ_FOREACH(o, &c->lru, lru) {
		if (c->norigins < ROBOTS_CACHE_MAX_ORIGINS)
			return;
		if (o->xfer == NULL) {
			robots_cache_remove(c, o);
			return;
		}
	}
}

static struct robots_origin *
robots_cache_insert(struct robots_cache *c, char *origin, uint64_t h)
{
	struct robots_origin	*o;

	robots_cache_evict(c);
	o = xcalloc(1, sizeof *o);
	o->origin = origin;
	o->hash = h;
	TAILQ_INIT(&o->waiters);
	LIST_INSERT_HEAD(&c->buckets[h & (c->nbuckets - 1)], o, hentry);
	TAILQ_INSERT_TAIL(&c->lru, o, lru);
	c->norigins++;
	return (o);
}

static int
robots_cache_fetch(struct robots_cache *c, struct robots_origin *o,
    const char *user_agent, int insecure, char **cause)
{
	struct fetch_request	 req;
	struct robots_xfer	*x;
	char			*url;
	int			 rc;

	xasprintf(&url, "%s/robots.txt", o->origin);
	memset(&req, 0, sizeof req);
	req.url = url;
	req.max_bytes = c->max_bytes;
	req.accept = "text/plain, */*;q=0.5";
	req.user_agent = user_agent;
	req.insecure = insecure;
	x = xcalloc(1, sizeof *x);
	x->cache = c;
	x->origin = o;
	rc = fetch_start(c->fetch, &req, robots_cache_fetch_cb, x, cause);
	free(url);
	if (rc == -1) {
		free(x);
		return (-1);
	}
	o->xfer = x;
	return (0);
}

int
robots_cache_check(struct robots_cache *c, const char *url,
    const char *user_agent, int insecure, robots_cache_cb cb, void *arg,
    char **cause)
{
	struct robots_origin	*o;
	struct robots_waiter	*w;
	char			*origin, *path;
	uint64_t		 h;

	if (c->dead) {
		xasprintf(cause, "robots.txt cache is shutting down");
		return (-1);
	}
	if (robots_url_split(url, &origin, &path, cause) == -1)
		return (-1);
	h = robots_cache_hash(origin);
	if ((o = robots_cache_find(c, origin, h)) == NULL)
		o = robots_cache_insert(c, origin, h);	/* takes origin */
	else {
		free(origin);
		TAILQ_REMOVE(&c->lru, o, lru);
		TAILQ_INSERT_TAIL(&c->lru, o, lru);
	}
	w = xcalloc(1, sizeof *w);
	w->path = path;
	w->cb = cb;
	w->arg = arg;
	if (o->xfer == NULL && o->rules != NULL &&
	    robots_cache_now() < o->expires) {
		robots_cache_ready(c, w, robots_allowed(o->rules, path) ?
		    ROBOTS_ALLOWED : ROBOTS_DISALLOWED);
		return (0);
	}
	if (o->xfer == NULL &&
	    robots_cache_fetch(c, o, user_agent, insecure, cause) == -1) {
		free(w->path);
		free(w);
		if (o->rules == NULL)
			robots_cache_remove(c, o);
		return (-1);
	}
	TAILQ_INSERT_TAIL(&o->waiters, w, entry);
	return (0);
}

size_t
robots_cache_size(const struct robots_cache *c)
{
	return (c->norigins);
}

struct robots *
robots_cache_result_rules(const struct fetch_result *r,
    const char *agent_token)
{
	switch (r->status) {
	case FETCH_OK:
		return (robots_from_response(r->http_code, r->body, r->len,
		    agent_token));
	case FETCH_ERR_TOO_LARGE:
		/* What arrived before the limit; nothing if Content-Length
		 * said so up front. */
		if (r->http_code >= 200 && r->http_code < 300 && r->len == 0)
			return (NULL);
		return (robots_from_response(r->http_code, r->body, r->len,
		    agent_token));
	default:
		return (NULL);
	}
}

/* New rules, or for an unreachable robots.txt the old ones or none. */
static void
robots_cache_update(struct robots_cache *c, struct robots_origin *o,
    const struct fetch_result *r)
{
	struct robots	*rules;
	char		 code[32];
	time_t		 ttl = ROBOTS_CACHE_ERROR_TTL;

	rules = robots_cache_result_rules(r, c->agent);
	if (rules != NULL) {
		robots_free(o->rules);
		o->rules = rules;
		o->expires = robots_cache_now() + ROBOTS_CACHE_TTL;
		log_debug("%s/robots.txt: HTTP %ld, %zu rules", o->origin,
		    r->http_code, robots_count(rules));
		return;
	}
	/* A longer Retry-After is honoured, up to the full TTL. */
	if (r->retry_after > ttl)
		ttl = r->retry_after < ROBOTS_CACHE_TTL ? r->retry_after :
		    ROBOTS_CACHE_TTL;
	if (r->status == FETCH_OK)
		snprintf(code, sizeof code, "HTTP %ld", r->http_code);
	log_info("%s/robots.txt: %s; %s for %lld s", o->origin,
	    r->status == FETCH_OK ? code : r->error,
	    o->rules != NULL ? "keeping the rules fetched before" :
	    "disallowing everything", (long long)ttl);
	if (o->rules == NULL)
		o->rules = robots_disallow_all();
	o->expires = robots_cache_now() + ttl;
}

static void
robots_cache_fetch_cb(const struct fetch_result *r, void *arg)
{
	struct robots_xfer	*x = arg;
	struct robots_cache	*c = x->cache;
	struct robots_origin	*o = x->origin;
	struct robots_waiter	*w;
	int			 allowed;

	free(x);
	if (c == NULL)
		return;		/* the cache was freed meanwhile */
	o->xfer = NULL;
	if (r->status != FETCH_ERR_CANCELLED) {
		metrics_inc(M_ROBOTS_FETCHES);
		robots_cache_update(c, o, r);
	}
	while ((w = TAILQ_FIRST(&o->waiters)) != NULL) {
		TAILQ_REMOVE(&o->waiters, w, entry);
		if (r->status == FETCH_ERR_CANCELLED)
			allowed = ROBOTS_CANCELLED;
		else
			allowed = robots_allowed(o->rules, w->path) ?
			    ROBOTS_ALLOWED : ROBOTS_DISALLOWED;
		robots_cache_ready(c, w, allowed);
	}
}
