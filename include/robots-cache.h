/*
 * robots-cache.h -- may this URL be fetched?  robots.txt per origin,
 * fetched once through fetch.c and cached.
 *
 * Rules (RFC 9309 section 2.3.1 and 2.4): 2xx is parsed and kept 24 h; 3xx
 * past the redirect limit, and 4xx, allow everything for 24 h; 5xx, 429,
 * network errors, timeouts and FETCH_ERR_DEFERRED disallow everything --
 * or keep the rules an earlier fetch gave -- for 10 min (or a longer
 * Retry-After, up to 24 h), then robots.txt is asked again.
 */
#ifndef OTSNEWS_ROBOTS_CACHE_H
#define OTSNEWS_ROBOTS_CACHE_H

#include <stddef.h>

struct fetch;
struct fetch_result;
struct robots;
struct robots_cache;

/* What robots_cache_check's callback gets. */
#define ROBOTS_DISALLOWED	0
#define ROBOTS_ALLOWED		1
#define ROBOTS_CANCELLED	(-1)	/* robots_cache_free or fetch_free */

#define ROBOTS_CACHE_MAX_ORIGINS 10000
#define ROBOTS_CACHE_TTL	(24 * 60 * 60)
#define ROBOTS_CACHE_ERROR_TTL	(10 * 60)

typedef void (*robots_cache_cb)(int allowed, void *arg);

/*
 * agent_token: the product token groups are matched against ("otsnewsd").
 * max_bytes: cap on a robots.txt download, 0 for 1 MiB; only the first
 * ROBOTS_MAX_PARSE bytes are parsed either way.  Copies agent_token; the
 * fetch must outlive every robots_cache_check (not the cache itself).
 */
struct robots_cache	*robots_cache_new(struct fetch *,
			    const char *agent_token, size_t max_bytes);
/*
 * Runs every callback not yet run with ROBOTS_CANCELLED, before returning
 * (or, if called from inside one of them, once that returns).  Safe with
 * robots.txt transfers in flight and before or after fetch_free.
 */
void			 robots_cache_free(struct robots_cache *);
/*
 * Decide asynchronously whether url may be fetched: cb(allowed, arg) runs
 * exactly once, from the event loop, never from inside this call -- with
 * ROBOTS_ALLOWED, ROBOTS_DISALLOWED or ROBOTS_CANCELLED.  user_agent (the
 * User-Agent header, NULL for the configured one) and insecure (no TLS
 * verification) are used if robots.txt must be fetched.  -1 with *cause
 * (not an http(s) URL, or the transfer would not start): cb never runs.
 */
int			 robots_cache_check(struct robots_cache *,
			    const char *url, const char *user_agent,
			    int insecure, robots_cache_cb cb, void *arg,
			    char **cause);
/* Origins cached (tests, logs). */
size_t			 robots_cache_size(const struct robots_cache *);

/*
 * The rules a finished robots.txt transfer implies, NULL for unreachable
 * (5xx, 429, network error, timeout, blocked, deferred).  A body over the size limit
 * with a 2xx status is parsed as far as it arrived.  Pure; for tests.
 */
struct robots		*robots_cache_result_rules(const struct fetch_result *,
			    const char *agent_token);

#endif
